-- One row per track with its album, primary artist, liked flag and audio features.
with primary_artist as (
    select bridge.track_uri, bridge.artist_uri, artist.artist_name
    from {{ ref('bridge_track_artists') }} as bridge
    join {{ ref('stg_spotify__artists') }} as artist using (artist_uri)
    where bridge.is_primary
)

select
    track.track_uri,
    track.track_name,
    track.album_uri,
    album.album_name,
    album.album_type,
    album.release_date as album_release_date,
    album.release_year as album_release_year,
    album.image_url as album_image_url,
    primary_artist.artist_uri as primary_artist_uri,
    primary_artist.artist_name as primary_artist_name,
    track.popularity,
    track.is_explicit,
    track.duration_ms,
    track.isrc,
    liked.track_uri is not null as is_liked,
    features.track_uri is not null as has_audio_features,
    features.danceability,
    features.energy,
    features.speechiness,
    features.acousticness,
    features.instrumentalness,
    features.liveness,
    features.valence,
    features.musical_key,
    features.loudness,
    features.mode,
    features.tempo,
    features.time_signature
from {{ ref('stg_spotify__tracks') }} as track
left join {{ ref('dim_albums') }} as album using (album_uri)
left join primary_artist using (track_uri)
left join {{ ref('stg_spotify__liked_tracks') }} as liked using (track_uri)
left join {{ ref('stg_spotify__audio_features') }} as features using (track_uri)
