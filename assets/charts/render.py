"""Charts rendered to PNG, only when their spec is new."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pandas as pd
import vl_convert

from assets.charts.specs import spec_digest

# vl-convert renders one chart at a time in a process (threads do not help: it holds the GIL), so
# a batch worth more than the second it takes to start a worker is rendered in worker processes.
PROCESS_BATCH = 40
# A chart is named by what it shows: the group it belongs to and which chart of that group.
CHART_COLUMNS = ["group_kind", "group_key", "chart", "spec_digest"]
# Stored in the DuckDB file: which digest each chart has, and the PNG of each digest.
CHART_TABLES = ["atlas_charts", "chart_images"]


@dataclass(frozen=True)
class ChartSet:
    """Which spec digest each chart has, and the PNG bytes of every digest in use."""

    charts: pd.DataFrame  # CHART_COLUMNS
    images: dict[str, bytes]  # spec_digest -> PNG
    rendered: int
    reused: int


def render_png(spec: dict) -> bytes:
    """Render a Vega-Lite spec to PNG at scale 1."""
    return vl_convert.vegalite_to_png(spec, scale=1)


def build_charts(specs: dict[tuple[str, str, str], dict], cached: dict[str, bytes], workers: int = 2) -> ChartSet:
    """Render the specs whose digest is not cached, in `workers` processes when there are many."""
    digests = {chart: spec_digest(spec) for chart, spec in specs.items()}
    spec_of = {digest: specs[chart] for chart, digest in digests.items()}
    missing = sorted(digest for digest in spec_of if digest not in cached)
    if workers > 1 and len(missing) >= PROCESS_BATCH:
        # Spawned, not forked: a fork would inherit vl-convert's runtime threads mid-flight.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            fresh = dict(zip(missing, pool.map(render_png, [spec_of[d] for d in missing], chunksize=4)))
    else:
        fresh = {digest: render_png(spec_of[digest]) for digest in missing}
    return ChartSet(
        charts=pd.DataFrame([(*chart, digest) for chart, digest in sorted(digests.items())], columns=CHART_COLUMNS),
        images={digest: cached.get(digest) or fresh[digest] for digest in spec_of},
        rendered=len(missing),
        reused=len(spec_of) - len(missing),
    )
