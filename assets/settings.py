"""The three paths a user may set, each an environment variable; the only module that reads the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
DEMO_LIBRARY_DIR = REPO_ROOT / "demo_library"

RAW_DIR_VAR = "ATLAS_RAW_DIR"
DUCKDB_PATH_VAR = "ATLAS_DUCKDB_PATH"
DOCS_OUT_VAR = "ATLAS_DOCS_OUT"
# The sensor waits until the raw folder has been still this long (a copy may be in progress), and
# looks this often; tests shorten both.
SENSOR_SETTLE_SECONDS = float(os.environ.get("ATLAS_SENSOR_SETTLE_SECONDS", "5"))
SENSOR_INTERVAL_SECONDS = int(os.environ.get("ATLAS_SENSOR_INTERVAL_SECONDS", "15"))
DEFAULTS = {
    RAW_DIR_VAR: DEMO_LIBRARY_DIR,
    DUCKDB_PATH_VAR: REPO_ROOT / "build" / "atlas.duckdb",
    DOCS_OUT_VAR: REPO_ROOT / "docs_out",
}


@dataclass(frozen=True)
class Settings:
    """Where the raw export is read, where DuckDB lives and where the pages are written (absolute)."""

    raw_dir: Path
    duckdb_path: Path
    docs_out: Path

    @classmethod
    def of(cls, raw_dir: str | Path, duckdb_path: str | Path, docs_out: str | Path) -> Settings:
        """The three paths made absolute, a relative one against the current directory."""
        return cls(*(Path(value).expanduser().resolve() for value in (raw_dir, duckdb_path, docs_out)))

    @property
    def landing_dir(self) -> Path:
        """Validated raw tables as Parquet, beside the DuckDB file."""
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_landing"

    @property
    def dbt_target_dir(self) -> Path:
        """dbt's target folder for builds of this DuckDB file (guarded by the same build lock)."""
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_dbt_target"

    @property
    def dbt_docs_dir(self) -> Path:
        """The generated dbt docs site, beside the DuckDB file: the site's files and nothing else."""
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_dbt_docs"

    @property
    def dbt_docs_target_dir(self) -> Path:
        """Where `dbt docs generate` works (its logs, compiled SQL and parse cache stay here)."""
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_dbt_docs_target"


def configured(var: str) -> str | dg.EnvVar:
    """A setting for a resource: the environment variable when it is set (read in the run), else its default."""
    return dg.EnvVar(var) if os.environ.get(var) else str(DEFAULTS[var])


def from_env() -> Settings:
    """The settings in force, for command-line tools that run outside Dagster."""
    return Settings.of(*(os.environ.get(var) or DEFAULTS[var] for var in (RAW_DIR_VAR, DUCKDB_PATH_VAR, DOCS_OUT_VAR)))
