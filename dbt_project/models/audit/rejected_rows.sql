-- Every raw row that no mart holds, with where it came from and why it was left out.
{%- set schema = spotify_schema() %}
{%- set references = spotify_references() %}

with reader_rejects as (
    select source_file, source_line, column_name, reason, raw_text
    from {{ source('spotify', 'csv_rejects') }}
)

{%- for table, spec in schema.items() %},

checked_{{ table }} as (
    select *, row_number() over (
        partition by {{ spec.key | join(', ') }} order by reject is not null, source_line) as occurrence
    from ({{ checked_source(table) }})
),

rejected_{{ table }} as (
    select source_file, source_line, split_part(reject, '|', 1) as column_name,
           substr(reject, strpos(reject, '|') + 1) as reason, raw_text
    from checked_{{ table }}
    where reject is not null
    union all
    {%- set raw_key = [] %}
    {%- for name in spec.key %}{% do raw_key.append(raw_name(table, name)) %}{% endfor %}
    select source_file, source_line, '{{ raw_key | join(", ") }}',
           'duplicate key: first seen on line ' || first_value(source_line) over (
               partition by {{ spec.key | join(', ') }} order by source_line), raw_text
    from checked_{{ table }}
    where reject is null
    qualify occurrence > 1
    {%- if table in references %}
    union all
    select source_file, source_line, split_part(dangling, '|', 1), substr(dangling, strpos(dangling, '|') + 1), raw_text
    from (
        select *, case
            {%- for column, target, target_column in references[table] %}
            when {{ column }} not in (select {{ target_column }} from {{ ref('stg_spotify__' ~ target) }})
                then '{{ raw_name(table, column) }}|no row in {{ target }}.csv for ' || {{ column }}
            {%- endfor %}
        end as dangling
        from checked_{{ table }}
        where reject is null and occurrence = 1
    )
    where dangling is not null
    {%- endif %}
)
{%- endfor %}

select * from reader_rejects
{%- for table in schema %}
union all
select * from rejected_{{ table }}
{%- endfor %}
order by source_file, source_line, column_name
