"""Which groups of tracks are clustered, and what their clustering input is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from assets.clusters.clustering import MIN_TRACKS
from assets.library.reader import FEATURES, Library

WHOLE_LIBRARY = "all"
WHOLE_LIBRARY_NAME = "All tracks"
# The page owners whose tracks are clustered, by kind (the whole library always is).
CLUSTER_RULES = {
    "genres": "has_page",
    "playlists": "track_count > 50",
    "artists": "has_page and track_count > 50",
}


@dataclass(frozen=True)
class Group:
    """A set of tracks that is clustered: a genre, playlist, artist, or the whole library."""

    kind: str  # "genres", "playlists", "artists" or WHOLE_LIBRARY
    key: str
    name: str
    track_uris: tuple[str, ...]  # tracks with audio features, sorted


def cluster_groups(library: Library) -> list[Group]:
    """Every group that qualifies for clustering and has more than 10 tracks with features (the whole library too)."""
    with_features = set(library.tracks.index[library.tracks["has_audio_features"]])
    groups = []
    if len(with_features) >= MIN_TRACKS:
        groups.append(Group(WHOLE_LIBRARY, WHOLE_LIBRARY, WHOLE_LIBRARY_NAME, tuple(sorted(with_features))))
    for kind, rule in CLUSTER_RULES.items():
        owners = library.entities[kind].query(rule)
        members = library.members[kind]
        members = members[members["track_uri"].isin(with_features) & members["key"].isin(owners["key"])]
        tracks_by_key = members.groupby("key")["track_uri"].agg(lambda uris: tuple(sorted(set(uris))))
        for owner in owners.itertuples(index=False):
            uris = tracks_by_key.get(owner.key, ())
            if len(uris) >= MIN_TRACKS:
                groups.append(Group(kind, owner.key, owner.name, uris))
    return groups


def features_of(library: Library, group: Group) -> pd.DataFrame:
    """The audio features of a group's tracks, indexed by track URI."""
    return library.tracks.loc[list(group.track_uris), list(FEATURES)]


def input_digest(features: pd.DataFrame) -> str:
    """A fingerprint of a group's clustering input: its tracks and their features."""
    digest = hashlib.sha256()
    digest.update("\n".join(features.index).encode())
    digest.update(features.to_numpy(dtype="float64").tobytes())
    return digest.hexdigest()


def why_no_clusters(library: Library) -> str | None:
    """Why the whole library is not clustered, or None when it is."""
    with_features = int(library.tracks["has_audio_features"].sum())
    if with_features >= MIN_TRACKS:
        return None
    return (
        f"{with_features} of the library's {len(library.tracks)} tracks have audio features; clustering needs at least "
        f"{MIN_TRACKS}. Exports from apps made after Spotify closed its audio-features API (November 2024) have none."
    )
