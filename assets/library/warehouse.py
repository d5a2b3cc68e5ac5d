"""Reading and writing the atlas's own tables in the DuckDB file that dbt builds."""

from __future__ import annotations

import duckdb
import pandas as pd


def read_tables(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, pd.DataFrame | None]:
    """The named tables (None for one that does not exist yet)."""
    present = {name for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()}
    return {name: con.table(name).df() if name in present else None for name in names}


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    """Replace the named tables in one transaction."""
    con.execute("begin")
    for name, frame in tables.items():
        con.register("incoming", frame)
        con.execute(f'create or replace table "{name}" as select * from incoming')
        con.unregister("incoming")
    con.execute("commit")


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table in the main schema."""
    tables = [name for (name,) in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()]
    return {name: con.execute(f'select count(*) from "{name}"').fetchall()[0][0] for name in tables}
