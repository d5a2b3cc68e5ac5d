-- bridge_artist_genres has at most one row per (artist_uri, genre).
select artist_uri, genre, count(*) as row_count
from {{ ref('bridge_artist_genres') }}
group by artist_uri, genre
having count(*) > 1
