-- bridge_playlist_tracks has at most one row per (playlist_uri, track_uri).
select playlist_uri, track_uri, count(*) as row_count
from {{ ref('bridge_playlist_tracks') }}
group by playlist_uri, track_uri
having count(*) > 1
