"""Dagster assets that turn the dbt marts into clusters, charts and the published pages."""

import dagster as dg
import pandas as pd
from dagster_dbt import get_asset_key_for_model

from assets.chart_tables import build_charts
from assets.cluster_tables import ClusterTables, build_cluster_tables
from assets.dbt import atlas_dbt_models
from assets.groups import Group
from assets.library import read_library
from assets.pages import render_cluster_page
from assets.publish import publish
from assets.settings import current_settings
from assets.warehouse import read_tables, write_tables

MARTS = [
    get_asset_key_for_model([atlas_dbt_models], model)
    for model in (
        "dim_tracks", "dim_artists", "dim_genres", "dim_labels", "dim_playlists",
        "bridge_track_artists", "bridge_track_genres", "bridge_album_labels", "bridge_playlist_tracks",
    )
]
CLUSTER_TABLES = ["cluster_groups", "track_clusters", "cluster_summaries"]


@dg.asset(group_name="clusters", kinds={"sklearn", "duckdb"}, deps=MARTS)
def track_clusters() -> dg.MaterializeResult:
    """Tracks of every genre, playlist, artist and the whole library clustered by how they sound."""
    settings = current_settings()
    library = read_library(settings.duckdb_path)
    stored = read_tables(settings.duckdb_path, CLUSTER_TABLES)
    previous = (
        ClusterTables(stored["cluster_groups"], stored["track_clusters"], stored["cluster_summaries"], 0, 0)
        if all(frame is not None for frame in stored.values())
        else ClusterTables.empty()
    )
    tables = build_cluster_tables(library, previous)
    write_tables(settings.duckdb_path, dict(zip(CLUSTER_TABLES, (tables.groups, tables.tracks, tables.summaries))))
    per_kind = tables.groups.groupby("group_kind").size().to_dict()
    return dg.MaterializeResult(
        metadata={
            "groups": len(tables.groups),
            "groups_by_kind": dg.MetadataValue.json({kind: int(n) for kind, n in per_kind.items()}),
            "groups_recomputed": tables.recomputed,
            "groups_unchanged": tables.reused,
            "clustered_tracks": len(tables.tracks),
            "clusters_per_group": dg.MetadataValue.json(
                {str(k): int(n) for k, n in tables.groups["k"].value_counts().sort_index().items()}
            ),
            "dagster/row_count": len(tables.tracks),
        }
    )


@dg.asset(group_name="charts", kinds={"altair", "duckdb"}, deps=[track_clusters])
def cluster_charts() -> dg.MaterializeResult:
    """A PNG scatter of each group's clusters on its first two principal components."""
    settings = current_settings()
    stored = read_tables(settings.duckdb_path, ["cluster_groups", "track_clusters", "cluster_charts", "chart_images"])
    images = stored["chart_images"]
    cached = dict(zip(images["spec_digest"], images["png"])) if images is not None else {}
    charts = build_charts(stored["cluster_groups"], stored["track_clusters"], {k: bytes(v) for k, v in cached.items()})
    write_tables(
        settings.duckdb_path,
        {
            "cluster_charts": charts.charts,
            "chart_images": pd.DataFrame({"spec_digest": list(charts.images), "png": list(charts.images.values())}),
        },
    )
    sizes = [len(png) for png in charts.images.values()]
    return dg.MaterializeResult(
        metadata={
            "charts": len(charts.charts),
            "charts_rendered": charts.rendered,
            "charts_unchanged": charts.reused,
            "png_bytes": sum(sizes),
        }
    )


@dg.asset(group_name="pages", kinds={"markdown"}, deps=[cluster_charts])
def atlas_pages() -> dg.MaterializeResult:
    """The Markdown atlas in docs_out/, published in one step once every page is rendered."""
    settings = current_settings()
    library = read_library(settings.duckdb_path)
    stored = read_tables(settings.duckdb_path, CLUSTER_TABLES + ["cluster_charts", "chart_images"])
    images = dict(zip(stored["chart_images"]["spec_digest"], stored["chart_images"]["png"]))
    chart_of = {
        (row.group_kind, row.group_key): bytes(images[row.spec_digest]) for row in stored["cluster_charts"].itertuples()
    }
    assignments = dict(tuple(stored["track_clusters"].groupby(["group_kind", "group_key"], sort=False)))
    summaries = dict(tuple(stored["cluster_summaries"].groupby(["group_kind", "group_key"], sort=False)))
    files: dict[str, bytes] = {}
    for row in stored["cluster_groups"].itertuples(index=False):
        identity = (row.group_kind, row.group_key)
        group = Group(row.group_kind, row.group_key, row.group_name, row.slug, ())
        descriptions = dict(zip(summaries[identity]["cluster"], summaries[identity]["description"]))
        page = render_cluster_page(group, library.tracks, assignments[identity], descriptions)
        files[group.page_path] = page.encode()
        files[group.image_path] = chart_of[identity]
    report = publish(files, settings.docs_out)
    preview = files.get("clusters.md", b"").decode()[:1500]
    return dg.MaterializeResult(
        metadata={
            "pages": sum(path.endswith(".md") for path in files),
            "images": sum(path.endswith(".png") for path in files),
            "files_written": report.written,
            "files_unchanged": report.unchanged,
            "files_removed": report.removed,
            "docs_out": dg.MetadataValue.path(str(settings.docs_out)),
            "preview": dg.MetadataValue.md(preview),
        }
    )
