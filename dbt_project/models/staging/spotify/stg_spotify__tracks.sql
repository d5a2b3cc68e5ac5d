-- The usable rows of tracks.csv: one row per track, renamed and typed; the first usable row of each track_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'tracks') }}
),

renamed as (
    select
        nullif(trim(uri), '') as track_uri,
        name as track_name,
        try_cast(nullif(trim(popularity), '') as integer) as popularity,
        try_cast(nullif(trim(explicit), '') as boolean) as is_explicit,
        try_cast(nullif(trim(duration_ms), '') as bigint) as duration_ms,
        album_uri,
        isrc,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('tracks') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by track_uri order by source_line) = 1
