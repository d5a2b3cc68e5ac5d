"""Cluster pages composed from the library, a group and its clusters."""

from __future__ import annotations

import pandas as pd

from assets.groups import Group, root_of
from assets.markdown import ClusterSection, cluster_page

REPRESENTATIVES = 10


def cluster_sections(tracks: pd.DataFrame, assignments: pd.DataFrame, descriptions: dict[int, str]) -> list[ClusterSection]:
    """One section per cluster: its tracks nearest the centre first (ties by track URI)."""
    ordered = assignments.sort_values(["cluster", "distance", "track_uri"], kind="stable")
    sections = []
    for number, members in ordered.groupby("cluster", sort=True):
        rows = tracks.loc[members["track_uri"]]
        sections.append(
            ClusterSection(
                number=int(number),
                size=len(rows),
                description=descriptions.get(int(number), ""),
                representatives=rows.iloc[:REPRESENTATIVES],
                all_tracks=rows,
            )
        )
    return sections


def render_cluster_page(group: Group, tracks: pd.DataFrame, assignments: pd.DataFrame, descriptions: dict[int, str]) -> str:
    """The Markdown cluster page of one group."""
    root = root_of(group.page_path)
    back = ("Library Atlas", f"{root}README.md") if group.overview_path == "README.md" else (
        f"{group.name} overview", f"{root}{group.overview_path}"
    )
    return cluster_page(
        title=group.name,
        image_path=root + group.image_path,
        root=root,
        sections=cluster_sections(tracks, assignments, descriptions),
        back_link=back,
    )
