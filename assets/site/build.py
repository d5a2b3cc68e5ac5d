"""The whole atlas, one file at a time: charts, cluster pages, overview pages and the entry page."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from assets.charts.catalog import YEARS_CHART
from assets.clusters.groups import WHOLE_LIBRARY
from assets.library.breakdowns import breakdowns
from assets.library.reader import KINDS, Library
from assets.site.cluster_page import render_cluster_page
from assets.site.index_page import render_index
from assets.site.overview_page import render_overview
from assets.site.paths import ENTRY_PAGE, SitePaths
from assets.site.track_table import TrackRows

# The tables of the DuckDB file the site is made from, besides the marts.
SITE_TABLES = ["cluster_groups", "track_clusters", "cluster_summaries", "atlas_charts", "chart_images", "rejected_rows"]


def _track_rows(library: Library, paths: SitePaths) -> TrackRows:
    """Track rows whose artist and label credits carry the slug of the credited page, if any."""
    def credits(kind: str, column: str) -> list[list[tuple[str, str | None]]]:
        return [[(name, paths.slug(kind, key)) for key, name in entry] for entry in library.tracks[column]]

    return TrackRows(library.tracks.assign(artists=credits("artists", "artists"), labels=credits("labels", "labels")))


def atlas_files(library: Library, tables: dict[str, pd.DataFrame]) -> Iterator[tuple[str, bytes]]:
    """Every file of the atlas as (path relative to docs_out/, bytes); `tables` holds SITE_TABLES."""
    paths = SitePaths(library)
    rows = _track_rows(library, paths)
    images = dict(zip(tables["chart_images"]["spec_digest"], tables["chart_images"]["png"]))
    charts = set()
    for chart in tables["atlas_charts"].itertuples(index=False):
        charts.add((chart.group_kind, chart.group_key, chart.chart))
        yield paths.chart(chart.group_kind, chart.group_key, chart.chart), bytes(images[chart.spec_digest])
    assignments = dict(tuple(tables["track_clusters"].groupby(["group_kind", "group_key"], sort=False)))
    summaries = dict(tuple(tables["cluster_summaries"].groupby(["group_kind", "group_key"], sort=False)))
    cluster_pages = {}
    for group in tables["cluster_groups"].itertuples(index=False):
        identity = (group.group_kind, group.group_key)
        descriptions = dict(zip(summaries[identity]["cluster"], summaries[identity]["description"]))
        cluster_pages[identity] = paths.clusters(*identity)
        yield cluster_pages[identity], render_cluster_page(paths, rows, group, assignments[identity], descriptions).encode()
    for kind in KINDS:
        table_of = breakdowns(library, kind)
        for owner in library.entities[kind].query("has_page").itertuples(index=False):
            year_chart = paths.chart(kind, owner.key, YEARS_CHART) if (kind, owner.key, YEARS_CHART) in charts else None
            page = render_overview(library, paths, rows, kind, owner, table_of, cluster_pages.get((kind, owner.key)), year_chart)
            yield paths.overview(kind, owner.key), page.encode()
    has_library_clusters = (WHOLE_LIBRARY, WHOLE_LIBRARY) in cluster_pages
    # A value that could not be read in a row that was kept (a date, say) is reported, not lost.
    lost_rows = int((~tables["rejected_rows"]["row_kept"].astype(bool)).sum())
    yield ENTRY_PAGE, render_index(library, paths, has_library_clusters, lost_rows).encode()
