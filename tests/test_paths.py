"""Tests for assets.site.paths: where every page and image lives, and which owner gets which slug."""

import posixpath

import pandas as pd
import pytest

from assets.charts.catalog import CLUSTERS_CHART, YEARS_CHART
from assets.clusters.groups import WHOLE_LIBRARY
from assets.library.reader import KINDS, Library
from assets.site.paths import (
    ENTRY_PAGE,
    WHOLE_LIBRARY_CLUSTERS,
    SitePaths,
    chart_image,
    cluster_page,
    overview_page,
    root_of,
)
from assets.site.slugs import assign_slugs


def library(**owners):
    """A Library whose only content is page owners: kind -> [(key, name, has_page)]."""
    entities = {
        kind: pd.DataFrame(owners.get(kind, []), columns=["key", "name", "has_page"]).astype({"has_page": bool})
        for kind in KINDS
    }
    return Library(tracks=pd.DataFrame(), entities=entities, members={})


def test_page_and_image_paths():
    assert overview_page("genres", "korean_pop") == "genres/korean_pop/overview.md"
    assert cluster_page("genres", "korean_pop") == "genres/korean_pop/clusters/overview.md"
    assert chart_image("genres", "korean_pop", CLUSTERS_CHART) == "images/genres/korean_pop/clusters/clusters_scatter.png"
    assert chart_image("artists", "heize", YEARS_CHART) == "images/artists/heize/overview/tracks_by_year.png"


def test_the_whole_library_has_its_own_paths():
    assert ENTRY_PAGE == "README.md"
    assert cluster_page(WHOLE_LIBRARY, None) == WHOLE_LIBRARY_CLUSTERS == "clusters.md"
    assert chart_image(WHOLE_LIBRARY, None, CLUSTERS_CHART) == "images/overview/clusters/clusters_scatter.png"


def test_an_unknown_chart_has_no_image_path():
    with pytest.raises(KeyError):
        chart_image("genres", "rock", "pie")


@pytest.mark.parametrize(
    ("page", "root"),
    [
        ("README.md", ""),
        ("clusters.md", ""),
        ("genres/korean_pop/overview.md", "../../"),
        ("genres/korean_pop/clusters/overview.md", "../../../"),
        ("images/overview/clusters/clusters_scatter.png", "../../../"),
    ],
)
def test_root_of_leads_from_a_page_back_to_docs_out(page, root):
    assert root_of(page) == root
    assert posixpath.normpath(posixpath.join(posixpath.dirname(page), root, ENTRY_PAGE)) == ENTRY_PAGE


def test_no_two_pages_or_images_share_a_path():
    # Owners named like the fixed parts of the paths ("overview", "clusters", "images").
    slugs = ["overview", "clusters", "images", "readme", "x"]
    paths = [ENTRY_PAGE, WHOLE_LIBRARY_CLUSTERS, chart_image(WHOLE_LIBRARY, None, CLUSTERS_CHART)]
    for kind in KINDS:
        for slug in slugs:
            paths += [overview_page(kind, slug), cluster_page(kind, slug)]
            paths += [chart_image(kind, slug, chart) for chart in (CLUSTERS_CHART, YEARS_CHART)]
    assert len(set(paths)) == len(paths)


def test_site_paths_give_slugs_only_to_owners_with_a_page():
    paths = SitePaths(
        library(
            genres=[("korean pop", "korean pop", True), ("k-pop", "K-Pop", True), ("polka", "polka", False)],
            artists=[("spotify:artist:1", "K-Pop", True)],
        )
    )
    assert paths.slug("genres", "korean pop") == "korean_pop"
    assert paths.slug("genres", "k-pop") == "k_pop"
    # Slugs are unique within a kind only: an artist may share a genre's slug.
    assert paths.slug("artists", "spotify:artist:1") == "k_pop"
    assert paths.slug("genres", "polka") is None
    assert paths.slug("genres", "not in the library") is None
    assert paths.overview("genres", "polka") is None
    assert paths.overview("genres", "korean pop") == "genres/korean_pop/overview.md"
    assert paths.overview("artists", "spotify:artist:1") == "artists/k_pop/overview.md"


def test_site_paths_give_colliding_names_the_slugs_assign_slugs_gives():
    genres = [("rock-1", "Rock", True), ("rock-2", "rock", True), ("rock-3", "ROCK!", True), ("jazz", "Jazz", False)]
    paths = SitePaths(library(genres=genres))
    expected = assign_slugs([(key, name) for key, name, has_page in genres if has_page])
    assert {key: paths.slug("genres", key) for key, *_ in genres} == {**expected, "jazz": None}
    assert len(set(expected.values())) == 3
    # The slugs depend on the owners, not on the order of the rows.
    shuffled = SitePaths(library(genres=genres[::-1]))
    assert {key: shuffled.slug("genres", key) for key, *_ in genres} == {**expected, "jazz": None}


def test_site_paths_of_a_group_use_its_slug():
    paths = SitePaths(library(playlists=[("spotify:playlist:9", "Road Trip", True)]))
    key = "spotify:playlist:9"
    assert paths.clusters("playlists", key) == "playlists/road_trip/clusters/overview.md"
    assert paths.chart("playlists", key, CLUSTERS_CHART) == "images/playlists/road_trip/clusters/clusters_scatter.png"
    assert paths.chart("playlists", key, YEARS_CHART) == "images/playlists/road_trip/overview/tracks_by_year.png"


def test_site_paths_of_the_whole_library():
    paths = SitePaths(library())
    assert paths.overview(WHOLE_LIBRARY, WHOLE_LIBRARY) == ENTRY_PAGE
    assert paths.clusters(WHOLE_LIBRARY, WHOLE_LIBRARY) == "clusters.md"
    assert paths.chart(WHOLE_LIBRARY, WHOLE_LIBRARY, CLUSTERS_CHART) == "images/overview/clusters/clusters_scatter.png"
