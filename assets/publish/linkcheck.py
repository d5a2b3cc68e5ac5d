"""Check that every relative link and image of the atlas resolves, and every page is reachable.

Usage: python -m assets.publish.linkcheck [DOCS_OUT]   (exit status 1 when anything is broken)
"""

from __future__ import annotations

import functools
import re
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from assets.settings import from_env
from assets.site.paths import ENTRY_PAGE

# A Markdown link or image target: `](target)` where the `]` is not escaped text (an even run of
# backslashes before it, as in a link text ending in an escaped `\`); and <img src>.
_MARKDOWN_TARGET = re.compile(r"(?<!\\)(?:\\\\)*\]\(([^)\s]*)\)")
_IMG_SOURCE = re.compile(r'<img\s[^>]*?src="([^"]*)"')
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class BrokenLink:
    """A link or image of a page that does not lead to a file of the atlas."""

    page: str
    line: int
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.target} ({self.reason})"


@dataclass
class LinkReport:
    """What the check found: pages, links followed, broken links and pages no link leads to."""

    pages: int = 0
    links: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing is broken or unreachable."""
        return not self.broken and not self.unreachable


def _targets(text: str):
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in (_MARKDOWN_TARGET, _IMG_SOURCE):
            for match in pattern.finditer(line):
                yield number, match.group(1)


# The same few thousand targets recur on every page of a folder depth: resolve each once.
@functools.lru_cache(maxsize=1 << 16)
def _resolve(folder: PurePosixPath, target: str) -> PurePosixPath | None:
    """The target relative to docs_out/, resolved from a page's folder; None if it leaves docs_out/."""
    parts = list(folder.parts)
    for part in unquote(target.split("#", 1)[0]).split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return PurePosixPath(*parts)


def check_links(docs_out: Path) -> LinkReport:
    """Walk docs_out/: resolve every relative link and image, and find pages unreachable from README.md."""
    files = {PurePosixPath(p.relative_to(docs_out).as_posix()) for p in docs_out.rglob("*") if p.is_file()}
    pages = sorted(p for p in files if p.suffix == ".md" and not any(part.startswith(".") for part in p.parts))
    report = LinkReport(pages=len(pages))
    linked: dict[PurePosixPath, set[PurePosixPath]] = {}
    for page in pages:
        linked[page] = set()
        for line, target in _targets((docs_out / page).read_text(encoding="utf-8")):
            if _EXTERNAL.match(target) or target.startswith("#"):
                continue
            report.links += 1
            if not target:
                report.broken.append(BrokenLink(str(page), line, target, "empty link"))
                continue
            resolved = _resolve(page.parent, target)
            if resolved is None:
                report.broken.append(BrokenLink(str(page), line, target, "leaves docs_out/"))
            elif resolved not in files:
                report.broken.append(BrokenLink(str(page), line, target, "no such file"))
            elif resolved.suffix == ".md":
                linked[page].add(resolved)
    entry = PurePosixPath(ENTRY_PAGE)
    seen = {entry} if entry in linked else set()
    queue = deque(seen)
    while queue:
        for nxt in linked[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    report.unreachable = [str(page) for page in pages if page not in seen]
    return report


def main(argv: list[str] | None = None) -> int:
    """Print each broken link and unreachable page; return 1 if there are any."""
    args = sys.argv[1:] if argv is None else argv
    docs_out = Path(args[0]) if args else from_env().docs_out
    report = check_links(docs_out)
    for broken in report.broken:
        print(f"broken: {broken}")
    for page in report.unreachable:
        print(f"unreachable: {page}")
    print(f"{report.pages} pages, {report.links} links, {len(report.broken)} broken, {len(report.unreachable)} unreachable")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
