"""Tests for the cluster scatter chart."""

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

from assets.charts import render_png, scatter_spec, spec_digest

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


def test_spec_is_valid_vega_lite(spec):
    vega = vl_convert.vegalite_to_vega(spec)

    assert vega["data"]


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
        "from assets.charts import render_png\n"
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
    from assets.chart_tables import PROCESS_BATCH, build_charts

    specs = {f"images/{i}.png": scatter_spec(points(60, 3, seed=i), "A", "B", f"Group {i}") for i in range(PROCESS_BATCH + 1)}
    cached_one = next(iter(specs.values()))
    cached = {spec_digest(cached_one): b"cached png"}
    in_workers = build_charts(specs, cached, workers=2)
    in_process = build_charts(specs, cached, workers=1)
    assert in_workers.images == in_process.images
    assert (in_workers.rendered, in_workers.reused) == (PROCESS_BATCH, 1)
    assert in_workers.images[spec_digest(cached_one)] == b"cached png"
    assert all(png.startswith(b"\x89PNG") for digest, png in in_workers.images.items() if png != b"cached png")
