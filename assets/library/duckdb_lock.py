"""Opening the DuckDB file for writing while another program has it open: wait a while, saying which, then say what to close."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

import duckdb

# DuckDB takes a file lock that fails at once, naming the holder (on Linux and macOS).
LOCK_ERROR = "Could not set lock on file"
HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")
POLL_SECONDS = 0.5
COMMAND_CHARS = 120


class DatabaseInUse(RuntimeError):
    """The DuckDB file stayed open in another program for longer than the build waits."""


def holder(error: duckdb.Error) -> str:
    """The program holding the file, as DuckDB names it, with its command line where the system shows it."""
    match = HOLDER.search(str(error))
    if match is None:
        return "another program"
    try:
        command = " ".join(Path(f"/proc/{match['pid']}/cmdline").read_bytes().decode(errors="replace").replace("\0", " ").split())
    except OSError:
        command = ""
    command = command or match["program"]
    if len(command) > COMMAND_CHARS:
        command = command[: COMMAND_CHARS - 1] + "…"
    return f"another program (PID {match['pid']}: {command})"


def connect_for_writing(
    path: str, wait_seconds: float, log: logging.Logger, config: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """A writing connection, once no other program holds the file; DatabaseInUse after wait_seconds."""
    started = time.monotonic()
    held_by = None
    while True:
        try:
            con = duckdb.connect(path, read_only=False, config=config or {})
        except duckdb.IOException as error:
            if LOCK_ERROR not in str(error):
                raise
            waited, now_held_by = time.monotonic() - started, holder(error)
            if waited >= wait_seconds:
                raise DatabaseInUse(
                    f"{path} is open in {now_held_by}. Close it (for example the Python shell where you ran "
                    "duckdb.connect(...), or the DuckDB CLI) and build again."
                ) from error
            if now_held_by != held_by:
                held_by = now_held_by
                log.warning(f"{path} is open in {held_by}; waiting up to {wait_seconds:g} s for it to be closed.")
            time.sleep(min(POLL_SECONDS, wait_seconds - waited))
        else:
            if held_by is not None:
                log.info(f"Waited {time.monotonic() - started:.1f} s for {held_by} to close {path}.")
            return con
