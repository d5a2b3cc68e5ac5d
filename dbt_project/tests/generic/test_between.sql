{#
  Rows whose value lies outside [min_value, max_value]; nulls pass. Either bound may be left out,
  so `between: {arguments: {min_value: 0}}` checks a count is not negative.
#}
{% test between(model, column_name, min_value=none, max_value=none) %}
select *
from {{ model }}
where false
{%- if min_value is not none %}
    or {{ column_name }} < {{ min_value }}
{%- endif %}
{%- if max_value is not none %}
    or {{ column_name }} > {{ max_value }}
{%- endif %}
{% endtest %}
