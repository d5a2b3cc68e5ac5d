"""What the dbt models make of rows a real export holds: one small generated export with such rows, built once."""

from __future__ import annotations

import re
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.defs.dbt import atlas_dbt_models
from assets.defs.raw import raw_export
from assets.defs.resources import AtlasPaths, atlas_resources
from assets.library.breakdowns import breakdowns
from assets.library.reader import read_library
from assets.site.overview_page import render_overview
from assets.site.paths import SitePaths
from assets.site.track_table import TrackRows
from tests.support import read_rows, write_rows
from tools.demo_library import generate_library

# Release dates as written -> as read (None: not a date, reported).
DATES = {
    "6/25/2013": "2013-06-25",
    "2013-06-25T00:00:00Z": "2013-06-25",
    "2013-06-25 23:30:00+09:00": "2013-06-25",
    "2013-6": "2013-06",
    "1/2/2003": "2003-01-02",
    "1999": "1999",
    "25.06.2013": None,
    "2/30/2013": None,
}
FEATURES = ("danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """The marts of a generated export holding the rows below, built once."""
    raw = tmp_path_factory.mktemp("rules") / "raw"
    generate_library(raw, 300, seed=11)
    rows = {}
    # Spotify's all-zero answer for a track it could not analyse.
    header, features = read_rows(raw / "audio_features.csv")
    for feature in FEATURES:
        features[0][header.index(feature)] = "0"
    write_rows(raw / "audio_features.csv", header, features)
    rows["unanalysed"] = features[0][header.index("track_uri")]
    # Release dates as a spreadsheet or another tool writes them, and two that name no date; labels
    # whose names hold a comma before a company suffix.
    header, albums = read_rows(raw / "albums.csv")
    for album, date in zip(albums, DATES):
        album[header.index("release_date")] = date
    albums[0][header.index("label")] = "Nippon Columbia Co., Ltd./NIPPONOPHONE"
    albums[1][header.index("label")] = albums[2][header.index("label")] = "Sony Music Entertainment America, Inc."
    albums[3][header.index("label")] = "Sony Music Entertainment America"
    write_rows(raw / "albums.csv", header, albums)
    rows["albums"] = [album[header.index("uri")] for album in albums]
    # Booleans as a spreadsheet writes them.
    header, tracks = read_rows(raw / "tracks.csv")
    tracks[0][header.index("explicit")], tracks[1][header.index("explicit")] = "TRUE", "FALSE"
    write_rows(raw / "tracks.csv", header, tracks)
    rows["tracks"] = [track[header.index("uri")] for track in tracks]
    # A playlist holding one of its library tracks a second time, after its last entry.
    header, entries = read_rows(raw / "playlist_track.csv")
    known = set(rows["tracks"])
    playlist, track = next(entry for entry in entries if entry[1] in known)
    last = max(index for index, entry in enumerate(entries) if entry[0] == playlist)
    entries.insert(last + 1, [playlist, track])
    write_rows(raw / "playlist_track.csv", header, entries)
    rows["playlist"] = playlist
    rows["playlist_tracks"] = [entry[1] for entry in entries if entry[0] == playlist and entry[1] in known]
    work = raw.parent / "work"
    paths = AtlasPaths(raw_dir=str(raw), duckdb_path=str(work / "atlas.duckdb"), docs_out=str(work / "docs_out"))
    dg.materialize([raw_export, atlas_dbt_models], resources=atlas_resources(paths), instance=dg.DagsterInstance.ephemeral())
    return work / "atlas.duckdb", rows


def query(duckdb_path: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_an_all_zero_analysis_is_a_track_without_features_and_is_reported(built):
    duckdb_path, rows = built
    uri = rows["unanalysed"]

    assert query(duckdb_path, "select has_audio_features, danceability, tempo from dim_tracks where track_uri = ?", uri) == [
        (False, None, None)
    ]
    [(line, column, reason)] = query(
        duckdb_path,
        "select source_line, column_name, reason from rejected_rows where source_file = 'audio_features.csv'"
        " and raw_text like ? || '%'", uri,
    )
    assert (line, column) == (2, "danceability")
    assert reason.startswith("not analysed: danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, tempo are all 0")


def test_release_dates_are_read_in_the_forms_tools_write_and_an_unreadable_one_is_reported(built):
    duckdb_path, rows = built
    read = dict(query(duckdb_path, "select album_uri, release_date from dim_albums"))

    assert [read[uri] for uri in rows["albums"][:len(DATES)]] == list(DATES.values())
    assert query(duckdb_path, "select release_year from dim_albums where album_uri = ?", rows["albums"][0]) == [(2013,)]
    reported = query(
        duckdb_path,
        "select source_line, column_name, reason, row_kept from rejected_rows where source_file = 'albums.csv'"
        " order by source_line",
    )
    unreadable = [date for date, iso in DATES.items() if iso is None]
    assert reported == [
        (list(DATES).index(date) + 2, "release_date", f"not a date: {date}", True) for date in unreadable
    ]


def test_booleans_as_a_spreadsheet_writes_them_are_read(built):
    duckdb_path, rows = built

    assert query(duckdb_path, "select track_uri, is_explicit from dim_tracks where track_uri in (?, ?) order by is_explicit desc",
                 *rows["tracks"][:2]) == [(rows["tracks"][0], True), (rows["tracks"][1], False)]


def test_a_track_listed_twice_in_a_playlist_keeps_both_places(built):
    duckdb_path, rows = built
    playlist, expected = rows["playlist"], rows["playlist_tracks"]

    assert expected[0] == expected[-1]
    assert query(duckdb_path, "select track_uri from bridge_playlist_tracks where playlist_uri = ? order by position",
                 playlist) == [(uri,) for uri in expected]
    assert query(duckdb_path, "select track_count from dim_playlists where playlist_uri = ?", playlist) == [(len(expected),)]
    assert query(duckdb_path, "select count(*) from rejected_rows where reason like 'duplicate key%'") == [(0,)]
    # The playlist's page lists the track at both places, in the playlist's order.
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        library = read_library(con)
    paths = SitePaths(library)
    track_rows = TrackRows(library.tracks.assign(
        artists=[[(name, None) for _, name in credits] for credits in library.tracks["artists"]],
        labels=[[(name, None) for _, name in credits] for credits in library.tracks["labels"]],
    ))
    [owner] = library.entities["playlists"].query("key == @playlist").itertuples(index=False)
    page = render_overview(library, paths, track_rows, "playlists", owner, breakdowns(library, "playlists"), None, None)
    listed = re.findall(r"open\.spotify\.com/track/(\w+)", page.split("## Tracks\n", 1)[1])
    assert listed == [uri.removeprefix("spotify:track:") for uri in expected]
    assert f"{len(expected)} tracks" in page


def test_a_label_name_holding_a_comma_before_a_company_suffix_stays_whole(built):
    duckdb_path, rows = built

    assert query(duckdb_path, "select album_uri, label_spelling, label_index from bridge_album_labels"
                 " where album_uri in (?, ?) order by album_uri = ? desc, label_index", *rows["albums"][:2], rows["albums"][0]) == [
        (rows["albums"][0], "Nippon Columbia Co., Ltd.", 1),
        (rows["albums"][0], "NIPPONOPHONE", 2),
        (rows["albums"][1], "Sony Music Entertainment America, Inc.", 1),
    ]
    # Spellings with and without the suffix are one label, named by its most common spelling.
    labels = query(duckdb_path, "select label_name, album_count from dim_labels where label_name like 'Nippon Columbia%'"
                   " or label_name like 'Sony Music Entertainment America%' order by label_name")
    assert labels == [("Nippon Columbia Co., Ltd.", 1), ("Sony Music Entertainment America, Inc.", 3)]
