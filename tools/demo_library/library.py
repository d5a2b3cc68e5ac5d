"""The whole library: every entity made in turn from one random stream, then the ten files written."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assets.ingest.layout import RAW_TABLES
from tools.demo_library.albums import Albums, album_credits, album_names, kept_albums, make_albums
from tools.demo_library.artists import Artists, make_artists
from tools.demo_library.codes import Uris, spotify_uris
from tools.demo_library.features import audio_features
from tools.demo_library.genres import Genres
from tools.demo_library.playlists import Playlists, make_playlists, playlist_flags
from tools.demo_library.tracks import Credits, liked_tracks, make_credits, track_columns, track_names

DEMO_TRACKS = 1200
DEMO_SEED = 7


def generate_library(out_dir: pathlib.Path, n_tracks: int, seed: int = 0) -> dict[str, int]:
    """Write the ten CSV files; return row counts per file name (without .csv)."""
    n = int(n_tracks)
    if n < 1:
        raise ValueError("n_tracks must be at least 1")
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = _tables(_draw(n, seed))
    return {name: _write(out_dir, name, tables[name]) for name in RAW_TABLES}


@dataclass(frozen=True)
class _Library:
    """Everything drawn, by position (not yet in the order of the files)."""

    genres: Genres
    artists: Artists
    albums: Albums
    credits: Credits
    playlists: Playlists
    track_name: np.ndarray
    track_columns: dict[str, np.ndarray]
    features: dict[str, np.ndarray]
    has_features: np.ndarray
    liked: np.ndarray
    album_name: np.ndarray
    album_kept: np.ndarray
    album_credits: tuple[np.ndarray, np.ndarray]  # (album, artist) pairs
    playlist_flags: dict[str, np.ndarray]
    artist: Uris
    track: Uris
    album: Uris
    playlist: Uris


def _draw(n: int, seed: int) -> _Library:
    # The order of the steps is the order of the draws from rng: changing it changes every library.
    rng = np.random.default_rng(seed)
    genres = Genres(rng, n)
    artists = make_artists(rng, n, genres)
    primary = np.repeat(np.arange(artists.count), artists.track_count)  # tracks are ordered by primary artist
    track_genre = artists.first_genre[primary]
    albums = make_albums(rng, primary, artists)
    track_name, classical = track_names(rng, artists.locale[primary], genres.classical[track_genre])
    credits = make_credits(rng, primary, artists, classical)
    track_name = credits.name_featured(track_name, artists.name)
    artist = spotify_uris(rng, "artist", artists.count + credits.n_ghost_artists)
    tracks = track_columns(rng, genres, track_genre, primary, artists, albums)
    liked = liked_tracks(rng, artists.like_effect[primary], track_genre, genres.size)
    features, has_features = audio_features(rng, genres, track_genre, primary, artists.count)
    playlists = make_playlists(rng, genres, track_genre, liked, albums)
    playlist = spotify_uris(rng, "playlist", playlists.count)
    track = spotify_uris(rng, "track", n + playlists.n_ghost_tracks)
    album = spotify_uris(rng, "album", albums.count)
    album_kept = kept_albums(rng, albums.count)
    album_name = album_names(rng, albums, track_name, artists.locale)
    credited = album_credits(rng, albums, artists, album_kept)
    flags = playlist_flags(rng, playlists.count)
    return _Library(
        genres=genres, artists=artists, albums=albums, credits=credits, playlists=playlists, track_name=track_name,
        track_columns=tracks, features=features, has_features=has_features, liked=liked, album_name=album_name,
        album_kept=album_kept, album_credits=credited, playlist_flags=flags,
        artist=artist, track=track, album=album, playlist=playlist,
    )


def _tables(lib: _Library) -> dict[str, pd.DataFrame]:
    """The rows of each file, in the order of their keys."""
    artists, albums, credits, playlists = lib.artists, lib.albums, lib.credits, lib.playlists
    artist, track, album, playlist = lib.artist, lib.track, lib.album, lib.playlist
    credited_album, credited_artist = lib.album_credits
    genre_artist, genre, genre_position = (artists.genre_pairs[c].to_numpy() for c in ("artist", "genre", "position"))
    return {
        "tracks": _frame(_by_key(np.arange(lib.track_name.size), track.rank), {
            "name": lib.track_name, **lib.track_columns, "uri": track.uri, "album_uri": album.uri[albums.of_track],
        }),
        "albums": _frame(_by_key(np.flatnonzero(lib.album_kept), album.rank), {
            "name": lib.album_name, "album_type": albums.album_type, "label": albums.label,
            "popularity": albums.popularity, "total_tracks": albums.total_tracks,
            "release_date": albums.release_date, "uri": album.uri, "image_url": albums.image_url,
        }),
        "artists": _frame(_by_key(np.arange(artists.count), artist.rank), {
            "name": artists.name, "uri": artist.uri, "popularity": artists.popularity,
            "followers": artists.followers, "image_url": artists.image_url,
        }),
        "audio_features": _frame(
            _by_key(np.flatnonzero(lib.has_features), track.rank), {**lib.features, "track_uri": track.uri}
        ),
        "track_artist": _frame(np.lexsort((credits.index, track.rank[credits.track])), {
            "track_uri": track.uri[credits.track], "artist_uri": artist.uri[credits.artist],
            "artist_index": credits.index,
        }),
        "album_artist": _frame(np.lexsort((artist.rank[credited_artist], album.rank[credited_album])), {
            "album_uri": album.uri[credited_album], "artist_uri": artist.uri[credited_artist],
        }),
        "artist_genre": _frame(np.lexsort((genre_position, artist.rank[genre_artist])), {
            "artist_uri": artist.uri[genre_artist], "genre": lib.genres.names[genre],
        }),
        "liked_tracks": _frame(_by_key(np.flatnonzero(lib.liked), track.rank), {"track_uri": track.uri}),
        "playlists": _frame(np.argsort(playlist.rank, kind="stable"), {
            "name": playlists.name, **lib.playlist_flags, "uri": playlist.uri, "image_url": playlists.image_url,
        }),
        "playlist_track": _frame(np.lexsort((playlists.entry_position, playlist.rank[playlists.entry_playlist])), {
            "playlist_uri": playlist.uri[playlists.entry_playlist], "track_uri": track.uri[playlists.entry_track],
        }),
    }


def _by_key(rows: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The rows (positions) in the order of their keys' ranks."""
    return rows[np.argsort(rank[rows], kind="stable")]


def _frame(order: np.ndarray, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    return pd.DataFrame({name: values[order] for name, values in columns.items()})


def _write(out_dir: pathlib.Path, name: str, frame: pd.DataFrame) -> int:
    frame = frame[list(RAW_TABLES[name])]
    frame.to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
    return len(frame)
