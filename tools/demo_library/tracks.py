"""The tracks: names, artist credits, their own columns, and which are liked."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.demo_library.albums import Albums
from tools.demo_library.artists import Artists
from tools.demo_library.codes import codes_to_str
from tools.demo_library.features import sigmoid
from tools.demo_library.genres import Genres
from tools.demo_library.names import classical_title, titles
from tools.demo_library.vocabulary import LOCALES


def track_names(
    rng: np.random.Generator, track_locale: np.ndarray, classical_genre: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Names by the primary artist's locale, and which tracks have classical titles (most of classical genres')."""
    n = track_locale.size
    name = np.empty(n, dtype=object)
    classical = classical_genre & (rng.random(n) < 0.9)
    for loc in range(len(LOCALES)):
        idx = np.flatnonzero((track_locale == loc) & ~classical)
        if idx.size:
            name[idx] = titles(rng, loc, idx.size)
    idx = np.flatnonzero(classical)
    if idx.size:
        name[idx] = classical_title(rng, idx.size)
    return name, classical


@dataclass(frozen=True)
class Credits:
    """The rows of track_artist as indices: ghost artists are numbered after the real ones."""

    track: np.ndarray
    artist: np.ndarray
    index: np.ndarray
    second: np.ndarray  # each track's second artist, if it has one
    featured: np.ndarray  # the tracks whose names feature their second artist
    n_ghost_artists: int

    def name_featured(self, track_name: np.ndarray, artist_name: np.ndarray) -> np.ndarray:
        named = track_name.copy()
        named[self.featured] = named[self.featured] + " (feat. " + artist_name[self.second[self.featured]] + ")"
        return named


def make_credits(rng: np.random.Generator, primary: np.ndarray, artists: Artists, classical: np.ndarray) -> Credits:
    """About 20% of tracks have 2 or 3 artists; a few credit an artist that artists.csv lacks."""
    n, A = primary.size, artists.count
    credit_p = artists.credit_weight
    n_credits = np.ones(n, dtype=np.int64)
    if A >= 2:
        multi = rng.random(n) < 0.2
        n_credits[multi] = 2
        if A >= 3:
            n_credits[multi & (rng.random(n) < 0.25)] = 3
    second = rng.choice(A, size=n, p=credit_p)
    clash = second == primary
    second[clash] = (primary[clash] + 1 + rng.integers(0, max(A - 1, 1), clash.sum())) % A
    third = rng.choice(A, size=n, p=credit_p)
    for _ in range(100):
        clash = (third == primary) | (third == second)
        if not clash.any() or A < 3:
            break
        third[clash] = rng.integers(0, A, clash.sum())
    featured = (n_credits >= 2) & (rng.random(n) < 0.35) & ~classical

    # Ghost credits come after the tracks' own artists.
    n_ghost_artists = min(n, max(3, round(n * 0.002)))
    ghost_tracks = rng.choice(np.flatnonzero(n_credits <= 2) if (n_credits <= 2).sum() >= n_ghost_artists
                              else np.arange(n), size=n_ghost_artists, replace=False)
    track = [np.arange(n)]
    artist = [primary]
    index = [np.zeros(n, dtype=np.int64)]
    for k, who in ((1, second), (2, third)):
        idx = np.flatnonzero(n_credits > k)
        track.append(idx)
        artist.append(who[idx])
        index.append(np.full(idx.size, k, dtype=np.int64))
    track.append(ghost_tracks)
    artist.append(A + np.arange(n_ghost_artists))
    index.append(n_credits[ghost_tracks])
    return Credits(
        np.concatenate(track), np.concatenate(artist), np.concatenate(index), second, featured, n_ghost_artists
    )


def track_columns(
    rng: np.random.Generator,
    genres: Genres,
    track_genre: np.ndarray,
    primary: np.ndarray,
    artists: Artists,
    albums: Albums,
) -> dict[str, np.ndarray]:
    """The explicit flag, duration, popularity and ISRC of each track."""
    n = primary.size
    classical = genres.classical[track_genre]
    explicit = rng.random(n) < genres.explicit[track_genre]
    duration = np.clip(genres.duration[track_genre] * np.exp(rng.normal(0, np.where(classical, 0.55, 0.22))), 35, 1800)
    duration_ms = np.round(duration * 1000).astype(np.int64)
    duration_ms[rng.random(n) < 0.3] //= 1000  # many durations are whole seconds
    duration_ms[duration_ms < 35000] *= 1000
    popularity = np.clip(
        np.round(albums.popularity[albums.of_track] + rng.normal(0, 10, n) - 25 * classical), 0, 100
    ).astype(np.int64)
    isrc_codes = np.zeros((n, 12), dtype=np.uint32)
    isrc_codes[:, 0:2] = artists.country[primary]
    isrc_codes[:, 2:5] = artists.registrant[primary]
    yy = albums.year[albums.of_track] % 100
    isrc_codes[:, 5] = ord("0") + yy // 10
    isrc_codes[:, 6] = ord("0") + yy % 10
    isrc_codes[:, 7:12] = ord("0") + rng.integers(0, 10, (n, 5))
    isrc = codes_to_str(isrc_codes).astype(object)
    return {"popularity": popularity, "explicit": explicit, "duration_ms": duration_ms, "isrc": isrc}


def liked_tracks(
    rng: np.random.Generator, artist_like_effect: np.ndarray, track_genre: np.ndarray, n_genres: int
) -> np.ndarray:
    """About 40% of tracks, more likely for some artists and genres."""
    logit = artist_like_effect + rng.normal(0, 0.5, n_genres)[track_genre]
    lo, hi = -10.0, 10.0
    for _ in range(50):  # the offset that makes 40% the expected share
        mid = (lo + hi) / 2
        if sigmoid(logit + mid).mean() < 0.4:
            lo = mid
        else:
            hi = mid
    return rng.random(track_genre.size) < sigmoid(logit + lo)
