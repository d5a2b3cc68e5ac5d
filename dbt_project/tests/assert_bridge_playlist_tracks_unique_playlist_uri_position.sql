-- bridge_playlist_tracks has at most one row per (playlist_uri, position).
select playlist_uri, position, count(*) as row_count
from {{ ref('bridge_playlist_tracks') }}
group by playlist_uri, position
having count(*) > 1
