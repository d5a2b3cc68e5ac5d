"""The library as dbt built it: the marts read into frames, and the atlas's own tables beside them."""
