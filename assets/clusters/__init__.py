"""Clustering: which groups of tracks are clustered, the maths, and the cluster tables."""
