-- A track's genres: those of its primary artist.
select track.track_uri, genre.genre
from {{ ref('dim_tracks') }} as track
join {{ ref('stg_spotify__artist_genre') }} as genre on genre.artist_uri = track.primary_artist_uri
