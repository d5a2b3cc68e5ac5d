"""Property-based: hostile names and garbage rows never break the build, lose a row or the Markdown."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.landing import RAW_TABLES
from assets.linkcheck import check_links
from tests.conftest import build_atlas, csv_records
from tests.test_foundation import MART_OF_RAW
from tools.demo_library import generate_library

# Names with everything that could break a table, a link or a page: quotes, commas, newlines,
# pipes, brackets, HTML, CJK and right-to-left scripts, and the empty string.
HOSTILE = st.one_of(
    st.sampled_from(["", "|", "<script>alert(1)</script>", "[x](y)", "a,b", 'say "hi"', "two\nlines", "`code`",
                     "케이팝", "ポップ", "موسيقى", "שיר", "../../etc", "con", "\\", "*bold*", "<img src=x>"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
)
NAME_COLUMNS = {"tracks": "name", "albums": "name", "artists": "name", "playlists": "name", "artist_genre": "genre"}
OWN_TAGS = re.compile(r'<img src="https://[^"]*" alt="" width="\d+" />|</?details>|</?summary>')


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        _write_records(handle, [header, *rows])


def append_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        _write_records(handle, rows)


def _write_records(handle, records: list[list[str]]) -> None:
    """Write records with LF line ends, quoting a record with a carriage return in it.

    Python's writer leaves such a field bare, and a bare carriage return is a line break to
    Python's reader but data to the atlas (in a file whose lines end in LF), so the two would
    count different records.
    """
    for record in records:
        quoting = csv.QUOTE_ALL if any("\r" in field for field in record) else csv.QUOTE_MINIMAL
        csv.writer(handle, lineterminator="\n", quoting=quoting).writerow(record)


RENAMES = st.lists(st.tuples(st.sampled_from(sorted(NAME_COLUMNS)), st.integers(0, 40), HOSTILE), max_size=12)
GARBAGE_FIELDS = st.lists(st.one_of(HOSTILE, st.sampled_from(["-1", "2.5", "nan", "1e999", "abc", "spotify:track:x"])),
                          min_size=0, max_size=16)


@st.composite
def exports(draw):
    """Edits to a small generated export: hostile names in some rows, garbage rows in some files."""
    return draw(RENAMES), draw(st.lists(st.tuples(st.sampled_from(sorted(RAW_TABLES)), GARBAGE_FIELDS), max_size=8))


def rename(raw: Path, renames: list[tuple[str, int, str]]) -> None:
    """Give some rows of a normalised export hostile names."""
    for table, index, name in renames:
        header, rows = read_rows(raw / f"{table}.csv")
        rows[index % len(rows)][header.index(NAME_COLUMNS[table])] = name
        write_rows(raw / f"{table}.csv", header, rows)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=exports(), seed=st.integers(0, 1000))
def test_hostile_exports_build_and_account_for_every_row(tmp_path_factory, edits, seed):
    tmp = tmp_path_factory.mktemp("hostile")
    raw = tmp / "raw"
    generate_library(raw, 300, seed)
    renames, garbage = edits
    rename(raw, renames)
    for table, fields in garbage:
        header, rows = read_rows(raw / f"{table}.csv")
        write_rows(raw / f"{table}.csv", header, [*rows, fields])

    build = build_atlas(raw, tmp / "work")

    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        rejected = dict(con.execute("select source_file, count(*) from rejected_rows group by all").fetchall())
        for table in RAW_TABLES:
            in_mart = con.execute(MART_OF_RAW[table]).fetchall()[0][0]
            assert csv_records(raw / f"{table}.csv") == in_mart + rejected.get(f"{table}.csv", 0), table
    assert_pages_are_clean(build)


def assert_pages_are_clean(build) -> None:
    """Every link resolves, no page carries HTML from the data, every table row has its header's cells."""
    report = check_links(build.settings.docs_out)
    assert report.ok, [str(b) for b in report.broken[:5]] + report.unreachable[:5]
    for path, content in build.files().items():
        if not path.endswith(".md"):
            continue
        text = content.decode()
        assert "<" not in OWN_TAGS.sub("", text), path
        header_cells = None
        for line in text.split("\n"):
            if line.startswith("|"):
                cells = len(re.findall(r"(?<!\\)\|", line))
                header_cells = header_cells or cells
                assert cells == header_cells, (path, line)
            else:
                header_cells = None
