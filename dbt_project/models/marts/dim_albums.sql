-- One row per album with its label text and how many of its tracks are in the library.
select
    album.album_uri,
    album.album_name,
    album.album_type,
    album.label_text,
    album.release_date,
    cast(left(album.release_date, 4) as integer) as release_year,
    album.image_url,
    album.popularity,
    album.total_tracks,
    count(track.track_uri) as track_count
from {{ ref('stg_spotify__albums') }} as album
left join {{ ref('stg_spotify__tracks') }} as track using (album_uri)
group by all
