-- The usable rows of tracks.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('tracks') }}
