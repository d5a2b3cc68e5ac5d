-- One row per artist with its credited track counts and whether it gets a page.
with counts as (
    select
        bridge.artist_uri,
        count(*) as track_count,
        count(*) filter (where track.is_liked) as liked_track_count
    from {{ ref('bridge_track_artists') }} as bridge
    join {{ ref('dim_tracks') }} as track using (track_uri)
    group by bridge.artist_uri
)

select
    artist.artist_uri,
    artist.artist_name,
    artist.image_url,
    artist.popularity,
    artist.followers,
    coalesce(counts.track_count, 0) as track_count,
    coalesce(counts.liked_track_count, 0) as liked_track_count,
    {{ artist_has_page('coalesce(counts.track_count, 0)', 'coalesce(counts.liked_track_count, 0)') }} as has_page
from {{ ref('stg_spotify__artists') }} as artist
left join counts using (artist_uri)
