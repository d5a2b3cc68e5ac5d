-- Credits of albums to artists that are both in the library.
select credit.album_uri, credit.artist_uri
from {{ ref('stg_spotify__album_artist') }} as credit
join {{ ref('stg_spotify__albums') }} using (album_uri)
join {{ ref('stg_spotify__artists') }} using (artist_uri)
