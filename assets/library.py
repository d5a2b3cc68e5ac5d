"""The built marts, read once from DuckDB into the frames that clusters and pages are made from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import duckdb
import pandas as pd

from assets.clustering import FEATURES
from assets.markdown import assign_slugs

KINDS = ("genres", "playlists", "artists", "labels")
# Which marts hold each kind of page owner, keyed and named how.
_ENTITIES = {
    "genres": "select genre as key, genre as name, track_count, liked_track_count, has_page from dim_genres",
    "playlists": "select playlist_uri as key, playlist_name as name, track_count, liked_track_count, has_page from dim_playlists",
    "artists": "select artist_uri as key, artist_name as name, track_count, liked_track_count, has_page, image_url from dim_artists",
    "labels": "select label_key as key, label_name as name, track_count, liked_track_count, has_page from dim_labels",
}
_MEMBERS = {
    "genres": "select genre as key, track_uri from bridge_track_genres",
    "playlists": "select playlist_uri as key, track_uri from bridge_playlist_tracks order by playlist_uri, position",
    "artists": "select artist_uri as key, track_uri from bridge_track_artists",
    "labels": "select bridge.label_key as key, track.track_uri from bridge_album_labels as bridge"
    " join dim_tracks as track using (album_uri)",
}
# A cluster page is made for these page owners (the whole library always gets one).
CLUSTER_PAGE_RULES = {
    "genres": "has_page",
    "playlists": "track_count > 50",
    "artists": "has_page and track_count > 50",
}


@dataclass(frozen=True)
class Library:
    """Tracks with their credits and features, and the genres, playlists, artists and labels."""

    tracks: pd.DataFrame  # indexed by track_uri
    entities: dict[str, pd.DataFrame]  # kind -> key, name, slug (None without a page), counts, has_page
    members: dict[str, pd.DataFrame]  # kind -> key, track_uri

    @cached_property
    def _lookups(self) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
        return {kind: (dict(zip(frame["key"], frame["name"])), _page_slugs(frame)) for kind, frame in self.entities.items()}

    def names(self, kind: str) -> dict[str, str]:
        """Key -> display name of every page owner of one kind."""
        return self._lookups[kind][0]

    def slugs(self, kind: str) -> dict[str, str]:
        """Key -> slug of the page owners of one kind that have a page."""
        return self._lookups[kind][1]

    @cached_property
    def albums(self) -> pd.DataFrame:
        """The albums of the library's tracks, indexed by album URI."""
        columns = ["album_uri", "album_name", "album_image_url", "album_release_year"]
        return self.tracks[columns].dropna(subset=["album_uri"]).drop_duplicates("album_uri").set_index("album_uri")


def read_library(duckdb_path: Path) -> Library:
    """Read the marts (read-only) into a Library."""
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        entities = {kind: _with_slugs(con.sql(query).df()) for kind, query in _ENTITIES.items()}
        members = {kind: con.sql(query).df() for kind, query in _MEMBERS.items()}
        tracks = con.sql(
            f"""
            with credits as (
                select bridge.track_uri,
                       list(struct_pack(key := bridge.artist_uri, name := artist.artist_name)
                            order by bridge.artist_index, bridge.artist_uri) as artists
                from bridge_track_artists as bridge
                join dim_artists as artist using (artist_uri)
                group by bridge.track_uri
            ),
            labels as (
                select bridge.album_uri,
                       list(struct_pack(key := bridge.label_key, name := label.label_name)
                            order by bridge.label_index) as labels
                from bridge_album_labels as bridge
                join dim_labels as label using (label_key)
                group by bridge.album_uri
            )
            select track.track_uri, track.track_name, track.album_uri, track.album_name,
                   track.album_image_url, track.album_release_year, track.primary_artist_uri,
                   track.is_liked as liked, track.has_audio_features,
                   {", ".join(f"track.{feature}" for feature in FEATURES)},
                   coalesce(credits.artists, []) as artist_credits,
                   coalesce(labels.labels, []) as label_credits
            from dim_tracks as track
            left join credits using (track_uri)
            left join labels using (album_uri)
            order by track.track_uri
            """
        ).df()
    artist_slugs = _page_slugs(entities["artists"])
    label_slugs = _page_slugs(entities["labels"])
    tracks["artists"] = [_credits(credits, artist_slugs) for credits in tracks.pop("artist_credits")]
    tracks["labels"] = [_credits(credits, label_slugs) for credits in tracks.pop("label_credits")]
    for column in ("track_name", "album_name"):
        tracks[column] = tracks[column].fillna("")
    # The index is unnamed so that track_uri stays an unambiguous column to sort and join on.
    return Library(tracks=tracks.set_index("track_uri", drop=False).rename_axis(None), entities=entities, members=members)


def _with_slugs(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the slug of every entity with a page; names fall back to the key when missing."""
    frame = frame.sort_values("key", kind="stable").reset_index(drop=True)
    frame["name"] = frame["name"].where(frame["name"].notna() & (frame["name"] != ""), frame["key"])
    paged = frame[frame["has_page"]]
    slugs = assign_slugs(zip(paged["key"], paged["name"]))
    frame["slug"] = frame["key"].map(slugs).astype(object).where(frame["has_page"], None)
    return frame


def _page_slugs(frame: pd.DataFrame) -> dict[str, str]:
    paged = frame[frame["has_page"]]
    return dict(zip(paged["key"], paged["slug"]))


def _credits(credits, slugs: dict[str, str]) -> list[tuple[str, str | None]]:
    return [(credit["name"] or credit["key"], slugs.get(credit["key"])) for credit in credits]
