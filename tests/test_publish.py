"""Publishing docs_out/: one swap, unchanged files untouched, nothing outside docs_out/."""

from __future__ import annotations

import os

import pytest

from assets.publish.swap import UnsafePathError, publish


def test_publish_writes_keeps_and_removes(tmp_path):
    docs = tmp_path / "docs_out"
    first = publish({"README.md": b"index", "a/page.md": b"one", "b/gone.md": b"old"}.items(), docs)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    kept = docs / "a" / "page.md"
    os.utime(kept, (1_000_000, 1_000_000))
    inode = kept.stat().st_ino
    (docs / ".gitkeep").write_bytes(b"")

    second = publish({"README.md": b"index 2", "a/page.md": b"one"}.items(), docs)

    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert kept.stat().st_mtime == 1_000_000 and kept.stat().st_ino == inode
    assert (docs / "README.md").read_bytes() == b"index 2"
    assert not (docs / "b").exists()
    assert (docs / ".gitkeep").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs_out"]


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../x.md", "", "a//b.md", "./a.md", "a\\..\\b.md"])
def test_paths_that_leave_docs_out_are_refused(tmp_path, path):
    (tmp_path / "docs_out").mkdir()
    (tmp_path / "docs_out" / "keep.md").write_text("kept")
    with pytest.raises(UnsafePathError):
        publish({"fine.md": b"x", path: b"evil"}.items(), tmp_path / "docs_out")
    assert (tmp_path / "docs_out" / "keep.md").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs_out"]


def test_a_failure_while_rendering_leaves_docs_out_as_it_was(tmp_path):
    docs = tmp_path / "docs_out"
    publish([("README.md", b"index")], docs)

    def pages():
        yield "README.md", b"new index"
        raise RuntimeError("chart crashed")

    with pytest.raises(RuntimeError, match="chart crashed"):
        publish(pages(), docs)
    assert (docs / "README.md").read_bytes() == b"index"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs_out"]


def test_two_files_on_one_path_are_refused(tmp_path):
    with pytest.raises(ValueError, match="two files would be written"):
        publish([("a.md", b"1"), ("a.md", b"2")], tmp_path / "docs_out")
