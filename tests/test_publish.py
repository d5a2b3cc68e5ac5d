"""Publishing docs_out/: one swap, unchanged files untouched, nothing outside docs_out/, nothing of the user's lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assets.publish import swap
from assets.publish.linkcheck import check_links
from assets.publish.swap import MARKER, RefusedFolderError, UnsafePathError, publish


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "tracks.csv").write_text("track_uri\n")
    return folder


def siblings(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "raw")


def user_git(docs: Path) -> None:
    (docs / ".git" / "objects").mkdir(parents=True)
    (docs / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (docs / ".git" / "objects" / "ab").write_bytes(b"blob")


def assert_user_git(docs: Path) -> None:
    assert (docs / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (docs / ".git" / "objects" / "ab").read_bytes() == b"blob"


def test_publish_writes_keeps_and_removes(tmp_path, raw):
    docs = tmp_path / "docs_out"
    first = publish({"README.md": b"index", "a/page.md": b"one", "b/gone.md": b"old"}.items(), docs, raw_dir=raw)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    kept = docs / "a" / "page.md"
    os.utime(kept, (1_000_000, 1_000_000))
    inode = kept.stat().st_ino
    (docs / ".gitkeep").write_bytes(b"")

    second = publish({"README.md": b"index 2", "a/page.md": b"one"}.items(), docs, raw_dir=raw)

    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert kept.stat().st_mtime == 1_000_000 and kept.stat().st_ino == inode
    assert (docs / "README.md").read_bytes() == b"index 2"
    assert not (docs / "b").exists()
    assert (docs / ".gitkeep").exists()
    assert siblings(tmp_path) == ["docs_out"]


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../x.md", "", "a//b.md", "./a.md", "a\\..\\b.md", ".git/config", "a/.hidden.md"])
def test_paths_that_leave_docs_out_or_name_a_dot_entry_are_refused(tmp_path, raw, path):
    publish([("keep.md", b"kept")], tmp_path / "docs_out", raw_dir=raw)
    with pytest.raises(UnsafePathError):
        publish({"fine.md": b"x", path: b"evil"}.items(), tmp_path / "docs_out", raw_dir=raw)
    assert (tmp_path / "docs_out" / "keep.md").read_text() == "kept"
    assert siblings(tmp_path) == ["docs_out"]


def test_a_failure_while_rendering_leaves_docs_out_as_it_was(tmp_path, raw):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"index")], docs, raw_dir=raw)

    def pages():
        yield "README.md", b"new index"
        raise RuntimeError("chart crashed")

    with pytest.raises(RuntimeError, match="chart crashed"):
        publish(pages(), docs, raw_dir=raw)
    assert (docs / "README.md").read_bytes() == b"index"
    assert siblings(tmp_path) == ["docs_out"]


def test_two_files_on_one_path_are_refused(tmp_path, raw):
    with pytest.raises(ValueError, match="two files would be written"):
        publish([("a.md", b"1"), ("a.md", b"2")], tmp_path / "docs_out", raw_dir=raw)


def test_a_folder_of_the_users_own_files_is_refused_and_left_whole(tmp_path, raw):
    docs = tmp_path / "notes"
    (docs / "drafts").mkdir(parents=True)
    (docs / "drafts" / "letter.txt").write_text("dear")
    (docs / "todo.md").write_text("milk")
    user_git(docs)

    def pages():
        raise AssertionError("nothing is rendered for a folder that is refused")
        yield

    with pytest.raises(RefusedFolderError, match=r"notes: it holds files that are not an atlas \(drafts, todo.md\) and no \.library-atlas"):
        publish(pages(), docs, raw_dir=raw)
    assert (docs / "drafts" / "letter.txt").read_text() == "dear" and (docs / "todo.md").read_text() == "milk"
    assert_user_git(docs)
    assert sorted(p.name for p in docs.iterdir()) == [".git", "drafts", "todo.md"]
    assert siblings(tmp_path) == ["notes"]


def test_a_folder_of_only_dot_entries_becomes_an_atlas_and_is_marked(tmp_path, raw):
    docs = tmp_path / "docs_out"
    docs.mkdir()
    user_git(docs)

    publish([("README.md", b"index")], docs, raw_dir=raw)

    assert (docs / MARKER).is_file() and (docs / "README.md").read_bytes() == b"index"
    assert_user_git(docs)
    (docs / "mine.txt").write_text("a file put in the atlas is replaced by the next build")
    publish([("README.md", b"index")], docs, raw_dir=raw)
    assert not (docs / "mine.txt").exists()


@pytest.mark.parametrize("where", [".", "out", "a/b/out", ".."])
def test_the_raw_folder_is_never_published_over(tmp_path, raw, where):
    docs = (raw / where).resolve()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    with pytest.raises(RefusedFolderError, match="is, holds or lies inside the raw export folder"):
        publish([("README.md", b"index")], docs, raw_dir=raw)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert (raw / "tracks.csv").read_text() == "track_uri\n"


def test_a_users_dot_entries_survive_publishes_at_any_depth(tmp_path, raw):
    docs = tmp_path / "docs_out"
    publish({"README.md": b"index", "a/page.md": b"one"}.items(), docs, raw_dir=raw)
    user_git(docs)
    (docs / "a" / ".DS_Store").write_bytes(b"finder")

    report = publish({"README.md": b"index 2"}.items(), docs, raw_dir=raw)

    assert report.removed == 1
    assert_user_git(docs)
    assert (docs / "a" / ".DS_Store").read_bytes() == b"finder" and not (docs / "a" / "page.md").exists()
    assert siblings(tmp_path) == ["docs_out"]


def test_the_link_check_reads_no_dot_entry_as_a_page(tmp_path, raw):
    docs = tmp_path / "docs_out"
    publish({"README.md": b"[page](a/page.md)", "a/page.md": b"one"}.items(), docs, raw_dir=raw)
    (docs / "a" / ".notes.md").write_text("[draft](nowhere.md)")

    assert check_links(docs).ok


class Crash(Exception):
    """The process dying at one step of the swap."""


def rename_crashing(monkeypatch, when) -> None:
    """os.rename, except that the first call for which when(source, target) holds raises Crash."""
    real = os.rename
    crashed = []

    def rename(source, target):
        if not crashed and when(Path(source), Path(target)):
            crashed.append(source)
            raise Crash(f"died renaming {source}")
        real(source, target)

    monkeypatch.setattr(os, "rename", rename)


def test_a_crash_between_the_two_renames_is_undone_by_the_next_publish(tmp_path, raw, monkeypatch):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"old")], docs, raw_dir=raw)
    user_git(docs)
    # Where the file system has no atomic exchange, the swap is two renames.
    monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    rename_crashing(monkeypatch, lambda source, target: target == docs)

    with pytest.raises(Crash):
        publish([("README.md", b"new")], docs, raw_dir=raw)

    previous = tmp_path / ".docs_out.previous"
    assert not docs.exists() and (previous / "README.md").read_bytes() == b"old"
    assert_user_git(previous)
    monkeypatch.undo()

    publish([("README.md", b"new")], docs, raw_dir=raw)

    assert (docs / "README.md").read_bytes() == b"new"
    assert_user_git(docs)
    assert siblings(tmp_path) == ["docs_out"]


def test_the_swap_is_one_atomic_exchange_and_a_crash_after_it_loses_nothing(tmp_path, raw, monkeypatch):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"old")], docs, raw_dir=raw)
    user_git(docs)
    inode = docs.stat().st_ino
    # The exchange is the swap's only rename of docs_out/; dying right after it leaves the new
    # atlas in place and the user's .git in the old tree beside it.
    rename_crashing(monkeypatch, lambda source, target: True)

    with pytest.raises(Crash):
        publish([("README.md", b"new")], docs, raw_dir=raw)

    assert (docs / "README.md").read_bytes() == b"new" and docs.stat().st_ino != inode
    assert_user_git(tmp_path / ".docs_out.next")
    monkeypatch.undo()

    publish([("README.md", b"new")], docs, raw_dir=raw)

    assert_user_git(docs)
    assert siblings(tmp_path) == ["docs_out"]


def test_a_half_built_tree_left_by_a_crash_is_cleared(tmp_path, raw):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"old")], docs, raw_dir=raw)
    staging = tmp_path / ".docs_out.next"
    (staging / "a").mkdir(parents=True)
    (staging / MARKER).write_bytes(b"")
    (staging / "a" / "page.md").write_bytes(b"half")

    publish([("README.md", b"new")], docs, raw_dir=raw)

    assert sorted(p.name for p in docs.iterdir()) == [MARKER, "README.md"]
    assert siblings(tmp_path) == ["docs_out"]


def test_a_folder_in_the_way_of_the_swap_that_is_not_an_atlas_is_refused(tmp_path, raw):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"old")], docs, raw_dir=raw)
    (tmp_path / ".docs_out.next").mkdir()
    (tmp_path / ".docs_out.next" / "thesis.tex").write_text("mine")

    with pytest.raises(RefusedFolderError, match=r"\.docs_out\.next: it holds files that are not an atlas \(thesis.tex\)"):
        publish([("README.md", b"new")], docs, raw_dir=raw)
    assert (tmp_path / ".docs_out.next" / "thesis.tex").read_text() == "mine"
    assert (docs / "README.md").read_bytes() == b"old"


def test_the_marker_is_kept_like_an_unchanged_page(tmp_path, raw):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"index")], docs, raw_dir=raw)
    os.utime(docs / MARKER, (1_000_000, 1_000_000))

    publish([("README.md", b"index 2")], docs, raw_dir=raw)

    assert (docs / MARKER).stat().st_mtime == 1_000_000
