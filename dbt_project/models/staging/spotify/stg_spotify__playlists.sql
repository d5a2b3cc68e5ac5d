-- The usable rows of playlists.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('playlists') }}
