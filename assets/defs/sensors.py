"""A sensor that rebuilds the atlas when the raw export folder's content changes."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from assets.defs.resources import AtlasPaths
from assets.settings import SENSOR_INTERVAL_SECONDS, SENSOR_SETTLE_SECONDS

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fingerprint:
    """The raw folder's files by name, with size, modification time and content hash."""

    files: dict[str, tuple[int, int, str]]  # name -> (size, mtime_ns, sha256)

    @property
    def digest(self) -> str:
        """What the folder holds: names, sizes and content hashes (modification times left out)."""
        content = sorted((name, size, sha) for name, (size, _, sha) in self.files.items())
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()

    def to_cursor(self) -> str:
        """The cursor the sensor keeps, so unchanged files need not be hashed again."""
        return json.dumps({"digest": self.digest, "files": self.files}, sort_keys=True)

    @staticmethod
    def from_cursor(cursor: str | None) -> Fingerprint | None:
        """The fingerprint a cursor holds, if any."""
        if not cursor:
            return None
        return Fingerprint({name: tuple(entry) for name, entry in json.loads(cursor)["files"].items()})


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(folder: Path, previous: Fingerprint | None = None) -> Fingerprint:
    """Fingerprint the folder's visible files; a file whose size and mtime are unchanged keeps its hash."""
    known = previous.files if previous else {}
    files = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and not path.name.startswith("."):
            stat = path.stat()
            old = known.get(path.name)
            unchanged = old is not None and old[0] == stat.st_size and old[1] == stat.st_mtime_ns
            files[path.name] = (stat.st_size, stat.st_mtime_ns, old[2] if unchanged else _sha256(path))
    return Fingerprint(files)


def newest_change(folder: Path) -> float:
    """The latest modification time of the folder or a file in it (seconds since the epoch)."""
    times = [folder.stat().st_mtime] if folder.is_dir() else []
    times += [p.stat().st_mtime for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    return max(times, default=0.0)


def raw_export_sensor_for(job: dg.UnresolvedAssetJobDefinition) -> dg.SensorDefinition:
    """The sensor requesting one run of `job` whenever the raw export folder's content changes."""

    @dg.sensor(
        name="raw_export_sensor",
        job=job,
        minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Rebuilds the atlas when the files in the raw export folder change (by content).",
    )
    def raw_export_sensor(context: dg.SensorEvaluationContext, paths: AtlasPaths):
        raw_dir = paths.resolve().raw_dir
        if not raw_dir.is_dir():
            return dg.SkipReason(f"The raw export folder {raw_dir} does not exist.")
        quiet_for = time.time() - newest_change(raw_dir)
        if quiet_for < SENSOR_SETTLE_SECONDS:
            return dg.SkipReason(
                f"{raw_dir} changed {quiet_for:.1f} s ago; waiting until it has been stable for "
                f"{SENSOR_SETTLE_SECONDS:g} s (a copy may still be in progress)."
            )
        previous = Fingerprint.from_cursor(context.cursor)
        current = fingerprint(raw_dir, previous)
        context.update_cursor(current.to_cursor())
        if previous is not None and current.digest == previous.digest:
            return dg.SkipReason(f"No change in {raw_dir} since the last requested build.")
        # No run_key: Dagster never runs a key twice, so going back to an earlier export (or fixing a
        # broken one) would be skipped. The cursor already asks once per change, and Dagster keeps the
        # cursor with the requested run, so an interrupted tick is resumed rather than asked again.
        return dg.RunRequest(tags={"atlas/raw_fingerprint": current.digest[:16]})

    return raw_export_sensor
