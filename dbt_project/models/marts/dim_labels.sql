-- One row per standardised record label, shown under its most common spelling.
with spellings as (
    select label_key, label_spelling, count(*) as albums
    from {{ ref('bridge_album_labels') }}
    group by all
),

display as (
    select label_key, arg_min(label_spelling, (-albums, label_spelling)) as label_name
    from spellings
    group by label_key
),

counts as (
    select
        bridge.label_key,
        count(distinct bridge.album_uri) as album_count,
        count(track.track_uri) as track_count,
        count(track.track_uri) filter (where track.is_liked) as liked_track_count
    from {{ ref('bridge_album_labels') }} as bridge
    left join {{ ref('dim_tracks') }} as track using (album_uri)
    group by bridge.label_key
)

select
    label_key,
    display.label_name,
    counts.album_count,
    counts.track_count,
    counts.liked_track_count,
    {{ label_has_page('counts.track_count') }} as has_page
from display
join counts using (label_key)
