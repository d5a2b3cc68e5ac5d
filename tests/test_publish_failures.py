"""A run that cannot publish fails and leaves docs_out/ as it was: real Dagster runs from the charts stage."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from assets.defs.charts import atlas_charts
from assets.defs.clusters import track_clusters
from assets.defs.dbt import atlas_dbt_models, dbt_docs_site
from assets.defs.pages import atlas_pages
from assets.defs.raw import raw_export
from assets.defs.resources import AtlasPaths, atlas_resources
from assets.publish.swap import publish
from tools.demo_library import generate_library


def run(assets: list, work: Path, raw: Path, docs_out: Path) -> dg.ExecuteInProcessResult:
    paths = AtlasPaths(raw_dir=str(raw), duckdb_path=str(work / "atlas.duckdb"), docs_out=str(docs_out))
    return dg.materialize(assets, resources=atlas_resources(paths), instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def failures(result: dg.ExecuteInProcessResult) -> dict[str, str]:
    return {event.step_key: str(event.step_failure_data.error) for event in result.all_events if event.is_step_failure}


@pytest.fixture(scope="module")
def charts_stage(tmp_path_factory) -> tuple[Path, Path]:
    """A raw export and the work folder built from it up to the charts, once."""
    base = tmp_path_factory.mktemp("charts_stage")
    generate_library(base / "raw", 200, seed=12)
    assert run([raw_export, atlas_dbt_models, track_clusters, atlas_charts], base / "work", base / "raw", base / "unused").success
    return base / "raw", base / "work"


@pytest.fixture
def work(charts_stage, tmp_path) -> Path:
    shutil.copytree(charts_stage[1], tmp_path / "work")
    return tmp_path / "work"


def test_atlas_pages_refuses_to_publish_into_a_folder_of_the_users_own_files(charts_stage, work, tmp_path):
    mine = tmp_path / "Documents"
    mine.mkdir()
    (mine / "taxes.xlsx").write_bytes(b"numbers")

    result = run([atlas_pages], work, charts_stage[0], mine)

    assert not result.success
    assert "refusing to publish to" in failures(result)["atlas_pages"]
    assert "it holds files that are not an atlas (taxes.xlsx)" in failures(result)["atlas_pages"]
    assert [p.name for p in mine.iterdir()] == ["taxes.xlsx"] and (mine / "taxes.xlsx").read_bytes() == b"numbers"


def test_a_failing_dbt_docs_step_leaves_the_previous_atlas_in_place(charts_stage, work, tmp_path):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"the previous atlas")], docs, raw_dir=charts_stage[0])
    # dbt cannot make its docs working folder where a file stands: a real failure of `dbt docs generate`.
    (work / "atlas_dbt_docs_target").write_text("in the way")

    result = run([dbt_docs_site, atlas_pages], work, charts_stage[0], docs)

    assert not result.success and "dbt_docs_site" in failures(result)
    assert (docs / "README.md").read_bytes() == b"the previous atlas"
    assert sorted(p.name for p in docs.iterdir()) == [".library-atlas", "README.md"]
