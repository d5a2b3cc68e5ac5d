-- The usable rows of artist_genre.csv: one row per artist and genre, renamed and typed; the first usable row of each artist_uri, genre.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'artist_genre') }}
),

renamed as (
    select
        nullif(trim(artist_uri), '') as artist_uri,
        nullif(trim(genre), '') as genre,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('artist_genre') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
qualify row_number() over (partition by artist_uri, genre order by source_line) = 1
