-- The usable rows of audio_features.csv: one row per analysed track, renamed and typed; the first usable row of each track_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'audio_features') }}
),

renamed as (
    select
        nullif(trim(track_uri), '') as track_uri,
        try_cast(nullif(trim(danceability), '') as double) as danceability,
        try_cast(nullif(trim(energy), '') as double) as energy,
        try_cast(nullif(trim(key), '') as integer) as musical_key,
        try_cast(nullif(trim(loudness), '') as double) as loudness,
        try_cast(nullif(trim(mode), '') as integer) as mode,
        try_cast(nullif(trim(speechiness), '') as double) as speechiness,
        try_cast(nullif(trim(acousticness), '') as double) as acousticness,
        try_cast(nullif(trim(instrumentalness), '') as double) as instrumentalness,
        try_cast(nullif(trim(liveness), '') as double) as liveness,
        try_cast(nullif(trim(valence), '') as double) as valence,
        try_cast(nullif(trim(tempo), '') as double) as tempo,
        try_cast(nullif(trim(time_signature), '') as integer) as time_signature,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('audio_features') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by track_uri order by source_line) = 1
