"""Which groups are clustered, and the cluster tables of a library (without Dagster)."""

import numpy as np
import pandas as pd

from assets.clusters.clustering import MIN_TRACKS
from assets.clusters.groups import WHOLE_LIBRARY, why_no_clusters
from assets.clusters.tables import ClusterTables, build_cluster_tables
from assets.library.reader import FEATURES, KINDS, Library
from assets.site.index_page import render_index
from assets.site.paths import SitePaths

ENTITY_COLUMNS = ["key", "name", "track_count", "liked_track_count", "has_page"]


def library(tracks: int, with_features: int) -> Library:
    """A library of `tracks` tracks, the first `with_features` of them with audio features, and no page owners."""
    uris = [f"spotify:track:t{i:03d}" for i in range(tracks)]
    features = np.random.default_rng(0).random((tracks, len(FEATURES)))
    frame = pd.DataFrame(features, columns=list(FEATURES), index=uris).assign(
        track_uri=uris, track_name=uris, album_uri=None, liked=False, has_audio_features=[i < with_features for i in range(tracks)]
    )
    entities = {kind: pd.DataFrame(columns=ENTITY_COLUMNS).astype({"has_page": bool}) for kind in KINDS}
    members = {kind: pd.DataFrame(columns=["key", "track_uri"]) for kind in KINDS}
    return Library(tracks=frame, entities=entities, members=members)


def test_a_library_with_too_few_tracks_with_features_has_no_clusters_and_says_why():
    small = library(tracks=20, with_features=MIN_TRACKS - 1)

    tables = build_cluster_tables(small, ClusterTables.empty())
    index = render_index(small, SitePaths(small), has_library_clusters=False, rejected_rows=0)

    assert tables.groups.empty and tables.tracks.empty and tables.summaries.empty
    assert why_no_clusters(small) == (
        f"{MIN_TRACKS - 1} of the library's 20 tracks have audio features; clustering needs at least {MIN_TRACKS}."
        " Exports from apps made after Spotify closed its audio-features API (November 2024) have none."
    )
    assert f"No clusters: {why_no_clusters(small)}" in index
    assert "clusters.md" not in index


def test_a_library_with_enough_tracks_with_features_is_clustered_whole():
    enough = library(tracks=20, with_features=MIN_TRACKS)

    tables = build_cluster_tables(enough, ClusterTables.empty())

    assert why_no_clusters(enough) is None
    assert list(zip(tables.groups["group_kind"], tables.groups["track_count"])) == [(WHOLE_LIBRARY, MIN_TRACKS)]
    assert sorted(tables.tracks["track_uri"]) == [f"spotify:track:t{i:03d}" for i in range(MIN_TRACKS)]
