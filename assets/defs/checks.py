"""Checks on the published atlas."""

import dagster as dg

from assets.defs.pages import atlas_pages
from assets.defs.resources import AtlasPaths
from assets.publish.linkcheck import check_links

SHOWN_PROBLEMS = 20


@dg.asset_check(asset=atlas_pages, description="Every relative link and image resolves and every page is reachable from README.md.")
def links_resolve(paths: AtlasPaths) -> dg.AssetCheckResult:
    """Run the link checker over the published docs_out/."""
    report = check_links(paths.resolve().docs_out)
    problems = [*map(str, report.broken), *report.unreachable]
    return dg.AssetCheckResult(
        passed=report.ok,
        metadata={
            "pages": report.pages,
            "links": report.links,
            "broken": len(report.broken),
            "unreachable": len(report.unreachable),
            "first_problems": dg.MetadataValue.md("\n".join(f"- `{problem}`" for problem in problems[:SHOWN_PROBLEMS]) or "none"),
        },
    )
