{#
  The combinations of values of `combination_of_columns` that occur on more than one row, e.g.
  `unique_combination: {arguments: {combination_of_columns: [track_uri, artist_uri]}}` checks no
  artist is credited twice on one track. Nulls count as a value (two rows with the same columns
  null are a repeat).
#}
{% test unique_combination(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as row_count
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}
