"""The Library Atlas code location: raw export -> dbt -> clusters -> charts -> pages."""

import dagster as dg

from assets.defs.charts import atlas_charts
from assets.defs.checks import links_resolve
from assets.defs.clusters import track_clusters
from assets.defs.dbt import atlas_dbt_models, dbt_docs_site
from assets.defs.pages import atlas_pages
from assets.defs.raw import raw_export
from assets.defs.resources import configured_resources
from assets.defs.sensors import raw_export_sensor_for

ATLAS_JOB = dg.define_asset_job("atlas_job", selection=dg.AssetSelection.all(), description="Build the whole atlas.")

defs = dg.Definitions(
    assets=[raw_export, atlas_dbt_models, track_clusters, atlas_charts, atlas_pages, dbt_docs_site],
    asset_checks=[links_resolve],
    jobs=[ATLAS_JOB],
    sensors=[raw_export_sensor_for(ATLAS_JOB)],
    resources=configured_resources(),
    # The graph is a chain and each step already uses both cores; a process per step would only
    # add seconds of start-up per asset.
    executor=dg.in_process_executor,
)
