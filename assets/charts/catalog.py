"""Which charts the atlas draws: a cluster scatter per clustered group, tracks by year where it says more."""

from __future__ import annotations

import hashlib

import pandas as pd

from assets.charts.specs import scatter_spec, year_bars_spec
from assets.library.breakdowns import release_years
from assets.library.reader import KINDS, Library

CLUSTERS_CHART = "clusters_scatter"
YEARS_CHART = "tracks_by_year"
# A scatter of more points shows nothing more and costs seconds to render; larger groups are
# drawn from a fixed sample (by a hash of the track URI, so the same tracks every time).
MAX_CHART_POINTS = 5000
# A bar chart says more than the year table only with enough tracks spread over enough years;
# each chart also costs a render, which adds up over thousands of pages.
MIN_TRACKS_FOR_YEAR_CHART = 50
MIN_YEARS_FOR_YEAR_CHART = 5

ChartKey = tuple[str, str, str]  # group kind, group key, chart


def chart_points(assignments: pd.DataFrame) -> pd.DataFrame:
    """The points to draw for a group: all of them, or a stable sample of MAX_CHART_POINTS."""
    if len(assignments) <= MAX_CHART_POINTS:
        return assignments
    rank = assignments["track_uri"].map(lambda uri: hashlib.sha256(uri.encode()).digest())
    return assignments.loc[rank.sort_values(kind="stable").index[:MAX_CHART_POINTS]]


def cluster_chart_specs(groups: pd.DataFrame, track_clusters: pd.DataFrame) -> dict[ChartKey, dict]:
    """The scatter spec of every clustered group."""
    by_group = dict(tuple(track_clusters.groupby(["group_kind", "group_key"], sort=False)))
    specs = {}
    for row in groups.itertuples(index=False):
        points = chart_points(by_group[(row.group_kind, row.group_key)])
        specs[row.group_kind, row.group_key, CLUSTERS_CHART] = scatter_spec(points, row.x_title, row.y_title, title=row.group_name)
    return specs


def year_chart_specs(library: Library) -> dict[ChartKey, dict]:
    """The bar chart spec of every page owner with enough dated tracks."""
    specs = {}
    for kind in KINDS:
        years_by_owner = release_years(library, kind)
        for owner in library.entities[kind].query("has_page").itertuples(index=False):
            years = years_by_owner.get(owner.key)
            if years is not None and years["tracks"].sum() >= MIN_TRACKS_FOR_YEAR_CHART and len(years) >= MIN_YEARS_FOR_YEAR_CHART:
                counts = years.rename(columns={"album_release_year": "year"})[["year", "tracks"]]
                specs[kind, owner.key, YEARS_CHART] = year_bars_spec(counts, f"{owner.name}: tracks by release year")
    return specs
