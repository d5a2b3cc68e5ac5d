"""The dbt project that normalises the landed export into DuckDB marts, and its docs site."""

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from assets.defs.resources import DBT_PROJECT, AtlasDuckDB, AtlasPaths, BuildLock
from assets.library.warehouse import row_counts


# Every `dg` command (and `dagster dev`) parses the project here, so a fresh clone needs no
# prepared manifest; a deployment would run `dagster-dbt project prepare-and-package` instead.
DBT_PROJECT.prepare_if_dev()


class AtlasDbtTranslator(DagsterDbtTranslator):
    """Groups dbt models by their folder (staging, marts) so the graph reads left to right; tests keep their descriptions."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        folder = dbt_resource_props["fqn"][1] if len(dbt_resource_props["fqn"]) > 2 else None
        return {"staging": "staging", "marts": "marts", "audit": "marts"}.get(folder, "marts")

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project) -> dg.AssetCheckSpec | None:
        """The dbt test as an asset check, described by the test's own description (dagster-dbt reads only its meta)."""
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        description = manifest["nodes"][unique_id].get("description")
        if spec is None or not description:
            return spec
        return dg.AssetCheckSpec(
            name=spec.name,
            asset=spec.asset_key,
            description=" ".join(description.split()),
            additional_deps=spec.additional_deps,
            metadata=spec.metadata,
            blocking=spec.blocking,
        )


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT, dagster_dbt_translator=AtlasDbtTranslator())
def atlas_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, paths: AtlasPaths, duckdb: AtlasDuckDB, build_lock: BuildLock
):
    """Build and test the dbt models, then report each table's row count."""
    build_lock.hold()
    # dbt opens the file in its own process, where another program holding it is only a lock error;
    # waiting here says which program it is.
    duckdb.wait_until_free()
    # One target folder per DuckDB file (its builds take turns under the build lock) keeps dbt's
    # partial parse warm between builds.
    invocation = dbt.cli(
        ["build", *paths.dbt_vars()], context=context, raise_on_error=False, target_path=paths.resolve().dbt_target_dir
    )
    # Row counts are read after dbt has exited: DuckDB allows no reader beside its writer.
    events = list(invocation.stream())
    with duckdb.get_connection() as con:
        counts = row_counts(con)
    for event in events:
        if isinstance(event, dg.Output):
            table = context.asset_key_for_output(event.output_name).path[-1]
            if table in counts:
                event = event.with_metadata({**event.metadata, "dagster/row_count": counts[table]})
        yield event
    error = invocation.get_error()
    if error is not None:
        raise error


def project_digest(project_dir: Path) -> str:
    """A digest of what the docs site describes: the dbt project's own files, not the data."""
    digest = hashlib.sha256()
    files = [project_dir / "dbt_project.yml", *sorted(p for folder in ("models", "macros", "tests") for p in (project_dir / folder).rglob("*") if p.is_file())]
    for path in files:
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


PROJECT_DIGEST = project_digest(DBT_PROJECT.project_dir)
# The docs site: one self-contained page, and the page with the two files it loads when served.
DOCS_SITE_FILES = ("static_index.html", "index.html", "manifest.json", "catalog.json")


@dg.asset(
    group_name="pages",
    kinds={"dbt", "html"},
    # Before the pages, not after: atlas_pages publishes docs_out/, so it must be the run's last step
    # for a failing docs generation to leave the previous atlas in place.
    deps=[atlas_dbt_models],
    code_version=PROJECT_DIGEST[:16],
    description="The dbt docs site (lineage from the raw files to the pages), generated when the dbt project changes.",
)
def dbt_docs_site(dbt: DbtCliResource, paths: AtlasPaths, duckdb: AtlasDuckDB, build_lock: BuildLock) -> dg.MaterializeResult:
    """Generate the dbt docs site into its own folder when the dbt project changed since it was last generated."""
    build_lock.hold()
    settings = paths.resolve()
    folder, work = settings.dbt_docs_dir, settings.dbt_docs_target_dir
    site = folder / "static_index.html"
    # The docs describe the project, so a data change leaves them as they are.
    stamp = work / "project_digest"
    regenerate = not site.is_file() or not stamp.is_file() or stamp.read_text() != PROJECT_DIGEST
    if regenerate:
        duckdb.wait_until_free()
        # Its own target path, so the docs never overwrite the manifest Dagster loads.
        dbt.cli(["docs", "generate", "--static", *paths.dbt_vars()], target_path=work).wait()
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name in DOCS_SITE_FILES:
            shutil.copyfile(work / name, folder / name)
        stamp.write_text(PROJECT_DIGEST)
    return dg.MaterializeResult(
        metadata={
            "regenerated": regenerate,
            "project_digest": PROJECT_DIGEST[:16],
            "static_site": dg.MetadataValue.path(str(site)),
            "serve": dg.MetadataValue.md(f"`python -m http.server -d {folder} 8080`"),
        }
    )
