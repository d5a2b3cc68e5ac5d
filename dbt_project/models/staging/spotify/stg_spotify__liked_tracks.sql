-- The usable rows of liked_tracks.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('liked_tracks') }}
