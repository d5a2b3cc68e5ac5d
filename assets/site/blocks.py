"""Pieces every page is made of: links to pages, tables with a collapsed remainder, counts."""

from __future__ import annotations

from assets.site.text import escape_text

PREVIEW_ROWS = 10
SINGULAR = {"genres": "Genre", "playlists": "Playlist", "artists": "Artist", "labels": "Label"}
TITLES = {"genres": "Genres", "playlists": "Playlists", "artists": "Artists", "labels": "Labels"}


def link(name: str, href: str | None) -> str:
    """A name linked to a page, or the name alone when there is no page."""
    text = escape_text(name) or "untitled"
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
