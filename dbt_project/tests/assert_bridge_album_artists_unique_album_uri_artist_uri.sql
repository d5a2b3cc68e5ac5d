-- bridge_album_artists has at most one row per (album_uri, artist_uri).
select album_uri, artist_uri, count(*) as row_count
from {{ ref('bridge_album_artists') }}
group by album_uri, artist_uri
having count(*) > 1
