-- The usable rows of artist_genre.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('artist_genre') }}
