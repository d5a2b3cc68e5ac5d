-- Every track with a credit in bridge_track_artists has exactly one primary artist.
select track_uri, count(*) filter (where is_primary) as primary_credits
from {{ ref('bridge_track_artists') }}
group by track_uri
having count(*) filter (where is_primary) <> 1
