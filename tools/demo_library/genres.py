"""The genre vocabulary: base styles with their feature centres, and modifiers that move them."""

from __future__ import annotations

import numpy as np

from tools.demo_library.vocabulary import AR, EN, JA, KO, LATIN, RU, ZH

# The seven features a genre has a centre for, in this order.
FEATURE_NAMES = ("danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence")

# name, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence,
# tempo, explicit probability, median duration (s), locale, classical titles
_BASES: tuple[tuple, ...] = (
    ("pop", .66, .70, .06, .15, .01, .14, .56, 118, .12, 205, EN, 0),
    ("rock", .50, .80, .05, .06, .05, .19, .46, 126, .08, 235, EN, 0),
    ("indie", .55, .58, .04, .30, .10, .13, .42, 120, .05, 220, EN, 0),
    ("folk", .50, .33, .04, .82, .05, .13, .45, 108, .02, 215, EN, 0),
    ("metal", .40, .95, .09, .01, .25, .22, .27, 142, .15, 280, EN, 0),
    ("punk", .45, .93, .07, .02, .03, .30, .55, 172, .25, 150, EN, 0),
    ("hip hop", .76, .64, .28, .14, .01, .18, .50, 96, .65, 200, EN, 0),
    ("trap", .79, .60, .22, .10, .02, .15, .38, 140, .75, 180, EN, 0),
    ("drill", .72, .66, .30, .15, .01, .14, .35, 142, .85, 170, EN, 0),
    ("r&b", .68, .52, .10, .28, .02, .12, .50, 100, .30, 210, EN, 0),
    ("soul", .60, .55, .06, .38, .03, .18, .65, 104, .03, 200, EN, 0),
    ("funk", .78, .72, .07, .12, .08, .18, .82, 112, .05, 240, EN, 0),
    ("disco", .80, .78, .05, .10, .04, .15, .86, 121, .02, 260, EN, 0),
    ("house", .79, .82, .06, .03, .62, .12, .48, 124, .05, 330, EN, 0),
    ("techno", .72, .86, .05, .02, .82, .11, .28, 132, .01, 400, EN, 0),
    ("trance", .58, .88, .05, .02, .75, .15, .33, 138, .01, 380, EN, 0),
    ("drum and bass", .55, .92, .08, .01, .45, .20, .40, 174, .05, 300, EN, 0),
    ("ambient", .26, .18, .04, .85, .88, .10, .12, 82, 0, 330, EN, 0),
    ("synth", .62, .72, .04, .05, .50, .12, .45, 116, .01, 250, EN, 0),
    ("synthwave", .60, .76, .04, .04, .58, .12, .42, 112, .01, 260, EN, 0),
    ("jazz", .55, .34, .05, .78, .55, .20, .52, 112, 0, 300, EN, 0),
    ("blues", .52, .48, .05, .55, .10, .25, .50, 105, .02, 250, EN, 0),
    ("classical", .28, .12, .04, .95, .88, .14, .22, 100, 0, 330, EN, 1),
    ("orchestra", .25, .18, .04, .92, .86, .18, .20, 104, 0, 360, EN, 1),
    ("choir", .20, .14, .04, .96, .35, .22, .16, 88, 0, 240, EN, 1),
    ("piano", .38, .10, .04, .98, .92, .10, .25, 96, 0, 200, EN, 1),
    ("baroque", .35, .22, .05, .90, .80, .15, .45, 112, 0, 220, EN, 1),
    ("opera", .24, .24, .05, .90, .15, .25, .20, 98, 0, 290, EN, 1),
    ("lo-fi", .68, .34, .08, .62, .78, .11, .48, 84, .01, 150, EN, 0),
    ("ballad", .45, .36, .04, .65, .01, .11, .28, 92, .01, 240, EN, 0),
    ("reggae", .80, .58, .12, .18, .02, .15, .75, 92, .05, 230, EN, 0),
    ("reggaeton", .82, .76, .11, .14, .00, .12, .72, 95, .45, 200, LATIN, 0),
    ("country", .58, .62, .04, .32, .01, .17, .60, 120, .03, 200, EN, 0),
    ("bluegrass", .52, .50, .04, .80, .15, .20, .66, 128, 0, 180, EN, 0),
    ("edm", .66, .90, .07, .02, .30, .25, .42, 128, .05, 210, EN, 0),
    ("dubstep", .58, .92, .09, .01, .40, .20, .30, 140, .10, 240, EN, 0),
    ("shoegaze", .36, .72, .04, .10, .55, .14, .25, 118, .01, 280, EN, 0),
    ("emo", .45, .82, .06, .05, .01, .20, .35, 150, .20, 210, EN, 0),
    ("gospel", .50, .55, .06, .45, .01, .45, .55, 100, 0, 280, EN, 0),
    ("soundtrack", .28, .30, .04, .72, .85, .12, .18, 100, 0, 170, EN, 0),
    ("singer-songwriter", .52, .34, .04, .78, .02, .12, .38, 110, .02, 220, EN, 0),
    ("bossa nova", .62, .30, .05, .82, .15, .12, .62, 116, 0, 200, LATIN, 0),
    ("tango", .58, .40, .05, .78, .40, .16, .45, 118, 0, 190, LATIN, 0),
    ("flamenco", .55, .48, .06, .85, .20, .30, .58, 120, 0, 220, LATIN, 0),
    ("cumbia", .80, .72, .07, .30, .05, .20, .90, 98, .02, 210, LATIN, 0),
    ("ska", .72, .85, .06, .10, .05, .25, .85, 150, .05, 190, EN, 0),
    ("grunge", .40, .85, .05, .05, .06, .22, .35, 125, .15, 250, EN, 0),
    ("city pop", .68, .62, .04, .25, .05, .14, .70, 115, 0, 250, JA, 0),
    ("trot", .62, .68, .04, .30, .01, .18, .72, 125, 0, 210, KO, 0),
    ("enka", .45, .40, .04, .55, .01, .15, .40, 95, 0, 250, JA, 0),
    ("chanson", .50, .35, .05, .70, .02, .18, .45, 108, 0, 200, LATIN, 0),
    ("mandopop", .58, .52, .04, .40, .01, .12, .40, 110, 0, 240, ZH, 0),
    ("k-pop", .70, .78, .08, .10, .01, .15, .62, 122, .05, 200, KO, 0),
    ("j-pop", .60, .78, .05, .15, .02, .16, .60, 130, .01, 240, JA, 0),
)

# word, locale (-1: none), feature shifts (by FEATURE_NAMES initial, "t" = tempo)
_MODIFIERS: tuple[tuple[str, int, dict[str, float]], ...] = (
    ("korean", KO, {}), ("japanese", JA, {}), ("chinese", ZH, {}), ("taiwan", ZH, {}),
    ("russian", RU, {}), ("arabic", AR, {}), ("egyptian", AR, {"d": .05}), ("lebanese", AR, {}),
    ("latin", LATIN, {"d": .1, "v": .12}), ("spanish", LATIN, {}), ("french", LATIN, {}),
    ("brazilian", LATIN, {"v": .08}), ("nordic", LATIN, {"e": -.06, "v": -.08}), ("german", LATIN, {}),
    ("swedish", LATIN, {}), ("uk", EN, {}), ("australian", EN, {}),
    ("dream", -1, {"e": -.2, "a": .15, "i": .12, "v": -.05}),
    ("dark", -1, {"v": -.25, "e": .05}),
    ("deep", -1, {"d": .08, "i": .1, "v": -.1}),
    ("indie", -1, {"a": .1, "e": -.06}),
    ("alternative", -1, {"e": .05, "v": -.05}),
    ("acoustic", -1, {"a": .35, "e": -.25, "d": -.05}),
    ("neo", -1, {}), ("modern", -1, {}),
    ("chamber", -1, {"a": .3, "i": .2, "e": -.2}),
    ("bedroom", -1, {"e": -.2, "a": .15}),
    ("hyper", -1, {"e": .2, "t": 25, "d": .05}),
    ("experimental", -1, {"i": .2, "v": -.1, "d": -.15}),
    ("progressive", -1, {"i": .15, "e": .05, "t": 5}),
    ("melodic", -1, {"v": .05}),
    ("psychedelic", -1, {"i": .15, "l": .05}),
    ("industrial", -1, {"e": .15, "v": -.2, "a": -.1}),
    ("sad", -1, {"v": -.3, "e": -.15}),
    ("gothic", -1, {"v": -.25}),
    ("cosmic", -1, {"i": .2}),
    ("tropical", -1, {"d": .1, "v": .2}),
    ("slow", -1, {"e": -.2, "t": -20}),
    ("underground", -1, {"s": .05}),
    ("vintage", -1, {"a": .2, "l": .1}),
    ("christmas", -1, {"v": .2, "a": .1}),
    ("live", -1, {"l": .45}),
    ("minimal", -1, {"i": .2, "e": -.1}),
    ("folk", -1, {"a": .3, "e": -.15}),
    ("synth", -1, {"a": -.2, "i": .1}),
)
_SHIFT_INDEX = {name[0]: i for i, name in enumerate(FEATURE_NAMES)}


class Genres:
    """The genre vocabulary: names, feature centres and how common each genre is."""

    def __init__(self, rng: np.random.Generator, n_tracks: int):
        size = int(np.clip(round(25 * np.log10(max(n_tracks, 10))), 40, 200))
        base_names = [b[0] for b in _BASES]
        combos: list[tuple[int, int]] = []  # (modifier, base); -1 = bare base
        for m, (word, mloc, _) in enumerate(_MODIFIERS):
            for b, base in enumerate(_BASES):
                if word == base[0] or word in base[0].split() or (mloc >= 0 and base[11] != EN):
                    continue
                combos.append((m, b))
        order = rng.permutation(len(combos))
        chosen: list[tuple[int, int]] = []
        # At least one genre for each locale, so every script shows up.
        for loc in (KO, JA, ZH, RU, AR, LATIN):
            for k in order:
                m, b = combos[k]
                if _MODIFIERS[m][1] == loc and (m, b) not in chosen:
                    chosen.append((m, b))
                    break
        n_bare = min(len(_BASES), size * 3 // 10)
        for b in rng.permutation(len(_BASES))[:n_bare]:
            chosen.append((-1, int(b)))
        for k in order:
            if len(chosen) >= size:
                break
            if combos[k] not in chosen:
                chosen.append(combos[k])
        chosen = [chosen[i] for i in rng.permutation(len(chosen))]

        g = len(chosen)
        self.names = np.array(
            [(_MODIFIERS[m][0] + " " if m >= 0 else "") + base_names[b] for m, b in chosen], dtype=object
        )
        base = np.array([c[1] for c in chosen])
        mod = np.array([c[0] for c in chosen])
        table = np.array([row[1:11] for row in _BASES], dtype=float)
        self.centre = table[base, :7].copy()
        self.tempo = table[base, 7].copy()
        self.explicit = table[base, 8].copy()
        self.duration = table[base, 9].copy()
        self.classical = np.array([_BASES[b][12] for b in base], dtype=bool)
        self.locale = np.array([_BASES[b][11] for b in base])
        for i, m in enumerate(mod):
            if m < 0:
                continue
            word, mloc, shifts = _MODIFIERS[m]
            if mloc >= 0:
                self.locale[i] = mloc
            for key, delta in shifts.items():
                if key == "t":
                    self.tempo[i] += delta
                else:
                    self.centre[i, _SHIFT_INDEX[key]] += delta
        self.centre += rng.normal(0, 0.04, self.centre.shape)
        self.centre = np.clip(self.centre, 0.02, 0.97)
        self.tempo = np.clip(self.tempo + rng.normal(0, 5, g), 70, 185)
        # How common each genre is: Zipf over a random ranking.
        rank = rng.permutation(g)
        self.weight = 1.0 / (rank + 2.0)
        self.weight /= self.weight.sum()
        self.size = g
