"""Library Atlas: a music-library export turned into a browsable atlas of Markdown pages."""

from __future__ import annotations

from typing import Any


# `defs` loads lazily so that the pure modules (clustering, charts, markdown) import without
# building the Dagster definitions or parsing the dbt project.
def __getattr__(name: str) -> Any:
    if name == "defs":
        from assets.definitions import defs

        return defs
    raise AttributeError(f"module 'assets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return ["defs"]
