-- The standardised labels each album names, in the order its label text names them.
with pieces as (
    select album.album_uri, piece.text, piece.position
    from {{ ref('stg_spotify__albums') }} as album,
        unnest(regexp_extract_all(',' || album.label_text, {{ label_piece() }})) with ordinality as piece(text, position)
    where album.label_text is not null
),

-- A label is a piece with the company-suffix pieces that follow it, spelled as the text joins them and
-- standardised from its first piece, so 'X, S.L.' groups with 'X' as it did when split there.
parts as (
    select
        album_uri,
        substr(string_agg(text, '' order by position), 2) as spelling,
        substr(arg_min(text, position), 2) as name,
        min(position) as position
    from (
        select *, count(*) filter (where not {{ is_company_suffix('text') }}) over (
            partition by album_uri order by position) as part
        from pieces
    )
    group by album_uri, part
),

standardised as (
    select
        album_uri,
        {{ label_spelling('spelling') }} as label_spelling,
        {{ standardise_label(label_spelling('name')) }} as label_key,
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
