"""Tests for the charts: the cluster scatter and year specs, their rendering, and which points and years they show."""

import hashlib
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import vl_convert

from assets.charts.catalog import CLUSTERS_CHART, MAX_CHART_POINTS, YEARS_CHART, chart_points, year_chart_specs
from assets.charts.render import CHART_COLUMNS, PROCESS_BATCH, build_charts, render_png
from assets.charts.specs import scatter_spec, spec_digest
from assets.library.breakdowns import breakdowns, release_years
from assets.library.reader import KINDS, Library

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def points(n: int = 300, k: int = 5, seed: int = 0) -> pd.DataFrame:
    """Random cluster points indexed by track id."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {"cluster": rng.integers(1, k + 1, size=n), "pc1": rng.normal(size=n), "pc2": rng.normal(size=n)},
        index=[f"t{i:04d}" for i in range(n)],
    )


@pytest.fixture(scope="module")
def spec() -> dict:
    return scatter_spec(points(), "Energetic, Acoustic, Sad", "Danceable, Vocal, Live", "Rock")


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come right after the signature."""
    assert png[:8] == PNG_SIGNATURE
    length, chunk, width, height = struct.unpack(">I4sII", png[8:24])
    assert (length, chunk) == (13, b"IHDR")
    return width, height


def test_spec_titles_size_and_legend(spec):
    encoding = spec["encoding"]

    assert spec["title"] == "Rock"
    assert (spec["width"], spec["height"]) == (600, 600)
    assert spec["mark"]["type"] == "circle"
    assert (encoding["x"]["field"], encoding["x"]["title"]) == ("pc1", "Energetic, Acoustic, Sad")
    assert (encoding["y"]["field"], encoding["y"]["title"]) == ("pc2", "Danceable, Vocal, Live")
    assert encoding["color"]["field"] == "cluster"
    assert encoding["color"]["type"] == "nominal"
    assert encoding["color"]["legend"]["title"] == "Cluster"
    assert encoding["color"]["scale"]["domain"] == [1, 2, 3, 4, 5]


def test_spec_data_is_inline_sorted_and_rounded(spec):
    values = spec["data"]["values"]
    source = points()

    assert len(values) == len(source)
    assert values == sorted(values, key=lambda row: (row["cluster"], row["pc1"], row["pc2"]))
    assert all(row["pc1"] == round(row["pc1"], 4) and row["pc2"] == round(row["pc2"], 4) for row in values)
    assert sorted(row["pc1"] for row in values) == sorted(source["pc1"].round(4))


def test_spec_does_not_depend_on_row_order(spec):
    shuffled = points().sample(frac=1, random_state=1)

    again = scatter_spec(shuffled, "Energetic, Acoustic, Sad", "Danceable, Vocal, Live", "Rock")

    assert again == spec
    assert spec_digest(again) == spec_digest(spec)


def test_spec_takes_more_than_altairs_default_row_limit():
    assert len(scatter_spec(points(n=6000), "x", "y", "Big")["data"]["values"]) == 6000


def test_spec_compiles_to_vega_with_every_point(spec):
    # vl-convert raises on a spec Vega-Lite cannot compile.
    vega = vl_convert.vegalite_to_vega(spec)

    [source] = [data for data in vega["data"] if data.get("values")]
    assert len(source["values"]) == len(points())


def test_render_png_is_a_png_of_the_chart_size(spec):
    png = render_png(spec)
    svg = vl_convert.vegalite_to_svg(spec)
    svg_size = re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg).groups()

    width, height = png_size(png)
    assert (width, height) == tuple(int(v) for v in svg_size)
    # 600x600 plot area plus axes, title and legend.
    assert width > 600 and height > 600


def test_render_png_is_identical_in_another_process(spec, tmp_path):
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec))
    code = (
        "import json, sys\n"
        "from assets.charts.render import render_png\n"
        "sys.stdout.buffer.write(render_png(json.load(open(sys.argv[1]))))\n"
    )

    other = subprocess.run([sys.executable, "-c", code, str(spec_file)], cwd=ROOT, capture_output=True, check=True)

    assert other.stdout == render_png(spec)


def test_spec_digest_is_stable_and_canonical(spec):
    digest = spec_digest(spec)
    reordered = json.loads(json.dumps(dict(reversed(list(spec.items())))))

    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert spec_digest(reordered) == digest
    assert spec_digest({**spec, "title": "Pop"}) != digest
    # The canonical form: sorted keys, no whitespace, non-ASCII escaped.
    assert spec_digest({"b": 1, "a": "케이팝"}) == hashlib.sha256(b'{"a":"\\ucf00\\uc774\\ud31d","b":1}').hexdigest()


def test_a_large_batch_renders_in_worker_processes_to_the_same_bytes():
    specs = {
        ("genres", f"g{i:02d}", CLUSTERS_CHART): scatter_spec(points(60, 3, seed=i), "A", "B", f"Group {i}")
        for i in range(PROCESS_BATCH + 1)
    }
    cached_one = next(iter(specs.values()))
    cached = {spec_digest(cached_one): b"cached png"}
    in_workers = build_charts(specs, cached, workers=2)
    in_process = build_charts(specs, cached, workers=1)
    assert in_workers.images == in_process.images
    assert (in_workers.rendered, in_workers.reused) == (PROCESS_BATCH, 1)
    assert in_workers.images[spec_digest(cached_one)] == b"cached png"
    assert all(png.startswith(b"\x89PNG") for digest, png in in_workers.images.items() if png != b"cached png")
    assert list(in_workers.charts.columns) == CHART_COLUMNS
    assert list(in_workers.charts.itertuples(index=False, name=None)) == [
        (*chart, spec_digest(spec)) for chart, spec in sorted(specs.items())
    ]


def test_charts_with_one_spec_share_one_image():
    spec = scatter_spec(points(20, 3), "A", "B", "Same")
    cached = {spec_digest(spec): b"cached png"}
    charts = {("genres", "a", CLUSTERS_CHART): spec, ("genres", "b", CLUSTERS_CHART): spec}

    built = build_charts(charts, cached, workers=1)

    assert (built.rendered, built.reused) == (0, 1)
    assert built.images == {spec_digest(spec): b"cached png"}
    assert list(built.charts["spec_digest"]) == [spec_digest(spec)] * 2


# --- which points a scatter shows ---


def assignments(n: int, seed: int = 0) -> pd.DataFrame:
    """A group's rows of track_clusters: track_uri, cluster, distance, pc1, pc2."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "track_uri": [f"spotify:track:{i:06d}" for i in range(n)],
            "cluster": rng.integers(1, 4, size=n),
            "distance": rng.random(size=n),
            "pc1": rng.normal(size=n),
            "pc2": rng.normal(size=n),
        }
    )


def test_chart_points_of_a_group_within_the_limit_are_all_its_points():
    table = assignments(MAX_CHART_POINTS)
    pd.testing.assert_frame_equal(chart_points(table), table)


def test_chart_points_of_a_large_group_are_a_sample_of_whole_rows():
    table = assignments(MAX_CHART_POINTS + 300)
    sample = chart_points(table)

    assert len(sample) == MAX_CHART_POINTS and sample["track_uri"].is_unique
    pd.testing.assert_frame_equal(sample.sort_index(), table.loc[sorted(sample.index)])


def test_chart_points_sample_does_not_depend_on_row_order_or_positions():
    table = assignments(MAX_CHART_POINTS + 300)
    sample = set(chart_points(table)["track_uri"])
    moved = assignments(MAX_CHART_POINTS + 300, seed=1).sample(frac=1, random_state=2)

    assert set(chart_points(moved)["track_uri"]) == sample
    assert spec_digest(scatter_spec(chart_points(table.iloc[::-1]), "x", "y", "t")) == spec_digest(
        scatter_spec(chart_points(table), "x", "y", "t")
    )


def test_chart_points_sample_keeps_its_tracks_when_unsampled_tracks_leave():
    table = assignments(MAX_CHART_POINTS + 300)
    sample = set(chart_points(table)["track_uri"])
    left_out = table.loc[~table["track_uri"].isin(sample), "track_uri"]

    smaller = table[~table["track_uri"].isin(left_out.iloc[:200])]

    assert len(smaller) > MAX_CHART_POINTS
    assert set(chart_points(smaller)["track_uri"]) == sample


# --- tracks by release year: the chart and the overview's year table count alike ---


def year_library() -> Library:
    """Genres over a few release years, one artist and one label credited on every track.

    rock: 60 tracks from 2001 to 2006 plus 2 undated (one listed twice); jazz: 60 tracks over 4 years;
    folk: 12 tracks over 6 years; pop: 60 tracks over 6 years, but no page.
    """
    years = {f"r{i:02d}": 2001 + i % 6 for i in range(60)} | {"r60": None, "r61": None}
    years |= {f"j{i:02d}": 1990 + i % 4 for i in range(60)} | {f"f{i:02d}": 1970 + i % 6 for i in range(12)}
    uris = sorted(years)
    tracks = pd.DataFrame(
        {
            "track_uri": uris,
            "album_uri": [f"album:{uri}" for uri in uris],
            "album_release_year": [float("nan") if years[uri] is None else float(years[uri]) for uri in uris],
            "liked": [int(uri[1:]) % 4 == 0 for uri in uris],
        },
        index=uris,
    )
    genre_members = [("rock", uri) for uri in uris if uri[0] == "r"] + [("rock", "r00")]
    genre_members += [("jazz", uri) for uri in uris if uri[0] == "j"] + [("folk", uri) for uri in uris if uri[0] == "f"]
    genre_members += [("pop", uri) for uri in uris if uri[0] == "r" and years[uri]]
    owners = {
        "genres": [("folk", "Folk", True), ("jazz", "Jazz", True), ("pop", "Pop", False), ("rock", "Rock", True)],
        "playlists": [],
        "artists": [("a1", "Artist", True)],
        "labels": [("l1", "Label", True)],
    }
    members = {
        "genres": genre_members,
        "playlists": [],
        "artists": [("a1", uri) for uri in uris],
        "labels": [("l1", uri) for uri in uris],
    }
    return Library(
        tracks=tracks,
        entities={kind: pd.DataFrame(rows, columns=["key", "name", "has_page"]) for kind, rows in owners.items()},
        members={kind: pd.DataFrame(rows, columns=["key", "track_uri"]) for kind, rows in members.items()},
    )


def test_release_years_count_tracks_and_liked_tracks_per_year():
    years = release_years(year_library(), "genres")

    assert sorted(years) == ["folk", "jazz", "rock"]
    rock = years["rock"]
    expected = [(year, 10, sum(1 for i in range(60) if 2001 + i % 6 == year and i % 4 == 0)) for year in range(2001, 2007)]
    assert sorted(zip(rock["album_release_year"], rock["tracks"], rock["liked"])) == expected
    assert rock["tracks"].sum() == 60  # the undated tracks are left out, the twice-listed one counted once


def test_release_years_agree_with_the_breakdowns_of_the_overview_pages():
    library = year_library()
    for kind in KINDS:
        years, table = release_years(library, kind), breakdowns(library, kind).years
        assert sorted(years) == sorted(table)
        for key in years:
            pd.testing.assert_frame_equal(years[key], table[key])


def test_year_charts_for_owners_with_enough_tracks_over_enough_years():
    library = year_library()
    specs = year_chart_specs(library)

    # jazz has 4 years, folk 12 tracks, pop no page.
    assert sorted(specs) == [("artists", "a1", YEARS_CHART), ("genres", "rock", YEARS_CHART), ("labels", "l1", YEARS_CHART)]
    rock = specs["genres", "rock", YEARS_CHART]
    assert rock["title"] == "Rock: tracks by release year"
    assert rock["data"]["values"] == [{"year": year, "tracks": 10} for year in range(2001, 2007)]
    table = breakdowns(library, "artists").years["a1"]
    assert specs["artists", "a1", YEARS_CHART]["data"]["values"] == [
        {"year": int(year), "tracks": int(tracks)}
        for year, tracks in sorted(zip(table["album_release_year"], table["tracks"]))
    ]
