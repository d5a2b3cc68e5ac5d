-- bridge_track_genres has at most one row per (track_uri, genre).
select track_uri, genre, count(*) as row_count
from {{ ref('bridge_track_genres') }}
group by track_uri, genre
having count(*) > 1
