-- The usable rows of track_artist.csv: one row per track and credited artist, renamed and typed; the first usable row of each track_uri, artist_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'track_artist') }}
),

renamed as (
    select
        nullif(trim(track_uri), '') as track_uri,
        nullif(trim(artist_uri), '') as artist_uri,
        try_cast(nullif(trim(artist_index), '') as integer) as artist_index,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('track_artist') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by track_uri, artist_uri order by source_line) = 1
