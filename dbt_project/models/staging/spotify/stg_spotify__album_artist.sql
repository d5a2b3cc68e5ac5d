-- The usable rows of album_artist.csv: one row per album and credited artist, renamed and typed; the first usable row of each album_uri, artist_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'album_artist') }}
),

renamed as (
    select
        nullif(trim(album_uri), '') as album_uri,
        nullif(trim(artist_uri), '') as artist_uri,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('album_artist') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by album_uri, artist_uri order by source_line) = 1
