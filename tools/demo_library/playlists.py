"""The playlists: of one genre, of liked tracks or of a mood, from 5 to a few hundred tracks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.demo_library.albums import Albums
from tools.demo_library.codes import ALBUM_IMAGE_PREFIX, IMAGE_HOST, MOSAIC_HOST
from tools.demo_library.genres import Genres
from tools.demo_library.names import native_titles, pick, titles
from tools.demo_library.vocabulary import EN_ADJ, EN_NOUNS, NON_LATIN, PLAYLIST_MOOD, PLAYLIST_SUFFIX


@dataclass(frozen=True)
class Playlists:
    name: np.ndarray
    image_url: np.ndarray
    # The rows of playlist_track as indices, and each row's place in its playlist.  Ghost tracks
    # (that tracks.csv lacks) are numbered after the real ones.
    entry_playlist: np.ndarray
    entry_track: np.ndarray
    entry_position: np.ndarray
    n_ghost_tracks: int

    @property
    def count(self) -> int:
        return self.name.size


def make_playlists(
    rng: np.random.Generator, genres: Genres, track_genre: np.ndarray, liked: np.ndarray, albums: Albums
) -> Playlists:
    n = track_genre.size
    P = max(8, round(n / 300))
    smax = float(np.clip(0.3 * n, 20, 2000))
    q = (rng.permutation(P) + rng.random(P)) / P
    sizes = np.minimum(np.round(np.exp(np.log(5) + q * (np.log(smax) - np.log(5)))).astype(np.int64), n)
    by_genre = np.argsort(track_genre, kind="stable")
    genre_start = np.searchsorted(track_genre[by_genre], np.arange(genres.size + 1))
    genre_tracks = np.bincount(track_genre, minlength=genres.size).astype(float)
    liked_idx = np.flatnonzero(liked)
    tracks: list[np.ndarray] = []
    names: list[str] = []
    native: list[bool] = []
    for size in sizes.tolist():
        kind = rng.choice(3, p=[0.55, 0.25, 0.2])
        is_native = False
        if kind == 0:  # of one genre
            g = int(rng.choice(genres.size, p=genre_tracks / genre_tracks.sum()))
            pool = by_genre[genre_start[g]:genre_start[g + 1]]
            main = pool[rng.choice(pool.size, size=min(pool.size, round(size * 0.85)), replace=False)]
            if genres.locale[g] in NON_LATIN and rng.random() < 0.5:
                name = str(titles(rng, int(genres.locale[g]), 1)[0])
                is_native = True
            else:
                name = str(genres.names[g]).title() + PLAYLIST_SUFFIX[rng.integers(len(PLAYLIST_SUFFIX))]
        elif kind == 1:  # of liked tracks
            pool = liked_idx if liked_idx.size else np.arange(n)
            main = pool[rng.choice(pool.size, size=min(pool.size, size), replace=False)]
            name = str(pick(rng, EN_ADJ, 1)[0]) + " " + str(pick(rng, EN_NOUNS, 1)[0])
        else:  # of a mood, any tracks
            main = np.empty(0, dtype=np.int64)
            name = PLAYLIST_MOOD[rng.integers(len(PLAYLIST_MOOD))]
            name += f" {rng.integers(2008, 2025)}" if rng.random() < 0.4 else ""
        extra = rng.choice(n, size=min(n, size - main.size + 3), replace=False)
        chosen = pd.unique(np.concatenate([main, extra]))[:size]
        tracks.append(rng.permutation(chosen))
        names.append(name)
        native.append(is_native)
    if not any(native):  # at least one playlist named in a non-Latin script
        p = int(rng.integers(P))
        names[p] = str(native_titles(int(rng.choice(NON_LATIN)))(rng, 1)[0])

    length = np.array([t.size for t in tracks])
    entry_playlist = np.repeat(np.arange(P), length)
    entry_track = np.concatenate(tracks)
    entry_position = np.concatenate([np.arange(k, dtype=float) for k in length])
    # Ghost entries stand at random places among their playlist's tracks.
    n_ghost_tracks = max(3, round(entry_track.size * 0.002))
    ghost_playlist = rng.integers(0, P, n_ghost_tracks)
    entry_playlist = np.concatenate([entry_playlist, ghost_playlist])
    entry_track = np.concatenate([entry_track, n + np.arange(n_ghost_tracks)])
    entry_position = np.concatenate(
        [entry_position, rng.random(n_ghost_tracks) * length[ghost_playlist] - 0.5]
    )
    image_url = np.array([_image_url(albums, t) for t in tracks], dtype=object)
    return Playlists(
        np.array(names, dtype=object), image_url, entry_playlist, entry_track, entry_position, n_ghost_tracks
    )


def _image_url(albums: Albums, tracks: np.ndarray) -> str:
    """A mosaic of the covers of the playlist's first four albums, or the first one's cover if it has fewer."""
    first_albums = pd.unique(albums.of_track[tracks])[:4]
    hashes = albums.image_hash[first_albums].astype("U")
    if first_albums.size == 4:
        return MOSAIC_HOST + "".join(ALBUM_IMAGE_PREFIX + h for h in hashes)
    return IMAGE_HOST + ALBUM_IMAGE_PREFIX + hashes[0]


def playlist_flags(rng: np.random.Generator, n_playlists: int) -> dict[str, np.ndarray]:
    return {"collaborative": rng.random(n_playlists) < 0.05, "public": rng.random(n_playlists) < 0.75}
