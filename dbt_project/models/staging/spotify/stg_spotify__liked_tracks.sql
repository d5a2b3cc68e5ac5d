-- The usable rows of liked_tracks.csv: one row per liked track, renamed and typed; the first usable row of each track_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'liked_tracks') }}
),

renamed as (
    select
        nullif(trim(track_uri), '') as track_uri,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('liked_tracks') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by track_uri order by source_line) = 1
