"""The built marts, read once from DuckDB into the frames that clusters and pages are made from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import duckdb
import pandas as pd

from assets.library.names import displayable

KINDS = ("genres", "playlists", "artists", "labels")
# The audio features that describe how a track sounds, each from 0 to 1.
FEATURES = ("danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence")
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


@dataclass(frozen=True)
class Library:
    """Tracks with their credits and features, and the genres, playlists, artists and labels."""

    tracks: pd.DataFrame  # indexed by track_uri
    entities: dict[str, pd.DataFrame]  # kind -> key, name, counts, has_page (sorted by key)
    members: dict[str, pd.DataFrame]  # kind -> key, track_uri

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        return {kind: dict(zip(frame["key"], frame["name"])) for kind, frame in self.entities.items()}

    def names(self, kind: str) -> dict[str, str]:
        """Key -> display name of every page owner of one kind."""
        return self._names[kind]

    @cached_property
    def albums(self) -> pd.DataFrame:
        """The albums of the library's tracks, indexed by album URI."""
        columns = ["album_uri", "album_name", "album_image_url", "album_release_year"]
        return self.tracks[columns].dropna(subset=["album_uri"]).drop_duplicates("album_uri").set_index("album_uri")


def read_library(con: duckdb.DuckDBPyConnection) -> Library:
    """Read the marts into a Library."""
    entities = {kind: _named(con.sql(query).df()) for kind, query in _ENTITIES.items()}
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
    tracks["artists"] = [_credits(credits) for credits in tracks.pop("artist_credits")]
    tracks["labels"] = [_credits(credits) for credits in tracks.pop("label_credits")]
    for column in ("track_name", "album_name"):
        tracks[column] = [displayable(name) for name in tracks[column].fillna("")]
    # The index is unnamed so that track_uri stays an unambiguous column to sort and join on.
    return Library(tracks=tracks.set_index("track_uri", drop=False).rename_axis(None), entities=entities, members=members)


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    """The entities in key order, named displayably; a missing or empty name falls back to the key."""
    frame = frame.sort_values("key", kind="stable").reset_index(drop=True)
    names = [displayable(name) if isinstance(name, str) else "" for name in frame["name"]]
    frame["name"] = [name or displayable(key) for name, key in zip(names, frame["key"])]
    return frame


def _credits(credits) -> list[tuple[str, str]]:
    """(key, name) of each credited artist or label, in credit order."""
    return [(credit["key"], displayable(credit["name"] or "") or displayable(credit["key"])) for credit in credits]
