-- The usable rows of playlists.csv: one row per playlist, renamed and typed; the first usable row of each playlist_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'playlists') }}
),

renamed as (
    select
        nullif(trim(uri), '') as playlist_uri,
        name as playlist_name,
        try_cast(nullif(trim(collaborative), '') as boolean) as is_collaborative,
        try_cast(nullif(trim(public), '') as boolean) as is_public,
        image_url,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('playlists') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by playlist_uri order by source_line) = 1
