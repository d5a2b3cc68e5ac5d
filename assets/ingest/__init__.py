"""Reading music-library exports: each format lands the same raw tables for dbt."""
