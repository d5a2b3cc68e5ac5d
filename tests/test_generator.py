"""Tests for the synthetic music-library generator (tools/demo_library)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assets.ingest.layout import RAW_KEYS, RAW_TABLES
from tools.demo_library import DEMO_SEED, DEMO_TRACKS, generate_library

ROOT = Path(__file__).resolve().parents[1]

FEATURES_01 = [
    "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence",
]


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False) for name in RAW_TABLES}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int], dict[str, pd.DataFrame]]:
    folder = tmp_path_factory.mktemp("demo")
    counts = generate_library(folder, DEMO_TRACKS, DEMO_SEED)
    return folder, counts, read_tables(folder)


@pytest.fixture(scope="module")
def tables(demo) -> dict[str, pd.DataFrame]:
    return demo[2]


@pytest.fixture(scope="module")
def track_genres(tables) -> pd.DataFrame:
    """(track_uri, artist_uri, genre): a track's genres are those of its primary artist."""
    credits = tables["track_artist"]
    primary = credits[credits["artist_index"] == "0"][["track_uri", "artist_uri"]]
    return primary.merge(tables["artist_genre"], on="artist_uri")


def test_ten_files_with_exact_headers(demo):
    folder, counts, _ = demo
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in RAW_TABLES)
    for name, columns in RAW_TABLES.items():
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
            assert f.readline() == ",".join(columns) + "\n"


def test_counts_are_row_counts(demo):
    _, counts, tables = demo
    assert set(counts) == set(RAW_TABLES)
    for name, frame in tables.items():
        assert counts[name] == len(frame), name
    assert counts["tracks"] >= 1000


def test_csv_is_well_formed(demo):
    folder, _, _ = demo
    for name, columns in RAW_TABLES.items():
        raw = (folder / f"{name}.csv").read_bytes()
        assert b"\r" not in raw
        raw.decode("utf-8")
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, strict=True))
        assert all(len(row) == len(columns) for row in rows), name


def test_keys_are_unique(tables):
    for name, key in RAW_KEYS.items():
        frame = tables[name]
        assert not frame.duplicated(list(key)).any(), name
        assert (frame[list(key)] != "").all().all(), name


def test_same_seed_gives_identical_bytes_other_seed_differs(demo, tmp_path):
    folder, _, _ = demo
    again = tmp_path / "again"
    other = tmp_path / "other"
    generate_library(again, DEMO_TRACKS, DEMO_SEED)
    generate_library(other, DEMO_TRACKS, DEMO_SEED + 1)
    for name in RAW_TABLES:
        assert (again / f"{name}.csv").read_bytes() == (folder / f"{name}.csv").read_bytes(), name
    assert (other / "tracks.csv").read_bytes() != (folder / "tracks.csv").read_bytes()
    assert (other / "artists.csv").read_bytes() != (folder / "artists.csv").read_bytes()


def test_formats(tables):
    tracks, albums, artists, playlists = tables["tracks"], tables["albums"], tables["artists"], tables["playlists"]
    assert tracks["uri"].str.fullmatch(r"spotify:track:[0-7][0-9A-Za-z]{21}").all()
    assert tracks["album_uri"].str.fullmatch(r"spotify:album:[0-7][0-9A-Za-z]{21}").all()
    assert albums["uri"].str.fullmatch(r"spotify:album:[0-7][0-9A-Za-z]{21}").all()
    assert artists["uri"].str.fullmatch(r"spotify:artist:[0-7][0-9A-Za-z]{21}").all()
    assert playlists["uri"].str.fullmatch(r"spotify:playlist:[0-7][0-9A-Za-z]{21}").all()
    assert tracks["explicit"].isin(["True", "False"]).all()
    assert tracks["explicit"].eq("True").any()
    assert playlists["collaborative"].isin(["True", "False"]).all()
    assert playlists["public"].isin(["True", "False"]).all()
    assert tracks["isrc"].str.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}[0-9]{7}").all()
    assert tracks["popularity"].astype(int).between(0, 100).all()
    assert (tracks["duration_ms"].astype(int) > 0).all()
    assert albums["album_type"].isin(["album", "single", "compilation"]).all()
    assert set(albums["album_type"]) == {"album", "single", "compilation"}
    assert albums["image_url"].str.fullmatch(r"https://i\.scdn\.co/image/ab67616d0000b273[0-9a-f]{24}").all()
    image = artists["image_url"]
    assert image[image != ""].str.fullmatch(r"https://i\.scdn\.co/image/ab6761610000e5eb[0-9a-f]{24}").all()
    album_image = r"ab67616d0000b273[0-9a-f]{24}"
    assert playlists["image_url"].str.fullmatch(
        rf"https://(i\.scdn\.co/image/{album_image}|mosaic\.scdn\.co/640/({album_image}){{4}})"
    ).all()
    dates = albums["release_date"]
    assert dates.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    assert {len(d) for d in dates} == {4, 7, 10}
    assert pd.to_datetime(dates[dates.str.len() == 10], format="%Y-%m-%d").notna().all()
    assert (albums["total_tracks"].astype(int) >= 1).all()
    assert artists["followers"].astype(int).ge(0).all()
    assert tables["track_artist"]["artist_index"].isin(["0", "1", "2", "3"]).all()


def test_artists_have_a_long_tail(tables):
    credits = tables["track_artist"]
    per_artist = credits[credits["artist_index"] == "0"]["artist_uri"].value_counts()
    assert (per_artist >= 50).sum() >= 2
    assert (per_artist <= 3).sum() >= len(per_artist) // 4
    assert 0.8 * DEMO_TRACKS / 8 <= len(tables["artists"]) <= 1.2 * DEMO_TRACKS / 8


def test_genres_have_a_long_tail(tables, track_genres):
    per_genre = track_genres.groupby("genre").agg(tracks=("track_uri", "nunique"), artists=("artist_uri", "nunique"))
    big = per_genre[(per_genre["tracks"] >= 50) & (per_genre["artists"] > 1)]
    assert len(big) >= 3
    assert (per_genre["tracks"] < 30).sum() >= 15
    genres_per_artist = tables["artist_genre"].groupby("artist_uri").size()
    assert genres_per_artist.between(1, 4).all()
    assert set(tables["artists"]["uri"]) == set(genres_per_artist.index)
    assert 40 <= tables["artist_genre"]["genre"].nunique() <= 200


def test_genres_set_audio_features(tables, track_genres):
    features = tables["audio_features"].copy()
    for column in FEATURES_01:
        features[column] = features[column].astype(float)
    # The features follow the artist's first genre, so look at genres whose tracks are mostly
    # of artists that have it first.
    first = tables["artist_genre"].drop_duplicates("artist_uri")
    credits = tables["track_artist"]
    primary = credits[credits["artist_index"] == "0"][["track_uri", "artist_uri"]]
    joined = primary.merge(first, on="artist_uri").merge(features, on="track_uri")
    means = joined.groupby("genre")[FEATURES_01].agg(["mean", "count"])
    big = means[means[("energy", "count")] >= 30]
    assert len(big) >= 3
    assert big[("energy", "mean")].max() - big[("energy", "mean")].min() > 0.2
    assert big[("acousticness", "mean")].max() - big[("acousticness", "mean")].min() > 0.2
    # Within a genre the tracks are much closer together than across the whole library.
    within = joined.groupby("genre")["energy"].std().median()
    assert within < 0.75 * joined["energy"].std()


def test_audio_feature_ranges(tables):
    features = tables["audio_features"]
    for column in FEATURES_01:
        values = features[column].astype(float)
        assert values.between(0, 1).all(), column
    loudness = features["loudness"].astype(float)
    assert loudness.between(-40, 0).all()
    assert loudness.min() < -20 and loudness.max() > -6
    assert np.corrcoef(loudness, features["energy"].astype(float))[0, 1] > 0.5
    assert features["tempo"].astype(float).between(60, 200).all()
    assert features["key"].astype(int).between(-1, 11).all()
    assert set(features["mode"]) <= {"0", "1"}
    assert set(features["time_signature"].astype(int)) <= {3, 4, 5}
    assert not features[FEATURES_01].apply(lambda c: c.str.startswith("-")).any().any()


def test_multi_artist_tracks(tables):
    credits = tables["track_artist"]
    per_track = credits.groupby("track_uri").size()
    share = (per_track >= 2).mean()
    assert 0.12 <= share <= 0.3
    assert (per_track >= 3).any()
    assert set(credits["artist_index"]) >= {"0", "1", "2"}
    assert (credits["artist_index"] == "0").sum() == len(tables["tracks"])
    assert tables["tracks"]["name"].str.contains(r"\(feat\. ", regex=True).any()


def test_albums_group_tracks_of_one_artist(tables):
    tracks, albums = tables["tracks"], tables["albums"]
    per_album = tracks["album_uri"].value_counts()
    assert per_album.max() <= 20
    assert (per_album == 1).any() and (per_album >= 8).any()
    album_artist = tables["album_artist"]
    assert set(album_artist["album_uri"]) == set(albums["uri"])
    credits = tables["track_artist"]
    primary = credits[credits["artist_index"] == "0"].set_index("track_uri")["artist_uri"]
    artists_per_album = tracks.assign(artist=tracks["uri"].map(primary)).groupby("album_uri")["artist"].nunique()
    assert (artists_per_album == 1).all()


def test_label_spellings(tables):
    labels = tables["albums"]["label"]
    assert labels.str.contains(", ", regex=False).any()
    assert labels.str.contains(r"\S/\S", regex=True).any()
    assert labels.str.contains(" / ", regex=False).any()
    assert labels.str.match(r"\d{4} ").any()
    assert labels.str.endswith(" Records").any()
    assert labels.str.endswith(" Music").any()
    assert labels.str.endswith(" LLC").any()
    assert labels.str.endswith(" Ltd.").any()
    assert labels.str.startswith("Republic Records - ").any()
    assert labels.str.startswith("distributed through ").any()
    assert (labels == "").any()
    # Some labels carry many albums, many carry one or two.
    per_label = labels[labels != ""].value_counts()
    assert per_label.iloc[0] >= 10
    assert (per_label <= 2).sum() >= len(per_label) // 3


def test_liked_share(tables):
    liked = tables["liked_tracks"]["track_uri"]
    assert 0.3 <= len(liked) / len(tables["tracks"]) <= 0.5
    assert liked.isin(tables["tracks"]["uri"]).all()
    # Some artists are liked much more than others.
    credits = tables["track_artist"]
    primary = credits[credits["artist_index"] == "0"]
    share = primary.assign(liked=primary["track_uri"].isin(liked)).groupby("artist_uri")["liked"].agg(["mean", "size"])
    share = share[share["size"] >= 10]["mean"]
    assert share.max() - share.min() > 0.4


def test_playlists_have_very_different_sizes(tables):
    sizes = tables["playlist_track"]["playlist_uri"].value_counts()
    assert len(tables["playlists"]) >= 8
    assert set(sizes.index) == set(tables["playlists"]["uri"])
    assert sizes.max() > 50
    assert sizes.min() < 20
    assert sizes.min() >= 5


def test_names_in_many_scripts(tables):
    names = pd.concat([
        tables["tracks"]["name"], tables["artists"]["name"], tables["albums"]["name"], tables["playlists"]["name"],
    ])
    for script, pattern in {
        "Hangul": "[\uac00-\ud7a3]",
        "kana": "[\u3040-\u30ff]",
        "CJK": "[\u4e00-\u9fff]",
        "Cyrillic": "[\u0400-\u04ff]",
        "Arabic": "[\u0600-\u06ff]",
        "Latin with accents": "[À-ÿ]",
    }.items():
        assert names.str.contains(pattern, regex=True).any(), script
    assert tables["artists"]["name"].str.contains("[\uac00-\ud7a3]", regex=True).any()
    assert tables["artists"]["name"].str.contains("[\u0600-\u06ff]", regex=True).any()
    assert tables["playlists"]["name"].str.contains("[^\x00-\u024f]", regex=True).any()
    track_names = tables["tracks"]["name"]
    assert track_names.str.contains(",", regex=False).any()
    assert track_names.str.contains('"', regex=False).any()
    assert track_names.str.contains(" & ", regex=False).any()
    assert (track_names != "").all()


def test_realistic_faults(tables):
    tracks = set(tables["tracks"]["uri"])
    artists = set(tables["artists"]["uri"])
    albums = set(tables["albums"]["uri"])
    without_features = tracks - set(tables["audio_features"]["track_uri"])
    assert 1 <= len(without_features) <= 0.02 * len(tracks)
    assert set(tables["audio_features"]["track_uri"]) <= tracks
    assert (~tables["track_artist"]["artist_uri"].isin(artists)).sum() >= 3
    assert tables["track_artist"]["track_uri"].isin(tracks).all()
    assert (~tables["playlist_track"]["track_uri"].isin(tracks)).sum() >= 3
    assert tables["playlist_track"]["playlist_uri"].isin(set(tables["playlists"]["uri"])).all()
    missing_albums = set(tables["tracks"]["album_uri"]) - albums
    assert 1 <= len(missing_albums) <= 0.05 * len(albums)
    # Everything else points where it should.
    assert tables["album_artist"]["artist_uri"].isin(artists).all()
    assert tables["album_artist"]["album_uri"].isin(albums).all()
    assert tables["artist_genre"]["artist_uri"].isin(artists).all()


@pytest.mark.parametrize("n_tracks", [1, 7, 40, 333])
def test_small_libraries(tmp_path, n_tracks):
    counts = generate_library(tmp_path, n_tracks, seed=3)
    tables = read_tables(tmp_path)
    assert counts["tracks"] == n_tracks
    for name, key in RAW_KEYS.items():
        assert counts[name] == len(tables[name])
        assert not tables[name].duplicated(list(key)).any(), name


def test_rejects_an_empty_library(tmp_path):
    with pytest.raises(ValueError):
        generate_library(tmp_path, 0)


def test_command_line(tmp_path):
    out = tmp_path / "lib"
    result = subprocess.run(
        [sys.executable, "-m", "tools.demo_library", str(out), "--tracks", "300", "--seed", "5"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )
    assert "tracks: 300" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.csv" for name in RAW_TABLES)
    again = tmp_path / "again"
    generate_library(again, 300, 5)
    assert (again / "tracks.csv").read_bytes() == (out / "tracks.csv").read_bytes()


def test_shipped_demo_library_is_the_generators_output(tmp_path):
    from assets.settings import DEMO_LIBRARY_DIR

    generate_library(tmp_path, DEMO_TRACKS, DEMO_SEED)
    shipped = sorted(path.name for path in DEMO_LIBRARY_DIR.glob("*.csv"))
    assert shipped == sorted(path.name for path in tmp_path.glob("*.csv"))
    for name in shipped:
        assert (DEMO_LIBRARY_DIR / name).read_bytes() == (tmp_path / name).read_bytes(), name
