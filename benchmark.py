"""Benchmark the atlas build: wall time and peak memory per phase, for libraries of several sizes.

    .venv/bin/python benchmark.py                     # the real library (../shared) and 50k, 500k, 1M tracks
    .venv/bin/python benchmark.py --cases real 50000  # some of them

Every case is a full build from an empty DuckDB file and an empty docs_out/, then a rebuild after
one track's audio features change. Each build runs in a fresh process (`python benchmark.py --run`)
whose memory, with dbt's subprocess, is sampled every 50 ms. One line per build is printed, ready
to paste into the README. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent
REAL_LIBRARY = REPO.parent / "shared" / "data" / "library"
PHASES = {
    "raw_export": "landing",
    "atlas_dbt_models": "dbt build",
    "track_clusters": "clusters",
    "atlas_charts": "charts",
    "atlas_pages": "pages",
    "atlas_pages_links_resolve": "link check",
    "dbt_docs_site": "dbt docs",
}


def _tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run_build() -> None:
    """In a fresh process: materialise every asset, print per-phase seconds and peak memory as JSON."""
    started = time.monotonic()
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.time(), _tree_rss(os.getpid())))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    import dagster as dg

    from assets.defs.resources import DBT_PROJECT

    # As every `dg` command does before it loads the code location.
    DBT_PROJECT.preparer.prepare(DBT_PROJECT)
    from assets.definitions import defs

    instance = dg.DagsterInstance.ephemeral()
    result = defs.resolve_job_def("atlas_job").execute_in_process(instance=instance)
    stop.set()
    sampler.join()
    windows: dict[str, list[float]] = {}
    for entry in instance.all_logs(result.run_id):
        event = entry.dagster_event
        if event and event.step_key and event.event_type in (dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS):
            windows.setdefault(event.step_key, []).append(entry.timestamp)
    phases = {}
    for step, (begin, end) in sorted(windows.items(), key=lambda item: item[1][0]):
        peak = max((rss for when, rss in samples if begin <= when <= end), default=0)
        phases[PHASES.get(step, step)] = {"seconds": round(end - begin, 2), "peak_mib": round(peak / 2**20)}
    metadata = {
        event.asset_key.path[-1]: {k: v.value for k, v in event.materialization.metadata.items()}
        for event in result.get_asset_materialization_events()
    }
    print(json.dumps({
        "total_seconds": round(time.monotonic() - started, 2),
        "peak_mib": round(max(rss for _, rss in samples) / 2**20),
        "phases": phases,
        "groups": metadata["track_clusters"]["groups"],
        "pages": metadata["atlas_pages"]["pages"],
        "files_written": metadata["atlas_pages"]["files_written"],
        "publish_seconds": metadata["atlas_pages"].get("publish_seconds"),
    }))


def build(raw: Path, work: Path) -> dict:
    """One build in a fresh process; the process's start-up is part of the total, as for a user."""
    # dbt on PATH, as in an activated virtual environment.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "ATLAS_RAW_DIR": str(raw), "ATLAS_DUCKDB_PATH": str(work / "atlas.duckdb"),
           "ATLAS_DOCS_OUT": str(work / "docs_out")}
    started = time.monotonic()
    out = subprocess.run([sys.executable, __file__, "--run"], env=env, cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"build of {raw} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["total_seconds"] = round(time.monotonic() - started, 2)
    return figures


def change_one_track(raw: Path) -> None:
    """Give the first track with audio features other features (a copy of the export is changed)."""
    path = raw / "audio_features.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[1]]))
    for feature in ("danceability", "energy", "valence"):
        row[header.index(feature)] = f"{1 - float(row[header.index(feature)]):.3f}"
    lines[1] = ",".join(row) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def line(case: str, kind: str, figures: dict) -> str:
    phases = ", ".join(f"{name} {p['seconds']:.1f} s / {p['peak_mib']} MiB" for name, p in figures["phases"].items())
    return (
        f"| {case} | {kind} | {figures['total_seconds']:.1f} s | {figures['peak_mib']} MiB | {figures['groups']} | "
        f"{figures['pages']} | {figures['files_written']} | {phases} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cases", nargs="*", default=["real", "50000", "500000", "1000000"])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.run:
        run_build()
        return
    from tools.demo_library import generate_library

    print(f"Library Atlas benchmark, {date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| library | build | wall | peak memory | groups | pages | files written | phases (wall / peak) |")
    print("|---|---|---|---|---|---|---|---|")
    for case in args.cases:
        with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
            raw = Path(tmp) / "raw"
            if case == "real":
                if not REAL_LIBRARY.is_dir():
                    print(f"| real | skipped: {REAL_LIBRARY} is absent |")
                    continue
                raw.mkdir()
                for source in REAL_LIBRARY.glob("*.csv"):
                    (raw / source.name).write_bytes(source.read_bytes())
                name = "real (4,526 tracks)"
            else:
                generate_library(raw, int(case), args.seed)
                name = f"synthetic {int(case):,} tracks"
            work = Path(tmp) / "work"
            print(line(name, "full", build(raw, work)), flush=True)
            change_one_track(raw)
            print(line(name, "one track changed", build(raw, work)), flush=True)


if __name__ == "__main__":
    main()
