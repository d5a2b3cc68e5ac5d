"""Record labels: the label text of each album, in all the spellings a real export has."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.demo_library.names import num, pick
from tools.demo_library.vocabulary import (
    ARTIST_IMPRINT, EN_ADJ, EN_NOUN, LABEL_PREFIX, LABEL_SUFFIX, LABEL_TYPE, LABEL_TYPE_P,
)


def label_texts(
    rng: np.random.Generator,
    n: int,
    A: int,
    n_albums: int,
    album_artist: np.ndarray,
    album_year: np.ndarray,
    artist_name: np.ndarray,
) -> np.ndarray:
    """The label text of each album, in the many spellings a real export has."""
    # Base label names, most common first; some already end in a company word ("Entertainment").
    L = int(np.clip(round(n / 40), 20, 20000))
    m = 3 * L + 200
    two_words = rng.random(m) < 0.3
    stem = np.where(
        two_words,
        pick(rng, EN_ADJ, m) + " " + pick(rng, EN_NOUN, m),
        pick(rng, LABEL_PREFIX, m) + pick(rng, LABEL_SUFFIX, m),
    )
    kind = rng.choice(len(LABEL_TYPE), size=m, p=LABEL_TYPE_P / LABEL_TYPE_P.sum())
    candidates = stem + LABEL_TYPE[kind]
    first = np.flatnonzero(~pd.Series(candidates).duplicated().to_numpy())[:L]
    base, typed = candidates[first], kind[first] > 0
    L = base.size
    label_weight = 1.0 / (np.arange(L) + 1.5) ** 1.05
    label_weight /= label_weight.sum()

    # Each artist has a home label; an album uses it three times in four.
    home = rng.choice(L, size=A, p=label_weight)
    which = np.where(rng.random(n_albums) < 0.75, home[album_artist], rng.choice(L, size=n_albums, p=label_weight))
    partner = rng.choice(L, size=n_albums, p=label_weight)

    # Spellings: 0 plain, 1 Records, 2 Music, 3 Records LLC, 4 Music Ltd., 5 Ltd., 6 year prefix,
    # 7 distributed through, 8 Inc., 9 Records Label, 10 LLC.  A name that already ends in a
    # company word is not given another one ("Foo Entertainment Records").
    spelling_p = np.array([0.36, 0.24, 0.1, 0.05, 0.03, 0.04, 0.08, 0.03, 0.03, 0.03, 0.01])
    spelling = rng.choice(spelling_p.size, size=n_albums, p=spelling_p)
    spelling = np.where(typed[which], np.array([0, 0, 0, 10, 5, 5, 6, 7, 8, 0, 10])[spelling], spelling)
    partner_spelling = np.where(typed[partner], 0, rng.choice(3, size=n_albums, p=[0.5, 0.3, 0.2]))
    # Several labels in one text: 0 none, 1 "A, B", 2 "A/B", 3 "A / B"
    joiner = np.where(rng.random(n_albums) < 0.1, rng.choice([1, 2, 3], size=n_albums, p=[0.6, 0.2, 0.2]), 0)
    joiner[partner == which] = 0
    empty = rng.random(n_albums) < 0.015

    # Make sure every spelling and joiner occurs at least once, on distinct albums.
    forced = rng.permutation(n_albums)
    untyped = np.flatnonzero(~typed)
    slot = 0
    for s in range(1, spelling_p.size):
        if slot < n_albums and untyped.size:
            a = forced[slot]
            spelling[a], joiner[a], empty[a] = s, 0, False
            which[a] = untyped[rng.integers(0, min(untyped.size, 5))]
            slot += 1
    for j in (1, 2, 3):
        if slot < n_albums and L > 1:
            a = forced[slot]
            joiner[a], empty[a] = j, False
            partner[a] = (which[a] + 1) % L if partner[a] == which[a] else partner[a]
            slot += 1
    if slot < n_albums:
        empty[forced[slot]] = True

    names = base[which]
    year = num(album_year)
    text = np.empty(n_albums, dtype=object)
    forms = {
        0: lambda b, y: b,
        1: lambda b, y: b + " Records",
        2: lambda b, y: b + " Music",
        3: lambda b, y: b + " Records LLC",
        4: lambda b, y: b + " Music Ltd.",
        5: lambda b, y: b + " Ltd.",
        6: lambda b, y: y + " " + b,
        7: lambda b, y: "distributed through " + b + np.where(typed[which[spelling == 7]], "", " Records"),
        8: lambda b, y: b + " Inc.",
        9: lambda b, y: b + " Records Label",
        10: lambda b, y: b + " LLC",
    }
    for s, form in forms.items():
        idx = np.flatnonzero(spelling == s)
        if idx.size:
            text[idx] = form(names[idx], year[idx])
    partner_text = np.where(
        partner_spelling == 0,
        base[partner],
        np.where(partner_spelling == 1, base[partner] + " Records", base[partner] + " Music"),
    )
    for j, sep in ((1, ", "), (2, "/"), (3, " / ")):
        idx = np.flatnonzero(joiner == j)
        text[idx] = text[idx] + sep + partner_text[idx]

    # Artist imprints ("Republic Records - <artist>") for a few of the biggest artists.
    n_imprint = min(A, max(1, round(A**0.5 / 4))) if A >= 2 else 0
    imprint_artists = rng.choice(min(A, max(20, A // 100)), size=n_imprint, replace=False)
    imprint = np.isin(album_artist, imprint_artists) & (rng.random(n_albums) < 0.8)
    imprint[forced[: slot + 1]] = False
    text[imprint] = ARTIST_IMPRINT + artist_name[album_artist[imprint]]
    text[empty] = ""
    return text
