{#
  The rules a raw row must meet to be used, read from where they are declared once: the column
  `config: meta:` of models/staging/spotify/_spotify__sources.yml (`type`, `required`, `min`, `max`,
  `references`) and each table's `key` and `repeats_kept`. Staging models use reject_reason to keep
  the usable rows; rejected_rows uses the same macros to list the others. A `date` value never
  rejects its row: staging reads it with read_date, and rejected_rows reports one it cannot read.
#}


{# The raw columns of one source table, with their rules: key columns first, then the file's order. #}
{% macro raw_columns(table) %}
  {%- if not execute %}{{ return([]) }}{% endif %}
  {%- set source_table = graph.sources['source.' ~ project_name ~ '.spotify.' ~ table] %}
  {%- set key = source_table.config.meta['key'] %}
  {%- set columns = [] %}
  {%- for name in key %}
    {%- do columns.append(source_table.columns[name]) %}
  {%- endfor %}
  {%- for name, column in source_table.columns.items() if name not in key and not name.startswith('_') %}
    {%- do columns.append(column) %}
  {%- endfor %}
  {%- set result = [] %}
  {%- for column in columns %}
    {%- set meta = column.config.meta %}
    {%- do result.append({
        'name': column.name,
        'type': meta.get('type', 'varchar'),
        'required': meta.get('required', false),
        'min': meta.get('min'),
        'max': meta.get('max'),
        'references': meta.get('references'),
    }) %}
  {%- endfor %}
  {{ return(result) }}
{% endmacro %}


{# The columns that identify a row of one raw file, as its header names them. #}
{% macro raw_key(table) %}
  {{ return(raw_table_meta(table).get('key', [])) }}
{% endmacro %}


{# A raw value with surrounding blanks removed; '' means absent. #}
{% macro raw_value(name) -%}
nullif(trim("{{ name }}"), '')
{%- endmacro %}


{#
  Why a raw row cannot be used, as 'column|reason' for its first bad column (key columns are
  checked first), or null when the row is usable.
#}
{% macro reject_reason(table) -%}
{%- set columns = raw_columns(table) %}
{%- if not columns %}null{% else -%}
case
{%- for column in columns %}
  {%- set value = raw_value(column.name) %}
  {%- if column.required %}
  when {{ value }} is null then '{{ column.name }}|missing value'
  {%- endif %}
  {%- if column.type not in ('varchar', 'date') %}
  when {{ value }} is not null and try_cast({{ value }} as {{ column.type }}) is null
    then '{{ column.name }}|not a {{ "boolean" if column.type == "boolean" else ("whole number" if column.type in ("integer", "bigint") else "number") }}: ' || {{ value }}
  {%- endif %}
  {%- if column.min is not none %}
  when try_cast({{ value }} as {{ column.type }}) < {{ column.min }}
    then '{{ column.name }}|out of range (below {{ column.min }}): ' || {{ value }}
  {%- endif %}
  {%- if column.max is not none %}
  when try_cast({{ value }} as {{ column.type }}) > {{ column.max }}
    then '{{ column.name }}|out of range (above {{ column.max }}): ' || {{ value }}
  {%- endif %}
{%- endfor %}
{%- set unanalysed = raw_table_meta(table).get('unanalysed_when_all_zero') %}
{%- if unanalysed %}
  when {% for name in unanalysed %}try_cast({{ raw_value(name) }} as double) = 0{{ ' and ' if not loop.last }}{% endfor %}
    then '{{ unanalysed[0] }}|not analysed: {{ unanalysed | join(", ") }} are all 0, as Spotify gives them for a track it could not analyse'
{%- endif %}
end
{%- endif %}
{%- endmacro %}


{#
  A date as ISO text at the precision the value gives (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), read from
  the forms people's tools write: those three (month and day with or without a leading zero),
  `M/D/YYYY` (a spreadsheet's), and an ISO timestamp (its date as written, whatever the time zone).
  Null when the value is null or none of these, or names no real date (`2013-02-30`); a two-digit
  year (`6/25/13`) is not guessed at.
#}
{% macro read_date(value) -%}
case
  when regexp_full_match({{ value }}, '[0-9]{4}') then {{ value }}
  when regexp_full_match({{ value }}, '[0-9]{4}-[0-9]{1,2}')
    then strftime(try_strptime({{ value }}, '%Y-%m'), '%Y-%m')
  when regexp_full_match({{ value }}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')
    then strftime(try_strptime({{ value }}, '%m/%d/%Y'), '%Y-%m-%d')
  when regexp_full_match({{ value }}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([T ].+)?')
    then strftime(try_cast({{ value }} as timestamp), '%Y-%m-%d')
end
{%- endmacro %}


{# The `config: meta:` of one raw table. #}
{% macro raw_table_meta(table) %}
  {%- if not execute %}{{ return({}) }}{% endif %}
  {{ return(graph.sources['source.' ~ project_name ~ '.spotify.' ~ table].config.meta) }}
{% endmacro %}


{# The raw row as CSV text (key columns first, then the file's order), for the rejected-rows report. #}
{% macro raw_row_text(table) -%}
concat_ws(','
{%- for column in raw_columns(table) %},
  case when regexp_matches(coalesce("{{ column.name }}", ''), '[",\n\r]')
       then '"' || replace("{{ column.name }}", '"', '""') || '"' else coalesce("{{ column.name }}", '') end
{%- endfor %})
{%- endmacro %}


{#
  Fails the build when `tables` is not the list of raw tables the sources YAML declares (those with
  a `raw_file`). rejected_rows names its tables itself because dbt records a model's source()
  calls before the graph exists; this keeps that list from drifting from the YAML.
#}
{% macro assert_raw_tables(tables) %}
  {%- if execute %}
    {%- set declared = [] %}
    {%- for source_table in graph.sources.values()
          if source_table.package_name == project_name and source_table.source_name == 'spotify'
             and 'raw_file' in source_table.config.meta %}
      {%- do declared.append(source_table.name) %}
    {%- endfor %}
    {%- if declared | sort != tables | sort %}
      {%- do exceptions.raise_compiler_error(
          'rejected_rows lists the raw tables ' ~ (tables | sort) ~ ' but _spotify__sources.yml declares '
          ~ (declared | sort)) %}
    {%- endif %}
  {%- endif %}
{% endmacro %}
