-- The usable rows of audio_features.csv, renamed and typed as macros/spotify_schema.sql says; the first row of each key.
{{ spotify_staging('audio_features') }}
