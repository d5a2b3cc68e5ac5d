"""Property-based: hostile names and garbage rows never break the build, lose a row or the Markdown."""

from __future__ import annotations

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.ingest import RAW_TABLES
from tests.support import (
    GARBAGE_FIELDS,
    GARBAGE_VALUES,
    HOSTILE_NAMES,
    HOSTILE_RENAMES,
    MART_OF_RAW,
    RENAMES,
    assert_pages_are_clean,
    build_pages,
    csv_records,
    read_rows,
    rename,
    write_rows,
)
from tools.demo_library import generate_library


def known_garbage(header: list[str], rows: list[list[str]]) -> list[list[str]]:
    """Rows every example appends to a file: a repeated key, garbage values, hostile names, a blank line."""
    return [rows[0], (GARBAGE_VALUES * len(header))[: len(header)], HOSTILE_NAMES[:3], []]


@st.composite
def exports(draw):
    """Edits to a small generated export: hostile names in some rows, garbage rows in some files."""
    return draw(RENAMES), draw(st.lists(st.tuples(st.sampled_from(sorted(RAW_TABLES)), GARBAGE_FIELDS), max_size=8))


# Each example is a build (about 15 s; the dbt docs site is left out). Every example also carries
# the known hostile names and garbage rows, so the first, simplest one already exercises them; the
# second adds drawn text. `--hypothesis-profile=explore` draws new examples on every run.
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=exports(), seed=st.integers(0, 1000))
def test_hostile_exports_build_and_account_for_every_row(tmp_path_factory, edits, seed):
    tmp = tmp_path_factory.mktemp("hostile")
    raw = tmp / "raw"
    generate_library(raw, 300, seed)
    renames, garbage = edits
    rename(raw, [*HOSTILE_RENAMES, *renames])
    for table in RAW_TABLES:
        header, rows = read_rows(raw / f"{table}.csv")
        write_rows(raw / f"{table}.csv", header, [*rows, *known_garbage(header, rows)])
    for table, fields in garbage:
        header, rows = read_rows(raw / f"{table}.csv")
        write_rows(raw / f"{table}.csv", header, [*rows, fields])

    build = build_pages(raw, tmp / "work")

    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        rejected = dict(con.execute("select source_file, count(*) from rejected_rows where not row_kept group by all").fetchall())
        for table in RAW_TABLES:
            in_mart = con.execute(MART_OF_RAW[table]).fetchall()[0][0]
            assert csv_records(raw / f"{table}.csv") == in_mart + rejected.get(f"{table}.csv", 0), table
    assert_pages_are_clean(build)
