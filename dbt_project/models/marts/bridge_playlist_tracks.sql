-- The tracks of each playlist, in the export's order: one row per entry, a track listed twice at both places.
select
    entry.playlist_uri,
    entry.track_uri,
    row_number() over (partition by entry.playlist_uri order by entry.source_line) as position
from {{ ref('stg_spotify__playlist_track') }} as entry
join {{ ref('stg_spotify__playlists') }} using (playlist_uri)
join {{ ref('stg_spotify__tracks') }} using (track_uri)
