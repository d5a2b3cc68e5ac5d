"""The atlas's charts, rendered to PNG and kept in the DuckDB file (a chart is rendered again only when its data changed)."""

import dagster as dg
import pandas as pd

from assets.charts.catalog import cluster_chart_specs, year_chart_specs
from assets.charts.render import CHART_TABLES, build_charts
from assets.defs.clusters import track_clusters
from assets.defs.resources import AtlasDuckDB, BuildLock
from assets.library.reader import read_library
from assets.library.warehouse import read_tables, write_tables


@dg.asset(group_name="charts", kinds={"altair", "duckdb"}, deps=[track_clusters])
def atlas_charts(duckdb: AtlasDuckDB, build_lock: BuildLock) -> dg.MaterializeResult:
    """PNG charts: each group's clusters on two principal components, and tracks by release year."""
    build_lock.hold()
    with duckdb.get_connection() as con:
        library = read_library(con)
        stored = read_tables(con, ["cluster_groups", "track_clusters", "chart_images"])
        specs = cluster_chart_specs(stored["cluster_groups"], stored["track_clusters"]) | year_chart_specs(library)
        images = stored["chart_images"]
        cached = dict(zip(images["spec_digest"], map(bytes, images["png"]))) if images is not None else {}
        charts = build_charts(specs, cached)
        write_tables(con, dict(zip(CHART_TABLES, (
            charts.charts,
            pd.DataFrame({"spec_digest": list(charts.images), "png": list(charts.images.values())}),
        ))))
    return dg.MaterializeResult(
        metadata={
            "charts": len(charts.charts),
            "charts_rendered": charts.rendered,
            "charts_unchanged": charts.reused,
            "png_bytes": sum(len(png) for png in charts.images.values()),
        }
    )
