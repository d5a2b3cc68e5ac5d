"""The audio features of the tracks, around the feature centres of the primary artist's first genre."""

from __future__ import annotations

import numpy as np

from tools.demo_library.genres import Genres


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _round_sig3(x: np.ndarray) -> np.ndarray:
    """Three significant figures (as Spotify's small values look, e.g. 0.000707); below 1e-6 -> 0."""
    out = np.zeros_like(x)
    nz = x >= 1e-6
    scale = 10.0 ** (2 - np.floor(np.log10(x[nz])))
    out[nz] = np.round(x[nz] * scale) / scale
    return np.minimum(out, 1.0)


def _round(x: np.ndarray, decimals: int) -> np.ndarray:
    return np.round(x, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def audio_features(
    rng: np.random.Generator, genres: Genres, track_genre: np.ndarray, primary: np.ndarray, n_artists: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The feature columns of every track, and which tracks have features (a few lack them)."""
    n = primary.size
    # Each artist has its own centre near its genre's, so that an artist's tracks sound alike.
    centre = genres.centre[track_genre] + rng.normal(0, 0.04, (n_artists, 7))[primary]
    centre = np.clip(centre, 0.02, 0.98)
    dance = _round(np.clip(centre[:, 0] + rng.normal(0, 0.09, n), 0.05, 0.99), 3)
    energy_raw = np.clip(centre[:, 1] + rng.normal(0, 0.1, n), 0.005, 1.0)
    energy = _round(energy_raw, 3)
    speech = _round_sig3(np.clip(sigmoid(_logit(centre[:, 2]) + rng.normal(0, 0.45, n)), 0.022, 0.96))
    acoustic = _round_sig3(sigmoid(_logit(centre[:, 3]) + rng.normal(0, 1.1, n)))
    vocal = centre[:, 4] < 0.15
    instr = sigmoid(_logit(centre[:, 4]) + rng.normal(0, 1.0, n) * np.where(vocal, 2.2, 1.2))
    instr[vocal & (rng.random(n) < 0.5)] = 0.0
    instr = _round_sig3(instr)
    live = sigmoid(_logit(centre[:, 5]) + rng.normal(0, 0.5, n))
    is_live = rng.random(n) < 0.06
    live[is_live] = rng.uniform(0.6, 0.98, is_live.sum())
    live = _round_sig3(live)
    valence = _round(np.clip(centre[:, 6] + rng.normal(0, 0.12, n), 0.02, 0.99), 3)
    loudness = _round(np.clip(-28 + 24 * energy_raw + rng.normal(0, 1.8, n), -34, -1.2), 3)
    tempo = genres.tempo[track_genre] + rng.normal(0, 14, n)
    tempo = np.where(rng.random(n) < 0.05, tempo * 1.5, tempo)
    tempo = _round(np.clip(tempo, 60, 200), 3)
    key = rng.integers(0, 12, n)
    key[rng.random(n) < 0.004] = -1
    mode = (rng.random(n) < 0.64).astype(np.int64)
    three = np.where(genres.classical[track_genre], 0.2, 0.06)
    ts_draw = rng.random(n)
    time_signature = np.where(ts_draw < three, 3, np.where(ts_draw > 0.975, 5, 4))
    has_features = np.ones(n, dtype=bool)
    has_features[rng.choice(n, size=max(1, round(n * 0.005)) if n >= 20 else 0, replace=False)] = False
    columns = {
        "danceability": dance, "energy": energy, "key": key, "loudness": loudness, "mode": mode,
        "speechiness": speech, "acousticness": acoustic, "instrumentalness": instr, "liveness": live,
        "valence": valence, "tempo": tempo, "time_signature": time_signature,
    }
    return columns, has_features
