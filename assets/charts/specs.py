"""The atlas's charts as Vega-Lite specs (built and validated by Altair once per kind of chart)."""

import copy
import functools
import hashlib
import json

import altair as alt
import pandas as pd

SIZE = 600
DECIMALS = 4
# Tableau10 has ten well-separated hues, one per cluster at the maximum k.
PALETTE = "tableau10"


@functools.cache
def _scatter_template() -> dict:
    """The scatter spec without titles, domain or rows, built and validated by Altair once."""
    chart = (
        alt.Chart(width=SIZE, height=SIZE)
        .mark_circle(size=30, opacity=0.7)
        .encode(
            x=alt.X("pc1:Q"),
            y=alt.Y("pc2:Q"),
            color=alt.Color("cluster:N", scale=alt.Scale(scheme=PALETTE), legend=alt.Legend(title="Cluster")),
        )
    )
    return chart.to_dict()


def scatter_spec(points: pd.DataFrame, x_title: str, y_title: str, title: str) -> dict:
    """Vega-Lite spec of pc1 against pc2 coloured by cluster, data inlined, rows sorted and rounded for stability."""
    frame = pd.DataFrame(
        {
            "cluster": points["cluster"].astype(int),
            "pc1": points["pc1"].astype(float).round(DECIMALS),
            "pc2": points["pc2"].astype(float).round(DECIMALS),
        }
    ).sort_values(["cluster", "pc1", "pc2"])
    # Altair validates a spec in milliseconds, which adds up over thousands of groups; the template
    # it validated once gets this chart's titles, colour domain and rows.
    spec = copy.deepcopy(_scatter_template())
    spec["title"] = title
    spec["encoding"]["x"]["title"] = x_title
    spec["encoding"]["y"]["title"] = y_title
    # An explicit 1..k domain keeps cluster n on the same colour and legend row in every chart.
    spec["encoding"]["color"]["scale"]["domain"] = list(range(1, int(points["cluster"].max()) + 1))
    spec["data"] = {
        "values": [{"cluster": int(c), "pc1": float(x), "pc2": float(y)} for c, x, y in frame.itertuples(index=False)]
    }
    return spec


def spec_digest(spec: dict) -> str:
    """SHA-256 hex digest of the spec's canonical JSON, the cache key for its rendered chart."""
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@functools.cache
def _bars_template() -> dict:
    """The tracks-by-year bar chart spec without title or rows, built and validated by Altair once."""
    chart = (
        alt.Chart(width=SIZE, height=SIZE // 3)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("year:O", title="Release year", axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("tracks:Q", title="Tracks", axis=alt.Axis(tickMinStep=1)),
        )
    )
    return chart.to_dict()


def year_bars_spec(counts: pd.DataFrame, title: str) -> dict:
    """Vega-Lite bar chart of tracks per release year (columns year, tracks)."""
    frame = counts.astype({"year": int, "tracks": int}).sort_values("year")
    spec = copy.deepcopy(_bars_template())
    spec["title"] = title
    spec["data"] = {"values": [{"year": int(y), "tracks": int(n)} for y, n in frame.itertuples(index=False)]}
    return spec
