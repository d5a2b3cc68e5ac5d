"""Rebuilds: only changed files rewritten, failures leave docs_out/ as it was, runs take turns.

The whole graph runs here the two ways users run it besides the UI: the command-line build
(`dg launch --job atlas_job`) and the sensor under `dagster dev`; the other tests rebuild in
process on a copy of the shared demo build.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import duckdb

from assets.library.reader import read_library
from assets.settings import DEMO_LIBRARY_DIR, DOCS_OUT_VAR, DUCKDB_PATH_VAR, RAW_DIR_VAR, REPO_ROOT
from assets.site.paths import SitePaths
from tests.support import VENV_BIN, build_atlas, cli_env, copy_build, copy_library, rewrite, snapshot

CLUSTERS_CHART = "clusters_scatter"
# Warnings Dagster gives for APIs that are superseded, in beta or in preview: the code location uses none.
API_WARNINGS = re.compile(r"SupersessionWarning|BetaWarning|PreviewWarning")


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
        paths = SitePaths(read_library(con))
        groups = con.execute(
            "select distinct group_kind, group_key from track_clusters where track_uri = ?", [track_uri]
        ).fetchall()
    return {path for kind, key in groups for path in (paths.clusters(kind, key), paths.chart(kind, key, CLUSTERS_CHART))}


def test_rebuild_after_one_track_rewrites_only_its_groups(demo_build, tmp_path):
    raw = copy_library(tmp_path / "raw")
    work = tmp_path / "work"
    first = copy_build(demo_build, work)  # the demo library built on `work`
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


def test_a_failed_build_leaves_the_last_good_atlas(demo_build, tmp_path):
    raw = copy_library(tmp_path / "raw")
    work = tmp_path / "work"
    good = copy_build(demo_build, work)  # the demo library built on `work`
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


def dagster_home(tmp_path: Path) -> Path:
    """A Dagster home with the instance settings the project ships, its storage created.

    Processes that find the storage missing each create it, and two at once race (the test's
    polling among them), so it is created here first.
    """
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    dg.DagsterInstance.from_config(str(home)).dispose()
    return home


def test_the_shipped_instance_settings_queue_one_run_at_a_time(tmp_path):
    with dg.DagsterInstance.from_config(str(dagster_home(tmp_path))) as instance:
        # What the run-queue daemon reads when it dequeues runs.
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1


def test_command_line_builds_at_once_take_turns_and_publish_the_atlas(demo_build, tmp_path):
    """`dg launch --job atlas_job` from the repo root, twice at once on the same paths, as a user might."""
    home = dagster_home(tmp_path)
    docs_out = tmp_path / "docs_out"
    env = cli_env(DAGSTER_HOME=str(home), **{RAW_DIR_VAR: str(DEMO_LIBRARY_DIR), DUCKDB_PATH_VAR: str(tmp_path / "atlas.duckdb"),
                                             DOCS_OUT_VAR: str(docs_out)})
    command = [str(VENV_BIN / "dg"), "launch", "--job", "atlas_job"]
    runs = [subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    logs = [stdout + stderr for stdout, stderr in outputs]
    assert [run.returncode for run in runs] == [0, 0], logs[0][-3000:] + logs[1][-3000:]
    for stdout, stderr in outputs:
        assert "RUN_SUCCESS" in stdout + stderr, (stdout + stderr)[-3000:]
        assert not API_WARNINGS.search(stderr), [line for line in stderr.splitlines() if API_WARNINGS.search(line)]
    # One run waited for the other's build lock, then rebuilt; neither waits once its own run is done.
    assert sum("waiting for it to finish" in log for log in logs) == 1
    assert (docs_out / "README.md").is_file()
    # The atlas the command line publishes is the one built in process, to the byte.
    assert {p.relative_to(docs_out).as_posix(): p.read_bytes() for p in sorted(docs_out.rglob("*")) if p.is_file()} \
        == demo_build.files()
