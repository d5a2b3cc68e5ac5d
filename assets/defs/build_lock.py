"""One build at a time: DuckDB has a single writer, so runs take turns on the whole build."""

import fcntl
import time
from typing import Any

import dagster as dg

from assets.settings import current_settings


class BuildLock(dg.ConfigurableResource):
    """An exclusive lock beside the DuckDB file, held from a run's first step to its end."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        path = current_settings().duckdb_path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: Any = open(path.with_name(path.name + ".build.lock"), "w")
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            context.log.info(f"Another build holds {self._handle.name}; waiting for it to finish.")
            started = time.monotonic()
            fcntl.flock(self._handle, fcntl.LOCK_EX)
            context.log.info(f"Waited {time.monotonic() - started:.1f} s for the other build.")

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()
