"""Folder names for page owners: safe on every file system, readable, unique per kind of page."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

_MAX_SLUG_CHARS = 80
# ext4 and most Linux file systems cap a name at 255 bytes; leave room for an extension.
_MAX_SLUG_BYTES = 240
_TAG_CHARS = 8
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)


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


def is_slug(slug: str) -> bool:
    """Whether slug is non-empty and only has characters slugify can produce."""
    return slug != "" and all(char == "_" or unicodedata.category(char)[0] in "LNM" for char in slug)
