"""Charts: Vega-Lite specs built with Altair, rendered to PNG with vl-convert."""
