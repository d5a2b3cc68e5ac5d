"""The sensor under a real `dagster dev`: every change of the export is built, going back included."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg

from assets.settings import REPO_ROOT
from tools.demo_library import generate_library

BIN = Path(sys.executable).parent
# A request reaches the run queue within a few sensor intervals; a build (mostly dbt) takes about a
# minute, but the machine may be shared, so both waits are generous.
REQUEST_TIMEOUT = 120
START_TIMEOUT = 300
BUILD_TIMEOUT = 300
# Long enough for the daemon to settle and evaluate the sensor several times.
QUIET_SECONDS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pages(docs_out: Path) -> dict[str, bytes]:
    return {p.relative_to(docs_out).as_posix(): p.read_bytes() for p in sorted(docs_out.rglob("*")) if p.is_file()}


def _mtimes(docs_out: Path) -> dict[str, int]:
    return {p.relative_to(docs_out).as_posix(): p.stat().st_mtime_ns for p in docs_out.rglob("*") if p.is_file()}


def _change_one_feature(path: Path) -> None:
    """Give the first track's energy another value, leaving every other byte as it was."""
    header, first, rest = path.read_text(encoding="utf-8").split("\n", 2)
    column = header.split(",").index("energy")
    fields = first.split(",")
    fields[column] = "0.001" if fields[column] != "0.001" else "0.999"
    path.write_text("\n".join([header, ",".join(fields), rest]), encoding="utf-8")


def test_every_change_of_the_export_is_built_under_a_running_daemon(tmp_path):
    raw = tmp_path / "raw"
    generate_library(raw, 100, seed=12)
    original = {p.name: p.read_bytes() for p in raw.iterdir()}
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    docs_out = tmp_path / "docs_out"
    env = {
        **os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DAGSTER_HOME": str(home),
        "ATLAS_RAW_DIR": str(raw), "ATLAS_DUCKDB_PATH": str(tmp_path / "atlas.duckdb"),
        "ATLAS_DOCS_OUT": str(docs_out), "ATLAS_SENSOR_INTERVAL_SECONDS": "2", "ATLAS_SENSOR_SETTLE_SECONDS": "1",
    }
    log = tmp_path / "dagster_dev.log"

    def restore(name: str) -> None:
        (raw / name).write_bytes(original[name])

    # The instance's storage is created here first: created by two processes at once, its schema breaks.
    with dg.DagsterInstance.from_config(str(home)) as instance, log.open("wb") as log_file:
        server = subprocess.Popen(
            [str(BIN / "dagster"), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(_free_port())],
            cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            def next_run(after: int, step: str, wait: float = REQUEST_TIMEOUT) -> dg.DagsterRun:
                """The run the sensor requests after `after` runs, once finished."""
                deadline = time.monotonic() + wait
                while len(runs := instance.get_runs()) <= after:
                    assert server.poll() is None, f"dagster dev exited:\n{log.read_text()[-3000:]}"
                    assert time.monotonic() < deadline, f"no run requested within {wait:g} s after {step}"
                    time.sleep(1)
                assert len(runs) == after + 1, f"{len(runs) - after} runs requested after {step}"
                deadline = time.monotonic() + BUILD_TIMEOUT
                while not (run := instance.get_run_by_id(runs[0].run_id)).is_finished:
                    assert time.monotonic() < deadline, f"the run after {step} did not finish within {BUILD_TIMEOUT} s"
                    time.sleep(1)
                assert run.tags.get("dagster/sensor_name") == "raw_export_sensor"
                return run

            assert next_run(0, "start-up (state A)", START_TIMEOUT).status == dg.DagsterRunStatus.SUCCESS
            pages_a = _pages(docs_out)

            mtimes_a = _mtimes(docs_out)
            _change_one_feature(raw / "audio_features.csv")
            assert next_run(1, "changing one feature (state B)").status == dg.DagsterRunStatus.SUCCESS
            pages_b = _pages(docs_out)
            assert pages_b != pages_a
            # The sensor's rebuild rewrote only the files whose bytes changed.
            mtimes_b = _mtimes(docs_out)
            assert {p for p in pages_b if mtimes_b[p] != mtimes_a.get(p)} == {p for p in pages_b if pages_b[p] != pages_a.get(p)}

            # The same bytes written again are no change.
            restore("tracks.csv")
            time.sleep(QUIET_SECONDS)
            assert len(instance.get_runs()) == 2, "copying the same bytes again requested a build"

            (raw / "tracks.csv").unlink()
            assert next_run(2, "deleting tracks.csv").status == dg.DagsterRunStatus.FAILURE
            assert _pages(docs_out) == pages_b

            # Fixed, and back to state A, whose build was requested before.
            restore("tracks.csv")
            restore("audio_features.csv")
            assert next_run(3, "restoring state A").status == dg.DagsterRunStatus.SUCCESS
            assert _pages(docs_out) == pages_a
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=60)
            # dagster dev may restart its code server while it shuts down: end what is left of its group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
