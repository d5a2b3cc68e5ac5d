-- The usable rows of playlist_track.csv: one row per playlist entry, renamed and typed; a track listed
-- twice in a playlist is two entries, as Spotify keeps it.
-- A row is usable when reject_reason finds nothing wrong with it (rules in _spotify__sources.yml);
-- the rows left out are listed, with the reason, in rejected_rows.
with source as (
    select * from {{ source('spotify', 'playlist_track') }}
),

renamed as (
    select
        nullif(trim(playlist_uri), '') as playlist_uri,
        nullif(trim(track_uri), '') as track_uri,
        _file as source_file,
        _line as source_line,
        {{ reject_reason('playlist_track') }} as reject
    from source
)

select * exclude (reject)
from renamed
where reject is null
