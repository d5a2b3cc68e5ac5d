"""The clusters of every group as three tables, recomputing only groups whose input changed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd

from assets.clusters.clustering import cluster_group
from assets.clusters.groups import Group, cluster_groups, features_of, input_digest
from assets.library.reader import Library

GROUP_COLUMNS = ["group_kind", "group_key", "group_name", "track_count", "k", "x_title", "y_title", "input_digest"]
TRACK_COLUMNS = ["group_kind", "group_key", "track_uri", "cluster", "distance", "pc1", "pc2"]
SUMMARY_COLUMNS = ["group_kind", "group_key", "cluster", "size", "description"]
# The names the tables are stored under in the DuckDB file, in the order of ClusterTables' fields.
CLUSTER_TABLES = ["cluster_groups", "track_clusters", "cluster_summaries"]


@dataclass(frozen=True)
class ClusterTables:
    """cluster_groups (one row per group), track_clusters (one per group and track), cluster_summaries."""

    groups: pd.DataFrame
    tracks: pd.DataFrame
    summaries: pd.DataFrame
    recomputed: int
    reused: int

    @classmethod
    def empty(cls) -> ClusterTables:
        """Tables with no rows, as before the first build."""
        return cls(pd.DataFrame(columns=GROUP_COLUMNS), pd.DataFrame(columns=TRACK_COLUMNS),
                   pd.DataFrame(columns=SUMMARY_COLUMNS), 0, 0)

    @classmethod
    def stored(cls, tables: dict[str, pd.DataFrame | None]) -> ClusterTables:
        """The tables of the last build, or empty ones when any is missing."""
        if any(tables[name] is None for name in CLUSTER_TABLES):
            return cls.empty()
        return cls(*(tables[name] for name in CLUSTER_TABLES), 0, 0)

    def by_name(self) -> dict[str, pd.DataFrame]:
        """The three tables under their stored names."""
        return dict(zip(CLUSTER_TABLES, (self.groups, self.tracks, self.summaries)))


def build_cluster_tables(library: Library, previous: ClusterTables, workers: int = 2) -> ClusterTables:
    """Cluster every qualifying group; a group whose tracks and features are unchanged keeps its rows.

    Groups are clustered on `workers` threads (k-means and the eigen-decomposition release the GIL);
    results are gathered in group order, so the tables do not depend on which thread ran first.
    """
    previous_digest = dict(zip(zip(previous.groups["group_kind"], previous.groups["group_key"]), previous.groups["input_digest"]))
    old_tracks = dict(tuple(previous.tracks.groupby(["group_kind", "group_key"], sort=False)))
    old_summaries = dict(tuple(previous.summaries.groupby(["group_kind", "group_key"], sort=False)))
    old_groups = previous.groups.set_index(["group_kind", "group_key"])
    inputs = [(group, features_of(library, group)) for group in cluster_groups(library)]
    digests = [input_digest(features) for _, features in inputs]
    changed = [i for i, ((group, _), digest) in enumerate(zip(inputs, digests))
               if previous_digest.get((group.kind, group.key)) != digest]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(changed, pool.map(lambda i: cluster_group(inputs[i][1]), changed)))
    groups, tracks, summaries = [], [], []
    for i, ((group, _), digest) in enumerate(zip(inputs, digests)):
        identity = (group.kind, group.key)
        if i in results:
            result = results[i]
            k, x_title, y_title = result.k, result.x_title, result.y_title
            tracks.append(_track_rows(group, result.tracks))
            sizes = result.tracks["cluster"].value_counts()
            summaries.append(pd.DataFrame({
                "group_kind": group.kind, "group_key": group.key,
                "cluster": list(result.descriptions),
                "size": [int(sizes[number]) for number in result.descriptions],
                "description": list(result.descriptions.values()),
            }))
        else:
            old = old_groups.loc[identity]
            k, x_title, y_title = int(old["k"]), old["x_title"], old["y_title"]
            tracks.append(old_tracks[identity])
            summaries.append(old_summaries[identity])
        groups.append((group.kind, group.key, group.name, len(group.track_uris), k, x_title, y_title, digest))
    return ClusterTables(
        groups=pd.DataFrame(groups, columns=GROUP_COLUMNS),
        tracks=_concat(tracks, TRACK_COLUMNS),
        summaries=_concat(summaries, SUMMARY_COLUMNS),
        recomputed=len(results),
        reused=len(groups) - len(results),
    )


def _track_rows(group: Group, frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.rename_axis("track_uri").reset_index()
    rows.insert(0, "group_key", group.key)
    rows.insert(0, "group_kind", group.kind)
    return rows[TRACK_COLUMNS]


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
