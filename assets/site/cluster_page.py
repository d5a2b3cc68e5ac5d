"""The cluster page of a group: its chart, then each cluster with its most typical tracks and all its tracks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from assets.charts.catalog import CLUSTERS_CHART
from assets.clusters.groups import WHOLE_LIBRARY
from assets.site.paths import ENTRY_PAGE, SitePaths, root_of
from assets.site.text import check_href, escape_text
from assets.site.track_table import TrackRows

REPRESENTATIVES = 10


@dataclass(frozen=True)
class ClusterSection:
    """One cluster of a group's cluster page."""

    number: int
    size: int
    description: str
    representatives: Sequence[str]  # track URIs, nearest the centre first
    all_tracks: Sequence[str]  # track URIs of the whole cluster


def _count(n: int) -> str:
    """'1 track' or 'N tracks'."""
    return "1 track" if n == 1 else f"{n} tracks"


def _section(section: ClusterSection, root: str, rows: TrackRows) -> list[str]:
    """Markdown blocks of one cluster."""
    if section.size != len(section.all_tracks):
        raise ValueError(
            f"cluster #{section.number} has size {section.size} but {len(section.all_tracks)} tracks"
        )
    blocks = [f"## Cluster #{section.number}", _count(section.size)]
    sounds = escape_text(section.description)
    if sounds:
        blocks.append(f"Sounds: {sounds}")
    blocks.append(rows.table(section.representatives, root))
    # Up to ten tracks, the representatives already are the whole cluster.
    if section.size > REPRESENTATIVES:
        blocks += [
            f"<details><summary>All {section.size} tracks</summary>",
            rows.table(section.all_tracks, root),
            "</details>",
        ]
    return blocks


def cluster_page(
    title: str,
    image_path: str,
    root: str,
    sections: list[ClusterSection],
    rows: TrackRows,
    back_link: tuple[str, str] | None = None,
) -> str:
    """Markdown page describing the clusters of one group of tracks."""
    blocks = [f"# Clusters in {escape_text(title)}".rstrip()]
    if back_link is not None:
        text, href = back_link
        blocks.append(f"[← {escape_text(text)}]({check_href(href)})")
    blocks.append(f"![Comparison of Cluster]({check_href(image_path)})")
    for section in sections:
        blocks += _section(section, root, rows)
    # Blank lines between blocks also let GitHub render the Markdown table inside <details>.
    return "\n\n".join(blocks) + "\n"


def cluster_sections(assignments: pd.DataFrame, descriptions: dict[int, str]) -> list[ClusterSection]:
    """One section per cluster: its tracks nearest the centre first (ties by track URI)."""
    ordered = assignments.sort_values(["cluster", "distance", "track_uri"], kind="stable")
    return [
        ClusterSection(
            number=int(number),
            size=len(members),
            description=descriptions.get(int(number), ""),
            representatives=list(members["track_uri"].iloc[:REPRESENTATIVES]),
            all_tracks=list(members["track_uri"]),
        )
        for number, members in ordered.groupby("cluster", sort=True)
    ]


def render_cluster_page(
    paths: SitePaths, rows: TrackRows, group, assignments: pd.DataFrame, descriptions: dict[int, str]
) -> str:
    """The Markdown cluster page of one group (a row of the cluster_groups table)."""
    kind, key = group.group_kind, group.group_key
    root = root_of(paths.clusters(kind, key))
    back = ("Library Atlas", f"{root}{ENTRY_PAGE}") if kind == WHOLE_LIBRARY else (
        f"{group.group_name} overview", f"{root}{paths.overview(kind, key)}"
    )
    return cluster_page(
        title=group.group_name,
        image_path=root + paths.chart(kind, key, CLUSTERS_CHART),
        root=root,
        sections=cluster_sections(assignments, descriptions),
        rows=rows,
        back_link=back,
    )
