-- One row per playlist with its track counts.
with counts as (
    select
        bridge.playlist_uri,
        count(*) as track_count,
        count(*) filter (where track.is_liked) as liked_track_count
    from {{ ref('bridge_playlist_tracks') }} as bridge
    join {{ ref('dim_tracks') }} as track using (track_uri)
    group by bridge.playlist_uri
)

select
    playlist.playlist_uri,
    playlist.playlist_name,
    playlist.is_collaborative,
    playlist.is_public,
    playlist.image_url,
    coalesce(counts.track_count, 0) as track_count,
    coalesce(counts.liked_track_count, 0) as liked_track_count,
    {{ playlist_has_page('coalesce(counts.track_count, 0)') }} as has_page
from {{ ref('stg_spotify__playlists') }} as playlist
left join counts using (playlist_uri)
