"""The Markdown atlas, rendered from the library, its clusters and charts, and published to docs_out/."""

import time

import dagster as dg

from assets.defs.charts import atlas_charts
from assets.defs.dbt import dbt_docs_site
from assets.defs.resources import AtlasDuckDB, AtlasPaths, BuildLock
from assets.library.reader import read_library
from assets.library.warehouse import read_tables
from assets.publish.swap import publish
from assets.site.blocks import preview
from assets.site.build import SITE_TABLES, atlas_files
from assets.site.paths import WHOLE_LIBRARY_CLUSTERS

PREVIEW_CHARS = 2000


@dg.asset(group_name="pages", kinds={"markdown"}, deps=[atlas_charts, dbt_docs_site])
def atlas_pages(paths: AtlasPaths, duckdb: AtlasDuckDB, build_lock: BuildLock) -> dg.MaterializeResult:
    """The Markdown atlas in docs_out/, published in one step once every page is rendered."""
    build_lock.hold()
    settings = paths.resolve()
    docs_out = settings.docs_out
    with duckdb.get_connection() as con:
        library = read_library(con)
        tables = read_tables(con, SITE_TABLES)
    counts = {"pages": 0, "images": 0}
    previews = []

    def counted(files):
        for path, content in files:
            counts["pages" if path.endswith(".md") else "images"] += 1
            if path == WHOLE_LIBRARY_CLUSTERS:
                previews.append(preview(content.decode().split("## Cluster #2")[0], PREVIEW_CHARS))
            yield path, content

    started = time.perf_counter()
    report = publish(counted(atlas_files(library, tables)), docs_out, raw_dir=settings.raw_dir)
    return dg.MaterializeResult(
        metadata={
            **counts,
            "cluster_pages": len(tables["cluster_groups"]),
            "files_written": report.written,
            "files_unchanged": report.unchanged,
            "files_removed": report.removed,
            "render_seconds": round(time.perf_counter() - started - report.seconds, 2),
            "publish_seconds": round(report.seconds, 2),
            "docs_out": dg.MetadataValue.path(str(docs_out)),
            "preview": dg.MetadataValue.md(previews[0] if previews else "(no whole-library page)"),
        }
    )
