-- stg_spotify__artist_genre has at most one row per (artist_uri, genre).
select artist_uri, genre, count(*) as row_count
from {{ ref('stg_spotify__artist_genre') }}
group by artist_uri, genre
having count(*) > 1
