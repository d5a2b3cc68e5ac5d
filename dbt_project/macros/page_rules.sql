{#
  Which artists, labels and genres get a page, and how record labels are standardised.
  These reproduce the rules of the tool Library Atlas grows out of.
#}

{% macro artist_has_page(track_count, liked_track_count) -%}
({{ track_count }} >= 50 or ({{ track_count }} >= 10 and {{ liked_track_count }} >= 1) or {{ liked_track_count }} >= 5)
{%- endmacro %}

{# More than one artist, and then any of: 50 tracks; 30 tracks with one liked; more than 20 liked. #}
{% macro genre_has_page(artist_count, track_count, liked_track_count) -%}
({{ artist_count }} > 1 and ({{ track_count }} >= 50
  or ({{ track_count }} >= 30 and {{ liked_track_count }} >= 1)
  or {{ liked_track_count }} > 20))
{%- endmacro %}

{% macro label_has_page(track_count) -%}
({{ track_count }} >= 10)
{%- endmacro %}

{# A playlist page lists its tracks; an empty playlist has nothing to show. #}
{% macro playlist_has_page(track_count) -%}
({{ track_count }} >= 1)
{%- endmacro %}

{#
  A piece of a label text that starts at a separator between labels (`,`, `/` or `;`) and runs to
  the next; the text is read with a separator put before it, so each piece starts with one.
#}
{% macro label_piece() -%}
'[,/;][^,/;]*'
{%- endmacro %}

{#
  True for a piece that is only a company suffix after a comma (`, Inc.`, `, LLC`, `,Ltd.`,
  `, S.L.`): it ends the label before it ('Nippon Columbia Co., Ltd.'), not a list of labels.
#}
{% macro is_company_suffix(piece) -%}
(starts_with({{ piece }}, ',') and regexp_replace(upper({{ piece }}), '[\s.,]', '', 'g') in (
  'INC', 'INCORPORATED', 'LTD', 'LIMITED', 'COLTD', 'PTYLTD', 'LLC', 'LLP', 'LP', 'PLC', 'CO', 'CORP',
  'CORPORATION', 'GMBH', 'AG', 'KG', 'SA', 'SAS', 'SARL', 'SL', 'SRL', 'SPA', 'BV', 'NV'))
{%- endmacro %}

{# One trimmed part of a label text as shown: 'Republic Records - TWICE' counts as 'Republic Records'. #}
{% macro label_spelling(part) -%}
case when starts_with(trim({{ part }}), 'Republic Records - ') then 'Republic Records' else trim({{ part }}) end
{%- endmacro %}

{#
  The standardised form a label is matched by: upper-case; leading years ('2018 ') and
  distribution prefixes removed repeatedly; company suffixes ('RECORDS', 'LLC', '.', ...) and the
  spaces before them removed repeatedly. An empty result means the part names no label.
#}
{% macro standardise_label(spelling) -%}
trim(regexp_replace(
  regexp_replace(
    upper({{ spelling }}),
    '^(\s*([0-9]{4} |DISTRIBUTED BY|DISTRIBUTED THROUGH|UNDER EXCLUSIVE LICENCE TO))+\s*', ''),
  '(\s*(RECORDS|LABELS|LABEL|MUSIC|LIMITED|LLC|INC|LTD|\*|,|\.))+$', ''))
{%- endmacro %}
