"""Publish a built atlas into docs_out/ in one step, touching only the files that changed."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class UnsafePathError(ValueError):
    """A page path that would land outside docs_out/."""


@dataclass(frozen=True)
class PublishReport:
    """How many files the publish wrote, kept as they were, and removed."""

    written: int
    unchanged: int
    removed: int
    seconds: float  # spent writing, linking and swapping, not waiting for the pages


def safe_relative(path: str) -> PurePosixPath:
    """Check that a page path stays inside docs_out/ (no absolute parts, no '..', no empty parts)."""
    parts = path.split("/")
    if "\\" in path or any(part in ("", ".", "..") for part in parts):
        raise UnsafePathError(f"refusing to write {path!r}: it would leave docs_out/")
    return PurePosixPath(*parts)


def publish(files: Iterable[tuple[str, bytes]], docs_out: Path) -> PublishReport:
    """Replace docs_out/ by exactly `files`, in one rename; unchanged files keep their inode and mtime.

    Files are taken one at a time, so a large atlas is never held in memory whole. The new tree is
    assembled beside docs_out/ (in a hidden sibling folder), unchanged files hard-linked from the
    old tree, then swapped in. Entries at the top of docs_out/ whose names start with '.' are not
    the atlas's and are carried over untouched. If `files` raises, docs_out/ stays as it was.
    """
    docs_out = docs_out.resolve()
    staging = docs_out.with_name(f".{docs_out.name}.next")
    retired = docs_out.with_name(f".{docs_out.name}.previous")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    written = unchanged = 0
    seconds = 0.0
    seen: set[PurePosixPath] = set()
    try:
        for path, content in files:
            relative = safe_relative(path)
            if relative in seen:
                raise ValueError(f"two files would be written to {path!r}")
            seen.add(relative)
            started = time.perf_counter()
            old, new = docs_out.joinpath(relative), staging.joinpath(relative)
            new.parent.mkdir(parents=True, exist_ok=True)
            if old.is_file() and not old.is_symlink() and _same_bytes(old, content):
                os.link(old, new)
                unchanged += 1
            else:
                new.write_bytes(content)
                written += 1
            seconds += time.perf_counter() - started
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    started = time.perf_counter()
    previous = _atlas_files(docs_out) if docs_out.is_dir() else set()
    if docs_out.is_dir():
        for hidden in docs_out.iterdir():
            if hidden.name.startswith("."):
                os.rename(hidden, staging / hidden.name)
        os.rename(docs_out, retired)
    os.rename(staging, docs_out)
    shutil.rmtree(retired, ignore_errors=True)
    return PublishReport(written, unchanged, len(previous - seen), seconds + time.perf_counter() - started)


def _same_bytes(path: Path, content: bytes) -> bool:
    return path.stat().st_size == len(content) and path.read_bytes() == content


def _atlas_files(docs_out: Path) -> set[PurePosixPath]:
    return {
        PurePosixPath(path.relative_to(docs_out).as_posix())
        for path in docs_out.rglob("*")
        if path.is_file() and not path.relative_to(docs_out).parts[0].startswith(".")
    }
