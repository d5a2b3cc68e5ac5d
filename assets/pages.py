"""Cluster pages composed from the library, a group and its clusters."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from assets.groups import WHOLE_LIBRARY, Group, root_of
from assets.library import KINDS
from assets.markdown import ClusterSection, TrackRows, cluster_page
from assets.site import breakdowns, overview_path, render_index, render_overview, year_chart_path

REPRESENTATIVES = 10


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


def render_cluster_page(group: Group, rows: TrackRows, assignments: pd.DataFrame, descriptions: dict[int, str]) -> str:
    """The Markdown cluster page of one group."""
    root = root_of(group.page_path)
    back = ("Library Atlas", f"{root}README.md") if group.overview_path == "README.md" else (
        f"{group.name} overview", f"{root}{group.overview_path}"
    )
    return cluster_page(
        title=group.name,
        image_path=root + group.image_path,
        root=root,
        sections=cluster_sections(assignments, descriptions),
        rows=rows,
        back_link=back,
    )


def atlas_files(library, tables: dict[str, pd.DataFrame]) -> Iterator[tuple[str, bytes]]:
    """Every file of the atlas, one at a time: charts, cluster pages, overview pages, the index.

    `tables` holds the cluster_groups, track_clusters, cluster_summaries, atlas_charts,
    chart_images and rejected_rows tables.
    """
    rows = TrackRows(library.tracks)
    images = dict(zip(tables["chart_images"]["spec_digest"], tables["chart_images"]["png"]))
    charts = set()
    for row in tables["atlas_charts"].itertuples(index=False):
        charts.add(row.image_path)
        yield row.image_path, bytes(images[row.spec_digest])
    assignments = dict(tuple(tables["track_clusters"].groupby(["group_kind", "group_key"], sort=False)))
    summaries = dict(tuple(tables["cluster_summaries"].groupby(["group_kind", "group_key"], sort=False)))
    cluster_pages = {}
    for row in tables["cluster_groups"].itertuples(index=False):
        identity = (row.group_kind, row.group_key)
        group = Group(row.group_kind, row.group_key, row.group_name, row.slug, ())
        descriptions = dict(zip(summaries[identity]["cluster"], summaries[identity]["description"]))
        yield group.page_path, render_cluster_page(group, rows, assignments[identity], descriptions).encode()
        cluster_pages[identity] = group.page_path
    for kind in KINDS:
        table = breakdowns(library, kind)
        for owner in library.entities[kind].query("has_page").itertuples(index=False):
            chart = year_chart_path(kind, owner.slug)
            page = render_overview(
                library, rows, kind, owner, table, cluster_pages.get((kind, owner.key)), chart if chart in charts else None
            )
            yield overview_path(kind, owner.slug), page.encode()
    has_library_clusters = (WHOLE_LIBRARY, WHOLE_LIBRARY) in cluster_pages
    yield "README.md", render_index(library, has_library_clusters, len(tables["rejected_rows"])).encode()
