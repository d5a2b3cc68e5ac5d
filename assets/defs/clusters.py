"""Clusters of every genre, playlist, artist and the whole library, from the dbt marts."""

import dagster as dg
from dagster_dbt import get_asset_key_for_model

from assets.clusters.groups import why_no_clusters
from assets.clusters.tables import CLUSTER_TABLES, ClusterTables, build_cluster_tables
from assets.defs.dbt import atlas_dbt_models
from assets.defs.resources import AtlasDuckDB, BuildLock
from assets.library.reader import read_library
from assets.library.warehouse import read_tables, write_tables

MARTS = [
    get_asset_key_for_model([atlas_dbt_models], model)
    for model in (
        "dim_tracks", "dim_artists", "dim_genres", "dim_labels", "dim_playlists", "rejected_rows",
        "bridge_track_artists", "bridge_track_genres", "bridge_album_labels", "bridge_playlist_tracks",
    )
]


@dg.asset(group_name="clusters", kinds={"sklearn", "duckdb"}, deps=MARTS)
def track_clusters(duckdb: AtlasDuckDB, build_lock: BuildLock) -> dg.MaterializeResult:
    """Tracks of every genre, playlist, artist and the whole library clustered by how they sound."""
    build_lock.hold()
    with duckdb.get_connection() as con:
        library = read_library(con)
        previous = ClusterTables.stored(read_tables(con, CLUSTER_TABLES))
        tables = build_cluster_tables(library, previous)
        write_tables(con, tables.by_name())
    per_kind = tables.groups.groupby("group_kind").size().to_dict()
    return dg.MaterializeResult(
        metadata={
            "groups": len(tables.groups),
            "groups_by_kind": dg.MetadataValue.json({kind: int(n) for kind, n in per_kind.items()}),
            "groups_recomputed": tables.recomputed,
            "groups_unchanged": tables.reused,
            "clusters_per_group": dg.MetadataValue.json(
                {str(k): int(n) for k, n in tables.groups["k"].value_counts().sort_index().items()}
            ),
            "dagster/row_count": len(tables.tracks),
            "no_clusters_because": why_no_clusters(library) or "",
        }
    )
