"""Tests for assets.site.track_table: one row per track, credits linked to their overview pages."""

import html
import re
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.site.paths import overview_page
from assets.site.slugs import slugify
from assets.site.track_table import TrackRows
from tests.support import HEIZE_IMAGE, ROOT, frame, track

HEADER = [
    "| Art | Track | Album | Artists | Label | 💚 | 🔗 |",
    "|:---|:---|:---|:---|:---|:---|:---|",
]


def track_table(tracks, root):
    """The table of every track of the frame, in frame order."""
    return TrackRows(tracks).table(tracks["track_uri"], root)


def unescaped_pipes(line):
    """Number of | not preceded by a backslash."""
    return len(re.findall(r"(?<!\\)\|", line))


def separator_pipes(line):
    """Number of | that end a cell: those after an even run of backslashes."""
    return sum(1 for m in re.finditer(r"(\\*)\|", line) if len(m.group(1)) % 2 == 0)


def test_track_table_renders_the_known_row_format():
    tracks = frame(
        [
            track(
                "Shut Up & Groove",
                "spotify:track:1WT5I6vlWjYW2cnhR1UkVA",
                image=HEIZE_IMAGE,
                liked=True,
                artists=[("HEIZE", "heize"), ("DEAN", None)],
                labels=[("Genie Music Corporation", "genie_music_corporation")],
            )
        ]
    )
    assert track_table(tracks, ROOT) == (
        "| Art | Track | Album | Artists | Label | 💚 | 🔗 |\n"
        "|:---|:---|:---|:---|:---|:---|:---|\n"
        f'| <img src="{HEIZE_IMAGE}" alt="" width="50" /> | Shut Up & Groove | And July'
        " | [HEIZE](../../../artists/heize/overview.md), DEAN"
        " | [Genie Music Corporation](../../../labels/genie_music_corporation/overview.md)"
        " | 💚 | [🔗](https://open.spotify.com/track/1WT5I6vlWjYW2cnhR1UkVA) |"
    )


def test_credit_links_are_the_overview_pages_of_the_paths_module():
    tracks = frame([track("x", "spotify:track:a", artists=[("케이팝 Star", "케이팝_star")], labels=[("L", "l")])])
    row = track_table(tracks, ROOT).splitlines()[2]
    assert f"[케이팝 Star]({ROOT}{overview_page('artists', '케이팝_star')})" in row
    assert f"[L]({ROOT}{overview_page('labels', 'l')})" in row


def test_track_table_leaves_cells_empty_for_missing_or_unsafe_values():
    tracks = frame(
        [
            track("x", "spotify:track:abc-def", image="http://i.scdn.co/x", artists=[], album=None),
            track("y", "spotify:album:abc", image=float("nan"), liked=float("nan")),
            track("z", None, labels=[("", None), ("L", float("nan"))]),
        ]
    )
    rows = track_table(tracks, "").splitlines()[2:]
    assert rows == [
        "|  | x |  |  |  |  |  |",
        "|  | y | And July | [HEIZE](artists/heize/overview.md) |  |  |  |",
        "|  | z | And July | [HEIZE](artists/heize/overview.md) | L |  |  |",
    ]


def test_track_table_gives_a_linked_empty_name_visible_text():
    tracks = frame([track("x", "spotify:track:a", artists=[(" ", "___")])])
    assert "[untitled](artists/___/overview.md)" in track_table(tracks, "")


def test_track_table_rejects_bad_slugs_and_roots():
    with pytest.raises(ValueError):
        track_table(frame([track("x", "spotify:track:a", artists=[("A", "../x")])]), "")
    with pytest.raises(ValueError):
        track_table(frame([track("x", "spotify:track:a", artists=[("A", "")])]), "")
    with pytest.raises(ValueError):
        track_table(frame([]), "a b/")


def test_track_table_of_no_tracks_is_the_header():
    assert track_table(frame([]), ROOT).splitlines() == HEADER


def test_a_table_lists_the_asked_tracks_in_the_asked_order():
    rows = TrackRows(frame([track(name, f"spotify:track:{name}") for name in ("A", "B", "C")]))
    table = rows.table(["spotify:track:C", "spotify:track:A", "spotify:track:C"], "")
    assert [line.split(" | ")[1] for line in table.splitlines()[2:]] == ["C", "A", "C"]
    with pytest.raises(KeyError):
        rows.table(["spotify:track:D"], "")


def test_rows_rendered_at_one_depth_are_not_reused_at_another():
    rows = TrackRows(frame([track("A", "spotify:track:A")]))
    deep = rows.table(["spotify:track:A"], ROOT)
    shallow = rows.table(["spotify:track:A"], "")
    assert "(../../../artists/heize/overview.md)" in deep
    assert "(artists/heize/overview.md)" in shallow and "../" not in shallow
    assert rows.table(["spotify:track:A"], ROOT) == deep
    # A fresh TrackRows renders the same row as the one that had it cached.
    assert TrackRows(frame([track("A", "spotify:track:A")])).table(["spotify:track:A"], ROOT) == deep


TRICKY = "|<>[]`\\*_~#$&!()\n\r\t\x00\x0b\x85\u2028\u200b\u202e 한국어中文مرحباשלום"
names = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=12)
credits = st.lists(st.tuples(names, st.none() | names.map(slugify)), max_size=3)
tracks_strategy = st.lists(
    st.builds(
        track,
        names,
        st.text(alphabet="ab0:-|<", max_size=6).map(lambda s: "spotify:track:" + s),
        album=names,
        image=st.none() | st.just(HEIZE_IMAGE) | names,
        liked=st.booleans(),
        artists=credits,
        labels=credits,
    ),
    max_size=5,
)
OWN_TAGS = re.compile(r"<img |<details>|<summary>|</summary>|</details>")


@given(tracks_strategy)
def test_track_table_rows_stay_rows_whatever_the_names(rows):
    table = track_table(frame(rows), ROOT)
    lines = table.split("\n")
    assert len(lines) == 2 + len(rows)
    for line in lines:
        assert unescaped_pipes(line) == 8
        assert separator_pipes(line) == 8
        assert line.startswith("|") and line.endswith("|")
        assert not any(char in line for char in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    assert "<" not in OWN_TAGS.sub("", table)


# --- rendered by a CommonMark + GFM-table parser: names come out as they went in ---

try:
    from markdown_it import MarkdownIt
except ImportError:  # markdown-it-py comes with rich, not with this project
    MarkdownIt = None
needs_renderer = pytest.mark.skipif(MarkdownIt is None, reason="markdown-it-py is not installed")


def render(markdown):
    """HTML from a CommonMark parser with GFM tables and raw HTML, as GitHub has."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)


def shown(text):
    """What a reader should see of a name: breaks as spaces, controls gone, outer space trimmed."""
    text = re.sub("[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]", " ", text)
    return re.sub("[\x00-\x1f\x7f-\x9f]", "", text).strip()


# '&' is left alone by design, so an entity in the data ("&lt;") would show decoded.
plain_names = st.text(alphabet=st.sampled_from(TRICKY.replace("&", "")) | st.characters(exclude_characters="&"))


@needs_renderer
@given(plain_names, plain_names, plain_names, st.none() | plain_names.map(slugify))
@settings(max_examples=200)
def test_rendered_cells_show_names_literally(name, album, artist, slug):
    rows = [track(name, "spotify:track:a", album=album, artists=[(artist, slug), ("Next", None)])]
    rendered = render(track_table(frame(rows), ROOT))
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rendered, re.S)
    assert len(cells) == 7
    assert "<" not in cells[1] + cells[2]
    assert html.unescape(cells[1]) == shown(name)
    assert html.unescape(cells[2]) == shown(album)
    # The renderer percent-encodes non-ASCII link targets, as GitHub does.
    links = [unquote(href) for href in re.findall(r'<a href="([^"]*)">', cells[3])]
    assert links == ([] if slug is None else [f"{ROOT}artists/{slug}/overview.md"])
    text = html.unescape(re.sub(r"<a href=\"[^\"]*\">|</a>", "", cells[3]))
    artist_shown = shown(artist) or ("untitled" if slug is not None else "")
    assert text == ", ".join(part for part in (artist_shown, "Next") if part)
