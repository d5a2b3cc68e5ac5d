{#
  Rows whose value is not the bare name of a CSV file (no folder, ending in `.csv` in any case):
  a normalised export's `tracks.csv`, or any Exportify playlist file.
#}
{% test file_name(model, column_name) %}
select *
from {{ model }}
where not regexp_full_match({{ column_name }}, '[^/\\]+\.[cC][sS][vV]')
{% endtest %}
