"""Where every page and image of the atlas lives, relative to docs_out/, and the slugs in those paths."""

from __future__ import annotations

from assets.charts.catalog import CLUSTERS_CHART, YEARS_CHART
from assets.clusters.groups import WHOLE_LIBRARY
from assets.library.reader import KINDS, Library
from assets.site.slugs import assign_slugs

ENTRY_PAGE = "README.md"
WHOLE_LIBRARY_CLUSTERS = "clusters.md"


def root_of(path: str) -> str:
    """The relative path from a page's folder back to docs_out/."""
    return "../" * path.count("/")


def overview_page(kind: str, slug: str) -> str:
    """The overview page of a genre, playlist, artist or label."""
    return f"{kind}/{slug}/overview.md"


def cluster_page(kind: str, slug: str | None) -> str:
    """The cluster page of a group (the whole library's has no slug)."""
    return WHOLE_LIBRARY_CLUSTERS if kind == WHOLE_LIBRARY else f"{kind}/{slug}/clusters/overview.md"


def chart_image(kind: str, slug: str | None, chart: str) -> str:
    """A chart's PNG: the cluster scatter beside the cluster page's folder, the year chart beside the overview's."""
    owner = "overview" if kind == WHOLE_LIBRARY else f"{kind}/{slug}"
    page = {CLUSTERS_CHART: "clusters", YEARS_CHART: "overview"}[chart]
    return f"images/{owner}/{page}/{chart}.png"


class SitePaths:
    """The paths of one library's atlas: every owner with a page gets a slug unique within its kind."""

    def __init__(self, library: Library):
        self._slugs = {
            kind: assign_slugs(zip(paged["key"], paged["name"]))
            for kind in KINDS
            for paged in [library.entities[kind].query("has_page")]
        }

    def slug(self, kind: str, key: str) -> str | None:
        """The slug of a page owner, None when it has no page."""
        return self._slugs[kind].get(key)

    def overview(self, kind: str, key: str) -> str | None:
        """The owner's overview page; None when it has none (the whole library's is the entry page)."""
        if kind == WHOLE_LIBRARY:
            return ENTRY_PAGE
        slug = self.slug(kind, key)
        return overview_page(kind, slug) if slug else None

    def clusters(self, kind: str, key: str) -> str:
        """The cluster page of a clustered group."""
        return cluster_page(kind, self._folder_slug(kind, key))

    def chart(self, kind: str, key: str, chart: str) -> str:
        """The image of one of a group's charts."""
        return chart_image(kind, self._folder_slug(kind, key), chart)

    def _folder_slug(self, kind: str, key: str) -> str | None:
        """The slug of a group's folder: the whole library has none; any other group must have a page."""
        return None if kind == WHOLE_LIBRARY else self._slugs[kind][key]
