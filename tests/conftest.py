"""Shared fixtures: real builds of the atlas into temporary folders, with a real Dagster instance."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest
from hypothesis import settings

# Every run draws the same examples, so CI is repeatable; `--hypothesis-profile=explore` draws new ones.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")

from assets.settings import DEMO_LIBRARY_DIR, DOCS_OUT_VAR, DUCKDB_PATH_VAR, LANDING_DIR_VAR, RAW_DIR_VAR, Settings

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL_LIBRARY = SHARED_DATA / "library"

needs_real_library = pytest.mark.skipif(
    not REAL_LIBRARY.is_dir(), reason=f"the real library export is not at {REAL_LIBRARY} (../shared is absent)"
)


@dataclass(frozen=True)
class Build:
    """A finished atlas build: its settings and the Dagster result."""

    settings: Settings
    result: dg.ExecuteInProcessResult

    def files(self) -> dict[str, bytes]:
        """Every file of docs_out/, by path relative to it."""
        root = self.settings.docs_out
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    def metadata(self, asset: str) -> dict:
        """The metadata of the asset's materialisation in this run (`asset` as in `--select`: `a/b`)."""
        [event] = [
            e for e in self.result.get_asset_materialization_events()
            if e.asset_key == dg.AssetKey.from_user_string(asset)
        ]
        return {k: v.value for k, v in event.materialization.metadata.items()}


def build_atlas(raw_dir: Path, work: Path, *, raise_on_error: bool = True, docs_out: Path | None = None,
                duckdb_path: Path | None = None, instance: dg.DagsterInstance | None = None) -> Build:
    """Materialise every asset on `raw_dir`, with DuckDB and docs_out under `work` unless given."""
    env = {
        RAW_DIR_VAR: str(raw_dir),
        DUCKDB_PATH_VAR: str(duckdb_path or work / "atlas.duckdb"),
        DOCS_OUT_VAR: str(docs_out or work / "docs_out"),
    }
    saved = {name: os.environ.get(name) for name in (*env, LANDING_DIR_VAR)}
    os.environ.update(env)
    try:
        from assets import defs

        job = defs.resolve_implicit_global_asset_job_def()
        result = job.execute_in_process(instance=instance or dg.DagsterInstance.ephemeral(), raise_on_error=raise_on_error)
        return Build(Settings.from_env(), result)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def csv_records(path: Path) -> int:
    """Data records of a CSV file (the header excluded), as DuckDB's CSV reader splits them.

    A blank line holds no data and is no record in a file of several columns (Python's reader
    yields it as [], DuckDB skips it); in a file of one column it is that column's empty value
    (DuckDB reads a null, which is then rejected as a missing value).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    one_column = len(records[0]) == 1
    return sum(1 for record in records[1:] if record or one_column)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Build:
    """The atlas built once from the real library."""
    if not REAL_LIBRARY.is_dir():
        pytest.skip(f"the real library export is not at {REAL_LIBRARY} (../shared is absent)")
    return build_atlas(REAL_LIBRARY, tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Build:
    """The atlas built once from the demo library the project ships."""
    return build_atlas(DEMO_LIBRARY_DIR, tmp_path_factory.mktemp("demo"))
