"""The raw tables every export format lands, read from the dbt sources YAML that declares them."""

from __future__ import annotations

from pathlib import Path

import yaml

SOURCES_YAML = Path(__file__).resolve().parents[2] / "dbt_project" / "models" / "staging" / "spotify" / "_spotify__sources.yml"


def _raw_tables() -> list[dict]:
    [source] = yaml.safe_load(SOURCES_YAML.read_text(encoding="utf-8"))["sources"]
    return [table for table in source["tables"] if "raw_file" in table.get("config", {}).get("meta", {})]


_DECLARED = _raw_tables()
# Table -> its file's columns in file order; the `_file` and `_line` columns are added by landing.
RAW_TABLES: dict[str, tuple[str, ...]] = {
    table["name"]: tuple(column["name"] for column in table["columns"] if not column["name"].startswith("_"))
    for table in _DECLARED
}
# Table -> the columns that identify a row of its file.
RAW_KEYS: dict[str, tuple[str, ...]] = {table["name"]: tuple(table["config"]["meta"]["key"]) for table in _DECLARED}
