"""The raw-folder sensor, evaluated with a real Dagster instance."""

from __future__ import annotations

import os
import time

import dagster as dg
import pytest

from assets.definitions import defs
from assets.defs.resources import AtlasPaths
from assets.defs.sensors import Fingerprint, fingerprint
from assets.settings import SENSOR_SETTLE_SECONDS


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def settle(folder) -> None:
    """Date the folder and its files back, as if the last write was a while ago."""
    past = time.time() - SENSOR_SETTLE_SECONDS - 60
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (past, past))


def evaluate(instance, cursor, raw):
    """One tick of the code location's sensor, its resources pointing at `raw` and beside it."""
    sensor = defs.resolve_sensor_def("raw_export_sensor")
    paths = AtlasPaths(raw_dir=str(raw), duckdb_path=str(raw.parent / "atlas.duckdb"), docs_out=str(raw.parent / "docs_out"))
    context = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs, resources={"paths": paths})
    result = sensor.evaluate_tick(context)
    return result, context.cursor


def test_sensor_requests_once_per_content_and_waits_for_copies(raw):
    instance = dg.DagsterInstance.ephemeral()
    (raw / "tracks.csv").write_text("name,uri\nA,spotify:track:a\n")
    settle(raw)

    first, cursor = evaluate(instance, None, raw)
    assert len(first.run_requests) == 1
    # No run key: Dagster would never run a key twice, and a return to an earlier export must build.
    assert first.run_requests[0].run_key is None
    assert first.run_requests[0].tags["atlas/raw_fingerprint"] == Fingerprint.from_cursor(cursor).digest[:16]

    # The same bytes written again: new mtimes, same content, no build.
    (raw / "tracks.csv").write_text("name,uri\nA,spotify:track:a\n")
    settle(raw)
    same, cursor_after_rewrite = evaluate(instance, cursor, raw)
    assert not same.run_requests and "No change" in same.skip_message
    assert Fingerprint.from_cursor(cursor_after_rewrite).digest == Fingerprint.from_cursor(cursor).digest
    assert cursor_after_rewrite != cursor  # the new mtimes are remembered, so nothing is hashed again

    # A file still being written: skip, and say why.
    (raw / "albums.csv").write_text("name,uri\n")
    growing, cursor_while_growing = evaluate(instance, cursor_after_rewrite, raw)
    assert not growing.run_requests and "stable" in growing.skip_message
    assert cursor_while_growing == cursor_after_rewrite

    settle(raw)
    changed, cursor_changed = evaluate(instance, cursor_while_growing, raw)
    assert len(changed.run_requests) == 1
    assert changed.run_requests[0].tags["atlas/raw_fingerprint"] != first.run_requests[0].tags["atlas/raw_fingerprint"]
    assert cursor_changed != cursor_while_growing


def test_fingerprint_depends_on_content_not_times(tmp_path):
    (tmp_path / "a.csv").write_text("x")
    before = fingerprint(tmp_path)
    os.utime(tmp_path / "a.csv", (1, 1))
    assert fingerprint(tmp_path).digest == before.digest
    (tmp_path / "a.csv").write_text("y")
    assert fingerprint(tmp_path).digest != before.digest
    (tmp_path / ".hidden").write_text("ignored")
    assert set(fingerprint(tmp_path).files) == {"a.csv"}


def test_sensor_is_on_by_default():
    sensor = defs.resolve_sensor_def("raw_export_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert sensor.job_name == "atlas_job"
