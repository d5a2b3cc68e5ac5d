"""The atlas's entry page: library totals and every genre, playlist, artist and label with a page."""

from __future__ import annotations

from assets.clusters.groups import WHOLE_LIBRARY_NAME, why_no_clusters
from assets.library.reader import KINDS, Library
from assets.site.blocks import SINGULAR, TITLES, count, link, table
from assets.site.paths import WHOLE_LIBRARY_CLUSTERS, SitePaths


def render_index(library: Library, paths: SitePaths, has_library_clusters: bool, rejected_rows: int) -> str:
    """The entry page: library totals and every genre, playlist, artist and label with a page."""
    tracks = library.tracks
    totals = (
        f"{count(len(tracks), 'track')} ({int(tracks['liked'].sum())} liked), "
        f"{count(len(library.entities['artists']), 'artist')}, {count(tracks['album_uri'].nunique(), 'album')}, "
        f"{count(len(library.entities['labels']), 'label')}, {count(len(library.entities['genres']), 'genre')}, "
        f"{count(len(library.entities['playlists']), 'playlist')}."
    )
    blocks = ["# Library Atlas", f"Your library: {totals}"]
    if has_library_clusters:
        blocks.append(
            f"[Clusters in {WHOLE_LIBRARY_NAME}]({WHOLE_LIBRARY_CLUSTERS}): the whole library grouped by how it sounds."
        )
    elif reason := why_no_clusters(library):
        blocks.append(f"No clusters: {reason}")
    if rejected_rows:
        blocks.append(
            f"{count(rejected_rows, 'row')} of the export could not be used; the `rejected_rows` table of the "
            "DuckDB file lists each with its file, line, column and reason."
        )
    for kind in KINDS:
        owners = library.entities[kind].query("has_page").sort_values(
            ["track_count", "liked_track_count", "name", "key"], ascending=[False, False, True, True], kind="stable")
        rows = [[link(owner.name, paths.overview(kind, owner.key)), str(owner.track_count), str(owner.liked_track_count)]
                for owner in owners.itertuples(index=False)]
        blocks += [f"## {TITLES[kind]}", table([SINGULAR[kind], "Tracks", "💚"], rows, TITLES[kind].lower())
                   if rows else f"No {TITLES[kind].lower()} have a page yet."]
    return "\n\n".join(blocks) + "\n"
