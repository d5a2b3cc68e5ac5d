"""Publish a built atlas into docs_out/ in one step, touching only the files that changed."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# The file that says a folder is an atlas, so the next publish may replace it.
MARKER = ".library-atlas"
MARKER_TEXT = b"Library Atlas publishes this folder: every build replaces each file here whose name does not start with '.'.\n"


class UnsafePathError(ValueError):
    """A page path that would land outside docs_out/ or on a name kept for the user's own files."""


class RefusedFolderError(ValueError):
    """A docs_out/ the atlas must not replace: the user's own files, or the raw export."""


@dataclass(frozen=True)
class PublishReport:
    """How many files the publish wrote, kept as they were, and removed."""

    written: int
    unchanged: int
    removed: int
    seconds: float  # spent writing, linking and swapping, not waiting for the pages


def safe_relative(path: str) -> PurePosixPath:
    """Check that a page path stays inside docs_out/ (no absolute parts, no '..', no empty parts) and names no dot-entry."""
    parts = path.split("/")
    if "\\" in path or any(part in ("", ".", "..") for part in parts):
        raise UnsafePathError(f"refusing to write {path!r}: it would leave docs_out/")
    if any(part.startswith(".") for part in parts):
        raise UnsafePathError(f"refusing to write {path!r}: names starting with '.' in docs_out/ are the user's")
    return PurePosixPath(*parts)


def publish(files: Iterable[tuple[str, bytes]], docs_out: Path, *, raw_dir: Path) -> PublishReport:
    """Replace the atlas in docs_out/ by exactly `files`, in one atomic exchange; unchanged files keep their inode and mtime.

    Files are taken one at a time, so a large atlas is never held in memory whole. The new tree is
    assembled beside docs_out/ (in a hidden sibling folder), unchanged files hard-linked from the
    old tree, then swapped in. Entries whose names start with '.' (at any depth) are not the
    atlas's and are carried over untouched. If `files` raises, docs_out/ stays as it was; if the
    process dies after that, the next publish finishes or undoes the swap before it starts.
    """
    docs_out, raw_dir = docs_out.resolve(), raw_dir.resolve()
    if docs_out.is_relative_to(raw_dir) or raw_dir.is_relative_to(docs_out):
        raise RefusedFolderError(
            f"refusing to publish to {docs_out}: it is, holds or lies inside the raw export folder {raw_dir}; "
            "set ATLAS_DOCS_OUT to a folder of its own"
        )
    staging = docs_out.with_name(f".{docs_out.name}.next")
    retired = docs_out.with_name(f".{docs_out.name}.previous")
    _recover(docs_out, staging, retired)
    _check_replaceable(docs_out)
    previous, _ = _walk(docs_out)
    staging.mkdir(parents=True)
    written = unchanged = 0
    seconds = 0.0
    seen: set[PurePosixPath] = set()
    try:
        _place(docs_out / MARKER, staging / MARKER, MARKER_TEXT)
        for path, content in files:
            relative = safe_relative(path)
            if relative in seen:
                raise ValueError(f"two files would be written to {path!r}")
            seen.add(relative)
            started = time.perf_counter()
            new = staging.joinpath(relative)
            new.parent.mkdir(parents=True, exist_ok=True)
            if _place(docs_out.joinpath(relative), new, content):
                written += 1
            else:
                unchanged += 1
            seconds += time.perf_counter() - started
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    started = time.perf_counter()
    # From here on nothing is cleaned up on an error: a leftover may hold the user's dot-entries,
    # and the next publish's recovery knows what to do with it.
    if docs_out.is_dir():
        old_tree = _swap(staging, docs_out, retired)
        _carry(old_tree, docs_out)
        shutil.rmtree(old_tree)
    else:
        os.rename(staging, docs_out)
    return PublishReport(written, unchanged, len(previous - seen), seconds + time.perf_counter() - started)


def _place(old: Path, new: Path, content: bytes) -> bool:
    """Hard-link the old file if it holds `content` already, else write it; whether it was written."""
    if old.is_file() and not old.is_symlink() and old.stat().st_size == len(content) and old.read_bytes() == content:
        os.link(old, new)
        return False
    new.write_bytes(content)
    return True


def _check_replaceable(folder: Path) -> None:
    """Refuse a folder that holds anything but dot-entries unless the marker says it is an atlas."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise RefusedFolderError(f"refusing to publish to {folder}: it is not a folder")
    if (folder / MARKER).is_file():
        return
    theirs = sorted(entry.name for entry in folder.iterdir() if not entry.name.startswith("."))
    if theirs:
        shown = ", ".join(theirs[:3]) + (", ..." if len(theirs) > 3 else "")
        raise RefusedFolderError(
            f"refusing to publish to {folder}: it holds files that are not an atlas ({shown}) and no {MARKER} file; "
            "set ATLAS_DOCS_OUT to a new or empty folder, or empty this one"
        )


def _recover(docs_out: Path, staging: Path, retired: Path) -> None:
    """Finish a publish that was cut short: the previous atlas back in place, the user's dot-entries back in docs_out/."""
    if not docs_out.exists() and retired.exists():
        # Died between the two renames of _swap: the old tree is whole, put it back.
        _check_replaceable(retired)
        os.rename(retired, docs_out)
    for leftover in (staging, retired):
        if leftover.exists():
            _check_replaceable(leftover)
            _carry(leftover, docs_out)
            shutil.rmtree(leftover)


def _swap(staging: Path, docs_out: Path, retired: Path) -> Path:
    """Put the staged tree in docs_out/'s place; return where the old tree went."""
    if _exchange(staging, docs_out):
        return staging
    # Without an atomic exchange there is a moment with no docs_out/; should the process die in it,
    # the next publish's _recover puts the old tree back.
    os.rename(docs_out, retired)
    os.rename(staging, docs_out)
    return retired


def _carry(old_tree: Path, docs_out: Path) -> None:
    """Move every dot-entry the atlas did not write from the old tree into docs_out/, at the same place."""
    for relative in _walk(old_tree)[1]:
        target = docs_out / relative
        if target.exists() or target.is_symlink():
            raise RefusedFolderError(f"both {old_tree / relative} and {target} exist: keep one of them and publish again")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old_tree / relative, target)


def _walk(tree: Path) -> tuple[set[PurePosixPath], list[PurePosixPath]]:
    """The atlas's files in a tree, and its dot-entries (not looked into) other than the marker."""
    files: set[PurePosixPath] = set()
    dots: list[PurePosixPath] = []
    for folder, folders, names in os.walk(tree):
        here = PurePosixPath(Path(folder).relative_to(tree).as_posix())
        dots.extend(here / name for name in sorted([*folders, *names]) if name.startswith(".") and here / name != PurePosixPath(MARKER))
        folders[:] = [name for name in folders if not name.startswith(".")]
        files.update(here / name for name in names if not name.startswith("."))
    return files, dots


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform.startswith("linux") else None
if _renameat2 is not None:
    _renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where the system or file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))
