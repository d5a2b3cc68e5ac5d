"""The overview page of a genre, playlist, artist or label: counts, top artists, albums, labels, years, tracks."""

from __future__ import annotations

import pandas as pd

from assets.library.breakdowns import Breakdowns
from assets.library.reader import Library
from assets.site.blocks import PREVIEW_ROWS, SINGULAR, count, link, table
from assets.site.paths import ENTRY_PAGE, SitePaths, root_of
from assets.site.text import cell_text, escape_text, safe_url
from assets.site.track_table import TrackRows


def _entity_link(library: Library, paths: SitePaths, kind: str, key: str, root: str) -> str:
    page = paths.overview(kind, key)
    return link(library.names(kind).get(key, key), f"{root}{page}" if page else None)


def render_overview(
    library: Library,
    paths: SitePaths,
    track_rows: TrackRows,
    kind: str,
    owner,
    table_of: Breakdowns,
    cluster_page: str | None,
    year_chart: str | None,
) -> str:
    """The overview page of one genre, playlist, artist or label."""
    root = root_of(paths.overview(kind, owner.key))
    tracks = table_of.tracks.get(owner.key, [])
    blocks = [f"# {escape_text(owner.name) or 'untitled'}", f"[← Library Atlas]({root}{ENTRY_PAGE})"]
    image = safe_url(getattr(owner, "image_url", None))
    if image:
        blocks.append(f'<img src="{image}" alt="" width="160" />')
    blocks.append(f"{SINGULAR[kind]} · {count(len(tracks), 'track')} · {owner.liked_track_count} liked")
    if cluster_page:
        blocks.append(f"[Clusters in {escape_text(owner.name) or 'untitled'}]({root}{cluster_page})")
    if kind != "artists":
        rows = [
            [_entity_link(library, paths, "artists", row.artist_key, root), str(row.tracks), str(int(row.liked))]
            for row in table_of.artists.get(owner.key, pd.DataFrame()).itertuples(index=False)
        ]
        blocks += ["## Top artists", table(["Artist", "Tracks", "💚"], rows, "artists")]
    albums = library.albums
    rows = []
    for row in table_of.albums.get(owner.key, pd.DataFrame()).itertuples(index=False):
        album = albums.loc[row.album_uri]
        art = safe_url(album["album_image_url"])
        year = album["album_release_year"]
        rows.append([
            f'<img src="{art}" alt="" width="50" />' if art else "",
            cell_text(album["album_name"]) if isinstance(album["album_name"], str) else "",
            "" if pd.isna(year) else str(int(year)),
            str(row.tracks),
            str(int(row.liked)),
        ])
    blocks += ["## Top albums", table(["Art", "Album", "Year", "Tracks", "💚"], rows, "albums")]
    if kind != "labels":
        rows = [
            [_entity_link(library, paths, "labels", row.label_key, root), str(row.tracks), str(int(row.liked))]
            for row in table_of.labels.get(owner.key, pd.DataFrame()).itertuples(index=False)
        ]
        blocks += ["## Top labels", table(["Label", "Tracks", "💚"], rows, "labels")]
    years = table_of.years.get(owner.key, pd.DataFrame(columns=["album_release_year", "tracks", "liked"]))
    blocks.append("## Tracks by release year")
    if year_chart:
        blocks.append(f"![Tracks by release year]({root}{year_chart})")
    rows = [[str(row.album_release_year), str(row.tracks), str(int(row.liked))]
            for row in years.sort_values("album_release_year", ascending=False).itertuples(index=False)]
    blocks.append(table(["Year", "Tracks", "💚"], rows, "years"))
    if kind != "playlists":  # a playlist keeps its own order; other lists go by track name
        names = library.tracks["track_name"]
        tracks = sorted(tracks, key=lambda uri: (names[uri], uri))
    blocks += ["## Tracks", track_rows.table(tracks[:PREVIEW_ROWS], root)]
    if len(tracks) > PREVIEW_ROWS:
        blocks += [f"<details><summary>{len(tracks) - PREVIEW_ROWS} more tracks</summary>",
                   track_rows.table(tracks[PREVIEW_ROWS:], root), "</details>"]
    return "\n\n".join(blocks) + "\n"
