"""Land an Exportify export (one CSV file per playlist) in the ten tables of the normalised layout.

Exportify (https://exportify.net) writes one CSV file per playlist, a track per line, with the
track's album, artists, genres and audio features in columns. This module reads such a folder and
writes exactly the Parquet files `assets.ingest.normalised.land` writes: one per table of
`RAW_TABLES` (its columns as VARCHAR, in order, then `_file` and `_line`) and `csv_rejects`, so dbt
and everything after it read an Exportify export as they read a normalised one.

How an Exportify folder maps to the tables:

* Every top-level `*.csv` file (dot files such as macOS `._x.csv` are skipped) is a playlist,
  named by its file name without `.csv`, `_` read as a space (NFC-normalised, trimmed). A file
  named `Liked Songs.csv` / `Liked_Songs.csv` (any case) holds the liked tracks instead.
* Files are read in name order; an entity (track, album, artist, audio features) seen in several
  files is landed once, from its first occurrence in that order, and its `_file`/`_line` point at
  that line. playlist_track and liked_tracks keep every line, in file order.
* Two header generations are read, the header matched case-insensitively, trimmed, in any
  order (see `_SOURCES`): the current one (artist names only, separated by `;`; genres, label and
  release date per track) and the older one (artist and album URIs; artist and album-artist
  names separated by `,`). Only `Track URI` and `Track Name` are required; any other column may
  be absent (its values are then null).
* Where the export gives no artist or album URI, the key is derived from the name:
  `exportify:artist:` + the first 22 hex digits of sha1(lower(trimmed name)), and
  `exportify:album:` + the same of lower(album name) U+001F lower(first artist name) U+001F
  release date. Playlists are `exportify:playlist:` + sha1 of the (NFC) file name.
* Names (tracks, albums, artists, labels, genres, playlists) and keys are trimmed of blanks,
  including tabs and Unicode spaces; every other value is landed as the text the file held, and
  dbt types and checks it.
* A track gets an audio_features row when at least one feature column holds a value. Its
  genres (Exportify gives the genres of all the track's artists together) go to its primary
  (first) artist in artist_genre. When the file has no album-artist columns, the album's artist
  is the track's primary artist (the artist the derived album key is built from).
* Records with the wrong number of fields are collected by the reader, as for a normalised
  export, into csv_rejects, naming the Exportify file and line.
"""

from __future__ import annotations

import hashlib
import tempfile
import unicodedata
from pathlib import Path

import duckdb

from assets.ingest.csv_reader import (
    CSV_REJECTS,
    LandingReport,
    RawExportError,
    check_utf8,
    csv_files,
    land_csv_table,
    read_header,
    reader_connection,
    sql_quote,
    write_csv_rejects,
)
from assets.ingest.layout import RAW_TABLES

FORMAT = "exportify"
REQUIRED = ("Track URI", "Track Name")

# What each landed value is read from: source field -> Exportify header names (lower-case,
# trimmed), first present wins. The first block is shared, the next the current generation's own
# columns, then the older generation's.
_SOURCES: dict[str, tuple[str, ...]] = {
    "track_uri": ("track uri",),
    "track_name": ("track name",),
    "artist_names": ("artist name(s)",),
    "album_name": ("album name",),
    "popularity": ("popularity",),
    "explicit": ("explicit",),
    "release_date": ("release date", "album release date"),
    "duration_ms": ("duration (ms)", "track duration (ms)"),
    "genres": ("genres", "artist genres"),
    "label": ("record label", "label"),
    "artist_uris": ("artist uri(s)",),
    "album_uri": ("album uri",),
    "album_artist_uris": ("album artist uri(s)",),
    "album_artist_names": ("album artist name(s)",),
    "image_url": ("album image url",),
    "isrc": ("isrc",),
    "danceability": ("danceability",),
    "energy": ("energy",),
    "key": ("key",),
    "loudness": ("loudness",),
    "mode": ("mode",),
    "speechiness": ("speechiness",),
    "acousticness": ("acousticness",),
    "instrumentalness": ("instrumentalness",),
    "liveness": ("liveness",),
    "valence": ("valence",),
    "tempo": ("tempo",),
    "time_signature": ("time signature",),
}
FEATURES = RAW_TABLES["audio_features"][:-1]  # the twelve feature columns, without track_uri
# Columns only one generation has: they tell which separator the artist names use.
_CURRENT_ONLY = {"release date", "duration (ms)", "genres", "record label"}
_OLDER_ONLY = {
    "artist uri(s)", "album uri", "album artist uri(s)", "album artist name(s)", "album release date",
    "album image url", "disc number", "track number", "track duration (ms)", "track preview url", "isrc",
    "artist genres", "album genres", "label", "copyrights",
}
_LIKED = "liked songs"
_REQUIRED_NAMES = {name.lower() for name in REQUIRED}
# Header names no other layout uses: Exportify's have spaces (the normalised layout's are snake_case).
_OWN_NAMES = {
    name for name in {*(n for names in _SOURCES.values() for n in names), *_CURRENT_ONLY, *_OLDER_ONLY} if " " in name
}

# Blanks at either end: ASCII white space (tabs, line breaks) and Unicode separators (NBSP, ...).
_SQL_MACROS = r"""
create or replace temp macro clean(x) as nullif(regexp_replace(x, '^[\s\pZ]+|[\s\pZ]+$', '', 'g'), '');
create or replace temp macro name_key(kind, x) as 'exportify:' || kind || ':' || left(sha1(x), 22);
"""


def _header_names(header: list[str]) -> set[str]:
    return {name.strip().lower() for name in header}


def _readable_header(path: Path) -> set[str]:
    """The file's header names, or none when it has no readable header."""
    try:
        return _header_names(read_header(path))
    except (RawExportError, UnicodeDecodeError, OSError):
        return set()


def recognises(raw_dir: Path) -> bool:
    """True when a CSV file of the folder has an Exportify header (`Track URI` and `Track Name`), or,
    in a folder holding no file of the normalised layout, names columns as only Exportify does.

    One such file is enough: a folder of Exportify files with one broken file, or a lone playlist
    file lacking `Track URI`, then lands as Exportify and fails with an error naming that file.
    """
    if not raw_dir.is_dir():
        return False
    files = csv_files(raw_dir)
    headers = [_readable_header(path) for path in files]
    if any(_REQUIRED_NAMES <= names for names in headers):
        return True
    normalised = {f"{table}.csv" for table in RAW_TABLES}
    return not any(path.name in normalised for path in files) and any(names & _OWN_NAMES for names in headers)


def _display_name(path: Path) -> str:
    """The playlist name a file name stands for: without `.csv`, `_` read as a space."""
    return unicodedata.normalize("NFC", path.stem).replace("_", " ").strip()


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:22]


def playlist_uri(path: Path) -> str:
    """The stable URI of the playlist an Exportify file holds."""
    return f"exportify:playlist:{_digest(unicodedata.normalize('NFC', path.name))}"


def _read_header(path: Path) -> list[str]:
    """The header of one file, or RawExportError naming the file when it cannot be read."""
    try:
        return read_header(path)
    except UnicodeDecodeError:
        check_utf8(path)  # raises, naming the line
        raise RawExportError(f"{path.name}: the file is not UTF-8 text") from None
    except OSError as error:
        raise RawExportError(f"{path.name}: cannot be read ({error.strerror or error})") from None


def _file_select(index: int, path: Path, names: set[str], landed: Path) -> str:
    """A select over one landed file giving every source field (null where the file lacks it)."""
    older = bool(names & _OLDER_ONLY) and not names & _CURRENT_ONLY
    liked = _display_name(path).casefold() == _LIKED
    fields = []
    for field, columns in _SOURCES.items():
        present = [f'"{column}"' for column in columns if column in names]
        value = present[0] if len(present) == 1 else f"coalesce({', '.join(present)})" if present else "null"
        fields.append(f'{value}::varchar as "{field}"')
    return f"""
        select {index} as file_index, _file, _line::bigint as _line,
               {"'liked'" if liked else "'playlist'"} as kind,
               {"null" if liked else sql_quote(playlist_uri(path))} as playlist_uri,
               {sql_quote("," if older else ";")} as sep,
               {", ".join(fields)}
        from read_parquet({sql_quote(landed)})
    """


# The ten tables from `src` (every landed line of every file, see _file_select). Each query gives
# the table's columns in order, then _file, _line, and ends with its order.
_DERIVE = r"""
create temp table src as
select *, clean(track_uri) as track_key from ({union});

-- The line each track is landed from: its first occurrence in file order.
create temp table chosen as
select * from src where track_key is not null
qualify row_number() over (partition by track_key order by file_index, _line) = 1;

-- Artist credits of each chosen line: role 0 the track's artists, role 1 the album's.
create temp table credit_source as
select track_key, 0 as role, artist_uris as uris, artist_names as names, sep from chosen
union all
select track_key, 1, album_artist_uris, album_artist_names, ',' from chosen;

create temp table credit_uri as
select track_key, role, uri,
       row_number() over (partition by track_key, role order by pos) as n,
       count(*) over (partition by track_key, role) as total
from (
    select track_key, role, clean(part) as uri, pos
    from credit_source, unnest(string_split(uris, ',')) with ordinality as t(part, pos)
)
where uri is not null;

create temp table credit_name as
select track_key, role, name,
       row_number() over (partition by track_key, role order by pos) as n,
       count(*) over (partition by track_key, role) as total
from (
    select track_key, role, clean(part) as name, pos
    from credit_source, unnest(string_split(names, sep)) with ordinality as t(part, pos)
)
where name is not null;

-- With URIs, a name is paired by position when the counts agree (an artist name may hold the
-- separator); a single URI takes the whole name text. Without URIs, the names give the keys.
create temp table credit as
select c.*, chosen.file_index, chosen._file, chosen._line
from (
    select u.track_key, u.role, u.n, u.uri as artist_uri,
           case when u.total = 1 then clean(s.names) when u.total = m.total then m.name end as artist_name
    from credit_uri u
    join credit_source s using (track_key, role)
    left join credit_name m using (track_key, role, n)
    union all
    select m.track_key, m.role, m.n, name_key('artist', lower(m.name)), m.name
    from credit_name m anti join credit_uri u using (track_key, role)
) c join chosen using (track_key);

create temp table track_album as
select c.track_key,
       coalesce(clean(c.album_uri), case when clean(c.album_name) is not null then name_key('album',
           lower(clean(c.album_name)) || chr(31) || coalesce(lower(coalesce(a.name, t.name)), '')
           || chr(31) || coalesce(clean(c.release_date), '')) end) as album_key
from chosen c
left join credit_name a on a.track_key = c.track_key and a.role = 1 and a.n = 1
left join credit_name t on t.track_key = c.track_key and t.role = 0 and t.n = 1;

create temp view out_tracks as
select name, popularity, explicit, duration_ms, uri, album_uri, isrc, _file, _line from (
    select clean(c.track_name) as name, c.popularity, c.explicit, c.duration_ms, c.track_key as uri,
           a.album_key as album_uri, c.isrc, c._file, c._line, c.file_index
    from chosen c join track_album a using (track_key)
    union all
    -- A line without a track URI is landed as it is, for dbt to report (it gives nothing else).
    select clean(track_name), popularity, explicit, duration_ms, null, null, isrc, _file, _line, file_index
    from src where track_key is null
)
order by file_index, _line;

create temp view out_albums as
select clean(c.album_name) as name, null as album_type, clean(c.label) as label, null as popularity,
       null as total_tracks, clean(c.release_date) as release_date, a.album_key as uri,
       clean(c.image_url) as image_url, c._file, c._line
from chosen c join track_album a using (track_key)
where a.album_key is not null
qualify row_number() over (partition by a.album_key order by c.file_index, c._line) = 1
order by c.file_index, c._line;

-- An artist is landed from its first credit that names it (else its first credit).
create temp view out_artists as
select artist_name as name, artist_uri as uri, null as popularity, null as followers, null as image_url, _file, _line
from credit
qualify row_number() over (partition by artist_uri order by artist_name is null, file_index, _line, role, n) = 1
order by file_index, _line, role, n;

create temp view out_audio_features as
select {features}, track_key as track_uri, _file, _line
from chosen
where coalesce({cleaned_features}) is not null
order by file_index, _line;

create temp view out_track_artist as
select track_key as track_uri, artist_uri, (n - 1)::varchar as artist_index, _file, _line
from credit where role = 0
qualify row_number() over (partition by track_key, artist_uri order by n) = 1
order by file_index, _line, n;

create temp view out_album_artist as
select a.album_key as album_uri, c.artist_uri, c._file, c._line
from credit c join track_album a using (track_key)
where a.album_key is not null
  and (c.role = 1 or (c.role = 0 and c.n = 1
       and not exists (select 1 from credit o where o.track_key = c.track_key and o.role = 1)))
qualify row_number() over (partition by a.album_key, c.artist_uri order by c.file_index, c._line, c.role, c.n) = 1
order by c.file_index, c._line, c.role, c.n;

create temp view out_artist_genre as
select artist_uri, genre, _file, _line from (
    select p.artist_uri, clean(g.part) as genre, c._file, c._line, c.file_index, g.pos
    from chosen c
    join credit p on p.track_key = c.track_key and p.role = 0 and p.n = 1,
    unnest(string_split(c.genres, ',')) with ordinality as g(part, pos)
)
where genre is not null
qualify row_number() over (partition by artist_uri, genre order by file_index, _line, pos) = 1
order by file_index, _line, pos;

create temp view out_liked_tracks as
select track_key as track_uri, _file, _line from src
where kind = 'liked' and track_key is not null
order by file_index, _line;

create temp view out_playlists as
select name, null as collaborative, null as "public", uri, null as image_url, _file, _line
from playlist_files
order by file_index;

create temp view out_playlist_track as
select playlist_uri, track_key as track_uri, _file, _line from src
where kind = 'playlist' and track_key is not null
order by file_index, _line;
"""


def land(raw_dir: Path, landing_dir: Path) -> LandingReport:
    """Land a folder of Exportify CSV files as the ten raw tables; raise RawExportError if unusable."""
    if not raw_dir.is_dir():
        raise RawExportError(f"{raw_dir}: the raw export folder does not exist")
    files = csv_files(raw_dir)
    if not files:
        raise RawExportError(f"{raw_dir}: no CSV files in the folder (expected Exportify playlist files)")

    # Every header is checked before any file is read; land_csv_table then checks each file is
    # UTF-8. Files are read into a scratch folder: nothing is landed unless every file is usable.
    headers: list[set[str]] = []
    for path in files:
        names = _header_names(_read_header(path))
        missing = [column for column in REQUIRED if column.lower() not in names]
        if missing:
            raise RawExportError(f"{path.name}: missing column {', '.join(repr(c) for c in missing)}")
        headers.append(names)

    con = reader_connection()
    report = LandingReport(format=FORMAT)
    with tempfile.TemporaryDirectory(prefix="exportify_") as scratch:
        selects = []
        for index, (path, names) in enumerate(zip(files, headers)):
            columns = tuple(column for columns in _SOURCES.values() for column in columns if column in names)
            landed = Path(scratch) / f"{index}.parquet"
            land_csv_table(con, path, columns, landed)
            selects.append(_file_select(index, path, names, landed))
        _derive(con, files, selects)
        landing_dir.mkdir(parents=True, exist_ok=True)
        for table, columns in RAW_TABLES.items():
            target = landing_dir / f"{table}.parquet"
            typed = ", ".join(f'"{column}"::varchar as "{column}"' for column in columns)
            con.execute(
                f"copy (select {typed}, _file::varchar as _file, _line::bigint as _line from out_{table})"
                f" to {sql_quote(target)} (format parquet)"
            )
            report.rows[table] = con.execute(f"select count(*) from read_parquet({sql_quote(target)})").fetchone()[0]
    report.rejected = write_csv_rejects(con, landing_dir / f"{CSV_REJECTS}.parquet")
    return report


def _derive(con: duckdb.DuckDBPyConnection, files: list[Path], selects: list[str]) -> None:
    """Create the out_<table> views of the ten tables from the landed files."""
    con.execute(_SQL_MACROS)
    playlists = [
        f"({index}, {sql_quote(_display_name(path))}, {sql_quote(playlist_uri(path))}, {sql_quote(path.name)})"
        for index, path in enumerate(files)
        if _display_name(path).casefold() != _LIKED
    ]
    con.execute(
        "create temp table playlist_files (file_index integer, name varchar, uri varchar, _file varchar, _line bigint)"
    )
    if playlists:
        # The playlist comes from the file itself: its header line.
        con.execute(f"insert into playlist_files select *, 1 from (values {', '.join(playlists)})")
    con.execute(
        _DERIVE.format(
            union=" union all ".join(selects),
            features=", ".join(f'"{column}"' for column in FEATURES),
            cleaned_features=", ".join(f'clean("{column}")' for column in FEATURES),
        )
    )
