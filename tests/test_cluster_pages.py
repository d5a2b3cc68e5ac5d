"""Cluster pages end to end: every qualifying group gets exactly one page and chart, stable bytes."""

from __future__ import annotations

import re
import struct

import duckdb

from assets.clusters.groups import WHOLE_LIBRARY
from assets.library.reader import read_library
from assets.site.paths import SitePaths
from tests.support import REAL_LIBRARY, build_pages, needs_real_library

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Groups that qualify for a cluster page, straight from the marts: (kind, key, tracks with features).
QUALIFYING = """
with featured as (select track_uri from dim_tracks where has_audio_features),
members as (
    select 'genres' as kind, genre as key, track_uri from bridge_track_genres
    where genre in (select genre from dim_genres where has_page)
    union
    select 'playlists', playlist_uri, track_uri from bridge_playlist_tracks
    where playlist_uri in (select playlist_uri from dim_playlists where track_count > 50)
    union
    select 'artists', artist_uri, track_uri from bridge_track_artists
    where artist_uri in (select artist_uri from dim_artists where has_page and track_count > 50)
    union
    select 'all', 'all', track_uri from dim_tracks
)
select kind, key, count(*) from members join featured using (track_uri) group by all having count(*) > 10
"""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def check_cluster_pages(build) -> None:
    """One page and chart per qualifying group and no other, sizes adding up, valid PNGs."""
    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        expected = {(kind, key): n for kind, key, n in con.execute(QUALIFYING).fetchall()}
        # The site assigns the slugs; the page paths spelled out below are what users link to.
        paths = SitePaths(read_library(con))
        groups = [
            (kind, key, None if kind == WHOLE_LIBRARY else paths.slug(kind, key), n, k)
            for kind, key, n, k in con.execute("select group_kind, group_key, track_count, k from cluster_groups").fetchall()
        ]
        sizes = dict(
            ((kind, key), n)
            for kind, key, n in con.execute("select group_kind, group_key, sum(size) from cluster_summaries group by all").fetchall()
        )
        assigned = dict(
            ((kind, key), n)
            for kind, key, n in con.execute("select group_kind, group_key, count(*) from track_clusters group by all").fetchall()
        )
    assert {(kind, key): n for kind, key, _, n, _ in groups} == expected
    assert sizes == expected and assigned == expected
    assert all(slug for kind, _, slug, _, _ in groups if kind != WHOLE_LIBRARY), "a clustered group has no page"
    files = build.files()
    pages = {path for path in files if path.endswith(".md") and (path == "clusters.md" or "/clusters/" in path)}
    charts = {path for path in files if path.endswith("clusters_scatter.png")}
    expected_pages = {
        "clusters.md" if kind == "all" else f"{kind}/{slug}/clusters/overview.md" for kind, _, slug, _, _ in groups
    }
    expected_charts = {
        "images/overview/clusters/clusters_scatter.png" if kind == "all"
        else f"images/{kind}/{slug}/clusters/clusters_scatter.png"
        for kind, _, slug, _, _ in groups
    }
    assert pages == expected_pages and charts == expected_charts
    for chart in charts:
        width, height = png_size(files[chart])
        assert width >= 600 and height >= 600
    by_page = {("clusters.md" if kind == "all" else f"{kind}/{slug}/clusters/overview.md"): (n, k) for kind, _, slug, n, k in groups}
    for page, (n, k) in by_page.items():
        text = files[page].decode()
        counts = [int(c) for c in re.findall(r"^(\d+) tracks?$", text, flags=re.MULTILINE)]
        assert len(counts) == k and sum(counts) == n, page
        assert re.findall(r"^## Cluster #(\d+)$", text, flags=re.MULTILINE) == [str(i) for i in range(1, k + 1)]
        image = re.search(r"^!\[Comparison of Cluster\]\((.+)\)$", text, flags=re.MULTILINE).group(1)
        assert (build.settings.docs_out / page).parent.joinpath(image).resolve().is_file()


@needs_real_library
def test_real_library_gets_one_page_per_qualifying_group(real_build):
    check_cluster_pages(real_build)
    assert real_build.metadata("track_clusters")["groups"] > 100


@needs_real_library
def test_a_second_build_is_byte_identical(real_build, tmp_path):
    again = build_pages(REAL_LIBRARY, tmp_path)  # docs_out/ only: the dbt docs site is no page
    assert again.files() == real_build.files()


def test_demo_library_gets_cluster_pages(demo_build):
    check_cluster_pages(demo_build)
    kinds = {kind for kind in demo_build.metadata("track_clusters")["groups_by_kind"]}
    assert {"all", "genres", "playlists", "artists"} <= kinds
