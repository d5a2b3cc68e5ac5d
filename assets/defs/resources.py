"""What assets reach the outside world through: the atlas's paths, the DuckDB file, dbt and the build lock."""

import fcntl
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource

from assets.library.duckdb_lock import connect_for_writing
from assets.settings import (
    DBT_PROJECT_DIR,
    DEFAULTS,
    DOCS_OUT_VAR,
    DUCKDB_PATH_VAR,
    RAW_DIR_VAR,
    Settings,
    configured,
)

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# How long a build waits for another program (a reader left open in a Python shell) to close the
# DuckDB file before it fails, saying which program to close.
DUCKDB_WAIT_SECONDS = 60.0


class AtlasPaths(dg.ConfigurableResource):
    """Where the raw export is read, where DuckDB lives and where the pages are written."""

    raw_dir: str = str(DEFAULTS[RAW_DIR_VAR])
    duckdb_path: str = str(DEFAULTS[DUCKDB_PATH_VAR])
    docs_out: str = str(DEFAULTS[DOCS_OUT_VAR])

    def resolve(self) -> Settings:
        """The paths made absolute, with the folders derived from the DuckDB path."""
        return Settings.of(self.raw_dir, self.duckdb_path, self.docs_out)

    def dbt_vars(self) -> list[str]:
        """The `--vars` that give dbt the DuckDB file and the landed raw tables."""
        settings = self.resolve()
        return ["--vars", json.dumps({"duckdb_path": str(settings.duckdb_path), "landing_dir": str(settings.landing_dir)})]


class BuildLock(dg.ConfigurableResource):
    """One build at a time: an exclusive lock beside the DuckDB file, taken by a run's first step and held to its end."""

    paths: AtlasPaths

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        path = self.paths.resolve().duckdb_path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: Any = open(path.with_name(path.name + ".build.lock"), "w")
        self._held = False

    def hold(self) -> None:
        """Take the lock, waiting for another build to finish, unless this run holds it already."""
        # Taken by the steps, not when the resource is set up: Dagster sets resources up again
        # after a command-line run ends, which must not wait for the next build.
        if self._held:
            return
        log = self.get_resource_context().log
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info(f"Another build holds {self._handle.name}; waiting for it to finish.")
            started = time.monotonic()
            fcntl.flock(self._handle, fcntl.LOCK_EX)
            log.info(f"Waited {time.monotonic() - started:.1f} s for the other build.")
        self._held = True

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()


class AtlasDuckDB(DuckDBResource):
    """The DuckDB file, opened for writing once no other program holds it, waiting at most wait_seconds."""

    wait_seconds: float = DUCKDB_WAIT_SECONDS

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # Replaces DuckDBResource's own retries (about 100 s, silent, ending in DuckDB's lock error).
        con = connect_for_writing(self.database, self.wait_seconds, self.get_resource_context().log, self.connection_config)
        try:
            yield con
        finally:
            con.close()

    def wait_until_free(self) -> None:
        """Return once the file can be opened for writing, for a writer in another process (dbt)."""
        with self.get_connection():
            pass


def atlas_resources(paths: AtlasPaths, *, duckdb_wait_seconds: float = DUCKDB_WAIT_SECONDS) -> dict[str, Any]:
    """Every resource the assets use, all pointing at the same paths."""
    return {
        "paths": paths,
        "duckdb": AtlasDuckDB(database=paths.duckdb_path, wait_seconds=duckdb_wait_seconds),
        "dbt": DbtCliResource(project_dir=DBT_PROJECT, profiles_dir=str(DBT_PROJECT_DIR)),
        "build_lock": BuildLock(paths=paths),
    }


def configured_resources() -> dict[str, Any]:
    """The resources of the code location, fed by the ATLAS_* environment variables."""
    return atlas_resources(
        AtlasPaths(raw_dir=configured(RAW_DIR_VAR), duckdb_path=configured(DUCKDB_PATH_VAR), docs_out=configured(DOCS_OUT_VAR))
    )
