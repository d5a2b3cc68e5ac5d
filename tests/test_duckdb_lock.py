"""A program holding the DuckDB file open (the README's reader left in a Python shell) makes a build wait, then say what to close.

DuckDB's file lock is per process, so the reader is a real second process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.defs.clusters import track_clusters
from assets.defs.dbt import atlas_dbt_models
from assets.defs.raw import raw_export
from assets.defs.resources import AtlasPaths, atlas_resources
from tools.demo_library import generate_library

# The README's reader left open; given a number of seconds, it closes that long after a build has
# taken the build lock (so the build meets it however slowly the run starts).
READER = """
import duckdb, fcntl, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
if len(sys.argv) == 2:
    time.sleep(600)
build_lock = open(sys.argv[1] + ".build.lock", "a")
while True:
    try:
        fcntl.flock(build_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        break
    fcntl.flock(build_lock, fcntl.LOCK_UN)
    time.sleep(0.05)
time.sleep(float(sys.argv[2]))
"""


@contextmanager
def reader(database: str, *close_after: float) -> Iterator[subprocess.Popen]:
    """A Python process with the file open read-only (until the test ends, or `close_after` a build starts)."""
    process = subprocess.Popen([sys.executable, "-c", READER, database, *map(str, close_after)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "open\n"
        yield process
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def landed(tmp_path_factory) -> tuple[Path, Path]:
    """A small library landed once beside an existing DuckDB file: the raw folder and the work folder."""
    raw = tmp_path_factory.mktemp("lock") / "raw"
    generate_library(raw, 120, seed=7)
    work = tmp_path_factory.mktemp("lock") / "work"
    assert materialize([raw_export], paths_in(work, raw))[0].success
    duckdb.connect(str(work / "atlas.duckdb")).close()
    return raw, work


def paths_in(work: Path, raw: Path) -> AtlasPaths:
    return AtlasPaths(raw_dir=str(raw), duckdb_path=str(work / "atlas.duckdb"), docs_out=str(work / "docs_out"))


def materialize(assets: list, paths: AtlasPaths, **kwargs) -> tuple[dg.ExecuteInProcessResult, list[str]]:
    """The run's result and its log messages."""
    instance = dg.DagsterInstance.ephemeral()
    result = dg.materialize(assets, resources=atlas_resources(paths, **kwargs), instance=instance, raise_on_error=False)
    return result, [entry.user_message for entry in instance.all_logs(result.run_id)]


def copied(landed: tuple[Path, Path], tmp_path: Path) -> AtlasPaths:
    raw, work = landed
    shutil.copytree(work, tmp_path / "work")
    return paths_in(tmp_path / "work", raw)


def failure(result: dg.ExecuteInProcessResult) -> str:
    """The step's error and the errors that caused it, as the Dagster UI shows them."""
    [event] = [event for event in result.all_events if event.is_step_failure]
    error, messages = event.step_failure_data.error, []
    while error is not None:
        messages.append(error.message)
        error = error.cause
    return "".join(messages)


def test_dbt_build_waits_for_a_reader_that_closes(landed, tmp_path):
    paths = copied(landed, tmp_path)

    with reader(paths.duckdb_path, 2) as process:
        result, messages = materialize([atlas_dbt_models], paths)

    assert result.success, failure(result)
    assert any(f"is open in another program (PID {process.pid}: " in message for message in messages)
    assert any(message.startswith("Waited ") and f"PID {process.pid}" in message for message in messages)


@pytest.mark.parametrize("asset", [atlas_dbt_models, track_clusters], ids=["dbt", "python"])
def test_a_reader_left_open_fails_the_step_promptly_naming_what_to_close(landed, tmp_path, asset):
    paths = copied(landed, tmp_path)

    with reader(paths.duckdb_path) as process:
        started = time.monotonic()
        result, _ = materialize([asset], paths, duckdb_wait_seconds=2)
        took = time.monotonic() - started

    assert not result.success and took < 30
    message = failure(result)
    assert f"{paths.duckdb_path} is open in another program (PID {process.pid}: {sys.executable} -c import duckdb" in message
    assert "Close it (for example the Python shell where you ran duckdb.connect(...)" in message
