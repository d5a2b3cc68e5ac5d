-- stg_spotify__track_artist has at most one row per (track_uri, artist_uri).
select track_uri, artist_uri, count(*) as row_count
from {{ ref('stg_spotify__track_artist') }}
group by track_uri, artist_uri
having count(*) > 1
