-- The usable rows of track_artist.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('track_artist') }}
