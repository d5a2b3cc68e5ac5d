"""The atlas as a site: overview pages, the index, no dead links, nothing written outside docs_out/."""

from __future__ import annotations

import csv
from pathlib import Path

from assets.publish.linkcheck import check_links, main
from tests.support import build_atlas, copy_build, copy_library, needs_real_library, rewrite


def test_demo_atlas_has_no_broken_link_and_no_unreachable_page(demo_build):
    report = check_links(demo_build.settings.docs_out)
    assert report.ok, [str(b) for b in report.broken[:5]] + report.unreachable[:5]
    assert report.pages > 50 and report.links > 1000
    files = demo_build.files()
    index = files["README.md"].decode()
    assert "[Clusters in All tracks](clusters.md)" in index
    for kind in ("genres", "playlists", "artists", "labels"):
        assert f"## {kind.capitalize()}" in index
    overviews = [path for path in files if path.count("/") == 2 and path.endswith("/overview.md")]
    assert {path.split("/")[0] for path in overviews} == {"genres", "playlists", "artists", "labels"}
    for path in overviews:
        text = files[path].decode()
        assert "[← Library Atlas](../../README.md)" in text
        clusters = path.replace("overview.md", "clusters/overview.md")
        assert (f"({'../../' + clusters})" in text) == (clusters in files), path
    for path in files:
        if path.endswith("/clusters/overview.md"):
            assert "overview](../../../" + path.replace("clusters/overview.md", "overview.md") + ")" in files[path].decode()
    result = demo_build.result.get_asset_check_evaluations()
    assert [(e.check_name, e.passed) for e in result if e.check_name == "links_resolve"] == [("links_resolve", True)]


@needs_real_library
def test_real_atlas_has_no_broken_link_and_no_unreachable_page(real_build):
    report = check_links(real_build.settings.docs_out)
    assert report.ok, [str(b) for b in report.broken[:5]] + report.unreachable[:5]
    assert report.pages > 400


def test_a_renamed_genre_moves_its_pages(demo_build, tmp_path):
    raw = copy_library(tmp_path / "raw")
    work = tmp_path / "work"
    first = copy_build(demo_build, work)  # the demo library built on `work`
    genres = [path.split("/")[1] for path in first.files() if path.startswith("genres/") and path.endswith("/clusters/overview.md")]
    old_slug = sorted(genres)[0]
    with (raw / "artist_genre.csv").open(encoding="utf-8") as handle:
        old_name = next(row["genre"] for row in csv.DictReader(handle) if row["genre"].replace(" ", "_") == old_slug)
    rewrite(raw / "artist_genre.csv", lambda row: {**row, "genre": "renamed wave" if row["genre"] == old_name else row["genre"]})

    second = build_atlas(raw, work)

    files = second.files()
    assert not any(path.startswith((f"genres/{old_slug}/", f"images/genres/{old_slug}/")) for path in files)
    assert "genres/renamed_wave/overview.md" in files and "genres/renamed_wave/clusters/overview.md" in files
    assert "images/genres/renamed_wave/clusters/clusters_scatter.png" in files
    assert "[renamed wave](genres/renamed_wave/overview.md)" in files["README.md"].decode()
    assert second.metadata("atlas_pages")["files_removed"] > 0
    assert check_links(second.settings.docs_out).ok


HOSTILE_NAMES = ["../../etc", ".", "con", "x" * 300, "Nova", "NOVA", "no-va", "no va", "<script>alert(1)</script>", "[x](y)"]


def test_hostile_names_stay_inside_docs_out(demo_build, tmp_path):
    raw = copy_library(tmp_path / "raw")
    with (raw / "artists.csv").open(encoding="utf-8") as handle:
        uris = [row["uri"] for row in csv.DictReader(handle)]
    renamed = dict(zip(uris, HOSTILE_NAMES))
    rewrite(raw / "artists.csv", lambda row: {**row, "name": renamed.get(row["uri"], row["name"])})
    rewrite(raw / "playlists.csv", lambda row: {**row, "name": "../../etc"})
    with (raw / "artist_genre.csv").open(encoding="utf-8") as handle:
        genres = sorted({row["genre"] for row in csv.DictReader(handle)})
    genre_names = dict(zip(genres, ["..", "CON", "Aux", "a/b", "a\\b", "~"]))
    rewrite(raw / "artist_genre.csv", lambda row: {**row, "genre": genre_names.get(row["genre"], row["genre"])})
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentinel.txt").write_text("untouched")

    work = tmp_path / "work"
    copy_build(demo_build, work)  # DuckDB as the demo left it: a rebuild, publishing to a new docs_out/
    build = build_atlas(raw, work, docs_out=out / "docs_out")

    assert sorted(p.name for p in out.iterdir()) == ["docs_out", "sentinel.txt"]
    assert (out / "sentinel.txt").read_text() == "untouched"
    docs = (out / "docs_out").resolve()
    for path in docs.rglob("*"):
        assert path.resolve().is_relative_to(docs)
        assert len(path.name.encode()) <= 255
    report = check_links(docs)
    assert report.ok, [str(b) for b in report.broken[:5]] + report.unreachable[:5]
    index = build.files()["README.md"].decode()
    assert "<script>" not in index and "&lt;script&gt;" in "".join(build.files()[p].decode() for p in build.files() if p.endswith(".md"))
    playlist_folders = {path.split("/")[1] for path in build.files() if path.startswith("playlists/")}
    assert len(playlist_folders) == len(renamed_playlists(raw))


def renamed_playlists(raw: Path) -> list[str]:
    with (raw / "playlists.csv").open(encoding="utf-8") as handle:
        return [row["uri"] for row in csv.DictReader(handle)]


def test_link_checker_reports_page_and_line(tmp_path, capsys):
    docs = tmp_path / "docs_out"
    (docs / "genres" / "a").mkdir(parents=True)
    (docs / "images").mkdir()
    (docs / "images" / "x.png").write_bytes(b"png")
    (docs / "genres" / "_").mkdir()
    (docs / "genres" / "_" / "overview.md").write_text("[home](../../README.md) [gone](missing.md)\n")
    # A link whose text ends in an escaped backslash (a genre named `\`) is still a link.
    (docs / "README.md").write_text(
        "# Atlas\n\n[a](genres/a/overview.md)\n[ext](https://example.org/x)\n[\\\\](genres/_/overview.md)\n")
    (docs / "genres" / "a" / "overview.md").write_text(
        "[home](../../README.md)\n![chart](../../images/x.png)\n"
        "[gone](../../genres/b/overview.md)\n<img src=\"../../images/missing.png\" />\n"
        "[escape](../../../outside.md) \\[not a link\\](nowhere.md)\n"
    )
    (docs / "orphan.md").write_text("[home](README.md)\n")
    report = check_links(docs)
    assert [(b.page, b.line, b.target, b.reason) for b in report.broken] == [
        ("genres/_/overview.md", 1, "missing.md", "no such file"),
        ("genres/a/overview.md", 3, "../../genres/b/overview.md", "no such file"),
        ("genres/a/overview.md", 4, "../../images/missing.png", "no such file"),
        ("genres/a/overview.md", 5, "../../../outside.md", "leaves docs_out/"),
    ]
    assert report.unreachable == ["orphan.md"]
    assert main([str(docs)]) == 1
    out = capsys.readouterr().out
    assert "broken: genres/a/overview.md:3: ../../genres/b/overview.md (no such file)" in out
    assert "unreachable: orphan.md" in out
