"""The pieces pages are made of: the preview of a page for the Dagster UI."""

from hypothesis import given
from hypothesis import strategies as st

from assets.site.blocks import preview

PAGE = "\n\n".join([
    "# Clusters in All tracks",
    "[← Library Atlas](README.md)",
    "![Comparison of Cluster](images/overview/clusters/clusters_scatter.png)",
    "## Cluster #1",
    "120 tracks",
    "| Art | Track |\n|:---|:---|\n" + "\n".join(f"| | track {i} |" for i in range(40)),
])


def test_a_preview_leaves_out_images_of_the_atlas_and_ends_after_a_whole_row():
    shown = preview(PAGE, 300)

    assert "![" not in shown and "clusters_scatter.png" not in shown
    assert shown.startswith("# Clusters in All tracks\n\n[← Library Atlas](README.md)\n\n## Cluster #1")
    last = shown.splitlines()[-1]
    assert last.startswith("| | track ") and last.endswith(" |")
    assert len(shown) <= 300


def test_a_page_within_the_limit_is_shown_whole_but_for_its_images():
    assert preview(PAGE, 10_000) == PAGE.replace(
        "![Comparison of Cluster](images/overview/clusters/clusters_scatter.png)\n\n", ""
    )


def test_a_table_is_never_cut_before_its_separator_line():
    shown = preview(PAGE, len("# Clusters in All tracks\n\n[← Library Atlas](README.md)\n\n## Cluster #1\n\n120 tracks\n\n| Art | Track |") + 3)

    assert "| Art | Track |" not in shown


@given(st.integers(0, 2000))
def test_a_preview_never_exceeds_its_limit_and_is_a_prefix_of_the_blocks(limit):
    shown = preview(PAGE, limit)

    assert len(shown) <= limit
    assert PAGE.replace("![Comparison of Cluster](images/overview/clusters/clusters_scatter.png)\n\n", "").startswith(shown)
