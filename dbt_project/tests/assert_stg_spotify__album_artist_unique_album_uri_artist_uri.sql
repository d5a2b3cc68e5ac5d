-- stg_spotify__album_artist has at most one row per (album_uri, artist_uri).
select album_uri, artist_uri, count(*) as row_count
from {{ ref('stg_spotify__album_artist') }}
group by album_uri, artist_uri
having count(*) > 1
