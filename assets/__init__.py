"""Library Atlas: a music-library export turned into a browsable atlas of Markdown pages.

The code location's definitions are in `assets.definitions`; the packages beside it are plain
Python by stage (ingest -> library -> clusters -> charts -> site -> publish).
"""
