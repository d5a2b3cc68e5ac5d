"""Reading CSV files into landed Parquet: UTF-8 and header checks, every record kept with its file and line."""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

CSV_REJECTS = "csv_rejects"
_CHUNK = 1 << 20


class RawExportError(ValueError):
    """The raw export cannot be read at all; the message names the file (and column)."""


@dataclass
class LandingReport:
    """What was landed: the export's format, rows per table and records the CSV reader rejected per file."""

    format: str
    rows: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)


def csv_files(raw_dir: Path) -> list[Path]:
    """The folder's top-level CSV files in name order (dot files, e.g. macOS `._x.csv`, skipped)."""
    return sorted(
        (p for p in raw_dir.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith(".") and p.is_file()),
        key=lambda p: p.name,
    )


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


def sql_quote(value: str | Path) -> str:
    """A SQL string literal of the value."""
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
    with _carriage_returns_hidden(path, target.parent) as (source, hidden):
        def text(value: str) -> str:
            return f"replace({value}, {sql_quote(hidden)}, chr(13))" if hidden else value

        _read_csv(con, path, source, header)
        # A record's line is its ordinal after the header, counting the records the reader rejected
        # (as DuckDB's reject table does); it equals the physical line unless a field holds a line break.
        selected = ", ".join(f'{text(f"c{position[c]}")} as "{c}"' for c in columns)
        con.execute(
            f"""
            copy (
                with rejected_lines as (
                    select distinct line
                    from reject_errors join reject_scans using (scan_id, file_id)
                    where file_path = {sql_quote(source)}
                ),
                rejected as (
                    select line - row_number() over (order by line) as good_before, row_number() over (order by line) as n
                    from rejected_lines
                ),
                shift as (select good_before, max(n) as n from rejected group by good_before)
                select {selected}, {sql_quote(path.name)} as _file,
                       _record + 1 + coalesce(shift.n, 0) as _line
                from landed asof left join shift on landed._record >= shift.good_before
                order by _record
            ) to {sql_quote(target)} (format parquet)
            """
        )
        names = ", ".join(f"('c{i}', {sql_quote(name.strip())})" for i, name in enumerate(header))
        con.execute(
            f"""
            insert into csv_rejects
            -- The reader may report one error per missing column of a line; the line is rejected once.
            select {sql_quote(path.name)}, e.line,
                   arg_min(coalesce(h.name, ''), e.column_idx),
                   arg_min(lower(replace(e.error_type::varchar, '_', ' ')) || ': ' || e.error_message, e.column_idx),
                   arg_min({text("e.csv_line")}, e.column_idx)
            from reject_errors e join reject_scans s using (scan_id, file_id)
            left join (values {names}) h(position, name) on h.position = e.column_name
            where s.file_path = {sql_quote(source)}
            group by e.line
            """
        )
    return con.execute(f"select count(*) from read_parquet({sql_quote(target)})").fetchall()[0][0]


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, source: Path, header: list[str]) -> None:
    """Read every record of `source` (the file at `path`, or its copy) into the temp table `landed`."""
    # Explicit columns and dialect: sniffing guesses wrong on exactly the files that need rejecting.
    typed = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    try:
        con.execute(
            f"""
            create or replace temp table landed as
            select *, ordinality::bigint as _record
            from read_csv({sql_quote(source)}, header=true, auto_detect=false, columns={typed},
                          delim=',', quote='"', escape='"', store_rejects=true) with ordinality
            """
        )
    except duckdb.Error as error:
        # E.g. a file mixing CRLF and LF line ends: the reader gives up on the whole file.
        reason = str(error).splitlines()[0]
        raise RawExportError(f"{path.name}: the CSV reader cannot read the file ({reason})") from None


@contextmanager
def _carriage_returns_hidden(path: Path, scratch: Path) -> Iterator[tuple[Path, str | None]]:
    """The file to read, and the character standing for a carriage return in it (None: the file itself).

    DuckDB's reader fails on a carriage return inside a quoted field of a file whose lines end in
    LF, where it can only be data. Such a file is read from a copy in which each carriage return
    is a character the file does not hold, put back in every value read.
    """
    with path.open("rb") as handle:
        first_line = handle.readline()
    if first_line.endswith(b"\r\n") or not _holds(path, b"\r"):
        yield path, None
        return
    hidden = next(c for c in map(chr, range(0x10FFFD, 0xF0000, -1)) if not _holds(path, c.encode()))
    copy = scratch / f".{path.name}.{os.getpid()}.csv"
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("rb") as source, copy.open("wb") as out:
            while chunk := source.read(_CHUNK):
                out.write(chunk.replace(b"\r", hidden.encode()))
        yield copy, hidden
    finally:
        copy.unlink(missing_ok=True)


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file contains the bytes (found across chunk borders too)."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if data in tail + chunk:
                return True
            tail = chunk[-(len(data) - 1):] if len(data) > 1 else b""
    return False


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
    con.execute(f"copy (select * from csv_rejects order by all) to {sql_quote(target)} (format parquet)")
    return dict(con.execute("select source_file, count(*) from csv_rejects group by all order by all").fetchall())
