"""Exportify exports (one CSV file per playlist) landed in the ten tables of the normalised layout."""

from __future__ import annotations

import csv
import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assets.exportify import is_exportify_export, land_exportify_export, playlist_uri
from assets.landing import CSV_REJECTS, RAW_TABLES, RawExportError
from assets.settings import DBT_PROJECT_DIR, DEMO_LIBRARY_DIR

REAL_EXPORTIFY = Path(__file__).resolve().parents[2] / "shared" / "data" / "exportify"
needs_real_exportify = pytest.mark.skipif(
    not (REAL_EXPORTIFY / "Liked_Songs.csv").is_file(),
    reason=f"the real Exportify export is not at {REAL_EXPORTIFY} (../shared is absent)",
)

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


# --- the current header generation --------------------------------------------------------------

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


# --- the older header generation ----------------------------------------------------------------

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


# --- helpers ------------------------------------------------------------------------------------

def land(folder: Path, landing: Path):
    return land_exportify_export(folder, landing)


def table(landing: Path, name: str, columns: str = "*", where: str = "true") -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(f"select {columns} from read_parquet('{landing / name}.parquet') where {where}").fetchall()


def every_table(landing: Path) -> dict[str, list[tuple]]:
    return {name: table(landing, name) for name in [*RAW_TABLES, CSV_REJECTS]}


def name_key(kind: str, text: str) -> str:
    return f"exportify:{kind}:{hashlib.sha1(text.encode()).hexdigest()[:22]}"


def artist_key(name: str) -> str:
    return name_key("artist", name.strip().lower())


def album_key(name: str, first_artist: str, release_date: str) -> str:
    return name_key("album", "\x1f".join([name.lower(), first_artist.lower(), release_date]))


@pytest.fixture(scope="module")
def current(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("current")
    land(write_export(work / "raw", current_files()), work / "landing")
    return work / "landing"


@pytest.fixture(scope="module")
def older(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("older")
    land(write_export(work / "raw", older_files()), work / "landing")
    return work / "landing"


# --- the current generation ---------------------------------------------------------------------

def test_the_landed_files_are_those_of_a_normalised_export(current):
    with duckdb.connect() as con:
        for name, columns in RAW_TABLES.items():
            schema = con.execute(f"describe select * from read_parquet('{current / name}.parquet')").fetchall()
            assert [(c[0], c[1]) for c in schema] == [*((c, "VARCHAR") for c in columns), ("_file", "VARCHAR"),
                                                      ("_line", "BIGINT")], name
        rejects = con.execute(f"describe select * from read_parquet('{current / CSV_REJECTS}.parquet')").fetchall()
        assert [c[0] for c in rejects] == ["source_file", "source_line", "column_name", "reason", "raw_text"]


def test_current_generation_counts_and_dedup(current):
    counts = {name: len(rows) for name, rows in every_table(current).items()}
    assert counts == {
        "tracks": 6,  # cNew, cCjk, cShared, cNoFeat, cAlpha2, cAlpha3: the tracks in two files once
        "albums": 5,  # Second Album holds two tracks
        "artists": 5,  # Alpha, Beta, YOASOBI, Gamma, 王菲 (" alpha " is Alpha)
        "audio_features": 4,  # cNoFeat has empty features, cNew's file has no feature columns
        "track_artist": 9,
        "album_artist": 5,
        "artist_genre": 6,
        "liked_tracks": 3,
        "playlists": 2,
        "playlist_track": 5,
        CSV_REJECTS: 0,
    }
    # A deduplicated entity points at its first occurrence, files read in name order (Late Night,
    # Liked_Songs, Road_Trip); _line counts records, as for a normalised export.
    assert table(current, "tracks", "uri, _file, _line") == [
        ("spotify:track:cNew", "Late Night.csv", 2),
        ("spotify:track:cCjk", "Liked_Songs.csv", 2),
        ("spotify:track:cShared", "Liked_Songs.csv", 3),
        ("spotify:track:cNoFeat", "Liked_Songs.csv", 4),
        ("spotify:track:cAlpha2", "Road_Trip.csv", 2),
        ("spotify:track:cAlpha3", "Road_Trip.csv", 4),
    ]
    assert table(current, "artists", "name, uri, _file, _line") == [
        ("王菲", artist_key("王菲"), "Late Night.csv", 2),
        ("Alpha", artist_key("Alpha"), "Late Night.csv", 2),
        ("YOASOBI", artist_key("yoasobi"), "Liked_Songs.csv", 2),
        ("Beta", artist_key("Beta"), "Liked_Songs.csv", 3),
        ("Gamma", artist_key("Gamma"), "Liked_Songs.csv", 4),
    ]


def test_current_generation_values(current):
    [(name, popularity, explicit, duration, album)] = table(
        current, "tracks", "name, popularity, explicit, duration_ms, album_uri", "uri = 'spotify:track:cShared'")
    assert (name, popularity, explicit, duration) == (SHARED_NAME, "50", "true", "200000")
    assert album == album_key('Quotes, Commas & "Co."', "Alpha", "2019-05")
    assert table(current, "albums", "name, album_type, label, release_date, uri", f"uri = '{album}'") == [
        ('Quotes, Commas & "Co."', None, "Label A, Label B", "2019-05", album)]
    assert table(current, "tracks", "name, album_uri", "uri = 'spotify:track:cCjk'") == [
        ("夜に駆ける", album_key("THE BOOK", "YOASOBI", "2021-01-06"))]
    # Tracks of one album (same name, first artist and date) share it.
    assert len({uri for (uri,) in table(current, "tracks", "album_uri", "uri like 'spotify:track:cAlpha%'")}) == 1
    assert table(current, "track_artist", "artist_uri, artist_index", "track_uri = 'spotify:track:cShared'") == [
        (artist_key("Alpha"), "0"), (artist_key("Beta"), "1")]
    assert table(current, "audio_features", "danceability, key, tempo, time_signature, _file, _line",
                 "track_uri = 'spotify:track:cShared'") == [("0.21", "2", "120.5", "4", "Liked_Songs.csv", 3)]
    assert {uri for (uri,) in table(current, "audio_features", "track_uri")} == {
        "spotify:track:cCjk", "spotify:track:cShared", "spotify:track:cAlpha2", "spotify:track:cAlpha3"}
    # The album's artist is the track's primary artist, the one its key is built from.
    assert table(current, "album_artist", "artist_uri", f"album_uri = '{album}'") == [(artist_key("Alpha"),)]


def test_genres_go_to_the_primary_artist(current):
    genres = table(current, "artist_genre", "artist_uri, genre, _file, _line")
    assert genres == [
        (artist_key("YOASOBI"), "j-pop", "Liked_Songs.csv", 2),
        (artist_key("YOASOBI"), "anime", "Liked_Songs.csv", 2),
        (artist_key("Alpha"), "k-pop", "Liked_Songs.csv", 3),
        (artist_key("Alpha"), "dance pop", "Liked_Songs.csv", 3),
        (artist_key("Alpha"), "ballad", "Road_Trip.csv", 2),
        (artist_key("Alpha"), "j-pop", "Road_Trip.csv", 4),
    ]
    # Beta is credited second on cShared only: none of that track's genres are hers.
    assert not table(current, "artist_genre", where=f"artist_uri = '{artist_key('Beta')}'")


def test_playlists_from_file_names_and_liked_songs(current):
    assert table(current, "playlists", "name, collaborative, public, uri, image_url, _file, _line") == [
        ("Late Night", None, None, playlist_uri(Path("Late Night.csv")), None, "Late Night.csv", 1),
        ("Road Trip", None, None, playlist_uri(Path("Road_Trip.csv")), None, "Road_Trip.csv", 1),
    ]
    assert playlist_uri(Path("Road_Trip.csv")) == name_key("playlist", "Road_Trip.csv")
    road_trip = playlist_uri(Path("Road_Trip.csv"))
    assert table(current, "playlist_track", "playlist_uri, track_uri, _line", f"playlist_uri = '{road_trip}'") == [
        (road_trip, "spotify:track:cAlpha2", 2), (road_trip, "spotify:track:cShared", 3),
        (road_trip, "spotify:track:cAlpha3", 4), (road_trip, "spotify:track:cCjk", 5)]
    assert table(current, "liked_tracks") == [
        ("spotify:track:cCjk", "Liked_Songs.csv", 2), ("spotify:track:cShared", "Liked_Songs.csv", 3),
        ("spotify:track:cNoFeat", "Liked_Songs.csv", 4)]


def test_keys_are_stable_across_runs_and_file_order_on_disk(tmp_path, current):
    files = current_files()
    for run, order in enumerate([list(files), list(reversed(files))]):
        raw = write_export(tmp_path / f"raw{run}", files, order)
        land(raw, tmp_path / f"landing{run}")
    first, second = every_table(tmp_path / "landing0"), every_table(tmp_path / "landing1")
    assert first == second == every_table(current)


# --- the older generation -----------------------------------------------------------------------

def test_older_generation(older):
    counts = {name: len(rows) for name, rows in every_table(older).items()}
    assert counts == {"tracks": 5, "albums": 5, "artists": 6, "audio_features": 4, "track_artist": 7,
                      "album_artist": 5, "artist_genre": 5, "liked_tracks": 2, "playlists": 2,
                      "playlist_track": 6, CSV_REJECTS: 0}
    local = "spotify:local:Local+Artist:Local+Album:Local+Song:200"
    assert table(older, "tracks", "uri, album_uri, isrc, duration_ms, _file, _line") == [
        ("spotify:track:o1", "spotify:album:b1", "KRA382000001", "180000", "Gym_Mix.csv", 2),
        ("spotify:track:o2", "spotify:album:b2", None, None, "Gym_Mix.csv", 3),
        ("spotify:track:o3", "spotify:album:b3", None, None, "Gym_Mix.csv", 4),
        ("spotify:track:o5", "spotify:album:b5", None, None, "Rainy Days.csv", 2),
        (local, album_key("Local Album", "Local Artist", ""), None, None, "Rainy Days.csv", 3),
    ]
    # Artist names separated by `,` are paired with the URIs; a single URI takes the whole text
    # ("Tyler, The Creator"); when the counts differ nothing is paired (a3 has no name).
    assert dict(table(older, "artists", "uri, name")) == {
        "spotify:artist:a1": "Alpha", "spotify:artist:a2": "Beta", "spotify:artist:tyler": "Tyler, The Creator",
        "spotify:artist:a3": None, "spotify:artist:lisa": "LiSA", artist_key("Local Artist"): "Local Artist"}
    assert table(older, "track_artist", "track_uri, artist_uri, artist_index", "track_uri = 'spotify:track:o3'") == [
        ("spotify:track:o3", "spotify:artist:tyler", "0"), ("spotify:track:o3", "spotify:artist:a3", "1")]
    assert table(older, "albums", "name, label, release_date, image_url", "uri = 'spotify:album:b1'") == [
        ("Album One", "Label One", "2020-01-01", "https://i.scdn.co/image/b1")]
    assert set(table(older, "album_artist", "album_uri, artist_uri")) == {
        ("spotify:album:b1", "spotify:artist:a1"), ("spotify:album:b2", "spotify:artist:tyler"),
        ("spotify:album:b3", "spotify:artist:tyler"), ("spotify:album:b5", "spotify:artist:lisa"),
        (album_key("Local Album", "Local Artist", ""), artist_key("Local Artist"))}
    assert set(table(older, "artist_genre", "artist_uri, genre")) == {
        ("spotify:artist:a1", "k-pop"), ("spotify:artist:a1", "dance pop"), ("spotify:artist:tyler", "hip hop"),
        ("spotify:artist:lisa", "j-pop"), ("spotify:artist:lisa", "anime")}
    assert table(older, "liked_tracks", "track_uri") == [("spotify:track:o1",), ("spotify:track:o5",)]
    assert table(older, "playlists", "name") == [("Gym Mix",), ("Rainy Days",)]
    assert local not in {uri for (uri,) in table(older, "audio_features", "track_uri")}


def test_header_is_matched_case_insensitively_in_any_order(tmp_path, older):
    # The same rows under the canonical header: the tables are the same as with the shuffled one.
    files = older_files()
    header, rows, _ = files["Rainy Days.csv"]
    assert header != OLDER and {name.lower() for name in header} == {name.lower() for name in OLDER}
    files["Rainy Days.csv"] = (OLDER, rows, {})
    land(write_export(tmp_path / "raw", files), tmp_path / "landing")
    assert every_table(tmp_path / "landing") == every_table(older)
    assert is_exportify_export(tmp_path / "raw")


# --- values for dbt to judge, reader rejects, unusable exports ----------------------------------

def test_values_are_landed_as_text_and_bad_records_are_reader_rejects(tmp_path):
    bad = {**C_CJK, "Danceability": "abc", "Energy": "1.7", "Popularity": "lots"}
    raw = tmp_path / "raw"
    raw.mkdir()
    write_exportify(raw / "Mix.csv", CURRENT, [bad, C_SHARED])
    with (raw / "Mix.csv").open("a", encoding="utf-8") as handle:
        handle.write("spotify:track:short,Too short\n")
    write_exportify(raw / "Other.csv", CURRENT, [C_NOFEAT])
    report = land(raw, tmp_path / "landing")
    landing = tmp_path / "landing"
    assert table(landing, "audio_features", "danceability, energy", "track_uri = 'spotify:track:cCjk'") == [
        ("abc", "1.7")]
    assert table(landing, "tracks", "popularity", "uri = 'spotify:track:cCjk'") == [("lots",)]
    assert report.rows["tracks"] == 3 and report.rejected == {"Mix.csv": 1}
    # The record's line counts records (the header, then two rows, one of them on two lines).
    [(file, line, reason, text)] = table(landing, CSV_REJECTS, "source_file, source_line, reason, raw_text")
    assert (file, line, text) == ("Mix.csv", 4, "spotify:track:short,Too short")
    assert reason.startswith("missing columns")
    assert table(landing, "tracks", "uri, _file, _line") == [
        ("spotify:track:cCjk", "Mix.csv", 2), ("spotify:track:cShared", "Mix.csv", 3),
        ("spotify:track:cNoFeat", "Other.csv", 2)]


def test_a_file_the_csv_reader_cannot_read_is_named(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    # CRLF line ends, then one LF: DuckDB's reader stops with an error of its own on this file.
    (raw / "Mixed_Ends.csv").write_bytes(
        b"Track URI,Track Name,Artist Name(s)\r\nspotify:track:1,One,A\r\nspotify:track:2,Two,B\n")
    with pytest.raises(RawExportError, match=r"^Mixed_Ends\.csv: the CSV reader cannot read the file"):
        land(raw, tmp_path / "landing")


def test_unusable_exports_are_named(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RawExportError, match="empty: no CSV files"):
        land(empty, tmp_path / "landing")
    (empty / "notes.txt").write_text("not a playlist\n", encoding="utf-8")
    with pytest.raises(RawExportError, match="no CSV files"):
        land(empty, tmp_path / "landing")
    with pytest.raises(RawExportError, match="does not exist"):
        land(tmp_path / "nowhere", tmp_path / "landing")

    no_uri = write_export(tmp_path / "no_uri", current_files())
    write_exportify(no_uri / "Broken_Mix.csv", CURRENT[1:], [C_CJK])
    with pytest.raises(RawExportError, match=r"^Broken_Mix\.csv: missing column 'Track URI'$"):
        land(no_uri, tmp_path / "landing")
    assert not (tmp_path / "landing").exists()  # nothing landed from an unusable export
    assert is_exportify_export(no_uri)  # so the Exportify reader names the broken file

    latin1 = write_export(tmp_path / "latin1", current_files())
    write_exportify(latin1 / "Zed.csv", CURRENT, [C_CJK])
    with (latin1 / "Zed.csv").open("ab") as handle:
        handle.write("spotify:track:x,Beyoncé\n".encode("latin-1"))
    with pytest.raises(RawExportError, match=r"^Zed\.csv: line 3 is not UTF-8"):
        land(latin1, tmp_path / "landing")

    blank = write_export(tmp_path / "blank", current_files())
    (blank / "Blank.csv").write_text("", encoding="utf-8")
    with pytest.raises(RawExportError, match=r"Blank\.csv: the file is empty"):
        land(blank, tmp_path / "landing")


def test_exportify_folders_are_recognised(tmp_path):
    raw = write_export(tmp_path / "raw", current_files())
    assert is_exportify_export(raw)
    assert is_exportify_export(write_export(tmp_path / "older", older_files()))
    assert not is_exportify_export(DEMO_LIBRARY_DIR)
    assert not is_exportify_export(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    assert not is_exportify_export(tmp_path / "empty")


# --- the real export ----------------------------------------------------------------------------

@needs_real_exportify
def test_the_real_export_lands(tmp_path):
    assert is_exportify_export(REAL_EXPORTIFY)
    report = land(REAL_EXPORTIFY, tmp_path / "landing")
    landing = tmp_path / "landing"
    assert report.rows["tracks"] == report.rows["liked_tracks"] == report.rows["audio_features"] == 701
    assert report.rows["playlists"] == report.rows["playlist_track"] == 0 and report.rejected == {}
    with (REAL_EXPORTIFY / "Liked_Songs.csv").open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    no_genres = {line for line, row in enumerate(records, start=2) if not row["Genres"].strip()}
    assert len(no_genres) == 118
    genre_lines = {line for (line,) in table(landing, "artist_genre", "_line")}
    assert genre_lines and not genre_lines & no_genres
    # Each track's genres are its primary artist's (and a genre is given to an artist once).
    primary = {line: row["Artist Name(s)"].split(";")[0] for line, row in enumerate(records, start=2)}
    expected = {(artist_key(primary[line]), genre.strip()) for line, row in enumerate(records, start=2)
                for genre in row["Genres"].split(",") if genre.strip()}
    assert set(table(landing, "artist_genre", "artist_uri, genre")) == expected
    names = {name for (name,) in table(landing, "artists", "name")}
    assert "TOMONARI SORA" in names and "TOMONARI SORA\t" not in names
    assert all(name == name.strip() for name in names)
    assert table(landing, "artists", "count(*)", "uri = '" + artist_key("TOMONARI SORA") + "'") == [(1,)]


# --- dbt reads what was landed ------------------------------------------------------------------

def dbt_build(landing: Path, work: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATLAS_LANDING_DIR": str(landing), "ATLAS_DUCKDB_PATH": str(work / "atlas.duckdb")}
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.run(
        [str(dbt), "build", "--profiles-dir", ".", "--target-path", str(work / "target"), "--log-path",
         str(work / "logs")],
        cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize("generation", ["current", "older"])
def test_dbt_builds_on_a_landed_exportify_export(generation, request, tmp_path):
    landing = request.getfixturevalue(generation)
    result = dbt_build(landing, tmp_path)
    assert result.returncode == 0, result.stdout[-5000:]
    assert "ERROR=0" in result.stdout
    with duckdb.connect(str(tmp_path / "atlas.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from rejected_rows").fetchall() == [(0,)]
        tracks = {"current": 6, "older": 5}[generation]
        assert con.execute("select count(*), count(primary_artist_uri) from dim_tracks").fetchall() == [
            (tracks, tracks)]
