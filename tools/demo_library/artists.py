"""The artists: how many tracks each has, their genres, the script of their names, and their columns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.demo_library.codes import ARTIST_IMAGE_PREFIX, IMAGE_HOST, UPPER_ALNUM, image_hashes, prefixed
from tools.demo_library.genres import Genres
from tools.demo_library.names import artist_templates, by_template
from tools.demo_library.vocabulary import AR, COUNTRY_CODES, EN, JA, KO, LATIN, LOCALES, RU, ZH


@dataclass(frozen=True)
class Artists:
    """The artists of the library, most tracks first."""

    track_count: np.ndarray  # tracks whose primary artist this is
    first_genre: np.ndarray  # the genre that sets the artist's audio features
    genre_pairs: pd.DataFrame  # artist, genre, position (0 for the first genre, 1 for the others)
    locale: np.ndarray
    name: np.ndarray
    popularity: np.ndarray
    followers: np.ndarray
    image_url: np.ndarray
    start_year: np.ndarray
    like_effect: np.ndarray  # how much more (or less) than others the artist's tracks are liked
    registrant: np.ndarray  # the ISRC registrant code, as 3 code points
    country: np.ndarray  # the ISRC country code, as 2 code points

    @property
    def count(self) -> int:
        return self.track_count.size

    @property
    def credit_weight(self) -> np.ndarray:
        """How likely each artist is to be credited on another artist's track or album."""
        return self.track_count**0.5 / (self.track_count**0.5).sum()


def make_artists(rng: np.random.Generator, n: int, genres: Genres) -> Artists:
    A = max(1, min(n, round(n / 8)))
    artist_weight = 1.0 / (np.arange(A) + 3.0) ** 1.1
    artist_weight /= artist_weight.sum()
    track_count = 1 + rng.multinomial(n - A, artist_weight)  # artist 0 has the most tracks
    first_genre = rng.choice(genres.size, size=A, p=genres.weight)
    genre_pairs = _genre_pairs(rng, genres, first_genre)
    locale, name_template = _locales(rng, genres.locale[first_genre])
    name = _names(rng, locale, name_template)
    popularity = np.clip(np.round(rng.normal(42, 17, A) + 10 * np.log10(track_count)), 0, 100).astype(np.int64)
    followers = np.floor(np.exp(2.0 + popularity * 0.145 + rng.normal(0, 0.8, A))).astype(np.int64)
    image_url = prefixed(IMAGE_HOST + ARTIST_IMAGE_PREFIX, image_hashes(rng, A))
    image_url[rng.random(A) < 0.07] = ""
    start_year = np.clip(2024 - np.floor(rng.exponential(12, A)), 1955, 2024).astype(np.int64)
    like_effect = rng.normal(0, 1.3, A)
    registrant = UPPER_ALNUM[rng.integers(0, 36, (A, 3))].astype(np.uint32)
    country = np.zeros((A, 2), dtype=np.uint32)
    for loc, codes in COUNTRY_CODES.items():
        idx = np.flatnonzero(locale == loc)
        choice = rng.integers(0, len(codes), idx.size)
        cc = np.array([[ord(c) for c in code] for code in codes], dtype=np.uint32)
        country[idx] = cc[choice]
    return Artists(
        track_count, first_genre, genre_pairs, locale, name, popularity, followers, image_url, start_year,
        like_effect, registrant, country,
    )


def _genre_pairs(rng: np.random.Generator, genres: Genres, first_genre: np.ndarray) -> pd.DataFrame:
    """Each artist's first genre and up to three more, the common genres less favoured than at first."""
    A = first_genre.size
    n_extra = rng.choice(4, size=A, p=[0.35, 0.35, 0.2, 0.1])
    extra_p = genres.weight**0.4 / (genres.weight**0.4).sum()
    extra_artist = np.repeat(np.arange(A), n_extra)
    return pd.DataFrame({
        "artist": np.concatenate([np.arange(A), extra_artist]),
        "genre": np.concatenate([first_genre, rng.choice(genres.size, size=extra_artist.size, p=extra_p)]),
        "position": np.concatenate([np.zeros(A, dtype=np.int64), np.ones(extra_artist.size, dtype=np.int64)]),
    }).drop_duplicates(["artist", "genre"])


def _locales(rng: np.random.Generator, genre_locale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The artist's locale (script of its names): mostly its first genre's; and the artist's name template.

    Every script is given to at least one artist, whose name is then made with the script's first
    template, which is always in the script itself; the other artists' templates are -1 (drawn).
    """
    A = genre_locale.size
    random_locale = rng.choice(len(LOCALES), size=A, p=[0.3, 0.22, 0.14, 0.1, 0.08, 0.08, 0.08])
    keep = rng.random(A) < np.where(genre_locale == EN, 0.75, 0.88)
    locale = np.where(keep, genre_locale, random_locale)
    name_template = np.full(A, -1)
    perm = rng.permutation(A)
    for loc in (LATIN, KO, JA, ZH, RU, AR):
        if A < len(LOCALES):
            break
        mine = perm[locale[perm] == loc]
        if mine.size == 0:
            candidates = perm[(locale[perm] == EN)]
            if candidates.size == 0:
                continue
            locale[candidates[0]] = loc
            mine = candidates[:1]
        name_template[mine[0]] = 0
    return locale, name_template


def _names(rng: np.random.Generator, locale: np.ndarray, name_template: np.ndarray) -> np.ndarray:
    name = np.empty(locale.size, dtype=object)
    for loc in range(len(LOCALES)):
        idx = np.flatnonzero(locale == loc)
        if idx.size == 0:
            continue
        templates = artist_templates(loc)
        weights = np.array([w for w, _ in templates])
        code = rng.choice(len(templates), size=idx.size, p=weights / weights.sum())
        code = np.where(name_template[idx] >= 0, name_template[idx], code)
        name[idx] = by_template(rng, idx.size, templates, code)
    return name
