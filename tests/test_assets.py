"""Each asset materialised on its own, with a real Dagster instance, on a small library the project generates.

A session builds the stages in order once (landed export, dbt marts, clusters, charts), keeping a
copy of the DuckDB file after each; a test starts from a copy of the stage before its asset.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.definitions import defs
from assets.defs.charts import atlas_charts
from assets.defs.checks import links_resolve
from assets.defs.clusters import track_clusters
from assets.defs.dbt import DOCS_SITE_FILES, atlas_dbt_models, dbt_docs_site
from assets.defs.pages import atlas_pages
from assets.defs.raw import raw_export
from assets.defs.resources import AtlasPaths, atlas_resources
from assets.ingest import RAW_TABLES
from tests.support import csv_records
from tools.demo_library import generate_library

STAGES = {"landed": [raw_export], "marts": [atlas_dbt_models], "clusters": [track_clusters], "charts": [atlas_charts]}


def paths_in(work: Path, raw: Path) -> AtlasPaths:
    return AtlasPaths(raw_dir=str(raw), duckdb_path=str(work / "atlas.duckdb"), docs_out=str(work / "docs_out"))


def materialize(assets: list, paths: AtlasPaths, **kwargs) -> dg.ExecuteInProcessResult:
    return dg.materialize(assets, resources=atlas_resources(paths), instance=dg.DagsterInstance.ephemeral(), **kwargs)


def metadata(result: dg.ExecuteInProcessResult, key: str) -> dict:
    [event] = [e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey.from_user_string(key)]
    return {name: value.value for name, value in event.materialization.metadata.items()}


@pytest.fixture(scope="session")
def small_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("small") / "raw"
    generate_library(raw, 400, seed=5)
    return raw


@pytest.fixture(scope="session")
def stages(tmp_path_factory, small_raw) -> dict[str, Path]:
    """The work folder after each stage, built once in order."""
    work = tmp_path_factory.mktemp("stages") / "work"
    saved = {}
    for stage, assets in STAGES.items():
        materialize(assets, paths_in(work, small_raw))
        saved[stage] = tmp_path_factory.mktemp(stage) / "work"
        shutil.copytree(work, saved[stage])
    return saved


def start_from(stages: dict[str, Path], stage: str, tmp_path: Path) -> Path:
    work = tmp_path / "work"
    shutil.copytree(stages[stage], work)
    return work


def tables(work: Path) -> set[str]:
    with duckdb.connect(str(work / "atlas.duckdb"), read_only=True) as con:
        return {name for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()}


def test_raw_export_lands_every_row_of_every_file(tmp_path, small_raw):
    result = materialize([raw_export], paths_in(tmp_path / "work", small_raw))

    for name in RAW_TABLES:
        landed = metadata(result, f"spotify/{name}")
        assert landed["format"] == "normalised"
        assert landed["dagster/row_count"] == csv_records(small_raw / f"{name}.csv"), name
    assert metadata(result, "spotify/csv_rejects")["dagster/row_count"] == 0
    assert sorted(p.name for p in (tmp_path / "work" / "atlas_landing").iterdir()) == sorted(
        f"{name}.parquet" for name in [*RAW_TABLES, "csv_rejects"]
    )


def test_dbt_models_build_the_marts_with_row_counts_and_passing_checks(tmp_path, stages, small_raw):
    work = start_from(stages, "landed", tmp_path)

    result = materialize([atlas_dbt_models], paths_in(work, small_raw))

    assert result.success
    with duckdb.connect(str(work / "atlas.duckdb"), read_only=True) as con:
        tracks = con.execute("select count(*) from dim_tracks").fetchone()[0]
    assert metadata(result, "dim_tracks")["dagster/row_count"] == tracks > 0
    checks = result.get_asset_check_evaluations()
    assert checks and all(check.passed for check in checks if check.severity == dg.AssetCheckSeverity.ERROR)


def test_track_clusters_clusters_every_group_and_reuses_unchanged_ones(tmp_path, stages, small_raw):
    work = start_from(stages, "marts", tmp_path)
    paths = paths_in(work, small_raw)

    first = metadata(materialize([track_clusters], paths), "track_clusters")
    again = metadata(materialize([track_clusters], paths), "track_clusters")

    assert first["groups"] == first["groups_recomputed"] > 1 and first["groups_by_kind"]["all"] == 1
    assert (again["groups_recomputed"], again["groups_unchanged"]) == (0, first["groups"])
    assert {"cluster_groups", "track_clusters", "cluster_summaries"} <= tables(work)


def test_atlas_charts_renders_each_chart_once(tmp_path, stages, small_raw):
    work = start_from(stages, "clusters", tmp_path)
    paths = paths_in(work, small_raw)

    first = metadata(materialize([atlas_charts], paths), "atlas_charts")
    again = metadata(materialize([atlas_charts], paths), "atlas_charts")

    assert first["charts"] == first["charts_rendered"] > 1 and first["png_bytes"] > 0
    assert (again["charts_rendered"], again["charts_unchanged"]) == (0, first["charts"])


def test_atlas_pages_publishes_the_atlas_and_its_links_resolve(tmp_path, stages, small_raw):
    work = start_from(stages, "charts", tmp_path)
    paths = paths_in(work, small_raw)

    result = materialize([atlas_pages, links_resolve], paths)

    pages = metadata(result, "atlas_pages")
    docs_out = work / "docs_out"
    assert pages["pages"] == len(list(docs_out.rglob("*.md"))) and (docs_out / "README.md").is_file()
    assert pages["images"] == len(list(docs_out.rglob("*.png"))) > 0
    assert pages["preview"].startswith("# Clusters in All tracks")
    assert "![" not in pages["preview"] and pages["preview"].splitlines()[-1].endswith("|")
    [check] = result.get_asset_check_evaluations()
    assert check.passed and check.metadata["broken"].value == 0


def test_links_resolve_fails_on_a_page_no_link_leads_to(tmp_path, stages, small_raw):
    work = start_from(stages, "charts", tmp_path)
    paths = paths_in(work, small_raw)
    materialize([atlas_pages], paths)
    (work / "docs_out" / "orphan.md").write_text("[gone](nowhere.md)\n", encoding="utf-8")

    result = materialize([atlas_pages, links_resolve], paths, selection=dg.AssetSelection.checks(links_resolve))

    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    assert check.metadata["broken"].value == 1 and check.metadata["unreachable"].value == 1
    assert "orphan.md:1: nowhere.md (no such file)" in check.metadata["first_problems"].value


def test_dbt_docs_site_is_generated_once_per_version_of_the_dbt_project(tmp_path, stages, small_raw):
    work = start_from(stages, "marts", tmp_path)
    paths = paths_in(work, small_raw)

    first = metadata(materialize([dbt_docs_site], paths), "dbt_docs_site")
    site = Path(first["static_site"])
    generated = site.stat().st_mtime_ns
    again = metadata(materialize([dbt_docs_site], paths), "dbt_docs_site")
    (work / "atlas_dbt_docs_target" / "project_digest").write_text("an older dbt project")
    changed = metadata(materialize([dbt_docs_site], paths), "dbt_docs_site")

    assert site == work / "atlas_dbt_docs" / "static_index.html"
    assert "stg_spotify__tracks" in site.read_text(encoding="utf-8")
    assert sorted(p.name for p in site.parent.iterdir()) == sorted(DOCS_SITE_FILES)
    assert (first["regenerated"], again["regenerated"], changed["regenerated"]) == (True, False, True)
    assert site.stat().st_mtime_ns > generated


def test_every_check_says_what_it_checks():
    checks = [spec for assets in [*defs.assets, *defs.asset_checks] for spec in assets.check_specs]

    assert len(checks) > 10
    assert [spec.name for spec in checks if not spec.description] == []
    [album_check] = [spec for spec in checks if spec.name.startswith("relationships_dim_tracks_album_uri")]
    assert "kept" in album_check.description
