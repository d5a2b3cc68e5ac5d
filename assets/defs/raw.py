"""The raw export folder, validated and landed as the dbt project's sources."""

import dagster as dg

from assets.defs.resources import AtlasPaths, BuildLock
from assets.ingest import CSV_REJECTS, RAW_TABLES, land_export

RAW_GROUP = "raw_files"


def raw_table_key(name: str) -> dg.AssetKey:
    """The key of a landed raw table; it is also the key dagster-dbt gives the dbt source."""
    return dg.AssetKey(["spotify", name])


@dg.multi_asset(
    name="raw_export",
    specs=[
        dg.AssetSpec(
            raw_table_key(name),
            group_name=RAW_GROUP,
            kinds={"csv", "parquet"},
            description=f"The {name} table of the raw export ({name}.csv, or derived from Exportify files), landed as Parquet.",
        )
        for name in RAW_TABLES
    ]
    + [
        dg.AssetSpec(
            raw_table_key(CSV_REJECTS),
            group_name=RAW_GROUP,
            kinds={"csv", "parquet"},
            description="Records of the raw files that the CSV reader could not split into columns.",
        )
    ],
)
def raw_export(context: dg.AssetExecutionContext, paths: AtlasPaths, build_lock: BuildLock):
    """Validate the raw export folder and land each of its tables as Parquet for dbt."""
    build_lock.hold()
    settings = paths.resolve()
    report = land_export(settings.raw_dir, settings.landing_dir)
    context.log.info(f"Landed {sum(report.rows.values())} rows of a {report.format} export from {settings.raw_dir}")
    source = {"format": report.format, "raw_dir": dg.MetadataValue.path(str(settings.raw_dir))}
    for name, rows in report.rows.items():
        yield dg.MaterializeResult(asset_key=raw_table_key(name), metadata={"dagster/row_count": rows, **source})
    yield dg.MaterializeResult(
        asset_key=raw_table_key(CSV_REJECTS),
        metadata={
            "dagster/row_count": sum(report.rejected.values()),
            "rejected_by_file": dg.MetadataValue.json(report.rejected),
            **source,
        },
    )
