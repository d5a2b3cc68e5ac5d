"""Pieces every page is made of: links to pages, tables with a collapsed remainder, counts."""

from __future__ import annotations

from assets.site.text import cell_text

PREVIEW_ROWS = 10
SINGULAR = {"genres": "Genre", "playlists": "Playlist", "artists": "Artist", "labels": "Label"}
TITLES = {"genres": "Genres", "playlists": "Playlists", "artists": "Artists", "labels": "Labels"}


def link(name: str, href: str | None) -> str:
    """A name linked to a page, or the name alone when there is no page."""
    text = cell_text(name) or "untitled"
    return f"[{text}]({href})" if href else text


def table(header: list[str], rows: list[list[str]], what: str) -> str:
    """A Markdown table of the first rows, the rest in a collapsed block."""
    def render(part: list[list[str]]) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in part]
        return "\n".join(lines)

    blocks = [render(rows[:PREVIEW_ROWS])]
    if len(rows) > PREVIEW_ROWS:
        blocks += [f"<details><summary>{len(rows) - PREVIEW_ROWS} more {what}</summary>", render(rows[PREVIEW_ROWS:]), "</details>"]
    return "\n\n".join(blocks)


def count(n: int, noun: str) -> str:
    """'1 track', '2 tracks'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def preview(page: str, limit: int) -> str:
    """The start of a page within `limit` characters, for a place that cannot follow its relative links.

    Images from docs_out/ are left out; blocks are kept whole, except that a table may end after
    any of its rows (never before its header and separator line).
    """
    kept: list[str] = []
    size = 0
    for block in page.split("\n\n"):
        if block.startswith("!["):
            continue
        lines = block.split("\n")
        fitting = []
        for line in lines:
            if size + len(line) + 2 > limit:
                break
            fitting.append(line)
            size += len(line) + 1
        table_start = len(fitting) >= 2 and lines[0].startswith("|")
        if len(fitting) == len(lines) or table_start:
            kept.append("\n".join(fitting))
            size += 1
        if len(fitting) < len(lines):
            break
    return "\n\n".join(kept)
