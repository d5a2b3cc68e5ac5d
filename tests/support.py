"""Helpers the tests share: atlas builds, the shared data, export writers and hostile input."""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
from hypothesis import strategies as st

from assets.definitions import defs
from assets.defs.resources import AtlasPaths, atlas_resources
from assets.ingest import RAW_TABLES
from assets.publish.linkcheck import check_links
from assets.settings import DEMO_LIBRARY_DIR, Settings


# --- the shared data ------------------------------------------------------------------------------

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


REAL_LIBRARY = SHARED_DATA / "library"


needs_real_library = pytest.mark.skipif(
    not REAL_LIBRARY.is_dir(), reason=f"the real library export is not at {REAL_LIBRARY} (../shared is absent)"
)


REAL_EXPORTIFY = SHARED_DATA / "exportify"


needs_real_exportify = pytest.mark.skipif(
    not (REAL_EXPORTIFY / "Liked_Songs.csv").is_file(),
    reason=f"the real Exportify export is not at {REAL_EXPORTIFY} (../shared is absent)",
)


# --- builds ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Build:
    """A finished atlas build: its settings and the Dagster result."""

    settings: Settings
    result: dg.ExecuteInProcessResult

    def files(self) -> dict[str, bytes]:
        """Every file of docs_out/, by path relative to it."""
        root = self.settings.docs_out
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    def metadata(self, asset: str) -> dict:
        """The metadata of the asset's materialisation in this run (`asset` as in `--select`: `a/b`)."""
        [event] = [
            e for e in self.result.get_asset_materialization_events()
            if e.asset_key == dg.AssetKey.from_user_string(asset)
        ]
        return {k: v.value for k, v in event.materialization.metadata.items()}


def build_atlas(raw_dir: Path, work: Path, *, raise_on_error: bool = True, docs_out: Path | None = None,
                duckdb_path: Path | None = None, instance: dg.DagsterInstance | None = None) -> Build:
    """Materialise every asset and check on `raw_dir`, with DuckDB and docs_out under `work` unless given."""
    paths = AtlasPaths(
        raw_dir=str(raw_dir),
        duckdb_path=str(duckdb_path or work / "atlas.duckdb"),
        docs_out=str(docs_out or work / "docs_out"),
    )
    result = dg.materialize(
        [*defs.assets, *defs.asset_checks],
        resources=atlas_resources(paths),
        instance=instance or dg.DagsterInstance.ephemeral(),
        raise_on_error=raise_on_error,
    )
    return Build(paths.resolve(), result)


def build_marts(raw_dir: Path, work: Path, *, raise_on_error: bool = True) -> Build:
    """Land `raw_dir` and build the dbt marts (and rejected_rows) only: no clusters, charts, pages or dbt docs."""
    from assets.defs.dbt import atlas_dbt_models
    from assets.defs.raw import raw_export

    return _materialise([raw_export, atlas_dbt_models], [], raw_dir, work, raise_on_error)


def build_pages(raw_dir: Path, work: Path, *, raise_on_error: bool = True) -> Build:
    """Every asset and check up to the pages and their link check; not the dbt docs site (a second dbt run)."""
    from assets.defs.dbt import dbt_docs_site

    assets = [asset for asset in defs.assets if asset is not dbt_docs_site]
    return _materialise(assets, list(defs.asset_checks), raw_dir, work, raise_on_error)


def _materialise(assets: list, checks: list, raw_dir: Path, work: Path, raise_on_error: bool) -> Build:
    paths = AtlasPaths(raw_dir=str(raw_dir), duckdb_path=str(work / "atlas.duckdb"), docs_out=str(work / "docs_out"))
    result = dg.materialize([*assets, *checks], resources=atlas_resources(paths), raise_on_error=raise_on_error)
    return Build(paths.resolve(), result)


# --- libraries and CSV files ----------------------------------------------------------------------

def copy_library(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in RAW_TABLES:
        shutil.copyfile(DEMO_LIBRARY_DIR / f"{name}.csv", target / f"{name}.csv")
    return target


def rewrite(path: Path, change) -> None:
    """Rewrite a CSV file, passing every row (a dict) through change()."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, [change(row) for row in reader]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def snapshot(docs_out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(docs_out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(docs_out.rglob("*")) if p.is_file()
    }


def csv_records(path: Path) -> int:
    """Data records of a CSV file (the header excluded), as DuckDB's CSV reader splits them.

    A blank line holds no data and is no record in a file of several columns (Python's reader
    yields it as [], DuckDB skips it); in a file of one column it is that column's empty value
    (DuckDB reads a null, which is then rejected as a missing value).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    one_column = len(records[0]) == 1
    return sum(1 for record in records[1:] if record or one_column)


# Which mart holds the rows of each raw file (and, where a file only flags rows, which flag).
MART_OF_RAW = {
    "tracks": "select count(*) from dim_tracks",
    "albums": "select count(*) from dim_albums",
    "artists": "select count(*) from dim_artists",
    "audio_features": "select count(*) from dim_tracks where has_audio_features",
    "track_artist": "select count(*) from bridge_track_artists",
    "album_artist": "select count(*) from bridge_album_artists",
    "artist_genre": "select count(*) from bridge_artist_genres",
    "liked_tracks": "select count(*) from dim_tracks where is_liked",
    "playlists": "select count(*) from dim_playlists",
    "playlist_track": "select count(*) from bridge_playlist_tracks",
}


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        _write_records(handle, [header, *rows])


def append_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        _write_records(handle, rows)


def _write_records(handle, records: list[list[str]]) -> None:
    """Write records with LF line ends, quoting a record with a carriage return in it.

    Python's writer leaves such a field bare, and a bare carriage return is a line break to
    Python's reader but data to the atlas (in a file whose lines end in LF), so the two would
    count different records.
    """
    for record in records:
        quoting = csv.QUOTE_ALL if any("\r" in field for field in record) else csv.QUOTE_MINIMAL
        csv.writer(handle, lineterminator="\n", quoting=quoting).writerow(record)


# --- hostile input --------------------------------------------------------------------------------

# Names with everything that could break a table, a link, a chart or a page: quotes, commas,
# newlines, pipes, brackets, HTML, CJK and right-to-left scripts, control characters and
# noncharacters (they aborted the chart renderer), reordering marks, URLs and addresses (GitHub
# links them), a name long enough to be shortened, and the empty string.
HOSTILE_NAMES = ["", "|", "<script>alert(1)</script>", "[x](y)", "a,b", 'say "hi"', "two\nlines", "`code`",
                 "케이팝", "ポップ", "موسيقى", "שיר", "../../etc", "con", "\\", "*bold*", "<img src=x>",
                 "ctl\x01\x08\x1f\ufffe", "\u202eevil\u2066", "https://evil.example/x", "www.evil.example",
                 "mail a@b.example", "y" * 230]


HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_NAMES),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
)


# Every kind of name an export holds: (table, column).
NAME_FIELDS = [("albums", "label"), ("albums", "name"), ("artist_genre", "genre"), ("artists", "name"),
               ("playlists", "name"), ("tracks", "name")]


# Our own HTML: album art, collapsed blocks, and the empty comment that keeps an address from becoming a link.
OWN_TAGS = re.compile(r'<img src="https://[^"]*" alt="" width="\d+" />|</?details>|</?summary>|<!-- -->')


RENAMES = st.lists(st.tuples(st.sampled_from(NAME_FIELDS), st.integers(0, 40), HOSTILE), max_size=12)


GARBAGE_FIELDS = st.lists(st.one_of(HOSTILE, st.sampled_from(["-1", "2.5", "nan", "1e999", "abc", "spotify:track:x"])),
                          min_size=0, max_size=16)


# Each fixed hostile name given to a row of every kind of name. Hypothesis tries the simplest
# example (no renames, no garbage) first, so the property tests add these to every example they
# draw: with a budget of two builds, both then carry every known case.
HOSTILE_RENAMES = [(field, index, name) for field in NAME_FIELDS for index, name in enumerate(HOSTILE_NAMES)]


GARBAGE_VALUES = ["-1", "2.5", "nan", "1e999", "abc", "spotify:track:x"]


def rename(raw: Path, renames: list[tuple[tuple[str, str], int, str]]) -> None:
    """Give some rows of a normalised export hostile names: ((table, column), row index, name)."""
    for (table, column), index, name in renames:
        header, rows = read_rows(raw / f"{table}.csv")
        rows[index % len(rows)][header.index(column)] = name
        write_rows(raw / f"{table}.csv", header, rows)


def assert_pages_are_clean(build) -> None:
    """Every link resolves, no page carries HTML from the data, every table row has its header's cells."""
    report = check_links(build.settings.docs_out)
    assert report.ok, [str(b) for b in report.broken[:5]] + report.unreachable[:5]
    for path, content in build.files().items():
        if not path.endswith(".md"):
            continue
        text = content.decode()
        assert "<" not in OWN_TAGS.sub("", text), path
        header_cells = None
        for line in text.split("\n"):
            if line.startswith("|"):
                cells = len(re.findall(r"(?<!\\)\|", line))
                header_cells = header_cells or cells
                assert cells == header_cells, (path, line)
            else:
                header_cells = None


# --- Exportify exports ----------------------------------------------------------------------------

FEATURES = ("Danceability", "Energy", "Key", "Loudness", "Mode", "Speechiness", "Acousticness",
            "Instrumentalness", "Liveness", "Valence", "Tempo", "Time Signature")


CURRENT = ("Track URI", "Track Name", "Album Name", "Artist Name(s)", "Release Date", "Duration (ms)",
           "Popularity", "Explicit", "Added By", "Added At", "Genres", "Record Label", *FEATURES)


OLDER = ("Track URI", "Track Name", "Artist URI(s)", "Artist Name(s)", "Album URI", "Album Name",
         "Album Artist URI(s)", "Album Artist Name(s)", "Album Release Date", "Album Image URL", "Disc Number",
         "Track Number", "Track Duration (ms)", "Track Preview URL", "Explicit", "Popularity", "ISRC", "Added By",
         "Added At", "Artist Genres", *FEATURES, "Album Genres", "Label", "Copyrights")


def features(seed: int) -> dict[str, str]:
    values = [f"0.{seed}1", f"0.{seed}2", str(seed % 12), f"-{seed}.5", "1", "0.05", "0.3", "0", "0.1",
              f"0.{seed}9", "120.5", "4"]
    return dict(zip(FEATURES, values))


SHARED_NAME = 'Say "Hi", then\nbye, ok'


C_NEW = {"Track URI": "spotify:track:cNew", "Track Name": "新曲", "Album Name": "新曲 - Single",
         "Artist Name(s)": "王菲;Alpha", "Release Date": "2024"}


C_CJK = {"Track URI": "spotify:track:cCjk", "Track Name": "夜に駆ける", "Album Name": "THE BOOK",
         "Artist Name(s)": "YOASOBI", "Release Date": "2021-01-06", "Duration (ms)": "261620",
         "Popularity": "77", "Explicit": "false", "Genres": "j-pop,anime", "Record Label": "Sony Music",
         **features(1)}


C_SHARED = {"Track URI": "spotify:track:cShared", "Track Name": SHARED_NAME, "Album Name": 'Quotes, Commas & "Co."',
            "Artist Name(s)": "Alpha;Beta", "Release Date": "2019-05", "Duration (ms)": "200000", "Popularity": "50",
            "Explicit": "true", "Genres": "k-pop, dance pop", "Record Label": "Label A, Label B", **features(2)}


C_NOFEAT = {"Track URI": "spotify:track:cNoFeat", "Track Name": "Quiet", "Album Name": "Gamma EP",
            "Artist Name(s)": "Gamma\t", "Release Date": "2020-02-02", "Genres": ""}


C_ALPHA2 = {"Track URI": "spotify:track:cAlpha2", "Track Name": "Second", "Album Name": "Second Album",
            "Artist Name(s)": " alpha ", "Release Date": "2022-03-04", "Genres": "k-pop,ballad", **features(3)}


C_ALPHA3 = {"Track URI": "spotify:track:cAlpha3", "Track Name": "Third", "Album Name": "Second Album",
            "Artist Name(s)": "Alpha;YOASOBI", "Release Date": "2022-03-04", "Genres": "k-pop,j-pop", **features(4)}


LATE_NIGHT_HEADER = ("artist name(s)", "TRACK NAME", " album name ", "Release date", "Track Uri")


def write_exportify(path: Path, header: tuple[str, ...], rows: list[dict[str, str]], *, quote_all: bool = False,
                    keys: tuple[str, ...] | None = None, crlf: bool = False) -> None:
    """An Exportify file: `header` spelled as given, each row's values looked up by `keys` (default: header).

    Lines end in LF as Exportify writes them, or in CRLF (as a spreadsheet saves them). A record
    holding a carriage return is quoted whole (Python's writer would leave it bare in LF lines).
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        for record in [header, *([row.get(key, "") for key in (keys or header)] for row in rows)]:
            quoted = quote_all or any("\r" in field for field in record)
            csv.writer(handle, quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL,
                       lineterminator="\r\n" if crlf else "\n").writerow(record)


def current_files() -> dict[str, tuple[tuple[str, ...], list[dict], dict]]:
    """File name -> (header, rows, writer options) of the current-generation fixture."""
    return {
        "Liked_Songs.csv": (CURRENT, [C_CJK, C_SHARED, C_NOFEAT], {"quote_all": True, "crlf": True}),
        "Road_Trip.csv": (CURRENT, [C_ALPHA2, C_SHARED, C_ALPHA3, C_CJK], {}),
        # Another spelling and order of the header, and no feature, genre or label columns at all.
        "Late Night.csv": (LATE_NIGHT_HEADER, [C_NEW],
                           {"keys": ("Artist Name(s)", "Track Name", "Album Name", "Release Date", "Track URI")}),
    }


def write_export(folder: Path, files: dict, order: list[str] | None = None) -> Path:
    folder.mkdir(parents=True)
    for name in order or list(files):
        header, rows, options = files[name]
        write_exportify(folder / name, header, rows, **options)
    return folder


O1 = {"Track URI": "spotify:track:o1", "Track Name": "One", "Artist URI(s)": "spotify:artist:a1,spotify:artist:a2",
      "Artist Name(s)": "Alpha,Beta", "Album URI": "spotify:album:b1", "Album Name": "Album One",
      "Album Artist URI(s)": "spotify:artist:a1", "Album Artist Name(s)": "Alpha", "Album Release Date": "2020-01-01",
      "Album Image URL": "https://i.scdn.co/image/b1", "Track Duration (ms)": "180000", "Explicit": "false",
      "Popularity": "40", "ISRC": "KRA382000001", "Artist Genres": "k-pop,dance pop", "Label": "Label One",
      "Copyrights": "C 2020 Label One", **features(5)}


O2 = {"Track URI": "spotify:track:o2", "Track Name": "EARFQUAKE", "Artist URI(s)": "spotify:artist:tyler",
      "Artist Name(s)": "Tyler, The Creator", "Album URI": "spotify:album:b2", "Album Name": "IGOR",
      "Album Artist URI(s)": "spotify:artist:tyler", "Album Artist Name(s)": "Tyler, The Creator",
      "Album Release Date": "2019-05-17", "Artist Genres": "hip hop", "Label": "Columbia", **features(6)}


# Two URIs but three name parts: the names cannot be paired with the URIs.
O3 = {"Track URI": "spotify:track:o3", "Track Name": "Duet", "Artist URI(s)": "spotify:artist:tyler,spotify:artist:a3",
      "Artist Name(s)": "Tyler, The Creator,Gamma", "Album URI": "spotify:album:b3", "Album Name": "Duets",
      "Album Artist URI(s)": "spotify:artist:tyler", "Album Artist Name(s)": "Tyler, The Creator",
      "Album Release Date": "2021", **features(7)}


# A local file: no artist or album URI, no features.
O4 = {"Track URI": "spotify:local:Local+Artist:Local+Album:Local+Song:200", "Track Name": "Local Song",
      "Artist Name(s)": "Local Artist", "Album Name": "Local Album"}


O5 = {"Track URI": "spotify:track:o5", "Track Name": "紅蓮華", "Artist URI(s)": "spotify:artist:lisa",
      "Artist Name(s)": "LiSA", "Album URI": "spotify:album:b5", "Album Name": "紅蓮華",
      "Album Artist URI(s)": "spotify:artist:lisa", "Album Artist Name(s)": "LiSA", "Album Release Date": "2019-07-03",
      "Artist Genres": "j-pop,anime", "Label": "SACRA MUSIC", **features(8)}


SHUFFLED_OLDER = tuple(random.Random(3).sample([name.upper() for name in OLDER], len(OLDER)))


def older_files() -> dict:
    """File name -> (header, rows, writer options) of the older-generation fixture."""
    # Rainy Days has its header upper-cased and shuffled; its rows are looked up by the original spelling.
    spelling = {name.upper(): name for name in OLDER}
    return {
        "liked_songs.csv": (OLDER, [O1, O5], {"quote_all": True}),
        "Gym_Mix.csv": (OLDER, [O1, O2, O3], {}),
        "Rainy Days.csv": (SHUFFLED_OLDER, [O5, O4, O1], {"keys": tuple(spelling[name] for name in SHUFFLED_OLDER)}),
    }


# --- builds shared and commands run -----------------------------------------------------------------

VENV_BIN = Path(sys.executable).parent


def copy_build(build: Build, work: Path) -> Build:
    """A copy of a finished build under `work`, as if `build_atlas(raw, work)` had made it there.

    The DuckDB file, the folders beside it and docs_out/ are copied (modification times kept), so a
    build on `work` is a rebuild; the copy carries the original build's Dagster result.
    """
    source = build.settings.duckdb_path.parent
    assert build.settings.docs_out == source / "docs_out", "copy_build copies builds whose docs_out is in their work folder"
    shutil.copytree(source, work)
    return Build(Settings.of(build.settings.raw_dir, work / build.settings.duckdb_path.name, work / "docs_out"), build.result)


def cli_env(**variables: str) -> dict[str, str]:
    """The environment for a `dg`/`dagster` command: the venv's bin first on PATH (dbt must be on it), plus `variables`."""
    path = os.pathsep.join([str(VENV_BIN), *[p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != str(VENV_BIN)]])
    return {**os.environ, "PATH": path, "VIRTUAL_ENV": str(VENV_BIN.parent), **variables}


# --- track tables ---------------------------------------------------------------------------------

ROOT = "../../../"
HEIZE_IMAGE = "https://i.scdn.co/image/ab67616d0000b2737f22ff3c2da84dfc06101e23"
TRACK_TABLE_COLUMNS = ["track_uri", "track_name", "album_name", "album_image_url", "liked", "artists", "labels"]


def track(name, uri, *, album="And July", image=None, liked=False, artists=(("HEIZE", "heize"),), labels=()):
    """One track-table row; credits are (name, slug or None) pairs."""
    return {
        "track_uri": uri,
        "track_name": name,
        "album_name": album,
        "album_image_url": image,
        "liked": liked,
        "artists": list(artists),
        "labels": list(labels),
    }


def frame(rows):
    """Track-table DataFrame from row dicts."""
    return pd.DataFrame(rows, columns=TRACK_TABLE_COLUMNS)
