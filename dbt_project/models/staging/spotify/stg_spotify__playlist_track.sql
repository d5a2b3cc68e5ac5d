-- The usable rows of playlist_track.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('playlist_track') }}
