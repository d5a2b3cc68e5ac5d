"""Track tables: one row per track with its album art, names, credits, liked mark and Spotify link."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from assets.site.paths import overview_page
from assets.site.slugs import is_slug
from assets.site.text import cell_text, check_href, safe_url

_TRACK_URI = re.compile(r"spotify:track:([0-9A-Za-z]+)")

_TABLE_HEADER = "| Art | Track | Album | Artists | Label | 💚 | 🔗 |\n|:---|:---|:---|:---|:---|:---|:---|"


def _text(value: object) -> str:
    """Escaped cell text; missing values (None, NaN) become empty."""
    return cell_text(value) if isinstance(value, str) else ""


def _credit(name: object, slug: object, kind: str, root: str) -> str:
    """One artist or label, linked to its page when it has one."""
    text = _text(name)
    # None, NaN or NA: the artist or label has no page.
    if not isinstance(slug, str):
        return text
    if not is_slug(slug):
        raise ValueError(f"not a slug: {slug!r}")
    # An empty link text would make the link invisible.
    return f"[{text or 'untitled'}]({root}{overview_page(kind, slug)})"


def _credits(credits: object, kind: str, root: str) -> str:
    """Artists or labels in credit order, comma-separated."""
    if not isinstance(credits, (list, tuple, np.ndarray)):
        return ""
    parts = (_credit(name, slug, kind, root) for name, slug in credits)
    return ", ".join(part for part in parts if part)


def _track_link(uri: object) -> str:
    """Spotify link cell for a track URI; empty unless the id is base62."""
    match = _TRACK_URI.fullmatch(uri) if isinstance(uri, str) else None
    return f"[🔗](https://open.spotify.com/track/{match.group(1)})" if match else ""


def _row(track, root: str) -> str:
    """One table row of a track (a row of the track-table columns)."""
    image = safe_url(track.album_image_url)
    cells = [
        f'<img src="{image}" alt="" width="50" />' if image else "",
        _text(track.track_name),
        _text(track.album_name),
        _credits(track.artists, "artists", root),
        _credits(track.labels, "labels", root),
        "💚" if pd.notna(track.liked) and bool(track.liked) else "",
        _track_link(track.track_uri),
    ]
    return "| " + " | ".join(cells) + " |"


class TrackRows:
    """Track tables of a whole library, each track's row rendered once per page depth and reused.

    A track is listed on many pages (its cluster pages, its genres', artists', labels' and
    playlists' overviews); rendering its row again for each is most of the cost of a large atlas.
    """

    def __init__(self, tracks: pd.DataFrame):
        """`tracks` has the track-table columns; `artists` and `labels` hold (name, slug or None) credits."""
        self._tracks = {track.track_uri: track for track in tracks.itertuples(index=False)}
        self._rows: dict[tuple[str, str], str] = {}

    def table(self, track_uris: Iterable[str], root: str) -> str:
        """Markdown table of the tracks with these URIs, in this order."""
        check_href(root)
        lines = [_TABLE_HEADER]
        for uri in track_uris:
            row = self._rows.get((uri, root))
            if row is None:
                row = self._rows[uri, root] = _row(self._tracks[uri], root)
            lines.append(row)
        return "\n".join(lines)
