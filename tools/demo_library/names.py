"""Templates that make names (titles, artist names) out of the vocabulary's word lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tools.demo_library.codes import UPPER_ALNUM, codes_to_str
from tools.demo_library.vocabulary import (
    AR, AR_FIRST, AR_LAST, AR_LATIN_FIRST, AR_LATIN_LAST, AR_WORD, CLASSICAL_FORM, CLASSICAL_KEY, CLASSICAL_MODE,
    CLASSICAL_ROMAN, CLASSICAL_TEMPO, EN, EN_ADJ, EN_ADV, EN_ENSEMBLE, EN_FEEL, EN_FIRST, EN_LAST, EN_NOUN, EN_NOUNS,
    EN_PHRASAL, EN_PREP, EN_PRON, EN_SUFFIX, EN_VERB, JA, JA_GIVEN, JA_PARTICLE, JA_SURNAME, JA_WORD, KO, KO_SURNAME,
    KO_SYLLABLE, KO_WORD, LATIN, LATIN_BAND, LATIN_FIRST, LATIN_GLUE, LATIN_LAST, LATIN_LEAD, LATIN_WORD, RU,
    RU_FIRST, RU_LAST, RU_WORD, ZH, ZH_GIVEN, ZH_PINYIN, ZH_SURNAME, ZH_WORD,
)


def pick(rng: np.random.Generator, words: np.ndarray, m: int) -> np.ndarray:
    return words[rng.integers(0, len(words), m)]


def num(values: np.ndarray) -> np.ndarray:
    return np.asarray(values).astype(str).astype(object)


Template = Callable[[np.random.Generator, int], np.ndarray]


def by_template(
    rng: np.random.Generator, m: int, templates: Sequence[tuple[float, Template]], code: np.ndarray | None = None
) -> np.ndarray:
    """m strings, each made by one of the weighted templates (or the given template codes)."""
    weights = np.array([w for w, _ in templates], dtype=float)
    if code is None:
        code = rng.choice(len(templates), size=m, p=weights / weights.sum())
    out = np.empty(m, dtype=object)
    for k, (_, make) in enumerate(templates):
        idx = np.flatnonzero(code == k)
        if idx.size:
            out[idx] = make(rng, idx.size)
    return out


def _phrase(words: np.ndarray, glue: str | np.ndarray = " ", p=(0.45, 0.4, 0.15)) -> Template:
    """1-3 words of a list, joined by glue (a string, or a list to pick from)."""

    def make(rng: np.random.Generator, m: int) -> np.ndarray:
        count = rng.choice(3, size=m, p=p)
        out = pick(rng, words, m)
        for k in (1, 2):
            more = np.flatnonzero(count >= k)
            g = glue if isinstance(glue, str) else pick(rng, glue, more.size)
            out[more] = out[more] + g + pick(rng, words, more.size)
        return out

    return make


def _cat(*parts: np.ndarray | str | tuple[np.ndarray, ...]) -> Template:
    """A template concatenating fixed strings and words picked from lists."""

    def make(rng: np.random.Generator, m: int) -> np.ndarray:
        out = np.full(m, "", dtype=object)
        for part in parts:
            out = out + (part if isinstance(part, str) else pick(rng, part, m))
        return out

    return make


def _english_titles() -> list[tuple[float, Template]]:
    def remaster(rng: np.random.Generator, m: int) -> np.ndarray:
        years = num(rng.integers(1995, 2024, m))
        return pick(rng, EN_ADJ, m) + " " + pick(rng, EN_NOUN, m) + " - Remastered " + years

    return [
        (0.24, _cat(EN_ADJ, " ", EN_NOUN)),
        (0.14, _cat(EN_NOUN)),
        (0.09, _cat(EN_VERB, " ", EN_PREP, " ", EN_NOUN)),
        (0.05, _cat(EN_PHRASAL, " & ", EN_VERB)),  # "Shut Up & Groove"
        (0.04, _cat(EN_NOUN, " & ", EN_NOUN)),
        (0.03, _cat(EN_NOUN, ", ", EN_NOUN, " & ", EN_NOUN)),
        (0.03, _cat("Oh, ", EN_ADJ, " ", EN_NOUN)),
        (0.03, _cat(EN_VERB, ' "', EN_NOUN, '"')),
        (0.02, _cat('The "', EN_ADJ, '" ', EN_NOUN)),
        (0.08, _cat("I ", EN_FEEL, " ", EN_PRON)),
        (0.08, _cat(EN_VERB, " ", EN_PRON, " ", EN_ADV)),
        (0.09, _cat(EN_ADJ, " ", EN_NOUN, EN_SUFFIX)),
        (0.04, remaster),
        (0.04, _cat(EN_NOUN, ", ", EN_PRON, " ", EN_ADV)),
    ]


def classical_title(rng: np.random.Generator, m: int) -> np.ndarray:
    return (
        pick(rng, CLASSICAL_FORM, m) + " No. " + num(rng.integers(1, 25, m)) + " in "
        + pick(rng, CLASSICAL_KEY, m) + " " + pick(rng, CLASSICAL_MODE, m) + ", Op. "
        + num(rng.integers(1, 130, m)) + ": " + pick(rng, CLASSICAL_ROMAN, m) + ". "
        + pick(rng, CLASSICAL_TEMPO, m)
    )


def native_titles(locale: int) -> Template:
    if locale == KO:
        return _phrase(KO_WORD)
    if locale == JA:
        return _phrase(JA_WORD, JA_PARTICLE, p=(0.4, 0.5, 0.1))
    if locale == ZH:
        return _phrase(ZH_WORD, "", p=(0.3, 0.55, 0.15))
    if locale == RU:
        return _phrase(RU_WORD)
    if locale == AR:
        return _phrase(AR_WORD)
    return _by_template_fn([
        (0.35, _cat(LATIN_WORD)),
        (0.3, _cat(LATIN_WORD, LATIN_GLUE, LATIN_WORD)),
        (0.2, _cat(LATIN_LEAD, LATIN_WORD)),
        (0.15, _cat(LATIN_WORD, " ", LATIN_WORD)),
    ])


def _by_template_fn(templates: Sequence[tuple[float, Template]]) -> Template:
    return lambda rng, m: by_template(rng, m, templates)


def titles(rng: np.random.Generator, locale: int, m: int) -> np.ndarray:
    """Song or album titles for artists of one locale."""
    english = _by_template_fn(_english_titles())
    if locale == EN:
        return english(rng, m)
    native_share = 0.6 if locale == LATIN else 0.7
    return by_template(rng, m, [(native_share, native_titles(locale)), (1 - native_share, english)])


def artist_templates(locale: int) -> list[tuple[float, Template]]:
    """Artist name templates of a locale; the first one is always in the locale's own script."""

    def upper_word(rng: np.random.Generator, m: int) -> np.ndarray:
        return np.array([w.upper() for w in EN_NOUN], dtype=object)[rng.integers(0, len(EN_NOUN), m)]

    def acronym(rng: np.random.Generator, m: int) -> np.ndarray:
        k = rng.integers(2, 5, m)
        codes = UPPER_ALNUM[rng.integers(0, 26, (m, 4))].astype(np.uint32)
        codes[np.arange(4)[None, :] >= k[:, None]] = 0
        return codes_to_str(codes).astype(object)

    def ko_person(rng: np.random.Generator, m: int) -> np.ndarray:
        return pick(rng, KO_SURNAME, m) + pick(rng, KO_SYLLABLE, m) + pick(rng, KO_SYLLABLE, m)

    if locale == EN:
        return [
            (0.33, _cat(EN_FIRST, " ", EN_LAST)),
            (0.13, _cat("The ", EN_ADJ, " ", EN_NOUNS)),
            (0.11, _cat(EN_ADJ, " ", EN_NOUN)),
            (0.07, _cat(EN_FIRST)),
            (0.06, _cat(EN_FIRST, " & The ", EN_NOUNS)),
            (0.04, _cat("DJ ", EN_FIRST)),
            (0.03, _cat("Lil ", EN_NOUN)),
            (0.05, _cat(EN_LAST, " ", EN_ENSEMBLE)),
            (0.05, _cat(EN_LAST, " & ", EN_LAST)),
            (0.05, _cat(EN_NOUN, " ", EN_NOUN)),
            (0.04, _cat(EN_FIRST, " ", EN_LAST, ", ", EN_FIRST, " ", EN_LAST)),
            (0.04, _cat(EN_NOUN, " ", EN_ENSEMBLE)),
        ]
    if locale == LATIN:
        return [
            (0.62, _cat(LATIN_FIRST, " ", LATIN_LAST)),
            (0.12, _cat(LATIN_FIRST)),
            (0.14, _cat(LATIN_BAND, LATIN_WORD)),
            (0.12, _cat(LATIN_FIRST, " ", LATIN_LAST, " y ", LATIN_FIRST, " ", LATIN_LAST)),
        ]
    if locale == KO:
        return [(0.35, ko_person), (0.1, _phrase(KO_WORD, p=(0.7, 0.3, 0.0))), (0.3, upper_word), (0.25, acronym)]
    if locale == JA:
        return [
            (0.4, _cat(JA_SURNAME, JA_GIVEN)),
            (0.2, _phrase(JA_WORD, "", p=(0.6, 0.4, 0.0))),
            (0.4, _cat(EN_ADJ, " ", EN_NOUN)),
        ]
    if locale == ZH:
        return [
            (0.5, _cat(ZH_SURNAME, ZH_GIVEN, ZH_GIVEN)),
            (0.15, _cat(ZH_SURNAME, ZH_GIVEN)),
            (0.35, _cat(EN_FIRST, " ", ZH_PINYIN)),
        ]
    if locale == RU:
        return [(0.65, _cat(RU_FIRST, " ", RU_LAST)), (0.2, _phrase(RU_WORD, p=(0.6, 0.4, 0.0))), (0.15, upper_word)]
    return [(0.7, _cat(AR_FIRST, " ", AR_LAST)), (0.3, _cat(AR_LATIN_FIRST, " ", AR_LATIN_LAST))]
