"""What the dbt models make of rows a real export holds: one small generated export with such rows, built once."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.defs.dbt import atlas_dbt_models
from assets.defs.raw import raw_export
from assets.defs.resources import AtlasPaths, atlas_resources
from tests.support import read_rows, write_rows
from tools.demo_library import generate_library

FEATURES = ("danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """The marts of a generated export whose first audio-features row is Spotify's all-zero answer."""
    raw = tmp_path_factory.mktemp("rules") / "raw"
    generate_library(raw, 300, seed=11)
    header, rows = read_rows(raw / "audio_features.csv")
    for feature in FEATURES:
        rows[0][header.index(feature)] = "0"
    write_rows(raw / "audio_features.csv", header, rows)
    work = raw.parent / "work"
    paths = AtlasPaths(raw_dir=str(raw), duckdb_path=str(work / "atlas.duckdb"), docs_out=str(work / "docs_out"))
    dg.materialize([raw_export, atlas_dbt_models], resources=atlas_resources(paths), instance=dg.DagsterInstance.ephemeral())
    return work / "atlas.duckdb", {"unanalysed": rows[0][header.index("track_uri")]}


def query(duckdb_path: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_an_all_zero_analysis_is_a_track_without_features_and_is_reported(built):
    duckdb_path, rows = built
    uri = rows["unanalysed"]

    assert query(duckdb_path, "select has_audio_features, danceability, tempo from dim_tracks where track_uri = ?", uri) == [
        (False, None, None)
    ]
    [(line, column, reason)] = query(
        duckdb_path,
        "select source_line, column_name, reason from rejected_rows where source_file = 'audio_features.csv'"
        " and raw_text like ? || '%'", uri,
    )
    assert (line, column) == (2, "danceability")
    assert reason.startswith("not analysed: danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, tempo are all 0")
