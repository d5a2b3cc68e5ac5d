"""The atlas's entry page and the overview page of every genre, playlist, artist and label."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assets.charts import year_bars_spec
from assets.library import KINDS, Library
from assets.markdown import TrackRows, escape_text, safe_url

PREVIEW_ROWS = 10
SINGULAR = {"genres": "Genre", "playlists": "Playlist", "artists": "Artist", "labels": "Label"}
TITLES = {"genres": "Genres", "playlists": "Playlists", "artists": "Artists", "labels": "Labels"}
# A bar chart says more than the year table only with enough tracks spread over enough years;
# each chart also costs a render, which adds up over thousands of pages.
MIN_TRACKS_FOR_YEAR_CHART = 50
MIN_YEARS_FOR_YEAR_CHART = 5
OVERVIEW_ROOT = "../../"


def overview_path(kind: str, slug: str) -> str:
    """An overview page, relative to docs_out/."""
    return f"{kind}/{slug}/overview.md"


def year_chart_path(kind: str, slug: str) -> str:
    """The tracks-by-year chart of an overview page, relative to docs_out/."""
    return f"images/{kind}/{slug}/overview/tracks_by_year.png"


@dataclass(frozen=True)
class Breakdowns:
    """For one kind of page owner, per owner: its tracks and its top artists, albums, labels, years."""

    tracks: dict[str, list[str]]
    artists: dict[str, pd.DataFrame]
    albums: dict[str, pd.DataFrame]
    labels: dict[str, pd.DataFrame]
    years: dict[str, pd.DataFrame]


def breakdowns(library: Library, kind: str) -> Breakdowns:
    """Count the tracks of every owner with a page by artist, album, label and year, in one pass."""
    owners = library.entities[kind]
    members = library.members[kind]
    pairs = members[members["key"].isin(owners.loc[owners["has_page"], "key"])].drop_duplicates(["key", "track_uri"])
    facts = library.tracks[["album_uri", "album_release_year", "liked"]]
    pairs = pairs.join(facts, on="track_uri")

    def counted(frame: pd.DataFrame, by: str) -> dict[str, pd.DataFrame]:
        counts = frame.groupby(["key", by], sort=False).agg(tracks=("track_uri", "size"), liked=("liked", "sum"))
        counts = counts.reset_index().sort_values(["key", "tracks", "liked", by], ascending=[True, False, False, True])
        return dict(tuple(counts.groupby("key", sort=False)))

    credited = library.members["artists"].rename(columns={"key": "artist_key"})
    labelled = library.members["labels"].rename(columns={"key": "label_key"}).drop_duplicates()
    years = pairs.dropna(subset=["album_release_year"]).astype({"album_release_year": int})
    return Breakdowns(
        tracks={key: list(group["track_uri"]) for key, group in pairs.groupby("key", sort=False)},
        artists=counted(pairs.merge(credited, on="track_uri"), "artist_key") if kind != "artists" else {},
        albums=counted(pairs.dropna(subset=["album_uri"]), "album_uri"),
        labels=counted(pairs.merge(labelled, on="track_uri"), "label_key") if kind != "labels" else {},
        years=counted(years, "album_release_year"),
    )


def year_chart_specs(library: Library, tables: dict[str, Breakdowns]) -> dict[str, dict]:
    """Image path -> bar chart spec, for every overview page with enough dated tracks."""
    specs = {}
    for kind, table in tables.items():
        for owner in library.entities[kind].query("has_page").itertuples(index=False):
            years = table.years.get(owner.key)
            if years is not None and years["tracks"].sum() >= MIN_TRACKS_FOR_YEAR_CHART and len(years) >= MIN_YEARS_FOR_YEAR_CHART:
                counts = years.rename(columns={"album_release_year": "year"})[["year", "tracks"]]
                specs[year_chart_path(kind, owner.slug)] = year_bars_spec(counts, f"{owner.name}: tracks by release year")
    return specs


def _link(name: str, href: str | None) -> str:
    text = escape_text(name) or "untitled"
    return f"[{text}]({href})" if href else text


def _table(header: list[str], rows: list[list[str]], what: str) -> str:
    """A Markdown table of the first rows, the rest in a collapsed block."""
    def render(part: list[list[str]]) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in part]
        return "\n".join(lines)

    blocks = [render(rows[:PREVIEW_ROWS])]
    if len(rows) > PREVIEW_ROWS:
        blocks += [f"<details><summary>{len(rows) - PREVIEW_ROWS} more {what}</summary>", render(rows[PREVIEW_ROWS:]), "</details>"]
    return "\n\n".join(blocks)


def _entity_link(library: Library, kind: str, key: str, root: str) -> str:
    names = library.names(kind)
    slug = library.slugs(kind).get(key)
    return _link(names.get(key, key), f"{root}{overview_path(kind, slug)}" if slug else None)


def render_overview(
    library: Library, track_rows: TrackRows, kind: str, owner, table: Breakdowns, cluster_page: str | None, year_chart: str | None
) -> str:
    """The overview page of one genre, playlist, artist or label."""
    root = OVERVIEW_ROOT
    tracks = table.tracks.get(owner.key, [])
    blocks = [f"# {escape_text(owner.name) or 'untitled'}", f"[← Library Atlas]({root}README.md)"]
    image = safe_url(getattr(owner, "image_url", None))
    if image:
        blocks.append(f'<img src="{image}" alt="" width="160" />')
    blocks.append(f"{SINGULAR[kind]} · {_count(len(tracks), 'track')} · {owner.liked_track_count} liked")
    if cluster_page:
        blocks.append(f"[Clusters in {escape_text(owner.name) or 'untitled'}]({root}{cluster_page})")
    if kind != "artists":
        rows = [
            [_entity_link(library, "artists", row.artist_key, root), str(row.tracks), str(int(row.liked))]
            for row in table.artists.get(owner.key, pd.DataFrame()).itertuples(index=False)
        ]
        blocks += ["## Top artists", _table(["Artist", "Tracks", "💚"], rows, "artists")]
    albums = library.albums
    rows = []
    for row in table.albums.get(owner.key, pd.DataFrame()).itertuples(index=False):
        album = albums.loc[row.album_uri]
        art = safe_url(album["album_image_url"])
        year = album["album_release_year"]
        rows.append([
            f'<img src="{art}" alt="" width="50" />' if art else "",
            escape_text(album["album_name"]) if isinstance(album["album_name"], str) else "",
            "" if pd.isna(year) else str(int(year)),
            str(row.tracks),
            str(int(row.liked)),
        ])
    blocks += ["## Top albums", _table(["Art", "Album", "Year", "Tracks", "💚"], rows, "albums")]
    if kind != "labels":
        rows = [
            [_entity_link(library, "labels", row.label_key, root), str(row.tracks), str(int(row.liked))]
            for row in table.labels.get(owner.key, pd.DataFrame()).itertuples(index=False)
        ]
        blocks += ["## Top labels", _table(["Label", "Tracks", "💚"], rows, "labels")]
    years = table.years.get(owner.key, pd.DataFrame(columns=["album_release_year", "tracks", "liked"]))
    blocks.append("## Tracks by release year")
    if year_chart:
        blocks.append(f"![Tracks by release year]({root}{year_chart})")
    rows = [[str(row.album_release_year), str(row.tracks), str(int(row.liked))]
            for row in years.sort_values("album_release_year", ascending=False).itertuples(index=False)]
    blocks.append(_table(["Year", "Tracks", "💚"], rows, "years"))
    if kind != "playlists":  # a playlist keeps its own order; other lists go by track name
        names = library.tracks["track_name"]
        tracks = sorted(tracks, key=lambda uri: (names[uri], uri))
    blocks += ["## Tracks", track_rows.table(tracks[:PREVIEW_ROWS], root)]
    if len(tracks) > PREVIEW_ROWS:
        blocks += [f"<details><summary>{len(tracks) - PREVIEW_ROWS} more tracks</summary>",
                   track_rows.table(tracks[PREVIEW_ROWS:], root), "</details>"]
    return "\n\n".join(blocks) + "\n"


def render_index(library: Library, has_library_clusters: bool, rejected_rows: int) -> str:
    """The entry page: library totals and every genre, playlist, artist and label with a page."""
    tracks = library.tracks
    totals = (
        f"{_count(len(tracks), 'track')} ({int(tracks['liked'].sum())} liked), "
        f"{_count(len(library.entities['artists']), 'artist')}, {_count(tracks['album_uri'].nunique(), 'album')}, "
        f"{_count(len(library.entities['labels']), 'label')}, {_count(len(library.entities['genres']), 'genre')}, "
        f"{_count(len(library.entities['playlists']), 'playlist')}."
    )
    blocks = ["# Library Atlas", f"Your library: {totals}"]
    if has_library_clusters:
        blocks.append("[Clusters in All tracks](clusters.md): the whole library grouped by how it sounds.")
    if rejected_rows:
        blocks.append(
            f"{_count(rejected_rows, 'row')} of the export could not be used; the `rejected_rows` table of the "
            "DuckDB file lists each with its file, line, column and reason."
        )
    for kind in KINDS:
        owners = library.entities[kind].query("has_page").sort_values(
            ["track_count", "liked_track_count", "name", "key"], ascending=[False, False, True, True], kind="stable")
        rows = [[_link(owner.name, overview_path(kind, owner.slug)), str(owner.track_count), str(owner.liked_track_count)]
                for owner in owners.itertuples(index=False)]
        blocks += [f"## {TITLES[kind]}", _table([SINGULAR[kind], "Tracks", "💚"], rows, TITLES[kind].lower())
                   if rows else f"No {TITLES[kind].lower()} have a page yet."]
    return "\n\n".join(blocks) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
