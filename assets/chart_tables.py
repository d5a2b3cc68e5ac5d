"""The cluster chart of every group, rendered only when its spec is new."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd

from assets.charts import render_png, scatter_spec, spec_digest

# A scatter of more points shows nothing more and costs seconds to render; larger groups are
# drawn from a fixed sample (by a hash of the track URI, so the same tracks every time).
MAX_CHART_POINTS = 5000


@dataclass(frozen=True)
class ChartSet:
    """Which spec digest each group's chart has, and the PNG bytes of every digest in use."""

    charts: pd.DataFrame  # group_kind, group_key, spec_digest
    images: dict[str, bytes]  # spec_digest -> PNG
    rendered: int
    reused: int


def chart_points(assignments: pd.DataFrame) -> pd.DataFrame:
    """The points to draw for a group: all of them, or a stable sample of MAX_CHART_POINTS."""
    if len(assignments) <= MAX_CHART_POINTS:
        return assignments
    rank = assignments["track_uri"].map(lambda uri: hashlib.sha256(uri.encode()).digest())
    return assignments.loc[rank.sort_values(kind="stable").index[:MAX_CHART_POINTS]]


def build_charts(
    groups: pd.DataFrame,
    track_clusters: pd.DataFrame,
    cached: dict[str, bytes],
    render: Callable[[dict], bytes] = render_png,
    workers: int = 2,
) -> ChartSet:
    """Spec every group's chart; render the specs whose digest is not cached, on `workers` threads."""
    by_group = dict(tuple(track_clusters.groupby(["group_kind", "group_key"], sort=False)))
    specs: dict[str, dict] = {}
    rows = []
    for group in groups.itertuples(index=False):
        points = chart_points(by_group[(group.group_kind, group.group_key)])
        spec = scatter_spec(points, group.x_title, group.y_title, title=group.group_name)
        digest = spec_digest(spec)
        specs.setdefault(digest, spec)
        rows.append((group.group_kind, group.group_key, digest))
    missing = sorted(digest for digest in specs if digest not in cached)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        fresh = dict(zip(missing, pool.map(lambda digest: render(specs[digest]), missing)))
    images = {digest: cached.get(digest) or fresh[digest] for digest in specs}
    return ChartSet(
        charts=pd.DataFrame(rows, columns=["group_kind", "group_key", "spec_digest"]),
        images=images,
        rendered=len(missing),
        reused=len(specs) - len(missing),
    )
