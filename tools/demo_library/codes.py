"""Random codes: Spotify ids and URIs, image URLs, and strings of code points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ALBUM_IMAGE_PREFIX = "ab67616d0000b273"
ARTIST_IMAGE_PREFIX = "ab6761610000e5eb"
IMAGE_HOST = "https://i.scdn.co/image/"
MOSAIC_HOST = "https://mosaic.scdn.co/640/"

_BASE62 = np.frombuffer(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", dtype=np.uint8)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
UPPER_ALNUM = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", dtype=np.uint8)


def codes_to_str(codes: np.ndarray) -> np.ndarray:
    """An (n, k) array of code points -> an array of n strings of length k."""
    codes = np.ascontiguousarray(codes, dtype=np.uint32)
    n, k = codes.shape
    return codes.view(f"<U{k}").reshape(n)


def _spotify_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct Spotify-style ids: 22 base62 characters, the first one 0-7 (a 128-bit number)."""
    codes = np.empty((n, 22), dtype=np.uint8)
    codes[:, 0] = _BASE62[rng.integers(0, 8, n)]
    codes[:, 1:] = _BASE62[rng.integers(0, 62, (n, 21))]
    ids = codes.view("S22").reshape(n)
    while True:  # collisions are astronomically unlikely, but keys must be unique
        order = np.argsort(ids, kind="stable")
        dup = order[np.flatnonzero(ids[order][1:] == ids[order][:-1]) + 1]
        if dup.size == 0:
            return ids
        codes[dup, 1:] = _BASE62[rng.integers(0, 62, (dup.size, 21))]


def image_hashes(rng: np.random.Generator, n: int, k: int = 24) -> np.ndarray:
    return _HEX[rng.integers(0, 16, (n, k))].view(f"S{k}").reshape(n)


def prefixed(prefix: str, ids: np.ndarray) -> np.ndarray:
    """prefix + each bytes id, as an object array of str."""
    return np.char.add(prefix.encode(), ids).astype("U").astype(object)


def _rank(keys: np.ndarray) -> np.ndarray:
    """The position of each key in sorted order."""
    order = np.argsort(keys, kind="stable")
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys))
    return rank


@dataclass(frozen=True)
class Uris:
    """The URIs of n things of one kind, and the position of each in the order of the ids: the order
    the files list them in."""

    uri: np.ndarray
    rank: np.ndarray


def spotify_uris(rng: np.random.Generator, kind: str, n: int) -> Uris:
    ids = _spotify_ids(rng, n)
    return Uris(prefixed(f"spotify:{kind}:", ids), _rank(ids))
