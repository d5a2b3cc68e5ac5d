{#
  The raw export's columns, in one place: what each raw column is called in the models, its type,
  whether a row without it is rejected, and the range a value must lie in. Staging models and
  rejected_rows are both generated from this, so a rule is never written twice.
#}
{% macro spotify_schema() %}
{{ return({
  'tracks': {'key': ['track_uri'], 'columns': [
    {'raw': 'uri', 'name': 'track_uri', 'type': 'varchar', 'required': true},
    {'raw': 'name', 'name': 'track_name', 'type': 'varchar'},
    {'raw': 'popularity', 'name': 'popularity', 'type': 'integer', 'min': 0, 'max': 100},
    {'raw': 'explicit', 'name': 'is_explicit', 'type': 'boolean'},
    {'raw': 'duration_ms', 'name': 'duration_ms', 'type': 'bigint', 'min': 0},
    {'raw': 'album_uri', 'name': 'album_uri', 'type': 'varchar'},
    {'raw': 'isrc', 'name': 'isrc', 'type': 'varchar'},
  ]},
  'albums': {'key': ['album_uri'], 'columns': [
    {'raw': 'uri', 'name': 'album_uri', 'type': 'varchar', 'required': true},
    {'raw': 'name', 'name': 'album_name', 'type': 'varchar'},
    {'raw': 'album_type', 'name': 'album_type', 'type': 'varchar'},
    {'raw': 'label', 'name': 'label_text', 'type': 'varchar'},
    {'raw': 'popularity', 'name': 'popularity', 'type': 'integer', 'min': 0, 'max': 100},
    {'raw': 'total_tracks', 'name': 'total_tracks', 'type': 'integer', 'min': 0},
    {'raw': 'release_date', 'name': 'release_date', 'type': 'varchar'},
    {'raw': 'image_url', 'name': 'image_url', 'type': 'varchar'},
  ]},
  'artists': {'key': ['artist_uri'], 'columns': [
    {'raw': 'uri', 'name': 'artist_uri', 'type': 'varchar', 'required': true},
    {'raw': 'name', 'name': 'artist_name', 'type': 'varchar'},
    {'raw': 'popularity', 'name': 'popularity', 'type': 'integer', 'min': 0, 'max': 100},
    {'raw': 'followers', 'name': 'followers', 'type': 'bigint', 'min': 0},
    {'raw': 'image_url', 'name': 'image_url', 'type': 'varchar'},
  ]},
  'audio_features': {'key': ['track_uri'], 'columns': [
    {'raw': 'track_uri', 'name': 'track_uri', 'type': 'varchar', 'required': true},
    {'raw': 'danceability', 'name': 'danceability', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'energy', 'name': 'energy', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'key', 'name': 'musical_key', 'type': 'integer', 'min': -1, 'max': 11},
    {'raw': 'loudness', 'name': 'loudness', 'type': 'double', 'min': -100, 'max': 10},
    {'raw': 'mode', 'name': 'mode', 'type': 'integer', 'min': 0, 'max': 1},
    {'raw': 'speechiness', 'name': 'speechiness', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'acousticness', 'name': 'acousticness', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'instrumentalness', 'name': 'instrumentalness', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'liveness', 'name': 'liveness', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'valence', 'name': 'valence', 'type': 'double', 'required': true, 'min': 0, 'max': 1},
    {'raw': 'tempo', 'name': 'tempo', 'type': 'double', 'min': 0, 'max': 1000},
    {'raw': 'time_signature', 'name': 'time_signature', 'type': 'integer', 'min': 0, 'max': 16},
  ]},
  'track_artist': {'key': ['track_uri', 'artist_uri'], 'columns': [
    {'raw': 'track_uri', 'name': 'track_uri', 'type': 'varchar', 'required': true},
    {'raw': 'artist_uri', 'name': 'artist_uri', 'type': 'varchar', 'required': true},
    {'raw': 'artist_index', 'name': 'artist_index', 'type': 'integer', 'required': true, 'min': 0},
  ]},
  'album_artist': {'key': ['album_uri', 'artist_uri'], 'columns': [
    {'raw': 'album_uri', 'name': 'album_uri', 'type': 'varchar', 'required': true},
    {'raw': 'artist_uri', 'name': 'artist_uri', 'type': 'varchar', 'required': true},
  ]},
  'artist_genre': {'key': ['artist_uri', 'genre'], 'columns': [
    {'raw': 'artist_uri', 'name': 'artist_uri', 'type': 'varchar', 'required': true},
    {'raw': 'genre', 'name': 'genre', 'type': 'varchar', 'required': true},
  ]},
  'liked_tracks': {'key': ['track_uri'], 'columns': [
    {'raw': 'track_uri', 'name': 'track_uri', 'type': 'varchar', 'required': true},
  ]},
  'playlists': {'key': ['playlist_uri'], 'columns': [
    {'raw': 'uri', 'name': 'playlist_uri', 'type': 'varchar', 'required': true},
    {'raw': 'name', 'name': 'playlist_name', 'type': 'varchar'},
    {'raw': 'collaborative', 'name': 'is_collaborative', 'type': 'boolean'},
    {'raw': 'public', 'name': 'is_public', 'type': 'boolean'},
    {'raw': 'image_url', 'name': 'image_url', 'type': 'varchar'},
  ]},
  'playlist_track': {'key': ['playlist_uri', 'track_uri'], 'columns': [
    {'raw': 'playlist_uri', 'name': 'playlist_uri', 'type': 'varchar', 'required': true},
    {'raw': 'track_uri', 'name': 'track_uri', 'type': 'varchar', 'required': true},
  ]},
}) }}
{% endmacro %}


{# A raw value with surrounding blanks removed; '' means absent. #}
{% macro raw_value(column) -%}
nullif(trim("{{ column.raw }}"), '')
{%- endmacro %}


{# Why a raw row cannot be used, as 'column|reason' for its first bad column, or null. #}
{% macro reject_reason(table) -%}
case
{%- for column in spotify_schema()[table]['columns'] %}
  {%- set value = raw_value(column) %}
  {%- if column.get('required') %}
  when {{ value }} is null then '{{ column.raw }}|missing value'
  {%- endif %}
  {%- if column.type != 'varchar' %}
  when {{ value }} is not null and try_cast({{ value }} as {{ column.type }}) is null
    then '{{ column.raw }}|not a {{ "boolean" if column.type == "boolean" else ("whole number" if column.type in ("integer", "bigint") else "number") }}: ' || {{ value }}
  {%- endif %}
  {%- if column.get('min') is not none %}
  when try_cast({{ value }} as {{ column.type }}) < {{ column.min }}
    then '{{ column.raw }}|out of range (below {{ column.min }}): ' || {{ value }}
  {%- endif %}
  {%- if column.get('max') is not none %}
  when try_cast({{ value }} as {{ column.type }}) > {{ column.max }}
    then '{{ column.raw }}|out of range (above {{ column.max }}): ' || {{ value }}
  {%- endif %}
{%- endfor %}
end
{%- endmacro %}


{# The raw row as CSV text, for the rejected-rows report. #}
{% macro raw_row_text(table) -%}
concat_ws(','
{%- for column in spotify_schema()[table]['columns'] %},
  case when regexp_matches(coalesce("{{ column.raw }}", ''), '[",\n\r]')
       then '"' || replace("{{ column.raw }}", '"', '""') || '"' else coalesce("{{ column.raw }}", '') end
{%- endfor %})
{%- endmacro %}


{# Every landed row, with its typed columns, its line and why it is rejected (null if usable). #}
{% macro checked_source(table) %}
select
{%- for column in spotify_schema()[table]['columns'] %}
  {%- if column.type == 'varchar' %}
    {{ raw_value(column) if column.get('required') else '"' ~ column.raw ~ '"' }} as {{ column.name }},
  {%- else %}
    try_cast({{ raw_value(column) }} as {{ column.type }}) as {{ column.name }},
  {%- endif %}
{%- endfor %}
    _file as source_file,
    _line as source_line,
    {{ reject_reason(table) }} as reject,
    {{ raw_row_text(table) }} as raw_text
from {{ source('spotify', table) }}
{% endmacro %}


{# A staging model: the usable rows of one raw table, first occurrence of each key. #}
{% macro spotify_staging(table) %}
{%- set key = spotify_schema()[table]['key'] %}
select * exclude (reject, raw_text)
from ({{ checked_source(table) }})
where reject is null
qualify row_number() over (partition by {{ key | join(', ') }} order by source_line) = 1
{% endmacro %}


{# References between raw tables: a row whose reference has no row to point at is rejected. #}
{% macro spotify_references() %}
{{ return({
  'audio_features': [('track_uri', 'tracks', 'track_uri')],
  'track_artist': [('track_uri', 'tracks', 'track_uri'), ('artist_uri', 'artists', 'artist_uri')],
  'album_artist': [('album_uri', 'albums', 'album_uri'), ('artist_uri', 'artists', 'artist_uri')],
  'artist_genre': [('artist_uri', 'artists', 'artist_uri')],
  'liked_tracks': [('track_uri', 'tracks', 'track_uri')],
  'playlist_track': [('playlist_uri', 'playlists', 'playlist_uri'), ('track_uri', 'tracks', 'track_uri')],
}) }}
{% endmacro %}


{# What a model column is called in the raw file, for reports that point users at the file. #}
{% macro raw_name(table, name) -%}
{%- for column in spotify_schema()[table]['columns'] if column.name == name -%}{{ column.raw }}{%- endfor -%}
{%- endmacro %}
