-- Every raw row that no mart holds, with where it came from and why it was left out; and every value
-- a kept row had to leave out (a date that cannot be read), marked row_kept.
-- Works on the raw files' own column names, so it can point users at the file: the rules, keys and
-- references come from the column and table meta of _spotify__sources.yml (macros/raw_rules.sql),
-- the same rules the staging models keep their rows by. A table's references are checked against
-- the tables before it in this list.
{%- set tables = ['tracks', 'albums', 'artists', 'audio_features', 'track_artist', 'album_artist',
                  'artist_genre', 'liked_tracks', 'playlists', 'playlist_track'] %}
{%- do assert_raw_tables(tables) %}

with reader_rejects as (
    select source_file, source_line, column_name, reason, raw_text, false as row_kept
    from {{ source('spotify', 'csv_rejects') }}
)

{%- for table in tables %}
{%- set key = raw_key(table) %}
{%- set references = raw_columns(table) | selectattr('references') | list %}
{%- set dates = raw_columns(table) | selectattr('type', 'equalto', 'date') | list %}
{%- set repeats_kept = raw_table_meta(table).get('repeats_kept', false) %},

-- Every row of the file, its key, references and dates trimmed as staging trims them, and its
-- occurrence among the rows with the same key (usable rows first; each row is a first one where
-- repeats are kept).
checked_{{ table }} as (
    select *,
        {%- if repeats_kept %} 1{% else %} row_number() over (
            partition by {{ key | join(', ') }} order by reject is not null, source_line){% endif %} as occurrence
    from (
        select
            {%- for name in key %}
            {{ raw_value(name) }} as {{ name }},
            {%- endfor %}
            {%- for column in references + dates if column.name not in key %}
            {{ raw_value(column.name) }} as {{ column.name }},
            {%- endfor %}
            _file as source_file,
            _line as source_line,
            {{ reject_reason(table) }} as reject,
            {{ raw_row_text(table) }} as raw_text
        from {{ source('spotify', table) }}
    )
),

rejected_{{ table }} as (
    -- a missing, unparsable or out-of-range value
    select source_file, source_line, split_part(reject, '|', 1) as column_name,
           substr(reject, strpos(reject, '|') + 1) as reason, raw_text, false as row_kept
    from checked_{{ table }}
    where reject is not null
    {%- if not repeats_kept %}
    union all
    -- a key already seen on a usable row
    select source_file, source_line, '{{ key | join(", ") }}',
           'duplicate key: first seen on line ' || first_value(source_line) over (
               partition by {{ key | join(', ') }} order by source_line), raw_text, false
    from checked_{{ table }}
    where reject is null
    qualify occurrence > 1
    {%- endif %}
    {%- if references %}
    union all
    -- a reference to a row the other file does not have (as a usable row)
    select source_file, source_line, split_part(dangling, '|', 1), substr(dangling, strpos(dangling, '|') + 1), raw_text,
           false
    from (
        select *, case
            {%- for column in references %}
            {%- set target_key = raw_key(column.references) %}
            when {{ column.name }} not in (
                select {{ target_key[0] }} from checked_{{ column.references }} where reject is null)
                then '{{ column.name }}|no row in {{ column.references }}.csv for ' || {{ column.name }}
            {%- endfor %}
        end as dangling
        from checked_{{ table }}
        where reject is null and occurrence = 1
    )
    where dangling is not null
    {%- endif %}
    {%- for column in dates %}
    union all
    -- a date that cannot be read, on a row that is kept: the row's mart holds it without the date
    select source_file, source_line, '{{ column.name }}', 'not a date: ' || {{ column.name }}, raw_text, true
    from checked_{{ table }}
    where reject is null and occurrence = 1 and {{ column.name }} is not null
        and {{ read_date(column.name) }} is null
    {%- endfor %}
)
{%- endfor %}

select * from reader_rejects
{%- for table in tables %}
union all
select * from rejected_{{ table }}
{%- endfor %}
order by source_file, source_line, column_name
