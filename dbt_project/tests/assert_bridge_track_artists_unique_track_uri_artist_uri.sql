-- bridge_track_artists has at most one row per (track_uri, artist_uri).
select track_uri, artist_uri, count(*) as row_count
from {{ ref('bridge_track_artists') }}
group by track_uri, artist_uri
having count(*) > 1
