-- The genres of each artist in the library.
select genre.artist_uri, genre.genre
from {{ ref('stg_spotify__artist_genre') }} as genre
join {{ ref('stg_spotify__artists') }} using (artist_uri)
