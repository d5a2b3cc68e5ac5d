-- bridge_album_labels has at most one row per (album_uri, label_index).
select album_uri, label_index, count(*) as row_count
from {{ ref('bridge_album_labels') }}
group by album_uri, label_index
having count(*) > 1
