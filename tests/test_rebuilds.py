"""Rebuilds: only changed files rewritten, failures leave docs_out/ as it was, runs take turns."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from assets.settings import REPO_ROOT
from tests.conftest import build_atlas
from tests.test_site import copy_library, rewrite

BIN = Path(sys.executable).parent


def change_one_track(raw: Path) -> str:
    """Give the first track with features extreme features; return its URI."""
    with (raw / "audio_features.csv").open(encoding="utf-8") as handle:
        uri = next(csv.DictReader(handle))["track_uri"]
    extreme = {"danceability": "0.999", "energy": "0.001", "speechiness": "0.95", "acousticness": "0.999",
               "instrumentalness": "0.999", "liveness": "0.99", "valence": "0.001"}
    rewrite(raw / "audio_features.csv", lambda row: {**row, **extreme} if row["track_uri"] == uri else row)
    return uri


def affected_files(duckdb_path: Path, track_uri: str) -> set[str]:
    """The cluster pages and charts of the groups that hold the track."""
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        groups = con.execute(
            "select distinct g.group_kind, g.slug from track_clusters t join cluster_groups g using (group_kind, group_key)"
            " where t.track_uri = ?", [track_uri]
        ).fetchall()
    files = set()
    for kind, slug in groups:
        if kind == "all":
            files |= {"clusters.md", "images/overview/clusters/clusters_scatter.png"}
        else:
            files |= {f"{kind}/{slug}/clusters/overview.md", f"images/{kind}/{slug}/clusters/clusters_scatter.png"}
    return files


def test_rebuild_after_one_track_rewrites_only_its_groups(tmp_path):
    raw = copy_library(tmp_path / "raw")
    work = tmp_path / "work"
    first = build_atlas(raw, work)
    before = snapshot(first.settings.docs_out)
    uri = change_one_track(raw)

    second = build_atlas(raw, work)

    after = snapshot(second.settings.docs_out)
    affected = affected_files(second.settings.duckdb_path, uri)
    assert len(affected) >= 4 and set(after) == set(before)
    charts = {path for path in affected if path.endswith(".png")}
    assert all(after[path][0] != before[path][0] for path in charts)
    assert {path: after[path] for path in after if path not in affected} == {
        path: before[path] for path in before if path not in affected
    }
    clusters = second.metadata("track_clusters")
    assert clusters["groups_recomputed"] == len(affected) // 2
    assert clusters["groups_unchanged"] == clusters["groups"] - clusters["groups_recomputed"]
    pages = second.metadata("atlas_pages")
    assert pages["files_written"] <= len(affected) and pages["files_removed"] == 0
    assert second.metadata("atlas_charts")["charts_rendered"] == len(charts)


def test_a_failed_build_leaves_the_last_good_atlas(tmp_path):
    raw = copy_library(tmp_path / "raw")
    work = tmp_path / "work"
    good = build_atlas(raw, work)
    before = snapshot(good.settings.docs_out)

    text = (raw / "tracks.csv").read_text(encoding="utf-8").replace("duration_ms", "length", 1)
    (raw / "tracks.csv").write_text(text, encoding="utf-8")
    failed = build_atlas(raw, work, raise_on_error=False)
    assert not failed.result.success
    [failure] = [e for e in failed.result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    assert "tracks.csv: missing column 'duration_ms'" in str(failure.event_specific_data.error)
    assert snapshot(good.settings.docs_out) == before

    (raw / "tracks.csv").write_bytes(text.replace("duration_ms", "length").encode() + "Caf\xe9,1,False,1,u,a,i\n".encode("latin-1"))
    assert not build_atlas(raw, work, raise_on_error=False).result.success
    assert snapshot(good.settings.docs_out) == before


def test_two_builds_at_once_take_turns(tmp_path):
    env = {**os.environ, "ATLAS_RAW_DIR": str(REPO_ROOT / "demo_library"), "ATLAS_DUCKDB_PATH": str(tmp_path / "atlas.duckdb"),
           "ATLAS_DOCS_OUT": str(tmp_path / "docs_out")}
    command = [str(BIN / "dagster"), "asset", "materialize", "-m", "assets", "--select", "*"]
    runs = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs[0][-3000:] + outputs[1][-3000:]
    assert sum("waiting for it to finish" in output for output in outputs) == 1


def test_the_shipped_instance_settings_queue_one_run_at_a_time(tmp_path):
    from dagster._core.instance.ref import InstanceRef

    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(tmp_path), config_dir=str(REPO_ROOT))) as instance:
        # What the run-queue daemon reads when it dequeues runs.
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dagster_dev_rebuilds_when_the_export_changes(tmp_path):
    from dagster._core.instance.ref import InstanceRef

    raw = copy_library(tmp_path / "raw")
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    docs_out, duckdb_path = tmp_path / "docs_out", tmp_path / "atlas.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(home), "ATLAS_RAW_DIR": str(raw), "ATLAS_DOCS_OUT": str(docs_out),
           "ATLAS_DUCKDB_PATH": str(duckdb_path), "ATLAS_SENSOR_INTERVAL_SECONDS": "2", "ATLAS_SENSOR_SETTLE_SECONDS": "1"}
    server = subprocess.Popen(
        [str(BIN / "dagster"), "dev", "-m", "assets", "-h", "127.0.0.1", "-p", str(free_port())],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )

    def finished_runs(count: int, timeout: float = 300) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert server.poll() is None, "dagster dev exited"
            with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
                records = instance.get_run_records()
                if len(records) >= count and all(r.dagster_run.is_finished for r in records):
                    return sorted(records, key=lambda r: r.create_timestamp)
            time.sleep(2)
        raise AssertionError(f"the sensor's run {count} did not finish within {timeout} s")

    try:
        [first] = finished_runs(1)
        assert first.dagster_run.status == dg.DagsterRunStatus.SUCCESS
        assert first.dagster_run.tags.get("dagster/sensor_name") == "raw_export_sensor"
        before = snapshot(docs_out)
        uri = change_one_track(raw)
        runs = finished_runs(2)
        assert [r.dagster_run.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * 2
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    after = snapshot(docs_out)
    affected = affected_files(duckdb_path, uri)
    assert any(after[path][0] != before[path][0] for path in affected)
    assert {p: after[p] for p in after if p not in affected} == {p: before[p] for p in before if p not in affected}
