"""Which groups of tracks get a cluster page, where their files go, and what their input is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from assets.clustering import FEATURES, MIN_TRACKS
from assets.library import CLUSTER_PAGE_RULES, Library

WHOLE_LIBRARY = "all"
WHOLE_LIBRARY_NAME = "All tracks"


@dataclass(frozen=True)
class Group:
    """A set of tracks that gets a cluster page: a genre, playlist, artist, or the whole library."""

    kind: str  # "genres", "playlists", "artists" or WHOLE_LIBRARY
    key: str
    name: str
    slug: str
    track_uris: tuple[str, ...]  # tracks with audio features, sorted

    @property
    def page_path(self) -> str:
        """The cluster page, relative to docs_out/."""
        if self.kind == WHOLE_LIBRARY:
            return "clusters.md"
        return f"{self.kind}/{self.slug}/clusters/overview.md"

    @property
    def image_path(self) -> str:
        """The cluster chart, relative to docs_out/."""
        folder = "overview" if self.kind == WHOLE_LIBRARY else f"{self.kind}/{self.slug}"
        return f"images/{folder}/clusters/clusters_scatter.png"

    @property
    def overview_path(self) -> str:
        """The page this cluster page belongs to, relative to docs_out/."""
        return "README.md" if self.kind == WHOLE_LIBRARY else f"{self.kind}/{self.slug}/overview.md"


def root_of(path: str) -> str:
    """The relative path from a page's folder back to docs_out/."""
    return "../" * path.count("/")


def cluster_groups(library: Library) -> list[Group]:
    """Every group that qualifies for a cluster page and has more than 10 tracks with features."""
    with_features = set(library.tracks.index[library.tracks["has_audio_features"]])
    groups = [Group(WHOLE_LIBRARY, WHOLE_LIBRARY, WHOLE_LIBRARY_NAME, "overview", tuple(sorted(with_features)))]
    for kind, rule in CLUSTER_PAGE_RULES.items():
        owners = library.entities[kind].query(rule)
        members = library.members[kind]
        members = members[members["track_uri"].isin(with_features) & members["key"].isin(owners["key"])]
        tracks_by_key = members.groupby("key")["track_uri"].agg(lambda uris: tuple(sorted(set(uris))))
        for owner in owners.itertuples(index=False):
            uris = tracks_by_key.get(owner.key, ())
            if len(uris) >= MIN_TRACKS:
                groups.append(Group(kind, owner.key, owner.name, owner.slug, uris))
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
