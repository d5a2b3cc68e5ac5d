-- The usable rows of artists.csv: one row per artist, renamed and typed; the first usable row of each artist_uri.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'artists') }}
),

renamed as (
    select
        nullif(trim(uri), '') as artist_uri,
        name as artist_name,
        try_cast(nullif(trim(popularity), '') as integer) as popularity,
        try_cast(nullif(trim(followers), '') as bigint) as followers,
        image_url,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('artists') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by artist_uri order by source_line) = 1
