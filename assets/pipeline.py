"""Dagster assets that turn the dbt marts into clusters, charts and the published pages."""

import time

import dagster as dg
import pandas as pd
from dagster_dbt import get_asset_key_for_model

from assets.build_lock import BuildLock
from assets.chart_tables import build_charts, cluster_chart_specs
from assets.cluster_tables import ClusterTables, build_cluster_tables
from assets.dbt import atlas_dbt_models
from assets.library import KINDS, read_library
from assets.linkcheck import check_links
from assets.pages import atlas_files
from assets.publish import publish
from assets.settings import current_settings
from assets.site import breakdowns, year_chart_specs
from assets.warehouse import read_tables, write_tables

MARTS = [
    get_asset_key_for_model([atlas_dbt_models], model)
    for model in (
        "dim_tracks", "dim_artists", "dim_genres", "dim_labels", "dim_playlists", "rejected_rows",
        "bridge_track_artists", "bridge_track_genres", "bridge_album_labels", "bridge_playlist_tracks",
    )
]
CLUSTER_TABLES = ["cluster_groups", "track_clusters", "cluster_summaries"]
CHART_TABLES = ["atlas_charts", "chart_images"]


@dg.asset(group_name="clusters", kinds={"sklearn", "duckdb"}, deps=MARTS)
def track_clusters(build_lock: BuildLock) -> dg.MaterializeResult:
    """Tracks of every genre, playlist, artist and the whole library clustered by how they sound."""
    settings = current_settings()
    library = read_library(settings.duckdb_path)
    stored = read_tables(settings.duckdb_path, CLUSTER_TABLES)
    previous = (
        ClusterTables(*(stored[name] for name in CLUSTER_TABLES), 0, 0)
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
            "clusters_per_group": dg.MetadataValue.json(
                {str(k): int(n) for k, n in tables.groups["k"].value_counts().sort_index().items()}
            ),
            "dagster/row_count": len(tables.tracks),
        }
    )


@dg.asset(group_name="charts", kinds={"altair", "duckdb"}, deps=[track_clusters])
def atlas_charts(build_lock: BuildLock) -> dg.MaterializeResult:
    """PNG charts: each group's clusters on two principal components, and tracks by release year."""
    settings = current_settings()
    library = read_library(settings.duckdb_path)
    stored = read_tables(settings.duckdb_path, ["cluster_groups", "track_clusters", "chart_images"])
    specs = cluster_chart_specs(stored["cluster_groups"], stored["track_clusters"])
    specs |= year_chart_specs(library, {kind: breakdowns(library, kind) for kind in KINDS})
    images = stored["chart_images"]
    cached = dict(zip(images["spec_digest"], map(bytes, images["png"]))) if images is not None else {}
    charts = build_charts(specs, cached)
    write_tables(
        settings.duckdb_path,
        {
            "atlas_charts": charts.charts,
            "chart_images": pd.DataFrame({"spec_digest": list(charts.images), "png": list(charts.images.values())}),
        },
    )
    return dg.MaterializeResult(
        metadata={
            "charts": len(charts.charts),
            "charts_rendered": charts.rendered,
            "charts_unchanged": charts.reused,
            "png_bytes": sum(len(png) for png in charts.images.values()),
        }
    )


@dg.asset(group_name="pages", kinds={"markdown"}, deps=[atlas_charts])
def atlas_pages(build_lock: BuildLock) -> dg.MaterializeResult:
    """The Markdown atlas in docs_out/, published in one step once every page is rendered."""
    settings = current_settings()
    library = read_library(settings.duckdb_path)
    tables = read_tables(settings.duckdb_path, CLUSTER_TABLES + CHART_TABLES + ["rejected_rows"])
    counts = {"pages": 0, "images": 0}
    preview = []

    def counted(files):
        for path, content in files:
            counts["pages" if path.endswith(".md") else "images"] += 1
            if path == "clusters.md":
                preview.append(content.decode().split("## Cluster #2")[0][:2000])
            yield path, content

    started = time.perf_counter()
    report = publish(counted(atlas_files(library, tables)), settings.docs_out)
    return dg.MaterializeResult(
        metadata={
            **counts,
            "cluster_pages": len(tables["cluster_groups"]),
            "files_written": report.written,
            "files_unchanged": report.unchanged,
            "files_removed": report.removed,
            "render_seconds": round(time.perf_counter() - started - report.seconds, 2),
            "publish_seconds": round(report.seconds, 2),
            "docs_out": dg.MetadataValue.path(str(settings.docs_out)),
            "preview": dg.MetadataValue.md(preview[0] if preview else "(no whole-library page)"),
        }
    )


@dg.asset_check(asset=atlas_pages, description="Every relative link and image resolves and every page is reachable from README.md.")
def links_resolve() -> dg.AssetCheckResult:
    """Run the link checker over the published docs_out/."""
    report = check_links(current_settings().docs_out)
    return dg.AssetCheckResult(
        passed=report.ok,
        metadata={
            "pages": report.pages,
            "links": report.links,
            "broken": len(report.broken),
            "unreachable": len(report.unreachable),
            "first_problems": dg.MetadataValue.md(
                "\n".join(f"- `{problem}`" for problem in [*map(str, report.broken), *report.unreachable][:20]) or "none"
            ),
        },
    )
