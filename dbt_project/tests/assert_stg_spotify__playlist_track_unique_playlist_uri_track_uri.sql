-- stg_spotify__playlist_track has at most one row per (playlist_uri, track_uri).
select playlist_uri, track_uri, count(*) as row_count
from {{ ref('stg_spotify__playlist_track') }}
group by playlist_uri, track_uri
having count(*) > 1
