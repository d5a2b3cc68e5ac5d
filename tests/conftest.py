"""Fixtures: the dbt manifest prepared as the `dg` CLI prepares it, and atlas builds shared by several tests."""

from __future__ import annotations

import pytest
from hypothesis import settings

from assets.defs.resources import DBT_PROJECT

# Every run draws the same examples, so CI is repeatable; `--hypothesis-profile=explore` draws new ones.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")

# Test modules load the code location, which reads the manifest; `dg` commands prepare it the same way.
DBT_PROJECT.preparer.prepare(DBT_PROJECT)

from assets.settings import DEMO_LIBRARY_DIR  # noqa: E402
from tests.support import REAL_LIBRARY, Build, build_atlas  # noqa: E402


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Build:
    """The atlas built once from the real library."""
    if not REAL_LIBRARY.is_dir():
        pytest.skip(f"the real library export is not at {REAL_LIBRARY} (../shared is absent)")
    return build_atlas(REAL_LIBRARY, tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Build:
    """The atlas built once from the demo library the project ships."""
    return build_atlas(DEMO_LIBRARY_DIR, tmp_path_factory.mktemp("demo"))
