"""Reading music-library exports: every format lands the same raw tables (see `layout`) for dbt.

A format is a module with `FORMAT` (its name), `recognises(raw_dir)` and `land(raw_dir,
landing_dir) -> LandingReport`; a new format is one more module in `FORMATS`, tried in order.
"""

from __future__ import annotations

from pathlib import Path

from assets.ingest import exportify, normalised
from assets.ingest.csv_reader import CSV_REJECTS, LandingReport, RawExportError, csv_files
from assets.ingest.layout import RAW_KEYS, RAW_TABLES

# The normalised layout recognises any folder, so it comes last.
FORMATS = (exportify, normalised)

__all__ = ["CSV_REJECTS", "FORMATS", "RAW_KEYS", "RAW_TABLES", "LandingReport", "RawExportError", "land_export"]


def land_export(raw_dir: Path, landing_dir: Path) -> LandingReport:
    """Land the raw folder in the first format that recognises it."""
    if raw_dir.is_dir() and not csv_files(raw_dir):
        raise RawExportError(
            f"{raw_dir}: no CSV files in the raw export folder"
            " (expected Exportify playlist files, or the ten files of the normalised layout)"
        )
    reader = next(reader for reader in FORMATS if reader.recognises(raw_dir))
    return reader.land(raw_dir, landing_dir)
