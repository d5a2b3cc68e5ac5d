"""Reading and writing the atlas's own tables in the DuckDB file that dbt builds."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd


def read_tables(duckdb_path: Path, names: list[str]) -> dict[str, pd.DataFrame | None]:
    """The named tables (None for one that does not exist yet), read-only."""
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        present = {name for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()}
        return {name: con.table(name).df() if name in present else None for name in names}


def write_tables(duckdb_path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Replace the named tables in one transaction."""
    with duckdb.connect(str(duckdb_path)) as con:
        con.execute("begin")
        for name, frame in tables.items():
            con.register("incoming", frame)
            con.execute(f'create or replace table "{name}" as select * from incoming')
            con.unregister("incoming")
        con.execute("commit")
