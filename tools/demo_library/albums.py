"""The albums: runs of one artist's tracks, their dates, types, labels, names and credits."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.demo_library.artists import Artists
from tools.demo_library.codes import ALBUM_IMAGE_PREFIX, IMAGE_HOST, image_hashes, prefixed
from tools.demo_library.labels import label_texts
from tools.demo_library.names import pick, titles
from tools.demo_library.vocabulary import ALBUM_EDITION, LOCALES


@dataclass(frozen=True)
class Albums:
    of_track: np.ndarray  # the album of each track
    first_track: np.ndarray
    artist: np.ndarray
    year: np.ndarray
    release_date: np.ndarray
    album_type: np.ndarray
    total_tracks: np.ndarray
    popularity: np.ndarray
    image_hash: np.ndarray
    image_url: np.ndarray
    label: np.ndarray

    @property
    def count(self) -> int:
        return self.first_track.size


def make_albums(rng: np.random.Generator, primary: np.ndarray, artists: Artists) -> Albums:
    """The albums of tracks ordered by primary artist: runs of 1 to 20 tracks of one artist."""
    is_start = _run_starts(rng, primary, artists.track_count)
    of_track = np.cumsum(is_start) - 1
    n_albums = int(of_track[-1]) + 1
    first_track = np.flatnonzero(is_start)
    artist = primary[first_track]
    size = np.bincount(of_track, minlength=n_albums)

    career = 2025 - artists.start_year[artist]
    year = artists.start_year[artist] + np.floor(rng.random(n_albums) * career).astype(np.int64)
    year = np.minimum(year, 2024)
    release_date = _release_dates(rng, year)
    album_type = _album_types(rng, size)
    total_tracks = np.where(
        album_type == "single", np.maximum(size, rng.integers(1, 5, n_albums)),
        np.maximum(size, rng.integers(8, 25, n_albums)),
    )
    popularity = np.clip(
        np.round(artists.popularity[artist] - 6 + rng.normal(0, 9, n_albums) - 0.2 * (2024 - year)), 0, 100
    ).astype(np.int64)
    image_hash = image_hashes(rng, n_albums)
    image_url = prefixed(IMAGE_HOST + ALBUM_IMAGE_PREFIX, image_hash)
    label = label_texts(rng, primary.size, artists.count, n_albums, artist, year, artists.name)
    return Albums(
        of_track, first_track, artist, year, release_date, album_type, total_tracks, popularity, image_hash,
        image_url, label,
    )


def _run_starts(rng: np.random.Generator, primary: np.ndarray, track_count: np.ndarray) -> np.ndarray:
    """Whether each track starts an album: runs of drawn sizes, cut where the primary artist changes."""
    n = primary.size
    size_draw = np.where(
        rng.random(n) < 0.35, 1,
        np.where(rng.random(n) < 0.4, rng.integers(2, 5, n),
                 np.where(rng.random(n) < 0.75, rng.integers(5, 13, n), rng.integers(13, 21, n))),
    )
    ends = np.cumsum(size_draw)
    is_start = np.zeros(n, dtype=bool)
    is_start[0] = True
    is_start[ends[ends < n]] = True
    is_start[np.cumsum(track_count)[:-1]] = True
    return is_start


def _release_dates(rng: np.random.Generator, year: np.ndarray) -> np.ndarray:
    """Release dates to the day, and some (more of the older ones) to the month or the year only."""
    n_albums = year.size
    days = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 365, n_albums)
    days = np.minimum(days, np.datetime64("2024-12-31"))
    precision = rng.random(n_albums)
    year_only = precision < np.where(year < 1995, 0.25, 0.03)
    month_only = ~year_only & (precision > 0.99)
    if n_albums >= 3:  # every precision at least once
        year_only[0], month_only[0] = True, False
        year_only[1], month_only[1] = False, True
    release_date = np.datetime_as_string(days, unit="D").astype(object)
    release_date[month_only] = np.datetime_as_string(days[month_only].astype("datetime64[M]"), unit="M")
    release_date[year_only] = np.datetime_as_string(days[year_only].astype("datetime64[Y]"), unit="Y")
    return release_date


def _album_types(rng: np.random.Generator, size: np.ndarray) -> np.ndarray:
    type_draw = rng.random(size.size)
    # single / album / compilation shares for albums of 1, 2-6 and 7+ library tracks
    single_p = np.select([size == 1, size <= 6], [0.75, 0.35], 0.0)
    album_p = np.select([size == 1, size <= 6], [0.20, 0.58], 0.88)
    return np.where(
        type_draw < single_p, "single", np.where(type_draw < single_p + album_p, "album", "compilation")
    ).astype(object)


def kept_albums(rng: np.random.Generator, n_albums: int) -> np.ndarray:
    """Which albums the export has: it lacks a few, whose tracks keep pointing at them."""
    n_missing = min(max(0, n_albums - 1), max(3, round(n_albums * 0.002)))
    kept = np.ones(n_albums, dtype=bool)
    kept[rng.choice(n_albums, size=n_missing, replace=False)] = False
    return kept


def album_names(rng: np.random.Generator, albums: Albums, track_name: np.ndarray, locale: np.ndarray) -> np.ndarray:
    """A single is named after its first track; others get titles of their own (by artist locale)."""
    name = track_name[albums.first_track].copy()
    other = np.flatnonzero(albums.album_type != "single")
    album_locale = locale[albums.artist]
    for loc in range(len(LOCALES)):
        idx = other[album_locale[other] == loc]
        if idx.size:
            name[idx] = titles(rng, loc, idx.size)
    decorate = other[rng.random(other.size) < 0.15]
    name[decorate] = name[decorate] + pick(rng, ALBUM_EDITION, decorate.size)
    return name


def album_credits(
    rng: np.random.Generator, albums: Albums, artists: Artists, kept: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(album, artist) pairs of the kept albums: the album's artist, and for some albums a second one."""
    n_albums, A = albums.count, artists.count
    second = rng.choice(A, size=n_albums, p=artists.credit_weight)
    add_second = (A >= 2) & ((albums.album_type == "compilation") | (rng.random(n_albums) < 0.04))
    add_second &= second != albums.artist
    album = np.concatenate([np.arange(n_albums), np.flatnonzero(add_second)])
    artist = np.concatenate([albums.artist, second[add_second]])
    keep = kept[album]
    return album[keep], artist[keep]
