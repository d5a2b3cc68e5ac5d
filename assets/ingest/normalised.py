"""The normalised Spotify CSV layout: one file per raw table, named and laid out as the sources YAML declares."""

from __future__ import annotations

from pathlib import Path

from assets.ingest.csv_reader import (
    CSV_REJECTS,
    LandingReport,
    RawExportError,
    land_csv_table,
    reader_connection,
    write_csv_rejects,
)
from assets.ingest.layout import RAW_TABLES

FORMAT = "normalised"


def recognises(raw_dir: Path) -> bool:
    """Any folder may hold this layout; landing says which of its files are missing."""
    return True


def land(raw_dir: Path, landing_dir: Path) -> LandingReport:
    """Land the ten files of a normalised Spotify CSV export; raise RawExportError if unusable."""
    if not raw_dir.is_dir():
        raise RawExportError(f"{raw_dir}: the raw export folder does not exist")
    absent = [f"{name}.csv" for name in RAW_TABLES if not (raw_dir / f"{name}.csv").is_file()]
    if absent:
        raise RawExportError(f"{raw_dir}: missing file {', '.join(absent)}")
    landing_dir.mkdir(parents=True, exist_ok=True)
    report = LandingReport(format=FORMAT)
    con = reader_connection()
    for name, columns in RAW_TABLES.items():
        report.rows[name] = land_csv_table(con, raw_dir / f"{name}.csv", columns, landing_dir / f"{name}.parquet")
    report.rejected = write_csv_rejects(con, landing_dir / f"{CSV_REJECTS}.parquet")
    return report
