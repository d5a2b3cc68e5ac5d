"""The whole atlas built from Exportify exports of both header generations."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.ingest import RAW_TABLES, RawExportError, land_export
from assets.ingest.exportify import playlist_uri
from assets.library.reader import read_library
from assets.publish.linkcheck import check_links
from assets.settings import DEMO_LIBRARY_DIR
from assets.site.paths import SitePaths
from tests.support import (
    CURRENT,
    GARBAGE_FIELDS,
    GARBAGE_VALUES,
    HOSTILE_NAMES,
    HOSTILE_RENAMES,
    OLDER,
    RENAMES,
    append_rows,
    assert_pages_are_clean,
    build_atlas,
    build_pages,
    csv_records,
    current_files,
    features,
    older_files,
    read_rows,
    rename,
    snapshot,
    write_exportify,
)
from tools.demo_library import generate_library

# Playlists of the demo library with more than 50 tracks with features: they get cluster pages.
CLUSTERED_PLAYLISTS = ("Lost Highways", "Sunday Morning", "Indie Gospel")

# One Exportify line per playlist entry of a normalised export, in the field names of both generations.
_LINES = """
with
track_artists as (
    select ta.track_uri,
           string_agg(coalesce(a.name, ''), ';' order by ta.artist_index::int) as names_current,
           string_agg(coalesce(a.name, ''), ',' order by ta.artist_index::int) as names_older,
           string_agg(ta.artist_uri, ',' order by ta.artist_index::int) as uris
    from track_artist ta left join artists a on a.uri = ta.artist_uri
    group by ta.track_uri
),
album_artists as (
    select aa.album_uri, string_agg(aa.artist_uri, ',' order by aa.artist_uri) as uris,
           string_agg(coalesce(a.name, ''), ',' order by aa.artist_uri) as names
    from album_artist aa left join artists a on a.uri = aa.artist_uri
    group by aa.album_uri
),
track_genres as (
    select ta.track_uri, string_agg(distinct ag.genre, ',' order by ag.genre) as genres
    from track_artist ta join artist_genre ag using (artist_uri)
    group by ta.track_uri
),
features as (select * from audio_features qualify row_number() over (partition by track_uri) = 1)
select
    t.uri as "Track URI", t.name as "Track Name", al.name as "Album Name",
    ta.names_current as "Artist Name(s) current", ta.names_older as "Artist Name(s) older",
    ta.uris as "Artist URI(s)", al.uri as "Album URI", aa.uris as "Album Artist URI(s)",
    aa.names as "Album Artist Name(s)", al.release_date as "Release Date", al.release_date as "Album Release Date",
    al.image_url as "Album Image URL", t.duration_ms as "Duration (ms)", t.duration_ms as "Track Duration (ms)",
    t.popularity as "Popularity", t.explicit as "Explicit", t.isrc as "ISRC",
    g.genres as "Genres", g.genres as "Artist Genres", al.label as "Record Label", al.label as "Label",
    f.danceability as "Danceability", f.energy as "Energy", f.key as "Key", f.loudness as "Loudness",
    f.mode as "Mode", f.speechiness as "Speechiness", f.acousticness as "Acousticness",
    f.instrumentalness as "Instrumentalness", f.liveness as "Liveness", f.valence as "Valence",
    f.tempo as "Tempo", f.time_signature as "Time Signature"
from entries e
join tracks t on t.uri = e.track_uri
left join albums al on al.uri = t.album_uri
left join track_artists ta on ta.track_uri = t.uri
left join album_artists aa on aa.album_uri = t.album_uri
left join track_genres g on g.track_uri = t.uri
left join features f on f.track_uri = t.uri
order by e.entry
"""


def _file_name(name: str, taken: set[str]) -> str:
    """The file Exportify would write a playlist to: `_` for blanks, no `/`, not a dot file, not taken."""
    stem = name.replace(" ", "_").replace("/", "_").replace("\0", "") or "Untitled"
    stem = "_" + stem if stem.startswith(".") else stem
    while f"{stem}.csv" in taken:
        stem += "_"
    return f"{stem}.csv"


def exportify_from_library(library: Path, folder: Path, generation: str) -> dict[str, str]:
    """Write the playlists and liked tracks of a normalised export as Exportify files.

    Returns file name -> playlist name (`Liked Songs` for the liked tracks). Entries whose track is
    missing from tracks.csv are left out, as Exportify can only export tracks Spotify knows.
    """
    con = duckdb.connect()
    for table in RAW_TABLES:
        header, rows = read_rows(library / f"{table}.csv")
        con.register(table, pd.DataFrame(rows, columns=header, dtype="object"))
    playlists = con.execute("select uri, name from playlists order by uri").fetchall()
    files = {"Liked_Songs.csv": "Liked Songs"}
    entries = {"Liked_Songs.csv": "select track_uri from liked_tracks"}
    for uri, name in playlists:
        file = _file_name(name, set(files))
        files[file] = name
        entries[file] = "select track_uri from playlist_track where playlist_uri = '" + uri.replace("'", "''") + "'"
    folder.mkdir(parents=True)
    for file, query in entries.items():
        con.execute(f"create or replace temp table entries as select track_uri, row_number() over () as entry from ({query})")
        cursor = con.execute(_LINES)
        columns = [column for column, *_ in cursor.description]
        rows = [{column: value or "" for column, value in zip(columns, line)} for line in cursor.fetchall()]
        for row in rows:
            row["Artist Name(s)"] = row[f"Artist Name(s) {generation}"]
        write_exportify(folder / file, CURRENT if generation == "current" else OLDER, rows)
    return files


BROKEN = {"Album Name": "Broken", "Artist Name(s)": "Breaker", "Release Date": "2023", "Genres": "noise",
          **features(9)}
# Lines 2-6 of Broken_Lines.csv: kept, kept with its features rejected, its track rejected, a
# repeat of line 2, no track URI; line 7 (appended raw) has a field too many.
BROKEN_LINES = [
    {**BROKEN, "Track URI": "spotify:track:bFine", "Track Name": "Fine"},
    {**BROKEN, "Track URI": "spotify:track:bLoud", "Track Name": "Too Loud", "Energy": "1.5"},
    {**BROKEN, "Track URI": "spotify:track:bPop", "Track Name": "Popular", "Popularity": "lots"},
    {**BROKEN, "Track URI": "spotify:track:bFine", "Track Name": "Fine"},
    {**BROKEN, "Track URI": "", "Track Name": "Nameless"},
]


@pytest.fixture(scope="module", params=["current", "older"])
def exportify_build(request, tmp_path_factory):
    """The atlas built from the demo library's playlists exported by Exportify, plus hand-made files."""
    work = tmp_path_factory.mktemp(f"exportify_{request.param}")
    raw = work / "raw"
    names = exportify_from_library(DEMO_LIBRARY_DIR, raw, request.param)
    hand_made = current_files() if request.param == "current" else older_files()
    hand_made["Broken_Lines.csv"] = (CURRENT, BROKEN_LINES, {})
    for name, (header, rows, options) in hand_made.items():
        if Path(name).stem.replace("_", " ").casefold() != "liked songs":
            write_exportify(raw / name, header, rows, **options)
            names[name] = Path(name).stem.replace("_", " ")
    # A record with one field too many, as a hand-edited file may have.
    with (raw / "Broken_Lines.csv").open("a", encoding="utf-8") as handle:
        handle.write("spotify:track:bExtra,Extra,Album,Artist,2020,1,1,false,,,,,,,,,,,,,,,,,surplus\n")
    # Nothing here reads the dbt docs site, so the build stops at the pages and their link check.
    return request.param, names, build_pages(raw, work)


def _query(build, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _page_slugs(build, kind: str) -> dict[str, str]:
    """Name -> slug of every page owner of one kind."""
    with duckdb.connect(str(build.settings.duckdb_path), read_only=True) as con:
        library = read_library(con)
    owners = library.entities[kind].query("has_page")
    paths = SitePaths(library)
    return {name: paths.slug(kind, key) for key, name in zip(owners["key"], owners["name"])}


def test_the_run_says_which_format_it_found(exportify_build, demo_build):
    _, _, build = exportify_build
    assert build.metadata("spotify/tracks")["format"] == "exportify"
    assert demo_build.metadata("spotify/tracks")["format"] == "normalised"


def test_an_empty_folder_is_named_before_anything_is_landed(tmp_path):
    empty = tmp_path / "raw"
    empty.mkdir()
    (empty / "notes.txt").write_text("not an export")
    with pytest.raises(RawExportError, match=r"raw: no CSV files in the raw export folder \(expected Exportify"):
        land_export(empty, tmp_path / "landing")
    assert not (tmp_path / "landing").exists()


def test_every_playlist_file_is_a_linked_playlist_page(exportify_build):
    _, names, build = exportify_build
    index = (build.settings.docs_out / "README.md").read_text(encoding="utf-8")
    playlists = _page_slugs(build, "playlists")
    # Every file but the liked songs is a playlist, named by its file name.
    assert set(playlists) == {name for name in names.values() if name != "Liked Songs"}
    for name, slug in playlists.items():
        assert (build.settings.docs_out / "playlists" / slug / "overview.md").is_file(), name
        assert f"](playlists/{slug}/overview.md)" in index, name
    road_trip = "Road Trip" if "Road Trip" in playlists else "Gym Mix"
    page = (build.settings.docs_out / "playlists" / playlists[road_trip] / "overview.md").read_text(encoding="utf-8")
    assert page.startswith(f"# {road_trip}\n")


def test_large_playlists_get_the_same_clusters_as_from_the_normalised_export(exportify_build, demo_build):
    _, _, build = exportify_build
    clusters = """
        select g.group_name, list((c.track_uri, c.cluster) order by c.track_uri)
        from cluster_groups g join track_clusters c using (group_kind, group_key)
        where g.group_kind = 'playlists' group by all order by all
    """
    from_exportify = dict(_query(build, clusters))
    assert sorted(from_exportify) == sorted(CLUSTERED_PLAYLISTS)
    assert from_exportify == dict(_query(demo_build, clusters))
    slugs = _page_slugs(build, "playlists")
    for name in CLUSTERED_PLAYLISTS:
        slug = slugs[name]
        page = build.settings.docs_out / "playlists" / slug / "clusters" / "overview.md"
        chart = build.settings.docs_out / "images" / "playlists" / slug / "clusters" / "clusters_scatter.png"
        assert page.read_text(encoding="utf-8").startswith(f"# Clusters in {name}\n")
        assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_genres_and_artists_come_from_the_export(exportify_build):
    generation, _, build = exportify_build
    genre_pages = _query(build, "select count(*) from dim_genres where has_page")[0][0]
    artist_pages = _query(build, "select count(*) from dim_artists where has_page")[0][0]
    assert genre_pages >= 3 and artist_pages >= 3
    artist_keys = {key for (key,) in _query(build, "select artist_uri from dim_artists")}
    if generation == "current":
        # No artist URIs in the current generation: every artist is keyed by its name.
        assert all(key.startswith("exportify:artist:") for key in artist_keys)
    else:
        assert all(key.startswith("spotify:artist:") for key in artist_keys - {
            key for key in artist_keys if key.startswith("exportify:artist:")})
        # Only the local file and the current-generation Broken_Lines.csv give no artist URI.
        by_name = dict(_query(build, "select artist_uri, artist_name from dim_artists where artist_uri like 'exportify:%'"))
        assert sorted(by_name.values()) == ["Breaker", "Local Artist"]


def test_names_from_the_files_are_escaped_and_every_link_resolves(exportify_build):
    _, _, build = exportify_build
    assert check_links(build.settings.docs_out).pages > 20
    assert_pages_are_clean(build)


def assert_every_line_is_accounted_for(build, files: dict[str, str]) -> dict[str, int]:
    """Each line's playlist (or liked) entry is in the marts or its line is in rejected_rows.

    Returns the lines rejected per file.
    """
    raw = build.settings.raw_dir
    entries = dict(_query(build, """
        select p.playlist_uri, count(*) from bridge_playlist_tracks p group by all
        union all select 'liked', count(*) from dim_tracks where is_liked
    """))
    # The rejections that cost a line its entry: the reader's, its track's key, its entry's keys.
    lost = dict(_query(build, r"""
        select source_file, count(distinct source_line) from rejected_rows
        where source_line > 1 and (column_name in ('track_uri', 'uri', 'playlist_uri', 'playlist_uri, track_uri')
                                   or reason not similar to '(missing value|not a|out of range|duplicate key|no row).*')
        group by all
    """))
    for name, playlist in files.items():
        key = "liked" if playlist == "Liked Songs" else playlist_uri(raw / name)
        assert csv_records(raw / name) == entries.get(key, 0) + lost.get(name, 0), name
    return lost


def test_every_line_is_in_the_marts_or_in_rejected_rows(exportify_build):
    _, files, build = exportify_build
    lost = assert_every_line_is_accounted_for(build, files)
    # Line 5 repeats line 2's entry, as a playlist may: it is kept at its own place, not lost.
    assert lost == {"Broken_Lines.csv": 3}
    # Line 4's track is rejected, so its playlist entry, features and artist credit point nowhere.
    assert _query(build, "select source_line, column_name, reason from rejected_rows "
                         "where source_file = 'Broken_Lines.csv' order by all") == [
        (3, "energy", "out of range (above 1): 1.5"),
        (4, "popularity", "not a whole number: lots"),
        (4, "track_uri", "no row in tracks.csv for spotify:track:bPop"),
        (4, "track_uri", "no row in tracks.csv for spotify:track:bPop"),
        (4, "track_uri", "no row in tracks.csv for spotify:track:bPop"),
        (6, "uri", "missing value"),
        (7, "", "too many columns: Expected Number of Columns: 24 Found: 25"),
    ]
    # The counts are in the run's metadata and on the index page.
    assert build.metadata("spotify/csv_rejects")["rejected_by_file"] == {"Broken_Lines.csv": 1}
    assert build.metadata("rejected_rows")["dagster/row_count"] == _query(build, "select count(*) from rejected_rows")[0][0]
    lost_rows = _query(build, "select count(*) from rejected_rows where not row_kept")[0][0]
    index = (build.settings.docs_out / "README.md").read_text(encoding="utf-8")
    assert f"{lost_rows} rows of the export could not be used" in index


@st.composite
def exportify_exports(draw):
    """A generated library with hostile names, exported by Exportify, with garbage lines appended."""
    generation = draw(st.sampled_from(["current", "older"]))
    # Garbage lines: as drawn (mostly too few fields) or stretched to the header's width.
    garbage = draw(st.lists(st.tuples(st.integers(0, 50), GARBAGE_FIELDS, st.booleans()), max_size=8))
    return generation, draw(RENAMES), garbage


# Lines every example appends to its first files: garbage values across the whole header, hostile
# names in too few fields, a blank line.
KNOWN_GARBAGE = [(target, fields, stretch) for target in range(3)
                 for fields, stretch in [(GARBAGE_VALUES, True), (HOSTILE_NAMES[:3], False), ([], False)]]


# Each example is a build (about 15 s; the dbt docs site is left out). Every example also carries
# the known hostile names and garbage lines, so the first, simplest one (the current generation)
# already exercises them; the second is drawn (the older generation in the repeatable profile).
# `--hypothesis-profile=explore` draws new examples on every run.
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(export=exportify_exports(), seed=st.integers(0, 1000))
def test_hostile_exportify_exports_build_and_account_for_every_line(tmp_path_factory, export, seed):
    generation, renames, garbage = export
    tmp = tmp_path_factory.mktemp("hostile_exportify")
    library = tmp / "library"
    generate_library(library, 300, seed)
    rename(library, [*HOSTILE_RENAMES, *renames])
    raw = tmp / "raw"
    files = exportify_from_library(library, raw, generation)
    width = len(CURRENT if generation == "current" else OLDER)
    for target, fields, stretch in [*KNOWN_GARBAGE, *garbage]:
        line = (fields * width)[:width] if stretch and fields else fields
        append_rows(raw / sorted(files)[target % len(files)], [line])

    build = build_pages(raw, tmp / "work")

    assert_every_line_is_accounted_for(build, files)
    assert_pages_are_clean(build)


# One generation is enough to show determinism and the failure path; each build takes a while.
@pytest.mark.parametrize("exportify_build", ["current"], indirect=True)
def test_pages_are_byte_identical_across_builds(exportify_build, tmp_path):
    _, _, build = exportify_build
    again = build_pages(build.settings.raw_dir, tmp_path)
    assert again.files() == build.files()


@pytest.mark.parametrize("exportify_build", ["current"], indirect=True)
def test_an_unreadable_exportify_file_stops_the_build_and_keeps_the_last_atlas(exportify_build, tmp_path):
    _, _, build = exportify_build
    raw = tmp_path / "raw"
    shutil.copytree(build.settings.raw_dir, raw)
    before = snapshot(build.settings.docs_out)
    (raw / "Road_Trip.csv").write_bytes((raw / "Road_Trip.csv").read_bytes() + "Caf\xe9,x\n".encode("latin-1"))
    failed = build_atlas(raw, tmp_path, raise_on_error=False, docs_out=build.settings.docs_out,
                         duckdb_path=build.settings.duckdb_path)
    [failure] = [e for e in failed.result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    # Physical line 7: a track name on line 3 holds a line break.
    assert "Road_Trip.csv: line 7 is not UTF-8 text" in str(failure.event_specific_data.error)
    assert snapshot(build.settings.docs_out) == before
