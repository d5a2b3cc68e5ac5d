"""The Dagster definitions: one module per part of the graph, resources and sensors beside them."""
