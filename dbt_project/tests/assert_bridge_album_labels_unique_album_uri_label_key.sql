-- bridge_album_labels has at most one row per (album_uri, label_key).
select album_uri, label_key, count(*) as row_count
from {{ ref('bridge_album_labels') }}
group by album_uri, label_key
having count(*) > 1
