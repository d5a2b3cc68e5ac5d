-- The usable rows of artists.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('artists') }}
