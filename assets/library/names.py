"""Names from the data made displayable in every output: pages, chart text and file names."""

from __future__ import annotations

# Every character Python's splitlines() breaks on: shown as a space, so no name spans two lines.
LINE_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
# Marks that reorder the text around them: a name holding one could turn a page's text around.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): the chart renderer
# aborts on them, as on control characters.
_NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(plane + end) for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)]
_INVISIBLE = str.maketrans({
    **dict.fromkeys(_CONTROLS),
    **dict.fromkeys(_BIDI_CONTROLS),
    **dict.fromkeys(_NONCHARACTERS),
    **dict.fromkeys(LINE_BREAKS, " "),
})


def displayable(name: str) -> str:
    """The name without control characters, noncharacters or reordering marks; line breaks become spaces."""
    return name.translate(_INVISIBLE)
