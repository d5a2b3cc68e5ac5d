"""What each genre, playlist, artist and label with a page holds: its tracks by artist, album, label and year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assets.library.reader import Library


@dataclass(frozen=True)
class Breakdowns:
    """For one kind of page owner, per owner: its tracks and its top artists, albums, labels, years."""

    tracks: dict[str, list[str]]
    artists: dict[str, pd.DataFrame]
    albums: dict[str, pd.DataFrame]
    labels: dict[str, pd.DataFrame]
    years: dict[str, pd.DataFrame]


def _owner_tracks(library: Library, kind: str) -> pd.DataFrame:
    """(key, track_uri) of every owner with a page, with the track's album, release year and liked mark."""
    owners = library.entities[kind]
    members = library.members[kind]
    pairs = members[members["key"].isin(owners.loc[owners["has_page"], "key"])]
    # A playlist holding a track twice lists and counts it twice, as Spotify counts a playlist's length.
    if kind != "playlists":
        pairs = pairs.drop_duplicates(["key", "track_uri"])
    return pairs.join(library.tracks[["album_uri", "album_release_year", "liked"]], on="track_uri")


def _counted(frame: pd.DataFrame, by: str) -> dict[str, pd.DataFrame]:
    """Per owner key: tracks and liked tracks per value of `by`, most tracks first."""
    counts = frame.groupby(["key", by], sort=False).agg(tracks=("track_uri", "size"), liked=("liked", "sum"))
    counts = counts.reset_index().sort_values(["key", "tracks", "liked", by], ascending=[True, False, False, True])
    return dict(tuple(counts.groupby("key", sort=False)))


def _years(pairs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return _counted(pairs.dropna(subset=["album_release_year"]).astype({"album_release_year": int}), "album_release_year")


def release_years(library: Library, kind: str) -> dict[str, pd.DataFrame]:
    """Per owner with a page: its tracks and liked tracks per release year."""
    return _years(_owner_tracks(library, kind))


def breakdowns(library: Library, kind: str) -> Breakdowns:
    """Count the tracks of every owner with a page by artist, album, label and year, in one pass."""
    pairs = _owner_tracks(library, kind)
    credited = library.members["artists"].rename(columns={"key": "artist_key"})
    labelled = library.members["labels"].rename(columns={"key": "label_key"}).drop_duplicates()
    return Breakdowns(
        tracks={key: list(group["track_uri"]) for key, group in pairs.groupby("key", sort=False)},
        artists=_counted(pairs.merge(credited, on="track_uri"), "artist_key") if kind != "artists" else {},
        albums=_counted(pairs.dropna(subset=["album_uri"]), "album_uri"),
        labels=_counted(pairs.merge(labelled, on="track_uri"), "label_key") if kind != "labels" else {},
        years=_years(pairs),
    )
