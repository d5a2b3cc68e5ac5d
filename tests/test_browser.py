"""The Dagster UI's asset graph and the dbt docs lineage, opened in headless Chromium.

The browser is Debian's `chromium` (/usr/bin/chromium, which .ci/run installs), driven by the
Python `playwright` package; no browser is downloaded. Each test saves screenshots in its tmp_path
and prints their paths (`pytest -rA` shows them); set ATLAS_SCREENSHOT_DIR to copy them there too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from assets.settings import DEMO_LIBRARY_DIR, DOCS_OUT_VAR, DUCKDB_PATH_VAR, RAW_DIR_VAR, REPO_ROOT
from tests.support import VENV_BIN, cli_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (Debian package `chromium`; .ci/run installs it)"
)

GROUPS = ["raw_files", "staging", "marts", "clusters", "charts", "pages"]
SERVER_START_SECONDS = 120
UI_TIMEOUT_MS = 60_000
PROJECT = "library_atlas"
EXPOSURES = ["atlas_index", "atlas_cluster_pages", "atlas_overview_pages", "atlas_cluster_charts", "atlas_year_charts"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=UI_TIMEOUT_MS)
        try:
            yield browser
        finally:
            browser.close()


def _save_screenshot(page: Page, folder: Path, name: str) -> Path:
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    if copy_to := os.environ.get("ATLAS_SCREENSHOT_DIR"):
        Path(copy_to).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(copy_to) / name)
    print(f"screenshot: {path}")
    return path


# --- the Dagster UI -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _wait_for_server(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"dg dev exited with {process.returncode}:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/server_info", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"dg dev did not answer on {url} within {SERVER_START_SECONDS} s:\n{_log_tail(log)}")


def _stop_process_group(process: subprocess.Popen) -> None:
    """Stop dg dev, then whatever of its process group outlives it (the code server does)."""
    if process.poll() is None:
        process.terminate()  # dg dev shuts its webserver and daemon down on SIGTERM
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)


@pytest.fixture
def dagster_ui(tmp_path) -> Iterator[str]:
    """`dg dev` in the project, on the demo library, all of its state in tmp_path; yields the UI's URL."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    # A new instance greets the first visitor with a sign-up dialog over the graph: mark it seen.
    (home / ".nux").mkdir()
    (home / ".nux" / "nux.yaml").write_text("seen: 1\n", encoding="utf-8")
    raw = tmp_path / "raw"
    shutil.copytree(DEMO_LIBRARY_DIR, raw)
    env = cli_env(
        DAGSTER_HOME=str(home),
        **{RAW_DIR_VAR: str(raw), DUCKDB_PATH_VAR: str(tmp_path / "atlas.duckdb"), DOCS_OUT_VAR: str(tmp_path / "docs_out")},
        # The sensor (on by default) would start a build of the demo at once. The graph needs no
        # build, and a build would compete with the browser for the CPU; so the sensor keeps
        # waiting for the raw folder to settle.
        ATLAS_SENSOR_SETTLE_SECONDS="1e9",
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "dg_dev.log"
    # As a user runs it: `dg dev` in the project folder, which finds the code location in pyproject.toml.
    command = [str(VENV_BIN / "dg"), "dev", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            _wait_for_server(url, process, log)
            yield url
        finally:
            _stop_process_group(process)
    print(f"dg dev log: {log}")


def _expected_assets() -> dict[str, str]:
    """Asset key (as the UI writes it) -> group, from the code location's definitions."""
    from assets.definitions import defs

    graph = defs.resolve_asset_graph()
    return {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}


def test_dagster_ui_shows_the_asset_graph(browser, dagster_ui, tmp_path):
    expected = _expected_assets()
    assert set(expected.values()) == set(GROUPS)
    for key in ["spotify/tracks", "spotify/audio_features", "stg_spotify__tracks", "dim_tracks",
                "track_clusters", "atlas_charts", "atlas_pages"]:
        assert key in expected, key

    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(UI_TIMEOUT_MS)

        # The global asset lineage as it first opens: the groups, collapsed, left to right.
        page.goto(f"{dagster_ui}/asset-groups")
        group_nodes = page.locator("foreignObject [class*='CollapsedGroupNode_collapsedGroupNodeBox']")
        expect(group_nodes).to_have_count(len(GROUPS))
        assert sorted(group_nodes.all_inner_texts()) == sorted(GROUPS)
        boxes = {text: node.bounding_box() for text, node in zip(group_nodes.all_inner_texts(), group_nodes.all())}
        # The groups read left to right in the order the data flows.
        assert [name for name, _ in sorted(boxes.items(), key=lambda item: item[1]["x"])] == GROUPS
        _save_screenshot(page, tmp_path, "dagster_asset_groups.png")

        # Every group expanded (the UI's own "Expand all groups", ⌥E, puts them in the URL). The
        # expanded graph fits one screen in the vertical orientation, with every asset drawn.
        page.keyboard.press("Alt+KeyE")
        page.wait_for_url(lambda url: "expanded=" in url)
        page.set_viewport_size({"width": 2400, "height": 1400})
        page.evaluate("() => window.localStorage.setItem('asset-graph-direction', JSON.stringify('vertical'))")
        page.reload()
        asset_nodes = page.locator("foreignObject [class*='AssetNode_assetName']")
        expect(asset_nodes).to_have_count(len(expected))
        headers = page.locator("foreignObject [class*='ExpandedGroupNode_groupNodeHeaderBox']")
        expect(headers).to_have_count(len(GROUPS))
        assert sorted(text.strip() for text in headers.all_inner_texts()) == sorted(GROUPS)
        for node in asset_nodes.all():
            box = node.bounding_box()
            assert box and box["width"] > 0 and 0 <= box["x"] and box["x"] + box["width"] <= 2400, "an asset is off screen"
        assert page.locator("svg path[marker-end]").count() >= len(expected), "the graph draws too few edges"

        # The sidebar lists every asset of every group by its full name.
        for _ in GROUPS:
            collapsed = page.locator("[aria-label='arrow_drop_down'][style*='rotate(-90deg)']")
            if collapsed.count() == 0:
                break
            collapsed.first.click()
        for key in expected:
            expect(page.locator(f"[title='{key.split('/')[-1]}']").first).to_be_visible()
        for group in GROUPS:
            expect(page.locator(f"[title='{group}']").first).to_be_visible()
        _save_screenshot(page, tmp_path, "dagster_asset_graph.png")

        # What the graph shows is the code location: raw_export lands spotify/* in raw_files, and so on.
        response = page.request.post(
            f"{dagster_ui}/graphql", data=json.dumps({"query": "{ assetNodes { assetKey { path } groupName opNames } }"}),
            headers={"Content-Type": "application/json"},
        )
        assert response.ok, response.text()
        nodes = {"/".join(node["assetKey"]["path"]): node for node in response.json()["data"]["assetNodes"]}
        assert {key: node["groupName"] for key, node in nodes.items()} == expected
        for key, node in nodes.items():
            if key.startswith("spotify/"):
                assert node["opNames"] == ["raw_export"], key
                assert node["groupName"] == "raw_files", key
        assert nodes["dim_tracks"]["opNames"] == ["atlas_dbt_models"]
    finally:
        context.close()


# --- the dbt docs site --------------------------------------------------------------------------

_LINEAGE_SETTLED = """
(ids) => {
    const injector = window.angular && window.angular.element(document.body).injector();
    const cy = injector && injector.get('graph').graph_element;
    if (!cy || !cy.nodes) return false;
    if (!ids.every((id) => cy.getElementById(id).length && cy.getElementById(id).visible())) return false;
    const layout = JSON.stringify(cy.nodes(':visible').map((n) => [n.id(), Math.round(n.renderedPosition('x')), Math.round(n.renderedPosition('y'))]));
    const settled = window.__atlasLayout === layout;
    window.__atlasLayout = layout;
    return settled;
}
"""

_LINEAGE = """
() => {
    const cy = window.angular.element(document.body).injector().get('graph').graph_element;
    const nodes = {};
    cy.nodes(':visible').forEach((n) => { nodes[n.id()] = {label: n.data('label'), box: n.renderedBoundingBox()}; });
    return {
        width: cy.width(), height: cy.height(), nodes,
        edges: cy.edges(':visible').map((e) => [e.source().id(), e.target().id()]),
    };
}
"""


def test_dbt_docs_show_the_lineage_from_the_raw_files_to_the_pages(browser, demo_build, tmp_path):
    site = demo_build.settings.dbt_docs_dir / "static_index.html"
    assert site.is_file(), f"no dbt docs site at {site}"
    context = browser.new_context(viewport={"width": 1800, "height": 1100})
    try:
        page = context.new_page()
        page.set_default_timeout(UI_TIMEOUT_MS)
        # The static site embeds the manifest and catalog, so it opens from disk.
        page.goto(f"{site.as_uri()}#!/model/model.{PROJECT}.dim_tracks")
        expect(page.locator(".app-title h1, h1").filter(has_text="dim_tracks").first).to_be_visible()
        expect(page.locator("strong").filter(has_text="Exposures").first).to_be_visible()  # the sidebar

        # The model page's lineage button, then its full-screen view.
        page.locator("[ng-click='onLauncherClick()']").click()
        page.locator("[ng-click='showExpanded()']").click()
        expect(page.locator("input[ng-model='selectorService.selection.dirty.include']")).to_have_value("+dim_tracks+")
        dim_tracks = f"model.{PROJECT}.dim_tracks"
        staged = f"model.{PROJECT}.stg_spotify__tracks"
        source = f"source.{PROJECT}.spotify.tracks"
        exposures = [f"exposure.{PROJECT}.{name}" for name in EXPOSURES]
        required = [source, staged, dim_tracks, *exposures]
        page.wait_for_function(_LINEAGE_SETTLED, arg=required, polling=250, timeout=UI_TIMEOUT_MS)
        page.mouse.move(1, 1)  # no tooltip over the graph
        _save_screenshot(page, tmp_path, "dbt_docs_lineage.png")

        lineage = page.evaluate(_LINEAGE)
        nodes, edges = lineage["nodes"], {tuple(edge) for edge in lineage["edges"]}
        for uid in required:
            box = nodes[uid]["box"]
            assert 0 <= box["x1"] and box["x2"] <= lineage["width"] and 0 <= box["y1"] and box["y2"] <= lineage["height"], (
                f"{uid} is drawn off screen: {box}"
            )
        # Upstream: a raw file, through staging, into the mart; downstream: every page and chart.
        assert (source, staged) in edges
        assert (staged, dim_tracks) in edges
        for exposure in exposures:
            assert (dim_tracks, exposure) in edges, exposure
        assert "docs_out/README.md" in nodes[f"exposure.{PROJECT}.atlas_index"]["label"]
        assert sum(uid.startswith("source.") for uid in nodes) >= 3
    finally:
        context.close()
