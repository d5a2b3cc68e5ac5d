"""Text from the data made safe in Markdown: escaped cell and heading text, URLs and link targets."""

from __future__ import annotations

import re
import unicodedata

from assets.library.names import displayable

# | ends a cell; [ ] ` < > open links, code and HTML; * _ ~ $ start emphasis, strikethrough
# and GitHub math; a trailing # would be eaten as the closing sequence of a heading.
_ESCAPES = str.maketrans(
    {
        **{char: "\\" + char for char in "\\|[]`*_~$#"},
        "<": "&lt;",
        ">": "&gt;",
    }
)

# GitHub turns bare URLs and e-mail addresses in text into links (its autolink extension). A
# backslash before the ':' of '://' or the '.' of 'www.' stops it; an address needs its text split
# where the extension looks, which an empty HTML comment does without changing what is shown.
_AUTOLINKS = [
    (re.compile(r"://"), r"\\://"),
    (re.compile(r"(?i)(?<![a-z0-9])(www)\."), r"\1\\."),
    (re.compile(r"(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9])"), "<!-- -->@"),
]

_URL_FORBIDDEN = frozenset("<>()\"'`|\\")
_HREF_FORBIDDEN = frozenset("()<>[]|\\\"'`")


# A name longer than this is shortened in table cells (the full name stays in the data): one very
# long name would otherwise be copied onto every page that lists it.
MAX_CELL_CHARS = 200


def cell_text(text: str) -> str:
    """A name for a table cell or a link in a table: escaped, and shortened with an ellipsis when long."""
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1].rstrip() + "…"
    return escape_text(text)


def escape_text(text: str) -> str:
    """Text from the data made literal inside a table cell, link text or heading."""
    # Surrounding whitespace is invisible in Markdown and would leave trailing spaces on lines.
    # Names come displayable from the library reader; any other text gets the same treatment here.
    escaped = displayable(text).translate(_ESCAPES).strip()
    for pattern, replacement in _AUTOLINKS:
        escaped = pattern.sub(replacement, escaped)
    return escaped


def safe_url(url: str | None) -> str | None:
    """url if it is an https URL that cannot break out of an attribute or link, else None."""
    if not isinstance(url, str) or not url.startswith("https://") or url == "https://":
        return None
    if any(not "!" <= char <= "~" or char in _URL_FORBIDDEN for char in url):
        return None
    return url


def check_href(href: str) -> str:
    """href unchanged, or ValueError if it would break a Markdown link."""
    for char in href:
        if char.isspace() or unicodedata.category(char)[0] == "C" or char in _HREF_FORBIDDEN:
            raise ValueError(f"unsafe character {char!r} in link target {href!r}")
    return href
