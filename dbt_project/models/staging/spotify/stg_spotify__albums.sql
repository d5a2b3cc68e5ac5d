-- The usable rows of albums.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('albums') }}
