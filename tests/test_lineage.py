"""Lineage from the raw files to what users read: dbt exposures, descriptions and the docs site."""

from __future__ import annotations

import json
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource

from assets.clusters.groups import CLUSTER_RULES
from assets.defs.pages import atlas_pages
from assets.defs.resources import AtlasPaths, atlas_resources
from assets.library import reader
from assets.settings import DBT_PROJECT_DIR
from tests.support import VENV_BIN, cli_env, copy_build

PROJECT = "library_atlas"
# Each exposure: what users read (path fragments its description must name) and the asset making it.
EXPOSURES = {
    "atlas_index": (["docs_out/README.md"], "atlas_pages"),
    "atlas_cluster_pages": (["docs_out/clusters.md", "/clusters/overview.md"], "atlas_pages"),
    "atlas_overview_pages": (["<slug>/overview.md"], "atlas_pages"),
    "atlas_cluster_charts": (["docs_out/images/", "clusters_scatter.png"], "atlas_charts"),
    "atlas_year_charts": (["docs_out/images/", "tracks_by_year.png"], "atlas_charts"),
}


@pytest.fixture(scope="module")
def docs_dir(demo_build) -> Path:
    return demo_build.settings.dbt_docs_dir


@pytest.fixture(scope="module")
def manifest(docs_dir) -> dict:
    return json.loads((docs_dir / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog(docs_dir) -> dict:
    return json.loads((docs_dir / "catalog.json").read_text(encoding="utf-8"))


def _models(manifest: dict) -> dict[str, dict]:
    return {uid: node for uid, node in manifest["nodes"].items()
            if node["resource_type"] == "model" and node["package_name"] == PROJECT}


def _model_names(manifest: dict) -> set[str]:
    return {node["name"] for node in _models(manifest).values()}


def _tables_read(sql: str, models: set[str]) -> set[str]:
    """The dbt models a query reads (`from x` / `join x`), leaving out CTEs and other names."""
    return {name for name in re.findall(r"\b(?:from|join)\s+(\w+)", sql, flags=re.IGNORECASE) if name in models}


def _ancestors(manifest: dict, unique_id: str) -> set[str]:
    parents, seen, todo = manifest["parent_map"], set(), [unique_id]
    while todo:
        for parent in parents.get(todo.pop(), []):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def test_the_static_docs_site_is_generated_with_the_exposures(docs_dir):
    site = docs_dir / "static_index.html"
    assert site.is_file(), f"no static docs site at {site}"
    html = site.read_text(encoding="utf-8")
    # The static site embeds the manifest and catalog, so it opens from disk without a server.
    for name in EXPOSURES:
        assert f"exposure.{PROJECT}.{name}" in html


def test_every_source_and_model_has_a_description(manifest):
    sources = manifest["sources"]
    assert sources, "the manifest has no sources"
    undocumented = [uid for uid, source in sources.items()
                    if not source["description"].strip() or not source["source_description"].strip()]
    undocumented += [uid for uid, model in _models(manifest).items() if not model["description"].strip()]
    assert not undocumented, f"no description: {undocumented}"


def test_every_declared_column_has_a_description(manifest):
    nodes = {**_models(manifest), **manifest["sources"]}
    undocumented = [f"{uid}.{name}" for uid, node in nodes.items()
                    for name, column in node["columns"].items() if not column["description"].strip()]
    assert not undocumented, f"columns without a description: {undocumented}"


def test_every_model_column_in_the_catalog_is_documented(manifest, catalog):
    models = _models(manifest)
    assert set(catalog["nodes"]) >= set(models), f"models missing from the catalog: {set(models) - set(catalog['nodes'])}"
    for uid, model in models.items():
        built = {name.lower() for name in catalog["nodes"][uid]["columns"]}
        documented = {name.lower() for name, column in model["columns"].items() if column["description"].strip()}
        declared = {name.lower() for name in model["columns"]}
        assert built <= documented, f"{uid}: columns without a description: {sorted(built - documented)}"
        assert declared <= built, f"{uid}: documented columns the table lacks: {sorted(declared - built)}"


def test_every_landed_source_column_is_documented(manifest, catalog, demo_build):
    """Sources are external Parquet files: the catalog may not list them, so read the files' columns."""
    landing = demo_build.settings.landing_dir
    for uid, source in manifest["sources"].items():
        if uid in catalog["sources"]:
            built = {name.lower() for name in catalog["sources"][uid]["columns"]}
        else:
            path = landing / f"{source['name']}.parquet"
            assert path.is_file(), f"{uid}: no landed file at {path}"
            with duckdb.connect() as con:
                built = {row[0].lower() for row in con.execute("describe select * from read_parquet(?)", [str(path)]).fetchall()}
        declared = {name.lower() for name, column in source["columns"].items() if column["description"].strip()}
        assert built == declared, (
            f"{uid}: undocumented columns {sorted(built - declared)}, documented but absent {sorted(declared - built)}"
        )


def test_exposures_declare_the_pages_and_charts_users_read(manifest):
    exposures = {node["name"]: node for node in manifest["exposures"].values()}
    assert set(exposures) == set(EXPOSURES)
    for name, (paths, asset) in EXPOSURES.items():
        exposure = exposures[name]
        assert exposure["type"] in {"application", "dashboard", "analysis"}, name
        assert exposure["label"], name
        assert exposure["maturity"] in {"low", "medium", "high"}, name
        assert exposure["owner"]["name"] == "Library Atlas", name
        description = exposure["description"]
        for path in paths:
            assert path in description, f"{name}: the description does not name {path}"
        assert f"`{asset}`" in description, f"{name}: the description does not name the asset {asset}"
        assert exposure["depends_on"]["nodes"], name
        assert all(uid.startswith(f"model.{PROJECT}.") for uid in exposure["depends_on"]["nodes"]), name


# The SQL and tables each connection handed out by RecordingDuckDB was asked for.
QUERIES: list[str] = []


class _RecordingConnection:
    """A DuckDB connection that notes every query it runs and every table it opens."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def sql(self, query, *args, **kwargs):
        QUERIES.append(query)
        return self._con.sql(query, *args, **kwargs)

    def execute(self, query, *args, **kwargs):
        QUERIES.append(query)
        return self._con.execute(query, *args, **kwargs)

    def table(self, name):
        QUERIES.append(f"from {name}")
        return self._con.table(name)

    def __getattr__(self, name):
        return getattr(self._con, name)


class RecordingDuckDB(DuckDBResource):
    """The duckdb resource, its connections recording what the asset reads."""

    @contextmanager
    def get_connection(self):
        with super().get_connection() as con:
            yield _RecordingConnection(con)


def test_exposures_depend_on_the_marts_their_assets_read(manifest, demo_build, tmp_path):
    """depends_on matches what the atlas_pages asset reads when it runs (on a copy of the demo build)."""
    models = _model_names(manifest)
    copy = copy_build(demo_build, tmp_path / "work").settings
    paths = AtlasPaths(raw_dir=str(copy.raw_dir), duckdb_path=str(copy.duckdb_path), docs_out=str(copy.docs_out))
    QUERIES.clear()
    dg.materialize([atlas_pages], resources={**atlas_resources(paths), "duckdb": RecordingDuckDB(database=str(copy.duckdb_path))})
    pages_read = _tables_read("\n".join(QUERIES), models)
    # atlas_pages reads rejected_rows beside the library, for the index's count of unusable rows.
    assert "rejected_rows" in pages_read, f"atlas_pages reads no rejected_rows: {sorted(pages_read)}"
    library_reads = pages_read - {"rejected_rows"}
    assert "dim_tracks" in library_reads
    per_kind = {kind: _tables_read(reader._ENTITIES[kind] + " " + reader._MEMBERS[kind], models) for kind in reader.KINDS}
    assert set().union(*per_kind.values()) <= library_reads
    clustered = set().union(*(per_kind[kind] for kind in CLUSTER_RULES), {"dim_tracks"})
    expected = {
        "atlas_index": library_reads | {"rejected_rows"},
        "atlas_cluster_pages": library_reads,
        "atlas_overview_pages": library_reads,
        "atlas_cluster_charts": clustered,
        "atlas_year_charts": library_reads,
    }
    actual = {node["name"]: {uid.split(".")[-1] for uid in node["depends_on"]["nodes"]} for node in manifest["exposures"].values()}
    assert actual == expected


def test_exposures_reach_back_to_the_raw_files(manifest):
    all_sources = set(manifest["sources"])
    assert all_sources
    for uid in manifest["exposures"]:
        sources = {node for node in _ancestors(manifest, uid) if node.startswith("source.")}
        assert sources, f"{uid} reaches no source"
        assert {f"source.{PROJECT}.spotify.tracks", f"source.{PROJECT}.spotify.audio_features"} <= sources, uid
        # The raw files reach the pages through the staging models.
        assert any(node.startswith(f"model.{PROJECT}.stg_spotify__") for node in _ancestors(manifest, uid)), uid
    # The index counts the rejected rows, which come from every raw file.
    assert {node for node in _ancestors(manifest, f"exposure.{PROJECT}.atlas_index") if node.startswith("source.")} == all_sources


def test_dbt_docs_generate_works_while_the_code_location_is_loaded(demo_build, tmp_path):
    """After a build, with the Dagster definitions loaded in this process, dbt can open the DuckDB file."""
    from assets.definitions import defs

    dg.Definitions.validate_loadable(defs)  # what a code server does when it loads the location
    settings = demo_build.settings
    paths = AtlasPaths(raw_dir=str(settings.raw_dir), duckdb_path=str(settings.duckdb_path), docs_out=str(settings.docs_out))
    target = tmp_path / "target"
    command = [
        str(VENV_BIN / "dbt"), "docs", "generate", "--static", *paths.dbt_vars(),
        "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target), "--log-path", str(tmp_path / "logs"),
    ]
    result = subprocess.run(command, env=cli_env(), cwd=tmp_path, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not re.search(r"\block", output, flags=re.IGNORECASE), output
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    assert f"model.{PROJECT}.dim_tracks" in catalog["nodes"]
    assert (target / "static_index.html").is_file()
