"""Benchmark the atlas build as users run it: wall time and peak memory per phase, for libraries of several sizes.

    python benchmark.py                                # demo, real (../shared), 50k, 500k and 1M tracks
    python benchmark.py --cases demo real --repeat 5   # some of them, five times each

Run from the repository root with the virtual environment active. A case is `demo` (the project's
demo_library/), `real` (../shared/data/library) or a number of tracks N (a synthetic library from
tools.demo_library, `--seed` fixed). Every repetition starts from an empty state (a fresh temporary
folder with the raw export copied in, a new DuckDB file, docs_out/ and Dagster instance) and runs
the README's main command, `dg launch --job atlas_job`, twice: a full build, then a rebuild after
one track's audio features change. `--repeat` defaults to 5 for demo and real and 1 for synthetic
libraries; given, it applies to every case.

The memory of `dg` and its children (dbt) is sampled every 50 ms. Wall is from spawn to exit; the
start-up is from spawn to the run's first step; the phases are the steps of the run, read from the
instance's event log with their metadata. Per build the table gives the median wall (and the
range), the peak memory of the repetitions, and the other figures of the median run, beside the
targets of the project's speed issue (TARGETS). This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import dagster as dg

from tools.demo_library import generate_library

REPO = Path(__file__).resolve().parent
DEMO_LIBRARY = REPO / "demo_library"
REAL_LIBRARY = REPO.parent / "shared" / "data" / "library"
COMMAND = ["dg", "launch", "--job", "atlas_job"]
FULL, ONE_TRACK = "full", "one track changed"
# From the project's speed issue, per (case, build): the most wall seconds, and the most resident
# memory in bytes of the build process and its children.
TARGETS: dict[tuple[str, str], dict[str, float]] = {
    ("demo", FULL): {"wall": 10},
    ("real", FULL): {"wall": 15},
    ("real", ONE_TRACK): {"wall": 7},
    ("1000000", FULL): {"wall": 900, "memory": 6 * 2**30},
    ("1000000", ONE_TRACK): {"wall": 180},
}
DEFAULT_REPEAT = {"demo": 5, "real": 5}
PHASES = {
    "raw_export": "landing",
    "atlas_dbt_models": "dbt build",
    "track_clusters": "clusters",
    "atlas_charts": "charts",
    "atlas_pages": "pages",
    "atlas_pages_links_resolve": "link check",
    "dbt_docs_site": "dbt docs",
}
SAMPLE_SECONDS = 0.05
TAIL_CHARS = 3000


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


def build(raw: Path, work: Path, home: Path) -> dict:
    """Run `dg launch --job atlas_job` on `raw` into `work` with the instance in `home`; its figures from the run's event log."""
    # dg and dbt on PATH, as in an activated virtual environment.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DAGSTER_HOME": str(home),
        "ATLAS_RAW_DIR": str(raw),
        "ATLAS_DUCKDB_PATH": str(work / "atlas.duckdb"),
        "ATLAS_DOCS_OUT": str(work / "docs_out"),
    }
    stdout, stderr = work.parent / "dg.stdout", work.parent / "dg.stderr"
    samples: list[tuple[float, int]] = []
    with stdout.open("w") as out, stderr.open("w") as err:
        spawned, started = time.time(), time.monotonic()
        process = subprocess.Popen(COMMAND, cwd=REPO, env=env, stdout=out, stderr=err)
        while process.poll() is None:
            samples.append((time.time(), _tree_rss(process.pid)))
            try:
                process.wait(SAMPLE_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        wall = time.monotonic() - started
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs(limit=1)
        if process.returncode != 0 or not runs or runs[0].status != dg.DagsterRunStatus.SUCCESS:
            raise SystemExit(
                f"`{' '.join(COMMAND)}` on {raw} failed (exit {process.returncode}):\n"
                f"{stdout.read_text()[-TAIL_CHARS:]}\n{stderr.read_text()[-TAIL_CHARS:]}"
            )
        logs = instance.all_logs(runs[0].run_id)
    windows: dict[str, list[float]] = {}
    metadata: dict[str, dict] = {}
    for entry in logs:
        event = entry.dagster_event
        if event is None:
            continue
        if event.step_key and event.event_type in (dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS):
            windows.setdefault(event.step_key, []).append(entry.timestamp)
        elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            metadata[event.asset_key.path[-1]] = {k: v.value for k, v in event.materialization.metadata.items()}
    phases = {}
    for step, (begin, end) in sorted(windows.items(), key=lambda item: item[1][0]):
        peak = max((rss for when, rss in samples if begin <= when <= end), default=0)
        phases[PHASES.get(step, step)] = {"seconds": end - begin, "peak": peak}
    return {
        "wall": wall,
        "startup": min(begin for begin, _ in windows.values()) - spawned,
        "peak": max((rss for _, rss in samples), default=0),
        "phases": phases,
        "groups": metadata["track_clusters"]["groups"],
        "pages": metadata["atlas_pages"]["pages"],
        "files_written": metadata["atlas_pages"]["files_written"],
        "docs": "regenerated" if metadata["dbt_docs_site"]["regenerated"] else "kept",
    }


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


def track_count(library: Path) -> int:
    """Rows of tracks.csv (a quoted field may span lines)."""
    with (library / "tracks.csv").open(encoding="utf-8", newline="") as tracks:
        return sum(1 for _ in csv.reader(tracks)) - 1


def case_name(case: str) -> str:
    """A case as given on the command line: demo, real, or a number of tracks (written canonically)."""
    if case in ("demo", "real"):
        return case
    try:
        tracks = int(case)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{case!r} is neither demo, real nor a number of tracks") from None
    if tracks < 1:
        raise argparse.ArgumentTypeError("a synthetic library has at least one track")
    return str(tracks)


def mib(size: float) -> str:
    """Bytes as MiB, or GiB from one GiB up."""
    return f"{size / 2**30:.2f} GiB" if size >= 2**30 else f"{size / 2**20:.0f} MiB"


def row(library: str, kind: str, target: dict[str, float], builds: list[dict]) -> str:
    """A table row: the median wall and its range, the highest peak memory, the rest from the median run."""
    builds = sorted(builds, key=lambda figures: figures["wall"])
    median = builds[(len(builds) - 1) // 2]
    peak = max(figures["peak"] for figures in builds)
    spread = f"{builds[0]['wall']:.1f}–{builds[-1]['wall']:.1f} s, {len(builds)} runs" if len(builds) > 1 else "1 run"
    wall_target = f"≤ {target['wall']:g} s" if "wall" in target else "–"
    memory_target = f"≤ {mib(target['memory'])}" if "memory" in target else "–"
    missed = [name for name, value in (("wall", median["wall"]), ("memory", peak)) if name in target and value > target[name]]
    met = "–" if not target else f"no ({', '.join(missed)})" if missed else "yes"
    phases = ", ".join(
        f"{name} {p['seconds']:.1f} s / {mib(p['peak'])}" + (f" ({median['docs']})" if name == PHASES["dbt_docs_site"] else "")
        for name, p in median["phases"].items()
    )
    return (
        f"| {library} | {kind} | {median['wall']:.1f} s ({spread}) | {wall_target} | {met} | {mib(peak)} | {memory_target} | "
        f"{median['groups']} | {median['pages']} | {median['files_written']} | {median['startup']:.1f} s | {phases} |"
    )


def run_case(case: str, source: Path, library: str, repeat: int) -> None:
    """`repeat` times from an empty state: a full build, then a rebuild after one track changed; print their rows."""
    builds: dict[str, list[dict]] = {FULL: [], ONE_TRACK: []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
            raw, work, home = Path(tmp) / "raw", Path(tmp) / "work", Path(tmp) / "dagster_home"
            raw.mkdir()
            for export in source.glob("*.csv"):
                shutil.copy2(export, raw)
            home.mkdir()
            (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
            builds[FULL].append(build(raw, work, home))
            change_one_track(raw)
            builds[ONE_TRACK].append(build(raw, work, home))
    for kind, figures in builds.items():
        print(row(library, kind, TARGETS.get((case, kind), {}), figures), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", nargs="*", type=case_name, default=["demo", "real", "50000", "500000", "1000000"])
    parser.add_argument("--repeat", type=int, help="repetitions of every case (default: 5 for demo and real, 1 for synthetic)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic libraries")
    args = parser.parse_args()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "")
    print(
        f"Library Atlas benchmark, {date.today()}, {platform.machine()} {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; each build is `{' '.join(COMMAND)}`. A benchmark, not a test: asserts nothing."
    )
    print()
    print("| library | build | wall (median, range) | target | met | peak memory | memory target | groups | pages "
          "| files written | start-up | phases (wall / peak) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for case in args.cases:
        repeat = args.repeat or DEFAULT_REPEAT.get(case, 1)
        if case == "demo":
            run_case(case, DEMO_LIBRARY, f"demo ({track_count(DEMO_LIBRARY):,} tracks)", repeat)
        elif case == "real":
            if not REAL_LIBRARY.is_dir():
                print(f"| real | skipped: {REAL_LIBRARY} is absent |" + " – |" * 10, flush=True)
                continue
            run_case(case, REAL_LIBRARY, f"real ({track_count(REAL_LIBRARY):,} tracks)", repeat)
        else:
            with tempfile.TemporaryDirectory(prefix="atlas-bench-library-") as tmp:
                source = Path(tmp) / "library"
                generate_library(source, int(case), args.seed)
                run_case(case, source, f"synthetic ({int(case):,} tracks)", repeat)


if __name__ == "__main__":
    main()
