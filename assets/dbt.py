"""The dbt project that normalises the landed export into DuckDB marts."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from assets.settings import DBT_PROJECT_DIR, current_settings

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR)


def prepare_manifest() -> None:
    """Parse the dbt project under `dagster dev`, or once on a fresh clone that has no manifest."""
    current_settings()  # dbt's profile and sources read the exported paths while parsing
    DBT_PROJECT.prepare_if_dev()
    if not DBT_PROJECT.manifest_path.exists():
        DBT_PROJECT.preparer.prepare(DBT_PROJECT)


class AtlasDbtTranslator(DagsterDbtTranslator):
    """Groups dbt models by their folder (staging, marts) so the graph reads left to right."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        folder = dbt_resource_props["fqn"][1] if len(dbt_resource_props["fqn"]) > 2 else None
        return {"staging": "staging", "marts": "marts", "audit": "marts"}.get(folder, "marts")


prepare_manifest()


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT, dagster_dbt_translator=AtlasDbtTranslator())
def atlas_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Build and test the dbt models, then report each table's row count."""
    settings = current_settings()
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    # Row counts are read after dbt has exited: DuckDB allows no reader beside its writer.
    events = list(invocation.stream())
    counts = _row_counts(settings.duckdb_path) if settings.duckdb_path.exists() else {}
    for event in events:
        if isinstance(event, dg.Output):
            table = context.asset_key_for_output(event.output_name).path[-1]
            if table in counts:
                event = event.with_metadata({**event.metadata, "dagster/row_count": counts[table]})
        yield event
    error = invocation.get_error()
    if error is not None:
        raise error

def _row_counts(duckdb_path) -> dict[str, int]:
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        tables = [name for (name,) in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()]
        return {name: con.execute(f'select count(*) from "{name}"').fetchall()[0][0] for name in tables}
