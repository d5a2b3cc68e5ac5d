"""The foundation on real data: raw export -> landing -> dbt marts in DuckDB, under Dagster."""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest

from assets.defs.resources import AtlasPaths
from assets.ingest import RAW_TABLES, RawExportError, normalised
from assets.ingest.csv_reader import land_csv_table, reader_connection
from assets.settings import DOCS_OUT_VAR, DUCKDB_PATH_VAR, RAW_DIR_VAR, from_env
from tests.support import MART_OF_RAW, REAL_LIBRARY, build_marts, copy_library, csv_records


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def query(build, sql: str) -> list[tuple]:
    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_raw_row_is_in_a_mart_or_rejected_with_a_reason(real_build):
    rejected = dict(query(real_build, "select source_file, count(*) from rejected_rows where not row_kept group by all"))
    for name in RAW_TABLES:
        in_mart = query(real_build, MART_OF_RAW[name])[0][0]
        raw = csv_records(REAL_LIBRARY / f"{name}.csv")
        assert raw == in_mart + rejected.get(f"{name}.csv", 0), name
    reasons = query(real_build, "select count(*) from rejected_rows where reason = '' or column_name = '' or source_line < 2")
    assert reasons == [(0,)]
    # The real export repeats a few playlist entries, as Spotify allows: each is kept at its place.
    assert query(real_build, "select count(*) from rejected_rows where source_file = 'playlist_track.csv'") == [(0,)]
    repeats = query(real_build, "select count(*) - count(distinct (playlist_uri, track_uri)) from bridge_playlist_tracks")
    assert repeats == [(4,)]


def _primary_artists(library: Path) -> tuple[dict[str, str], dict[str, set[str]], set[str], set[str]]:
    tracks = {row["uri"] for row in rows(library / "tracks.csv")}
    artists = {row["uri"] for row in rows(library / "artists.csv")}
    credits: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[int, str]] = {}
    for row in rows(library / "track_artist.csv"):
        if row["track_uri"] in tracks and row["artist_uri"] in artists:
            credits[row["artist_uri"]].add(row["track_uri"])
            candidate = (int(row["artist_index"]), row["artist_uri"])
            first[row["track_uri"]] = min(first.get(row["track_uri"], candidate), candidate)
    liked = {row["track_uri"] for row in rows(library / "liked_tracks.csv")} & tracks
    return {track: artist for track, (_, artist) in first.items()}, credits, liked, artists


def test_artist_and_genre_page_rules_match_a_hand_computation(real_build):
    primary, credits, liked, artists = _primary_artists(REAL_LIBRARY)
    expected_artists = {
        artist for artist, tracks in credits.items()
        if len(tracks) >= 50 or (len(tracks) >= 10 and len(tracks & liked) >= 1) or len(tracks & liked) >= 5
    }
    assert {uri for (uri,) in query(real_build, "select artist_uri from dim_artists where has_page")} == expected_artists

    genre_artists: dict[str, set[str]] = defaultdict(set)
    for row in rows(REAL_LIBRARY / "artist_genre.csv"):
        if row["artist_uri"] in artists:
            genre_artists[row["genre"]].add(row["artist_uri"])
    expected_genres = set()
    for genre, members in genre_artists.items():
        tracks = {track for track, artist in primary.items() if artist in members}
        n, n_liked = len(tracks), len(tracks & liked)
        if len(members) > 1 and (n >= 50 or (n >= 30 and n_liked >= 1) or n_liked > 20):
            expected_genres.add(genre)
    assert {genre for (genre,) in query(real_build, "select genre from dim_genres where has_page")} == expected_genres
    # A few by name, so a reader sees the rule at work.
    assert query(real_build, "select has_page from dim_genres where genre = 'k-pop'") == [(True,)]
    heize = query(real_build, "select track_count, liked_track_count, has_page from dim_artists where artist_name = 'HEIZE'")
    assert heize and heize[0][2] == (heize[0][0] >= 50 or (heize[0][0] >= 10 and heize[0][1] >= 1) or heize[0][1] >= 5)


def standardise(part: str) -> str:
    """The label rule, written out independently of the SQL."""
    text = part.upper().strip()
    prefixes = ("DISTRIBUTED BY", "DISTRIBUTED THROUGH", "UNDER EXCLUSIVE LICENCE TO")
    changed = True
    while changed:
        changed = False
        if re.match(r"^[0-9]{4} ", text):
            text, changed = text[5:].strip(), True
        for prefix in prefixes:
            if text.startswith(prefix):
                text, changed = text[len(prefix):].strip(), True
    suffixes = ("RECORDS", "LABELS", "LABEL", "MUSIC", "LIMITED", "LLC", "INC", "LTD", "*", ",", ".")
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)].rstrip(), True
    return text


COMPANY_SUFFIXES = {"INC", "INCORPORATED", "LTD", "LIMITED", "COLTD", "PTYLTD", "LLC", "LLP", "LP", "PLC", "CO", "CORP",
                    "CORPORATION", "GMBH", "AG", "KG", "SA", "SAS", "SARL", "SL", "SRL", "SPA", "BV", "NV"}


def label_parts(text: str) -> list[tuple[str, str]]:
    """(first piece, whole part) of each label a label text names: split at , / ; but not before a company suffix."""
    parts: list[list[str]] = []
    for piece in re.findall(r"[,/;][^,/;]*", "," + text):
        if parts and piece.startswith(",") and re.sub(r"[\s.,]", "", piece.upper()) in COMPANY_SUFFIXES:
            parts[-1].append(piece)
        else:
            parts.append([piece])
    return [(part[0][1:], "".join(part)[1:]) for part in parts]


def shown(part: str) -> str:
    return "Republic Records" if part.strip().startswith("Republic Records - ") else part.strip()


def test_label_rules_match_a_hand_computation(real_build):
    tracks_per_album = Counter(row["album_uri"] for row in rows(REAL_LIBRARY / "tracks.csv"))
    spellings: dict[str, Counter] = defaultdict(Counter)
    label_tracks: Counter = Counter()
    for album in {row["uri"]: row for row in rows(REAL_LIBRARY / "albums.csv")}.values():
        keys = []
        for name, whole in label_parts(album["label"]):
            spelling = shown(whole)
            key = standardise(shown(name))
            if key and key not in keys:
                keys.append(key)
                spellings[key][spelling] += 1
        for key in keys:
            label_tracks[key] += tracks_per_album[album["uri"]]
    expected = {
        key: min(counter.items(), key=lambda item: (-item[1], item[0]))[0]
        for key, counter in spellings.items() if label_tracks[key] >= 10
    }
    assert dict(query(real_build, "select label_key, label_name from dim_labels where has_page")) == expected


@pytest.mark.parametrize(
    ("label_text", "expected"),
    [
        ("Genie Music Corporation, Stone Music Entertainment",
         [("GENIE MUSIC CORPORATION", "Genie Music Corporation"), ("STONE MUSIC ENTERTAINMENT", "Stone Music Entertainment")]),
        ("2018 YG Entertainment, distributed through Interscope Records",
         [("YG ENTERTAINMENT", "2018 YG Entertainment"), ("INTERSCOPE", "distributed through Interscope Records")]),
        ("Atlantic Records", [("ATLANTIC", "Atlantic Records")]),
        ("Republic Records - TWICE", [("REPUBLIC", "Republic Records")]),
        ("Rhino/Warner Records", [("RHINO", "Rhino"), ("WARNER", "Warner Records")]),
    ],
)
def test_real_label_texts_are_split_and_standardised(real_build, label_text, expected):
    found = query(
        real_build,
        f"""select distinct bridge.label_key, bridge.label_spelling, bridge.label_index
            from bridge_album_labels as bridge join dim_albums using (album_uri)
            where dim_albums.label_text = '{label_text}' order by bridge.label_index""",
    )
    assert [(key, spelling) for key, spelling, _ in found] == expected


def test_one_duckdb_file_for_dbt_and_python(real_build):
    assert real_build.settings.duckdb_path.is_file()
    tables = {name for (name,) in query(real_build, "select table_name from duckdb_tables()")}
    assert {"dim_tracks", "rejected_rows", "track_clusters", "atlas_charts"} <= tables
    assert not list(Path(real_build.settings.duckdb_path.parent).glob("*.duckdb.wal"))


def test_relative_paths_are_resolved_once_to_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(DUCKDB_PATH_VAR, "data/atlas.duckdb")
    monkeypatch.setenv(RAW_DIR_VAR, "export")
    monkeypatch.setenv(DOCS_OUT_VAR, "site")
    environment = dict(os.environ)
    settings = from_env()
    assert settings.duckdb_path == tmp_path / "data" / "atlas.duckdb"
    assert settings.raw_dir == tmp_path / "export" and settings.docs_out == tmp_path / "site"
    # The resource resolves the same way, and dbt is given the absolute paths as --vars.
    paths = AtlasPaths(raw_dir="export", duckdb_path="data/atlas.duckdb", docs_out="site")
    assert paths.resolve() == settings
    flag, value = paths.dbt_vars()
    assert flag == "--vars" and json.loads(value) == {
        "duckdb_path": str(tmp_path / "data" / "atlas.duckdb"), "landing_dir": str(tmp_path / "data" / "atlas_landing")}
    # No module writes the environment any more: dbt gets its paths as --vars.
    assert dict(os.environ) == environment


def test_unusable_exports_are_named(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RawExportError, match="missing file tracks.csv"):
        normalised.land(empty, tmp_path / "landing")

    missing_column = copy_library(tmp_path / "missing_column")
    text = (missing_column / "albums.csv").read_text(encoding="utf-8").replace("release_date", "released", 1)
    (missing_column / "albums.csv").write_text(text, encoding="utf-8")
    with pytest.raises(RawExportError, match=r"albums.csv: missing column 'release_date'"):
        normalised.land(missing_column, tmp_path / "landing")

    latin1 = copy_library(tmp_path / "latin1")
    (latin1 / "artists.csv").write_bytes((latin1 / "artists.csv").read_bytes() + "Beyoncé,spotify:artist:x,1,1,\n".encode("latin-1"))
    lines = (latin1 / "artists.csv").read_bytes().count(b"\n")
    with pytest.raises(RawExportError, match=rf"artists.csv: line {lines} is not UTF-8"):
        normalised.land(latin1, tmp_path / "landing")

    mixed_ends = copy_library(tmp_path / "mixed_ends")
    text = (mixed_ends / "liked_tracks.csv").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    (mixed_ends / "liked_tracks.csv").write_text(first + "\r\n" + rest.replace("\n", "\r\n", 3), encoding="utf-8")
    with pytest.raises(RawExportError, match=r"^liked_tracks\.csv: the CSV reader cannot read the file"):
        normalised.land(mixed_ends, tmp_path / "landing")


def test_a_carriage_return_in_a_file_of_lf_lines_is_data(tmp_path):
    # DuckDB's own reader fails on these files: the landing reads a copy and restores the value.
    (tmp_path / "liked.csv").write_bytes(b'track_uri,note\nspotify:track:a,"one\rtwo"\nspotify:track:b,bare\rcr\n'
                                         b"spotify:track:c,x,surplus\r\n")
    con = reader_connection()
    assert land_csv_table(con, tmp_path / "liked.csv", ("track_uri", "note"), tmp_path / "liked.parquet") == 2
    assert duckdb.sql(f"select * from '{tmp_path / 'liked.parquet'}'").fetchall() == [
        ("spotify:track:a", "one\rtwo", "liked.csv", 2),
        ("spotify:track:b", "bare\rcr", "liked.csv", 3),
    ]
    [(file, line, _, reason, raw_text)] = con.sql("from csv_rejects").fetchall()
    assert (file, line, raw_text) == ("liked.csv", 4, "spotify:track:c,x,surplus\r")
    assert reason.startswith("too many columns")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["liked.csv", "liked.parquet"]  # the copy is gone


def test_row_problems_are_rejected_with_file_line_and_column(tmp_path):
    raw = copy_library(tmp_path / "raw")
    features = (raw / "audio_features.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header = features[0].rstrip("\n").split(",")
    first = features[1].rstrip("\n").split(",")
    first[header.index("energy")] = "loud"
    second = features[2].rstrip("\n").split(",")
    second[header.index("valence")] = "1.5"
    features[1], features[2] = ",".join(first) + "\n", ",".join(second) + "\n"
    features.insert(3, "0.1,0.2\n")  # too few fields
    (raw / "audio_features.csv").write_text("".join(features), encoding="utf-8")
    # rejected_rows is a dbt model: the marts are all this needs.
    build = build_marts(raw, tmp_path / "work")
    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        found = con.execute(
            "select source_line, column_name, reason from rejected_rows where source_file = 'audio_features.csv' order by 1"
        ).fetchall()
    assert (2, "energy", "not a number: loud") in found
    assert (3, "valence", "out of range (above 1): 1.5") in found
    assert any(line == 4 and reason.startswith("missing columns") for line, _, reason in found)
