"""Tests for assets.site.cluster_page: the page of one group's clusters, made of track tables."""

import posixpath
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.clusters.groups import WHOLE_LIBRARY
from assets.library.reader import KINDS, Library
from assets.site.cluster_page import REPRESENTATIVES, ClusterSection, cluster_page, cluster_sections, render_cluster_page
from assets.site.paths import SitePaths
from assets.site.slugs import slugify
from assets.site.track_table import TrackRows
from tests.support import HEIZE_IMAGE, ROOT, frame, track



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


TRICKY = "|<>[]`\\*_~#$&!()\n\r\t\x00\x0b\x85\u2028\u200b\u202e 한국어中文مرحباשלום"
names = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=12)
credits = st.lists(st.tuples(names, st.none() | names.map(slugify)), max_size=3)
tracks_strategy = st.lists(
    st.builds(
        track,
        names,
        st.just("spotify:track:x"),  # replaced by a URI unique within the page
        album=names,
        image=st.none() | st.just(HEIZE_IMAGE) | names,
        liked=st.booleans(),
        artists=credits,
        labels=credits,
    ),
    max_size=5,
)
OWN_TAGS = re.compile(r"<img |<details>|<summary>|</summary>|</details>")


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


try:
    from markdown_it import MarkdownIt
except ImportError:  # markdown-it-py comes with rich, not with this project
    MarkdownIt = None


@pytest.mark.skipif(MarkdownIt is None, reason="markdown-it-py is not installed")
def test_rendered_heading_and_back_link_show_text_literally():
    page = cluster_page("C# <b>x</b> #", "a.png", "", [], TrackRows(frame([])), back_link=("[a](b) *c*", "../overview.md"))
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(page)
    assert "<h1>Clusters in C# &lt;b&gt;x&lt;/b&gt; #</h1>" in rendered
    assert '<a href="../overview.md">← [a](b) *c*</a>' in rendered


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


def golden_clusters():
    """Two clusters of korean pop, twelve tracks and three, as (number, size, description, representatives, all)."""
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
    return [
        (1, 12, "Acoustic, Mellow, Sad", representatives, first),
        (2, 3, "Danceable, Energetic", second, second),
    ]


def golden_sections():
    """The golden clusters as ClusterSections with their TrackRows."""
    return sections(*golden_clusters())


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




def test_cluster_page_does_not_depend_on_the_order_of_the_library_rows():
    # The TrackRows of a real build hold the whole library in its own order, not the page's.
    built, _ = golden_sections()
    listed = [row for *_, representatives, everything in golden_clusters() for row in everything]
    for order in (listed[::-1], sorted(listed, key=lambda row: row["track_name"])):
        page = cluster_page(
            "korean pop",
            "../../../images/genres/korean_pop/clusters/clusters_scatter.png",
            ROOT,
            built,
            TrackRows(frame(order)),
            back_link=("korean pop overview", "../overview.md"),
        )
        assert page == GOLDEN


# --- sections from the track_clusters table ---


def assignments(rows):
    """Rows of track_clusters for one group: (track_uri, cluster, distance)."""
    return pd.DataFrame(rows, columns=["track_uri", "cluster", "distance"])


def test_cluster_sections_order_tracks_nearest_first_ties_by_uri():
    table = assignments(
        [("t:d", 1, 0.5), ("t:c", 1, 0.1), ("t:a", 1, 0.1), ("t:b", 1, 0.3), ("t:e", 2, 0.0), ("t:f", 2, 0.2)]
    )
    first, second = cluster_sections(table, {1: "Danceable", 3: "unused"})
    assert first == ClusterSection(1, 4, "Danceable", ["t:a", "t:c", "t:b", "t:d"], ["t:a", "t:c", "t:b", "t:d"])
    assert second == ClusterSection(2, 2, "", ["t:e", "t:f"], ["t:e", "t:f"])


def test_cluster_sections_keep_at_most_the_representatives_and_all_tracks():
    table = assignments([(f"t:{i:02d}", 1, 1.0 - i / 100) for i in range(REPRESENTATIVES + 5)] + [("t:x", 2, 0.0)])
    first, second = cluster_sections(table, {})
    nearest_first = [f"t:{i:02d}" for i in reversed(range(REPRESENTATIVES + 5))]
    assert first.size == REPRESENTATIVES + 5
    assert list(first.representatives) == nearest_first[:REPRESENTATIVES]
    assert list(first.all_tracks) == nearest_first
    assert (second.number, second.size, list(second.representatives)) == (2, 1, ["t:x"])


def test_cluster_sections_do_not_depend_on_the_order_of_the_rows():
    table = assignments(
        [(f"t:{i:03d}", 1 + i % 3, round((i * 7919 % 101) / 101, 2)) for i in range(40)]
    )
    expected = cluster_sections(table, {1: "a", 2: "b", 3: "c"})
    assert [section.number for section in expected] == [1, 2, 3]
    for seed in range(3):
        assert cluster_sections(table.sample(frac=1, random_state=seed), {1: "a", 2: "b", 3: "c"}) == expected


# --- the page of a group, with the site's paths ---


def library(**paged):
    """A Library whose only content is page owners: kind -> [(key, name)], every one with a page."""
    entities = {
        kind: pd.DataFrame([(key, name, True) for key, name in paged.get(kind, [])], columns=["key", "name", "has_page"])
        for kind in KINDS
    }
    return Library(tracks=pd.DataFrame(), entities=entities, members={})


def group(kind, key, name):
    """A row of the cluster_groups table."""
    return next(pd.DataFrame([(kind, key, name)], columns=["group_kind", "group_key", "group_name"]).itertuples(index=False))


def links(page):
    """Every Markdown link and image target of a page."""
    return re.findall(r"\]\(([^)]*)\)", page)


@pytest.mark.parametrize(
    ("kind", "key", "name", "page_path", "back", "image"),
    [
        (
            "genres", "korean pop", "korean pop", "genres/korean_pop/clusters/overview.md",
            "genres/korean_pop/overview.md", "images/genres/korean_pop/clusters/clusters_scatter.png",
        ),
        (
            WHOLE_LIBRARY, WHOLE_LIBRARY, "All tracks", "clusters.md",
            "README.md", "images/overview/clusters/clusters_scatter.png",
        ),
    ],
)
def test_render_cluster_page_links_resolve_from_where_the_page_lives(kind, key, name, page_path, back, image):
    paths = SitePaths(library(genres=[("korean pop", "korean pop")], artists=[("spotify:artist:heize", "HEIZE")]))
    assert paths.clusters(kind, key) == page_path
    rows = TrackRows(frame([track("Only", "spotify:track:a"), track("Two", "spotify:track:b")]))
    table = assignments([("spotify:track:b", 1, 0.2), ("spotify:track:a", 1, 0.1)])

    page = render_cluster_page(paths, rows, group(kind, key, name), table, {1: "Happy"})

    folder = posixpath.dirname(page_path)
    resolved = [posixpath.normpath(posixpath.join(folder, href)) for href in links(page) if not href.startswith("https:")]
    assert resolved == [back, image, "artists/heize/overview.md", "artists/heize/overview.md"]
    assert page.startswith(f"# Clusters in {name}\n")
    assert page.index("| Only |") < page.index("| Two |")
