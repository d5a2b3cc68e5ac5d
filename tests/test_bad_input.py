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


@st.composite
def exports(draw):
    """Edits to a small generated export: hostile names in some rows, garbage rows in some files."""
    return draw(RENAMES), draw(st.lists(st.tuples(st.sampled_from(sorted(RAW_TABLES)), GARBAGE_FIELDS), max_size=8))


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


