"""The dbt project that normalises the landed export into DuckDB marts."""

from collections.abc import Mapping
from typing import Any

import os
import sys
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from assets.build_lock import BuildLock
from assets.settings import DBT_PROJECT_DIR, current_settings

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR)


def _put_dbt_on_path() -> None:
    """Let `dbt` resolve to the one installed beside this Python, even in an unactivated venv."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def prepare_manifest() -> None:
    """Parse the dbt project under `dagster dev`, or when the manifest is missing or stale."""
    current_settings()  # dbt's profile and sources read the exported paths while parsing
    _put_dbt_on_path()
    DBT_PROJECT.prepare_if_dev()
    if _manifest_is_stale():
        DBT_PROJECT.preparer.prepare(DBT_PROJECT)


def _manifest_is_stale() -> bool:
    """Whether the manifest is missing or older than a file it is parsed from."""
    if not DBT_PROJECT.manifest_path.exists():
        return True
    built = DBT_PROJECT.manifest_path.stat().st_mtime
    sources = [DBT_PROJECT.project_dir / name for name in ("dbt_project.yml", "profiles.yml")]
    for folder in ("models", "macros", "tests"):
        sources += (DBT_PROJECT.project_dir / folder).rglob("*")
    return any(path.is_file() and path.stat().st_mtime > built for path in sources)


class AtlasDbtTranslator(DagsterDbtTranslator):
    """Groups dbt models by their folder (staging, marts) so the graph reads left to right."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        folder = dbt_resource_props["fqn"][1] if len(dbt_resource_props["fqn"]) > 2 else None
        return {"staging": "staging", "marts": "marts", "audit": "marts"}.get(folder, "marts")


prepare_manifest()


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT, dagster_dbt_translator=AtlasDbtTranslator())
def atlas_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, build_lock: BuildLock):
    """Build and test the dbt models, then report each table's row count."""
    settings = current_settings()
    # One target folder per DuckDB file (its builds take turns under the build lock) keeps dbt's
    # partial parse warm between builds.
    invocation = dbt.cli(["build"], context=context, raise_on_error=False, target_path=settings.dbt_target_dir)
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


@dg.asset(
    group_name="pages",
    kinds={"dbt", "html"},
    deps=["atlas_pages"],
    description="The dbt docs site (lineage from the raw files to the pages), generated after the build.",
)
def dbt_docs_site(dbt: DbtCliResource, build_lock: BuildLock) -> dg.MaterializeResult:
    """Generate the dbt docs site into its own folder, after every writer of the DuckDB file is done."""
    target = current_settings().dbt_docs_dir
    # Its own target path, so the docs never overwrite the manifest Dagster loads.
    dbt.cli(["docs", "generate", "--static"], target_path=target).wait()
    return dg.MaterializeResult(
        metadata={
            "static_site": dg.MetadataValue.path(str(target / "static_index.html")),
            "serve": dg.MetadataValue.md(f"`dbt docs serve --project-dir dbt_project --profiles-dir dbt_project --target-path {target}`"),
        }
    )
