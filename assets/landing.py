"""Validate a raw export folder and land its tables as Parquet for dbt to read."""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# The normalised Spotify CSV layout: file stem -> columns every file must have.
RAW_TABLES: dict[str, tuple[str, ...]] = {
    "tracks": ("name", "popularity", "explicit", "duration_ms", "uri", "album_uri", "isrc"),
    "albums": ("name", "album_type", "label", "popularity", "total_tracks", "release_date", "uri", "image_url"),
    "artists": ("name", "uri", "popularity", "followers", "image_url"),
    "audio_features": (
        "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
        "instrumentalness", "liveness", "valence", "tempo", "time_signature", "track_uri",
    ),
    "track_artist": ("track_uri", "artist_uri", "artist_index"),
    "album_artist": ("album_uri", "artist_uri"),
    "artist_genre": ("artist_uri", "genre"),
    "liked_tracks": ("track_uri",),
    "playlists": ("name", "collaborative", "public", "uri", "image_url"),
    "playlist_track": ("playlist_uri", "track_uri"),
}
CSV_REJECTS = "csv_rejects"
_CHUNK = 1 << 20


class RawExportError(ValueError):
    """The raw export cannot be read at all; the message names the file (and column)."""


@dataclass
class LandingReport:
    """What was landed: rows per table and rows the CSV reader had to reject."""

    rows: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)


def check_utf8(path: Path) -> None:
    """Raise RawExportError naming the file and line of the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line += chunk[: error.start].count(b"\n")
                raise RawExportError(f"{path.name}: line {line} is not UTF-8 text ({error.reason})") from None
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise RawExportError(f"{path.name}: line {line} ends in a truncated UTF-8 character") from None


def read_header(path: Path) -> list[str]:
    """The first record of a CSV file, or RawExportError naming the file when it has none."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), None)
    if not header or not any(name.strip() for name in header):
        raise RawExportError(f"{path.name}: the file is empty (no header row)")
    return header


def _quote(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def land_csv_table(
    con: duckdb.DuckDBPyConnection, path: Path, columns: tuple[str, ...], target: Path
) -> int:
    """Copy the named columns of one CSV file to Parquet with its file name and line; return rows."""
    check_utf8(path)
    header = read_header(path)
    position = {name.strip().lower(): index for index, name in reversed(list(enumerate(header)))}
    missing = [column for column in columns if column not in position]
    if missing:
        raise RawExportError(f"{path.name}: missing column {', '.join(repr(c) for c in missing)}")
    # A record's line is its ordinal after the header, counting the records the reader rejected
    # (as DuckDB's reject table does); it equals the physical line unless a field holds a line break.
    selected = ", ".join(f'c{position[c]} as "{c}"' for c in columns)
    # Explicit columns and dialect: sniffing guesses wrong on exactly the files that need rejecting.
    typed = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    con.execute(
        f"""
        create or replace temp table landed as
        select {selected}, ordinality::bigint as _record
        from read_csv({_quote(path)}, header=true, auto_detect=false, columns={typed},
                      delim=',', quote='"', escape='"', store_rejects=true) with ordinality
        """
    )
    con.execute(
        f"""
        copy (
            with rejected_lines as (
                select distinct line
                from reject_errors join reject_scans using (scan_id, file_id)
                where file_path = {_quote(path)}
            ),
            rejected as (
                select line - row_number() over (order by line) as good_before, row_number() over (order by line) as n
                from rejected_lines
            ),
            shift as (select good_before, max(n) as n from rejected group by good_before)
            select landed.* exclude (_record), {_quote(path.name)} as _file,
                   _record + 1 + coalesce(shift.n, 0) as _line
            from landed asof left join shift on landed._record >= shift.good_before
            order by _record
        ) to {_quote(target)} (format parquet)
        """
    )
    names = ", ".join(f"('c{i}', {_quote(name.strip())})" for i, name in enumerate(header))
    con.execute(
        f"""
        insert into csv_rejects
        -- The reader may report one error per missing column of a line; the line is rejected once.
        select {_quote(path.name)}, e.line,
               arg_min(coalesce(h.name, ''), e.column_idx),
               arg_min(lower(replace(e.error_type::varchar, '_', ' ')) || ': ' || e.error_message, e.column_idx),
               arg_min(e.csv_line, e.column_idx)
        from reject_errors e join reject_scans s using (scan_id, file_id)
        left join (values {names}) h(position, name) on h.position = e.column_name
        where s.file_path = {_quote(path)}
        group by e.line
        """
    )
    return con.execute(f"select count(*) from read_parquet({_quote(target)})").fetchall()[0][0]


def land_normalised_export(raw_dir: Path, landing_dir: Path) -> LandingReport:
    """Land the ten files of a normalised Spotify CSV export; raise RawExportError if unusable."""
    if not raw_dir.is_dir():
        raise RawExportError(f"{raw_dir}: the raw export folder does not exist")
    absent = [f"{name}.csv" for name in RAW_TABLES if not (raw_dir / f"{name}.csv").is_file()]
    if absent:
        raise RawExportError(f"{raw_dir}: missing file {', '.join(absent)}")
    landing_dir.mkdir(parents=True, exist_ok=True)
    report = LandingReport()
    con = reader_connection()
    for name, columns in RAW_TABLES.items():
        report.rows[name] = land_csv_table(con, raw_dir / f"{name}.csv", columns, landing_dir / f"{name}.parquet")
    report.rejected = write_csv_rejects(con, landing_dir / f"{CSV_REJECTS}.parquet")
    return report


def reader_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the table that collects the CSV reader's rejected records."""
    con = duckdb.connect()
    con.execute(
        "create temp table csv_rejects (source_file varchar, source_line bigint, column_name varchar,"
        " reason varchar, raw_text varchar)"
    )
    return con


def write_csv_rejects(con: duckdb.DuckDBPyConnection, target: Path) -> dict[str, int]:
    """Write the collected reader rejects to Parquet; return their count per file."""
    con.execute(f"copy (select * from csv_rejects order by all) to {_quote(target)} (format parquet)")
    return dict(con.execute("select source_file, count(*) from csv_rejects group by all order by all").fetchall())
