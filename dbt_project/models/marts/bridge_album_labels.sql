-- The standardised labels each album names, in the order its label text names them.
with parts as (
    select album.album_uri, part.spelling, part.position
    from {{ ref('stg_spotify__albums') }} as album,
        unnest(regexp_split_to_array(album.label_text, {{ label_separators() }})) with ordinality as part(spelling, position)
    where album.label_text is not null
),

standardised as (
    select
        album_uri,
        {{ label_spelling('spelling') }} as label_spelling,
        {{ standardise_label(label_spelling('spelling')) }} as label_key,
        position
    from parts
)

select album_uri, label_key, label_spelling, row_number() over (partition by album_uri order by min_position) as label_index
from (
    select album_uri, label_key, arg_min(label_spelling, position) as label_spelling, min(position) as min_position
    from standardised
    where label_key <> ''
    group by album_uri, label_key
)
