-- The usable rows of album_artist.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('album_artist') }}
