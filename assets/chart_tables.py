"""Every chart of the atlas, rendered only when its spec is new."""

from __future__ import annotations

import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pandas as pd

from assets.charts import render_png, scatter_spec, spec_digest
from assets.groups import Group

# A scatter of more points shows nothing more and costs seconds to render; larger groups are
# drawn from a fixed sample (by a hash of the track URI, so the same tracks every time).
MAX_CHART_POINTS = 5000
# vl-convert renders one chart at a time in a process (threads do not help: it holds the GIL), so
# a batch worth more than the second it takes to start a worker is rendered in worker processes.
PROCESS_BATCH = 40


@dataclass(frozen=True)
class ChartSet:
    """Which spec digest each image path has, and the PNG bytes of every digest in use."""

    charts: pd.DataFrame  # image_path, spec_digest
    images: dict[str, bytes]  # spec_digest -> PNG
    rendered: int
    reused: int


def chart_points(assignments: pd.DataFrame) -> pd.DataFrame:
    """The points to draw for a group: all of them, or a stable sample of MAX_CHART_POINTS."""
    if len(assignments) <= MAX_CHART_POINTS:
        return assignments
    rank = assignments["track_uri"].map(lambda uri: hashlib.sha256(uri.encode()).digest())
    return assignments.loc[rank.sort_values(kind="stable").index[:MAX_CHART_POINTS]]


def cluster_chart_specs(groups: pd.DataFrame, track_clusters: pd.DataFrame) -> dict[str, dict]:
    """Image path -> scatter spec of every clustered group."""
    by_group = dict(tuple(track_clusters.groupby(["group_kind", "group_key"], sort=False)))
    specs = {}
    for row in groups.itertuples(index=False):
        group = Group(row.group_kind, row.group_key, row.group_name, row.slug, ())
        points = chart_points(by_group[(row.group_kind, row.group_key)])
        specs[group.image_path] = scatter_spec(points, row.x_title, row.y_title, title=row.group_name)
    return specs


def build_charts(specs: dict[str, dict], cached: dict[str, bytes], workers: int = 2) -> ChartSet:
    """Render the specs whose digest is not cached, in `workers` processes when there are many."""
    digests = {path: spec_digest(spec) for path, spec in specs.items()}
    spec_of = {digest: specs[path] for path, digest in digests.items()}
    missing = sorted(digest for digest in spec_of if digest not in cached)
    if workers > 1 and len(missing) >= PROCESS_BATCH:
        # Spawned, not forked: a fork would inherit vl-convert's runtime threads mid-flight.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            fresh = dict(zip(missing, pool.map(render_png, [spec_of[d] for d in missing], chunksize=4)))
    else:
        fresh = {digest: render_png(spec_of[digest]) for digest in missing}
    return ChartSet(
        charts=pd.DataFrame(sorted(digests.items()), columns=["image_path", "spec_digest"]),
        images={digest: cached.get(digest) or fresh[digest] for digest in spec_of},
        rendered=len(missing),
        reused=len(spec_of) - len(missing),
    )
