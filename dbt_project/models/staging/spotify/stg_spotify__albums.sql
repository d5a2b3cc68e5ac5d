-- The usable rows of albums.csv: one row per album, renamed and typed; the first usable row of each album_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'albums') }}
),

renamed as (
    select
        nullif(trim(uri), '') as album_uri,
        name as album_name,
        album_type,
        label as label_text,
        try_cast(nullif(trim(popularity), '') as integer) as popularity,
        try_cast(nullif(trim(total_tracks), '') as integer) as total_tracks,
        {{ read_date(raw_value('release_date')) }} as release_date,
        image_url,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('albums') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by album_uri order by source_line) = 1
