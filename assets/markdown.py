"""Render Library Atlas data as Markdown: slugs, escaping, track tables and cluster pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_MAX_SLUG_CHARS = 80
# ext4 and most Linux file systems cap a name at 255 bytes; leave room for an extension.
_MAX_SLUG_BYTES = 240
_TAG_CHARS = 8
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)

# Every character Python's splitlines() breaks on, so no data can split a table row.
_LINE_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
# | ends a cell; [ ] ` < > open links, code and HTML; * _ ~ $ start emphasis, strikethrough
# and GitHub math; a trailing # would be eaten as the closing sequence of a heading.
_ESCAPES = str.maketrans(
    {
        **dict.fromkeys(_CONTROLS),
        **dict.fromkeys(_LINE_BREAKS, " "),
        **{char: "\\" + char for char in "\\|[]`*_~$#"},
        "<": "&lt;",
        ">": "&gt;",
    }
)

_URL_FORBIDDEN = frozenset("<>()\"'`|\\")
_HREF_FORBIDDEN = frozenset("()<>[]|\\\"'`")
_TRACK_URI = re.compile(r"spotify:track:([0-9A-Za-z]+)")

_TABLE_HEADER = "| Art | Track | Album | Artists | Label | 💚 | 🔗 |\n|:---|:---|:---|:---|:---|:---|:---|"
_REPRESENTATIVES = 10


def _tag(text: str) -> str:
    """First hex digits of the SHA-256 of text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_TAG_CHARS]


def _fits(slug: str) -> bool:
    """Whether slug is within the length limits."""
    return len(slug) <= _MAX_SLUG_CHARS and len(slug.encode("utf-8")) <= _MAX_SLUG_BYTES


def _tagged(slug: str, tag: str) -> str:
    """`<slug>_<tag>`, with slug cut short enough for the result to fit."""
    suffix = f"_{tag}"
    head = slug[: _MAX_SLUG_CHARS - len(suffix)]
    while not _fits(head + suffix):
        head = head[:-1]
    return head + suffix


def slugify(name: str) -> str:
    """File-system-safe, lower-case folder name for name."""
    chars: list[str] = []
    # NFKC folds stylised letters (𝐁, ｆｕｌｌ, ²) into plain ones so their slugs stay readable.
    for char in unicodedata.normalize("NFKC", name).lower():
        category = unicodedata.category(char)[0]
        # Combining marks belong to the letter before them (Devanagari and Thai vowel signs,
        # Arabic harakat); on their own, such as an emoji's variation selector, they are noise.
        keep = category in "LN" or (category == "M" and bool(chars) and chars[-1] != "_")
        chars.append(char if keep else "_")
    slug = "".join(chars) or "untitled"
    if slug in _WINDOWS_RESERVED:
        slug += "_"
    return slug if _fits(slug) else _tagged(slug, _tag(name))


# assign_slugs rule: keys are grouped by the slug of their name, compared case-insensitively
# (casefold) because macOS and Windows file systems would merge e.g. "ς" and "σ". In a group of
# one the key gets the plain slug. In a larger group the key whose (name, key) sorts first gets
# the plain slug and every other key gets `<slug>_<first 8 hex of sha256(key)>`. Should that
# still clash with another slug, the tag is taken from sha256("<n>:<key>") for n = 1, 2, ...
# Plain slugs are settled before any tagged one and tagged ones in key order, so the result
# depends only on the set of pairs, never on their order.
def assign_slugs(keys_and_names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Unique slug per key for one kind of page, following the rule above."""
    names: dict[str, str] = {}
    for key, name in keys_and_names:
        if names.setdefault(key, name) != name:
            raise ValueError(f"key {key!r} is given two names: {names[key]!r} and {name!r}")
    plain = {key: slugify(name) for key, name in names.items()}
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, name in names.items():
        groups[plain[key].casefold()].append((name, key))

    slugs: dict[str, str] = {}
    taken: set[str] = set()
    others: list[str] = []
    for members in groups.values():
        (_, first), *rest = sorted(members)
        slugs[first] = plain[first]
        taken.add(plain[first].casefold())
        others.extend(key for _, key in rest)
    for key in sorted(others):
        attempt = 0
        slug = _tagged(plain[key], _tag(key))
        while slug.casefold() in taken:
            attempt += 1
            slug = _tagged(plain[key], _tag(f"{attempt}:{key}"))
        slugs[key] = slug
        taken.add(slug.casefold())
    return dict(sorted(slugs.items()))


def escape_text(text: str) -> str:
    """Text from the data made literal inside a table cell, link text or heading."""
    # Surrounding whitespace is invisible in Markdown and would leave trailing spaces on lines.
    return text.translate(_ESCAPES).strip()


def safe_url(url: str | None) -> str | None:
    """url if it is an https URL that cannot break out of an attribute or link, else None."""
    if not isinstance(url, str) or not url.startswith("https://") or url == "https://":
        return None
    if any(not "!" <= char <= "~" or char in _URL_FORBIDDEN for char in url):
        return None
    return url


def _check_href(href: str) -> str:
    """href unchanged, or ValueError if it would break a Markdown link."""
    for char in href:
        if char.isspace() or unicodedata.category(char)[0] == "C" or char in _HREF_FORBIDDEN:
            raise ValueError(f"unsafe character {char!r} in link target {href!r}")
    return href


def _is_slug(slug: str) -> bool:
    """Whether slug is non-empty and only has characters slugify can produce."""
    return slug != "" and all(char == "_" or unicodedata.category(char)[0] in "LNM" for char in slug)


def _text(value: object) -> str:
    """Escaped cell text; missing values (None, NaN) become empty."""
    return escape_text(value) if isinstance(value, str) else ""


def _credit(name: object, slug: object, folder: str) -> str:
    """One artist or label, linked to its page when it has one."""
    text = _text(name)
    # None, NaN or NA: the artist or label has no page.
    if not isinstance(slug, str):
        return text
    if not _is_slug(slug):
        raise ValueError(f"not a slug: {slug!r}")
    # An empty link text would make the link invisible.
    return f"[{text or 'untitled'}]({folder}{slug}/overview.md)"


def _credits(credits: object, folder: str) -> str:
    """Artists or labels in credit order, comma-separated."""
    if not isinstance(credits, (list, tuple, np.ndarray)):
        return ""
    parts = (_credit(name, slug, folder) for name, slug in credits)
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
        _credits(track.artists, f"{root}artists/"),
        _credits(track.labels, f"{root}labels/"),
        "💚" if pd.notna(track.liked) and bool(track.liked) else "",
        _track_link(track.track_uri),
    ]
    return "| " + " | ".join(cells) + " |"


def track_table(tracks: pd.DataFrame, root: str) -> str:
    """Markdown table of tracks in the given order; root leads from the page to the site root."""
    _check_href(root)
    return "\n".join([_TABLE_HEADER, *(_row(track, root) for track in tracks.itertuples(index=False))])


class TrackRows:
    """Track tables of a whole library, each track's row rendered once per page depth and reused.

    A track is listed on many pages (its cluster pages, its genres', artists', labels' and
    playlists' overviews); rendering its row again for each is most of the cost of a large atlas.
    """

    def __init__(self, tracks: pd.DataFrame):
        self._tracks = {track.track_uri: track for track in tracks.itertuples(index=False)}
        self._rows: dict[tuple[str, str], str] = {}

    def table(self, track_uris: Iterable[str], root: str) -> str:
        """Markdown table of the tracks with these URIs, in this order."""
        _check_href(root)
        lines = [_TABLE_HEADER]
        for uri in track_uris:
            row = self._rows.get((uri, root))
            if row is None:
                row = self._rows[uri, root] = _row(self._tracks[uri], root)
            lines.append(row)
        return "\n".join(lines)


@dataclass(frozen=True)
class ClusterSection:
    """One cluster of a group's cluster page."""

    number: int
    size: int
    description: str
    representatives: Sequence[str]  # track URIs, nearest the centre first
    all_tracks: Sequence[str]  # track URIs of the whole cluster


def _count(n: int) -> str:
    """'1 track' or 'N tracks'."""
    return "1 track" if n == 1 else f"{n} tracks"


def _section(section: ClusterSection, root: str, rows: TrackRows) -> list[str]:
    """Markdown blocks of one cluster."""
    if section.size != len(section.all_tracks):
        raise ValueError(
            f"cluster #{section.number} has size {section.size} but {len(section.all_tracks)} tracks"
        )
    blocks = [f"## Cluster #{section.number}", _count(section.size)]
    sounds = escape_text(section.description)
    if sounds:
        blocks.append(f"Sounds: {sounds}")
    blocks.append(rows.table(section.representatives, root))
    # Up to ten tracks, the representatives already are the whole cluster.
    if section.size > _REPRESENTATIVES:
        blocks += [
            f"<details><summary>All {section.size} tracks</summary>",
            rows.table(section.all_tracks, root),
            "</details>",
        ]
    return blocks


def cluster_page(
    title: str,
    image_path: str,
    root: str,
    sections: list[ClusterSection],
    rows: TrackRows,
    back_link: tuple[str, str] | None = None,
) -> str:
    """Markdown page describing the clusters of one group of tracks."""
    blocks = [f"# Clusters in {escape_text(title)}".rstrip()]
    if back_link is not None:
        text, href = back_link
        blocks.append(f"[← {escape_text(text)}]({_check_href(href)})")
    blocks.append(f"![Comparison of Cluster]({_check_href(image_path)})")
    for section in sections:
        blocks += _section(section, root, rows)
    # Blank lines between blocks also let GitHub render the Markdown table inside <details>.
    return "\n\n".join(blocks) + "\n"
