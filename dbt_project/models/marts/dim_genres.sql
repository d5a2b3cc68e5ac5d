-- One row per genre with its artists and tracks, and whether it gets a page.
with artists as (
    select genre, count(*) as artist_count
    from {{ ref('bridge_artist_genres') }}
    group by genre
),

tracks as (
    select
        bridge.genre,
        count(*) as track_count,
        count(*) filter (where track.is_liked) as liked_track_count
    from {{ ref('bridge_track_genres') }} as bridge
    join {{ ref('dim_tracks') }} as track using (track_uri)
    group by bridge.genre
)

select
    artists.genre,
    artists.artist_count,
    coalesce(tracks.track_count, 0) as track_count,
    coalesce(tracks.liked_track_count, 0) as liked_track_count,
    {{ genre_has_page('artists.artist_count', 'coalesce(tracks.track_count, 0)', 'coalesce(tracks.liked_track_count, 0)') }} as has_page
from artists
left join tracks using (genre)
