"""Tools that serve the project from outside the Dagster code location."""
