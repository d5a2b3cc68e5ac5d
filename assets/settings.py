"""The three paths a user may change, resolved once so dbt and Python open the same files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
DEMO_LIBRARY_DIR = REPO_ROOT / "demo_library"

RAW_DIR_VAR = "ATLAS_RAW_DIR"
DUCKDB_PATH_VAR = "ATLAS_DUCKDB_PATH"
DOCS_OUT_VAR = "ATLAS_DOCS_OUT"
# Derived from the DuckDB path, never set by users: dbt reads the landed raw files from here.
LANDING_DIR_VAR = "ATLAS_LANDING_DIR"


@dataclass(frozen=True)
class Settings:
    """Where the raw export is read, where DuckDB lives and where the pages are written."""

    raw_dir: Path
    duckdb_path: Path
    docs_out: Path

    @classmethod
    def from_env(cls) -> Settings:
        """Read the environment (defaults: the demo library, build/atlas.duckdb, docs_out/)."""

        def path(var: str, default: Path) -> Path:
            value = os.environ.get(var)
            return Path(value).expanduser().resolve() if value else default

        return cls(
            raw_dir=path(RAW_DIR_VAR, DEMO_LIBRARY_DIR),
            duckdb_path=path(DUCKDB_PATH_VAR, REPO_ROOT / "build" / "atlas.duckdb"),
            docs_out=path(DOCS_OUT_VAR, REPO_ROOT / "docs_out"),
        )

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
        """The generated dbt docs site, beside the DuckDB file."""
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_dbt_docs"

    def export(self) -> Settings:
        """Write the absolute paths back to the environment, which the dbt subprocess inherits."""
        os.environ[RAW_DIR_VAR] = str(self.raw_dir)
        os.environ[DUCKDB_PATH_VAR] = str(self.duckdb_path)
        os.environ[DOCS_OUT_VAR] = str(self.docs_out)
        os.environ[LANDING_DIR_VAR] = str(self.landing_dir)
        return self


def current_settings() -> Settings:
    """The settings in force, exported so that a dbt subprocess sees the same absolute paths."""
    return Settings.from_env().export()
