"""Tests for assets.markdown: slugs, escaping, track tables and cluster pages."""

import html
import re
from urllib.parse import unquote

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.markdown import (
    ClusterSection,
    TrackRows,
    assign_slugs,
    cluster_page,
    escape_text,
    safe_url,
    slugify,
    track_table,
)

ROOT = "../../../"
HEIZE_IMAGE = "https://i.scdn.co/image/ab67616d0000b2737f22ff3c2da84dfc06101e23"
COLUMNS = ["track_uri", "track_name", "album_name", "album_image_url", "liked", "artists", "labels"]


def track(
    name,
    uri,
    *,
    album="And July",
    image=None,
    liked=False,
    artists=(("HEIZE", "heize"),),
    labels=(),
):
    """One track-table row with defaults for the fields a test does not care about."""
    return {
        "track_uri": uri,
        "track_name": name,
        "album_name": album,
        "album_image_url": image,
        "liked": liked,
        "artists": list(artists),
        "labels": list(labels),
    }


def frame(rows):
    """Track-table DataFrame from row dicts."""
    return pd.DataFrame(rows, columns=COLUMNS)


def sections(*clusters):
    """ClusterSections from (number, size, description, representative rows, all rows), with their TrackRows."""
    listed = [row for *_, representatives, everything in clusters for row in (*representatives, *everything)]
    built = [
        ClusterSection(number, size, description, [r["track_uri"] for r in representatives], [r["track_uri"] for r in everything])
        for number, size, description, representatives, everything in clusters
    ]
    return built, TrackRows(frame(listed))


def unescaped_pipes(line):
    """Number of | not preceded by a backslash."""
    return len(re.findall(r"(?<!\\)\|", line))


def separator_pipes(line):
    """Number of | that end a cell: those after an even run of backslashes."""
    return sum(1 for m in re.finditer(r"(\\*)\|", line) if len(m.group(1)) % 2 == 0)


# --- slugs ---


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("korean pop", "korean_pop"),
        ("Girls' Generation", "girls__generation"),
        ("HEIZE", "heize"),
        ("케이팝", "케이팝"),
        ("../../etc", "______etc"),
        (".", "_"),
        ("..", "__"),
        ("", "untitled"),
        ("   ", "___"),
        ("con", "con_"),
        ("CON", "con_"),
        ("Lpt9", "lpt9_"),
        ("COM¹", "com1_"),
        ("com0", "com0_"),
        ("com10", "com10"),
        ("🔥", "_"),
        ("❤️ love", "___love"),
        ("BTS 🔥 방탄소년단", "bts___방탄소년단"),
        ("عمرو دياب", "عمرو_دياب"),
        ("हिन्दी", "हिन्दी"),
        ("𝐁𝐥𝐚𝐜𝐤 Ｐｉｎｋ", "black_pink"),
        ("Björk", "björk"),
        ("a\u200bb", "a_b"),
    ],
)
def test_slugify_examples(name, slug):
    assert slugify(name) == slug


def test_slugify_cuts_long_names_with_a_hash_of_the_full_name():
    long_a = "a" * 300
    long_b = "a" * 299 + "b"
    assert slugify(long_a) == "a" * 71 + "_9835fa6b"
    assert len(slugify(long_a)) == 80
    assert slugify(long_a) != slugify(long_b)
    assert len(slugify("a" * 80)) == 80 and slugify("a" * 80) == "a" * 80


def test_slugify_keeps_the_utf8_length_within_a_file_name():
    slug = slugify("𠀀" * 80)
    assert len(slug.encode("utf-8")) <= 240
    assert len(slug) <= 80
    assert slug.startswith("𠀀")


@given(st.text())
def test_slugify_is_always_a_safe_folder_name(name):
    slug = slugify(name)
    assert slug and slug not in (".", "..") and not slug.startswith(".")
    assert len(slug) <= 80 and len(slug.encode("utf-8")) <= 240
    assert slug == slug.lower()
    assert not any(char in slug for char in '/\\:*?"<>|. \t\n\x00')
    assert slug not in {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}
    assert slugify(name) == slug


def test_assign_slugs_gives_case_and_punctuation_collisions_distinct_slugs():
    pairs = [("k1", "ABBA"), ("k2", "abba"), ("k3", "a-b"), ("k4", "a b"), ("k5", "Solo")]
    slugs = assign_slugs(pairs)
    assert len(set(slugs.values())) == 5
    # "ABBA" < "abba" and "a b" < "a-b", so those keep the plain slug.
    assert slugs["k1"] == "abba"
    assert slugs["k4"] == "a_b"
    assert slugs["k5"] == "solo"
    assert re.fullmatch(r"abba_[0-9a-f]{8}", slugs["k2"])
    assert re.fullmatch(r"a_b_[0-9a-f]{8}", slugs["k3"])


def test_assign_slugs_same_name_ties_break_on_key():
    slugs = assign_slugs([("b", "Same"), ("a", "Same")])
    assert slugs["a"] == "same"
    assert slugs["b"].startswith("same_")


def test_assign_slugs_avoids_a_tagged_slug_that_is_another_plain_slug():
    tag = assign_slugs([("x", "dup"), ("y", "dup")])["y"]
    slugs = assign_slugs([("x", "dup"), ("y", "dup"), ("z", tag)])
    assert slugs["z"] == tag
    assert slugs["y"] != tag
    assert len(set(slugs.values())) == 3


def test_assign_slugs_treats_slugs_equal_on_a_case_insensitive_disk_as_a_collision():
    slugs = assign_slugs([("1", "ΟΔΟΣ"), ("2", "οδοσ")])
    assert len({slug.casefold() for slug in slugs.values()}) == 2


def test_assign_slugs_rejects_one_key_with_two_names():
    with pytest.raises(ValueError):
        assign_slugs([("k", "A"), ("k", "B")])
    assert assign_slugs([("k", "A"), ("k", "A")]) == {"k": "a"}


def test_assign_slugs_of_long_colliding_names_stay_within_limits():
    slugs = assign_slugs([("1", "x" * 300), ("2", "x" * 300), ("3", "X" * 300)])
    assert len(set(slugs.values())) == 3
    assert all(len(slug) <= 80 for slug in slugs.values())


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.sampled_from(["ABBA", "abba", "a-b", "a b", "", " ", ".", "con", "x" * 90]) | st.text(max_size=4),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_assign_slugs_is_unique_non_empty_and_independent_of_order(names, random):
    pairs = list(names.items())
    slugs = assign_slugs(pairs)
    random.shuffle(pairs)
    assert assign_slugs(pairs) == slugs
    assert list(assign_slugs(pairs)) == list(slugs)
    assert set(slugs) == set(names)
    assert len({slug.casefold() for slug in slugs.values()}) == len(slugs)
    assert all(slug and len(slug) <= 80 for slug in slugs.values())


# --- escaping ---


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Shut Up & Groove", "Shut Up & Groove"),
        ("A|B", "A\\|B"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](y)", "\\[x\\](y)"),
        ("![x](y)", "!\\[x\\](y)"),
        ("`code`", "\\`code\\`"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\nand\ttab", "two lines  and tab"),
        ("para\u2028sep", "para sep"),
        ("  padded \n", "padded"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("zero\u200bwidth", "zero\u200bwidth"),
        ("*NSYNC _x_ ~~y~~", "\\*NSYNC \\_x\\_ \\~\\~y\\~\\~"),
        ("$uicideboy$", "\\$uicideboy\\$"),
        ("C# #", "C\\# \\#"),
        ("케이팝 عربي", "케이팝 عربي"),
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        (HEIZE_IMAGE, HEIZE_IMAGE),
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("http://example.com/a.png", None),
        ("javascript:alert(1)", None),
        ("HTTPS://example.com", None),
        ("https://", None),
        ("https://example.com/a b", None),
        ('https://example.com/"onerror="x', None),
        ("https://example.com/a)b", None),
        ("https://example.com/<x>", None),
        ("https://example.com/a|b", None),
        ("https://example.com/`x`", None),
        ("https://example.com/\u00e9", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_safe_url(url, safe):
    assert safe_url(url) == safe


# --- track table ---


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
    assert track_table(frame([]), ROOT).splitlines() == [
        "| Art | Track | Album | Artists | Label | 💚 | 🔗 |",
        "|:---|:---|:---|:---|:---|:---|:---|",
    ]


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


@given(
    names,
    names,
    names,
    st.lists(
        st.builds(lambda rows, description: (rows, description), tracks_strategy, names),
        max_size=3,
    ),
)
@settings(max_examples=50)
def test_cluster_page_stays_clean_whatever_the_names(title, back_text, description, clusters):
    # Track URIs are unique within a page, as in a real group.
    clusters = [
        ([{**row, "track_uri": f"spotify:track:c{i}r{j}"} for j, row in enumerate(rows)], description)
        for i, (rows, description) in enumerate(clusters, start=1)
    ]
    built, rows = sections(*((i, len(r), d, r[:10], r) for i, (r, d) in enumerate(clusters, start=1)))
    page = cluster_page(title, "../x.png", ROOT, built, rows, back_link=(back_text, "../overview.md"))
    assert page.endswith("\n") and not page.endswith("\n\n")
    assert all(line == line.rstrip() for line in page.split("\n"))
    assert "<" not in OWN_TAGS.sub("", page)
    table_lines = [line for line in page.split("\n") if line.startswith("|")]
    assert all(unescaped_pipes(line) == 8 for line in table_lines)


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


@needs_renderer
def test_rendered_heading_and_back_link_show_text_literally():
    page = cluster_page("C# <b>x</b> #", "a.png", "", [], TrackRows(frame([])), back_link=("[a](b) *c*", "../overview.md"))
    rendered = render(page)
    assert "<h1>Clusters in C# &lt;b&gt;x&lt;/b&gt; #</h1>" in rendered
    assert '<a href="../overview.md">← [a](b) *c*</a>' in rendered


# --- cluster page ---


def test_cluster_page_singular_count_no_sounds_line_and_no_back_link():
    one = [track("Only", "spotify:track:a")]
    page = cluster_page("x", "img.png", "", *sections((1, 1, "  ", one, one)))
    assert page == (
        "# Clusters in x\n"
        "\n"
        "![Comparison of Cluster](img.png)\n"
        "\n"
        "## Cluster #1\n"
        "\n"
        "1 track\n"
        "\n"
        "| Art | Track | Album | Artists | Label | 💚 | 🔗 |\n"
        "|:---|:---|:---|:---|:---|:---|:---|\n"
        "|  | Only | And July | [HEIZE](artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/a) |\n"
    )


def test_cluster_page_has_details_only_above_ten_tracks():
    ten = [track(f"T{i}", f"spotify:track:t{i}") for i in range(10)]
    eleven = [track(f"T{i}", f"spotify:track:t{i}") for i in range(11)]
    assert "<details>" not in cluster_page("x", "i.png", "", *sections((1, 10, "", ten, ten)))
    page = cluster_page("x", "i.png", "", *sections((1, 11, "", ten, eleven)))
    assert "\n\n<details><summary>All 11 tracks</summary>\n\n| Art |" in page
    assert page.endswith("|\n\n</details>\n")


def test_cluster_page_rejects_a_size_that_disagrees_with_the_tracks():
    one = [track("Only", "spotify:track:a")]
    with pytest.raises(ValueError):
        cluster_page("x", "img.png", "", *sections((1, 2, "", one, one)))


def test_cluster_page_rejects_link_targets_that_would_break_the_link():
    with pytest.raises(ValueError):
        cluster_page("x", "a (1).png", "", [], TrackRows(frame([])))
    with pytest.raises(ValueError):
        cluster_page("x", "a.png", "", [], TrackRows(frame([])), back_link=("up", "../over view.md"))


def golden_sections():
    """Two clusters of korean pop: twelve tracks and three."""
    first = [
        track(
            "Shut Up & Groove",
            "spotify:track:1WT5I6vlWjYW2cnhR1UkVA",
            image=HEIZE_IMAGE,
            liked=True,
            artists=[("HEIZE", "heize"), ("DEAN", None)],
            labels=[("Genie Music Corporation", "genie_music_corporation")],
        ),
        *(track(f"Song {i:02d}", f"spotify:track:song{i:02d}", liked=i % 3 == 0) for i in range(2, 12)),
        track("A|B <i>c</i>", "spotify:track:not-base62", image="http://i.scdn.co/x", album="[EP]"),
    ]
    # Representatives come nearest first, which is not the all-tracks order.
    representatives = [first[i] for i in (3, 0, 1, 2, 4, 5, 6, 7, 8, 11)]
    second = [
        track("Next Level", "spotify:track:N3xt", artists=[("aespa", "aespa")], labels=[("SM", "sm")]),
        track("Hype Boy", "spotify:track:Hyp3", artists=[("NewJeans", "newjeans")], liked=True),
        track("Ditto", "spotify:track:D1tto", artists=[("NewJeans", "newjeans"), ("250", None)]),
    ]
    return sections(
        (1, 12, "Acoustic, Mellow, Sad", representatives, first),
        (2, 3, "Danceable, Energetic", second, second),
    )


GOLDEN = """\
# Clusters in korean pop

[← korean pop overview](../overview.md)

![Comparison of Cluster](../../../images/genres/korean_pop/clusters/clusters_scatter.png)

## Cluster #1

12 tracks

Sounds: Acoustic, Mellow, Sad

| Art | Track | Album | Artists | Label | 💚 | 🔗 |
|:---|:---|:---|:---|:---|:---|:---|
|  | Song 04 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song04) |
| <img src="https://i.scdn.co/image/ab67616d0000b2737f22ff3c2da84dfc06101e23" alt="" width="50" /> | Shut Up & Groove | And July | [HEIZE](../../../artists/heize/overview.md), DEAN | [Genie Music Corporation](../../../labels/genie_music_corporation/overview.md) | 💚 | [🔗](https://open.spotify.com/track/1WT5I6vlWjYW2cnhR1UkVA) |
|  | Song 02 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song02) |
|  | Song 03 | And July | [HEIZE](../../../artists/heize/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/song03) |
|  | Song 05 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song05) |
|  | Song 06 | And July | [HEIZE](../../../artists/heize/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/song06) |
|  | Song 07 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song07) |
|  | Song 08 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song08) |
|  | Song 09 | And July | [HEIZE](../../../artists/heize/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/song09) |
|  | A\\|B &lt;i&gt;c&lt;/i&gt; | \\[EP\\] | [HEIZE](../../../artists/heize/overview.md) |  |  |  |

<details><summary>All 12 tracks</summary>

| Art | Track | Album | Artists | Label | 💚 | 🔗 |
|:---|:---|:---|:---|:---|:---|:---|
| <img src="https://i.scdn.co/image/ab67616d0000b2737f22ff3c2da84dfc06101e23" alt="" width="50" /> | Shut Up & Groove | And July | [HEIZE](../../../artists/heize/overview.md), DEAN | [Genie Music Corporation](../../../labels/genie_music_corporation/overview.md) | 💚 | [🔗](https://open.spotify.com/track/1WT5I6vlWjYW2cnhR1UkVA) |
|  | Song 02 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song02) |
|  | Song 03 | And July | [HEIZE](../../../artists/heize/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/song03) |
|  | Song 04 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song04) |
|  | Song 05 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song05) |
|  | Song 06 | And July | [HEIZE](../../../artists/heize/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/song06) |
|  | Song 07 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song07) |
|  | Song 08 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song08) |
|  | Song 09 | And July | [HEIZE](../../../artists/heize/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/song09) |
|  | Song 10 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song10) |
|  | Song 11 | And July | [HEIZE](../../../artists/heize/overview.md) |  |  | [🔗](https://open.spotify.com/track/song11) |
|  | A\\|B &lt;i&gt;c&lt;/i&gt; | \\[EP\\] | [HEIZE](../../../artists/heize/overview.md) |  |  |  |

</details>

## Cluster #2

3 tracks

Sounds: Danceable, Energetic

| Art | Track | Album | Artists | Label | 💚 | 🔗 |
|:---|:---|:---|:---|:---|:---|:---|
|  | Next Level | And July | [aespa](../../../artists/aespa/overview.md) | [SM](../../../labels/sm/overview.md) |  | [🔗](https://open.spotify.com/track/N3xt) |
|  | Hype Boy | And July | [NewJeans](../../../artists/newjeans/overview.md) |  | 💚 | [🔗](https://open.spotify.com/track/Hyp3) |
|  | Ditto | And July | [NewJeans](../../../artists/newjeans/overview.md), 250 |  |  | [🔗](https://open.spotify.com/track/D1tto) |
"""


def test_cluster_page_golden():
    page = cluster_page(
        "korean pop",
        "../../../images/genres/korean_pop/clusters/clusters_scatter.png",
        ROOT,
        *golden_sections(),
        back_link=("korean pop overview", "../overview.md"),
    )
    assert page == GOLDEN


def test_cluster_page_is_deterministic():
    assert cluster_page("k", "i.png", ROOT, *golden_sections()) == cluster_page("k", "i.png", ROOT, *golden_sections())
