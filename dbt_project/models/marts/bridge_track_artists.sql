-- Credits of tracks to artists that are both in the library, in credit order.
select
    credit.track_uri,
    credit.artist_uri,
    credit.artist_index,
    row_number() over (partition by credit.track_uri order by credit.artist_index, credit.source_line) = 1 as is_primary
from {{ ref('stg_spotify__track_artist') }} as credit
join {{ ref('stg_spotify__tracks') }} using (track_uri)
join {{ ref('stg_spotify__artists') }} using (artist_uri)
