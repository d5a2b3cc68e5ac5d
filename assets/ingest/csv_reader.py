"""Reading CSV files into landed Parquet: UTF-8 and header checks, every record kept with its file and line."""

from __future__ import annotations

import codecs
import csv
import functools
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

CSV_REJECTS = "csv_rejects"
_CHUNK = 1 << 20
_GLOB_CHARACTERS = re.compile(r"[*?\[]")


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


# The grammar of DuckDB's reader: a field is quoted when it starts with a quote (after any
# spaces); in it a quote is written twice, and after its closing quote spaces and a quote open it
# again. Any other quote is data. DuckDB rejects text after a closing quote but does not always
# tell where the record ends, so such lines are rejected here. Possessive quantifiers keep
# long fields linear.
_UNQUOTED = rb' *+(?:[^ ",\n][^,\n]*+)?'
_CONTENT = rb'(?:[^"]++|""|" ++")*+'
_CONTENT_ON_LINE = rb'(?:[^"\n]++|""|" ++")*+'
_FIELD_ON_LINE = rb'(?> *+"' + _CONTENT_ON_LINE + rb'" *+|' + _UNQUOTED + rb")"
# The fields that end on the line, each with its comma; the field at which it stops, opened.
_LEAD = re.compile(rb"(?:" + _FIELD_ON_LINE + rb",)*+")
_FIELDS_ON_LINE = re.compile(_FIELD_ON_LINE + rb",")
_OPENED = re.compile(rb' *+"' + _CONTENT_ON_LINE + rb"(?:\n|\Z)")
_UNTERMINATED = (
    "unterminated quote: the quote opened on this line does not close (the lines after it are read as"
    " records of their own)"
)
_TEXT_AFTER_QUOTE = (
    "text after a closing quote: a quoted field ends at its closing quote (a quote in it is written twice)"
)


@functools.cache
def _grammar(fields: int, crlf: bool) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """A record on one line (any number of fields), and a whole record of `fields` fields, quoted
    ones holding line breaks (group 1: without its line end)."""
    end = rb"\r?(?:\n|\Z)" if crlf else rb"(?:\n|\Z)"
    one = rb'(?> *+"' + _CONTENT + rb'" *+|' + _UNQUOTED + rb")"
    return (
        re.compile(_LEAD.pattern + _FIELD_ON_LINE + end),
        re.compile(rb"(" + one + rb"(?:," + one + rb"){%d})" % (fields - 1) + end),
    )


@dataclass(frozen=True)
class _BadLine:
    """A line the scan rejects: its number, offsets (start, end of its text, next line), field at fault, why."""

    line: int
    start: int
    end: int
    stop: int
    column: int
    reason: str


@dataclass
class _Scan:
    """Where the records of a CSV file lie among its physical lines."""

    fields: int
    lines: int
    continued: list[int] = field(default_factory=list)  # lines inside a record begun on an earlier line
    rejected: list[_BadLine] = field(default_factory=list)


def _scan(data: bytes, fields: int) -> _Scan:
    """Find the records that span lines (a quoted field holding a line break) and the lines to reject.

    A record running past its first line inside a quoted field is kept when it is a whole record
    of `fields` fields; otherwise its first line is rejected (an unterminated quote) and the lines
    after it are read as records of their own. A line with text after a closing quote is rejected
    too. One pass, looking only at lines that hold a quote.
    """
    crlf = _ends_in_crlf(data)
    on_one_line, record = _grammar(fields, crlf)
    scan = _Scan(fields, data.count(b"\n") + (not data.endswith(b"\n")))
    pos = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    counted, line = 0, 1  # the line at offset `counted`, counted only where it is needed
    while (quote := data.find(b'"', pos)) >= 0:
        start = data.rfind(b"\n", pos, quote) + 1 or pos
        whole = None
        if not on_one_line.match(data, start):
            line, counted = line + data.count(b"\n", counted, start), start
            lead = _LEAD.match(data, start).end()
            opened = _OPENED.match(data, lead)
            whole = opened and record.match(data, start)
            if whole:
                scan.continued.extend(range(line + 1, line + 1 + data.count(b"\n", start, whole.end(1))))
            else:
                line_end = data.find(b"\n", lead)
                stop = len(data) if line_end < 0 else line_end + 1
                end = len(data) if line_end < 0 else line_end - (crlf and data[line_end - 1] == ord("\r"))
                column = len(_FIELDS_ON_LINE.findall(data, start, lead))
                scan.rejected.append(
                    _BadLine(line, start, end, stop, column, _UNTERMINATED if opened else _TEXT_AFTER_QUOTE)
                )
        pos = data.find(b"\n", whole.end(1) if whole else quote) + 1
        if not pos:
            break
    return scan


def _ends_in_crlf(data: bytes) -> bool:
    """Whether the file's first line ends in CR LF (DuckDB's reader takes the line end of the first)."""
    end = data.find(b"\n")
    return end > 0 and data[end - 1] == ord("\r")


def _empty_lines(data: bytes, continued: list[int]) -> list[int]:
    """The empty lines outside quoted fields, which the reader skips."""
    inside = set(continued)
    empty = (b"\n\n", b"\n\r\n") if _ends_in_crlf(data) else (b"\n\n",)
    lines, line, pos = [], 1, 0
    for start in sorted(at + 1 for blank in empty for at in _occurrences(data, blank)):
        line, pos = line + data.count(b"\n", pos, start), start
        if line not in inside:
            lines.append(line)
    return lines


def _occurrences(data: bytes, sub: bytes) -> Iterator[int]:
    """Where `sub` starts in `data`, overlapping occurrences included."""
    at = data.find(sub)
    while at >= 0:
        yield at
        at = data.find(sub, at + 1)


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
    data = path.read_bytes()
    scan = _scan(data, len(header))
    if scan.rejected and scan.rejected[0].line == 1:
        raise RawExportError(f"{path.name}: line 1, the header, cannot be read ({scan.rejected[0].reason})")
    with _readable_copy(path, target.parent, data, scan.rejected) as (source, hidden):

        def text(value: str) -> str:
            return f"replace({value}, {sql_quote(hidden)}, chr(13))" if hidden else value

        _read_csv(con, path, source, header)
        _record_lines(con, path, source, data, scan)
        selected = ", ".join(f'{text(f"c{position[c]}")} as "{c}"' for c in columns)
        con.execute(
            f"""
            copy (
                with good as (
                    select line, row_number() over (order by line) as _record
                    from record_lines anti join reader_rejects using (reader_line)
                )
                select {selected}, {sql_quote(path.name)} as _file, good.line as _line
                from landed join good using (_record)
                order by _record
            ) to {sql_quote(target)} (format parquet)
            """
        )
        names = ", ".join(f"('c{i}', {sql_quote(name.strip())})" for i, name in enumerate(header))
        con.execute(
            f"""
            insert into csv_rejects
            -- The reader reports an error per missing or extra field of a line; the line is rejected
            -- once, with its first error, or with its last extra field (that names how many it holds).
            select {sql_quote(path.name)}, r.line,
                   arg_min(coalesce(h.name, ''), e.column_idx),
                   arg_min(lower(replace(e.error_type::varchar, '_', ' ')) || ': ' || e.error_message,
                           if(e.error_type::varchar = 'TOO MANY COLUMNS', -1, 1) * e.column_idx::bigint),
                   -- After empty lines the reader's text of a record starts with their line ends.
                   arg_min({text("ltrim(e.csv_line, chr(10) || chr(13))")}, e.column_idx)
            from reject_errors e join reject_scans s using (scan_id, file_id)
            join record_lines r on r.reader_line = e.line
            left join (values {names}) h(position, name) on h.position = e.column_name
            where s.file_path = {sql_quote(source)}
            group by r.line
            """
        )
        if scan.rejected:
            con.executemany(
                "insert into csv_rejects values (?, ?, ?, ?, ?)",
                [
                    (path.name, bad.line, header[bad.column].strip() if bad.column < len(header) else "",
                     bad.reason, data[bad.start : bad.end].decode("utf-8"))
                    for bad in scan.rejected
                ],
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


def _record_lines(
    con: duckdb.DuckDBPyConnection, path: Path, source: Path, data: bytes, scan: _Scan
) -> None:
    """The temp tables `reader_rejects` (the reader's numbers of the records it rejected) and
    `record_lines` (each record after the header: its first line, and the reader's number for it)."""
    con.execute(
        f"""
        create or replace temp table reader_rejects as
        select distinct e.line as reader_line
        from reject_errors e join reject_scans s using (scan_id, file_id)
        where s.file_path = {sql_quote(source)}
        """
    )
    read = con.execute("select (select count(*) from landed) + (select count(*) from reader_rejects)").fetchone()[0]
    # Lines the reader does not count: those inside a record, and the rejected ones (not in its copy).
    uncounted = sorted(scan.continued + [bad.line for bad in scan.rejected])
    # Of several columns, an empty line is no record (of one, it is an empty value). Empty lines
    # are rare and slow to look for: only when the records do not fill the lines.
    empty = []
    if scan.fields > 1 and scan.lines - 1 - len(uncounted) != read:
        empty = _empty_lines(data, scan.continued)
    # The reader numbers a record by the line ends before it outside quoted fields, empty lines
    # included: its first line less the uncounted lines before it.
    con.execute(
        f"""
        create or replace temp table record_lines as
        with uncounted as (
            select unnest($uncounted::bigint[]) as line, generate_subscripts($uncounted::bigint[], 1) as before
        ),
        starts as (
            select line from range(2, {scan.lines + 1}) t(line)
            anti join (select line from uncounted union all select unnest($empty::bigint[])) using (line)
        )
        select s.line, s.line - coalesce(u.before, 0) as reader_line
        from starts s asof left join uncounted u on s.line >= u.line
        """,
        {"uncounted": uncounted, "empty": empty},
    )
    records, placed = con.execute(
        "select count(*), count(*) filter (where reader_line in (from reader_rejects)) from record_lines"
    ).fetchone()
    if records != read or placed != len(con.execute("from reader_rejects").fetchall()):
        raise RawExportError(
            f"{path.name}: the CSV reader read {read} records where the file's lines hold {records};"
            " their line numbers cannot be told"
        )


@contextmanager
def _readable_copy(
    path: Path, scratch: Path, data: bytes, rejected: list[_BadLine]
) -> Iterator[tuple[Path, str | None]]:
    """The file for DuckDB's reader to read, and the character standing for a carriage return in it
    (None: no carriage return is hidden).

    DuckDB's reader fails on a carriage return inside a quoted field of a file whose lines end in
    LF, where it can only be data: such a file is read from a copy in which each carriage return
    is a character the file does not hold, put back in every value read. The lines the scan
    rejects are left out of the copy: the reader would take the lines after an unterminated quote
    into its record.
    """
    hide = b"\r" in data and not _ends_in_crlf(data)
    if not hide and not rejected:
        if not _GLOB_CHARACTERS.search(str(path)):
            yield path, None
            return
        # DuckDB's reader takes *, ? and [ in a path for a pattern: read the file through a link without them.
        with tempfile.TemporaryDirectory(prefix="atlas-csv-") as folder:
            link = Path(folder) / "export.csv"
            link.symlink_to(path.resolve())
            yield link, None
        return
    hidden = next(c for c in map(chr, range(0x10FFFD, 0xF0000, -1)) if c.encode() not in data) if hide else None
    # Named after nothing from the data, so the path holds no pattern characters the export brought.
    copy = scratch / f".landing-{os.getpid()}.csv"
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        with copy.open("wb") as out:
            bounds = [0, *(at for bad in rejected for at in (bad.start, bad.stop)), len(data)]
            for start, end in zip(bounds[::2], bounds[1::2]):
                for at in range(start, end, _CHUNK):
                    kept = data[at : min(at + _CHUNK, end)]
                    out.write(kept.replace(b"\r", hidden.encode()) if hidden else kept)
        yield copy, hidden
    finally:
        copy.unlink(missing_ok=True)


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
