"""The Library Atlas code location: raw export -> dbt -> clusters -> charts -> pages."""

import dagster as dg
from dagster_dbt import DbtCliResource

from assets.build_lock import BuildLock
from assets.dbt import DBT_PROJECT, atlas_dbt_models, dbt_docs_site
from assets.pipeline import atlas_charts, atlas_pages, links_resolve, track_clusters
from assets.raw import raw_export
from assets.sensor import raw_export_sensor_for

ATLAS_JOB = dg.define_asset_job("atlas_job", selection=dg.AssetSelection.all(), description="Build the whole atlas.")

defs = dg.Definitions(
    assets=[raw_export, atlas_dbt_models, track_clusters, atlas_charts, atlas_pages, dbt_docs_site],
    asset_checks=[links_resolve],
    jobs=[ATLAS_JOB],
    sensors=[raw_export_sensor_for(ATLAS_JOB)],
    resources={"dbt": DbtCliResource(project_dir=DBT_PROJECT), "build_lock": BuildLock()},
    # The graph is a chain and each step already uses both cores; a process per step would only
    # add seconds of start-up per asset.
    executor=dg.in_process_executor,
)
