"""Cluster the tracks of one group by their audio features."""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from threadpoolctl import ThreadpoolController

from assets.library.reader import FEATURES

ADJECTIVES = {
    "danceability": ("Danceable", "Not danceable"),
    "energy": ("Energetic", "Mellow"),
    "speechiness": ("Speechy", "Melodic"),
    "acousticness": ("Acoustic", "Electronic"),
    "instrumentalness": ("Instrumental", "Vocal"),
    "liveness": ("Live", "Produced"),
    "valence": ("Happy", "Sad"),
}
MIN_TRACKS = 11  # a group needs more than 10 tracks with features to be clustered
N_COMPONENTS = 5
K_MIN, K_MAX = 3, 10
MAX_SIZE_RATIO = 10
N_INIT = 10

# Building a controller scans the loaded native libraries, which costs more than clustering a small group.
_THREADPOOLS = ThreadpoolController()


@dataclass(frozen=True)
class Pca:
    """Principal components of a feature matrix: rows of `components` are unit eigenvectors."""

    mean: np.ndarray
    components: np.ndarray
    explained_variance: np.ndarray

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Project rows of X onto the components."""
        return (X - self.mean) @ self.components.T


def fit_pca(X: np.ndarray, n_components: int = N_COMPONENTS) -> Pca:
    """Eigen-decompose the covariance of X, largest eigenvalue first, each component's largest-magnitude entry positive."""
    mean = X.mean(axis=0)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(X, rowvar=False))
    # eigh returns eigenvalues in ascending order.
    eigenvalues = eigenvalues[::-1][:n_components]
    components = eigenvectors[:, ::-1][:, :n_components].T
    # Eigenvectors are only defined up to sign; fixing it keeps axis titles and plots stable between runs.
    pivots = components[np.arange(len(components)), np.abs(components).argmax(axis=1)]
    components = components * np.where(pivots < 0, -1.0, 1.0)[:, None]
    # Rank-deficient groups give eigenvalues of about -1e-17, which are zero variance.
    return Pca(mean=mean, components=components, explained_variance=np.clip(eigenvalues, 0.0, None))


def choose_k_start(n: int) -> int:
    """Number of clusters to try first for n tracks: about one per 50 tracks, between 3 and 10."""
    return min(max(math.ceil(n / 50), K_MIN), K_MAX)


def _top_three(values: np.ndarray) -> str:
    """The three features with the largest |value|, as adjectives picked by sign, largest first."""
    # Stable sort so ties fall back to FEATURES order instead of an arbitrary one.
    top = np.argsort(-np.abs(values), kind="stable")[:3]
    return ", ".join(ADJECTIVES[FEATURES[i]][0 if values[i] >= 0 else 1] for i in top)


def axis_title(loading: np.ndarray) -> str:
    """Name a principal component by its three heaviest features, e.g. "Energetic, Acoustic, Sad"."""
    return _top_three(np.asarray(loading, dtype=float))


def describe(cluster_centre: np.ndarray, group_mean: np.ndarray, group_std: np.ndarray) -> str:
    """Name a cluster by the three features where its centre stands furthest from the group, in group std units."""
    difference = np.asarray(cluster_centre, dtype=float) - np.asarray(group_mean, dtype=float)
    std = np.asarray(group_std, dtype=float)
    # A feature constant across the group cannot set a cluster apart.
    z = np.divide(difference, std, out=np.zeros_like(difference), where=std > 0)
    return _top_three(z)


@dataclass(frozen=True)
class GroupClusters:
    """Clusters of one group: per-track cluster, distance and 2-D position, plus axis titles and cluster descriptions."""

    tracks: pd.DataFrame
    k: int
    x_title: str
    y_title: str
    descriptions: dict[int, str]

    def representatives(self, cluster: int, n: int = 10) -> list:
        """Up to n track ids of the cluster nearest its centre, nearest first, ties by track id."""
        if cluster not in self.descriptions:
            raise ValueError(f"no cluster {cluster}: clusters are 1..{self.k}")
        members = self.tracks.loc[self.tracks["cluster"] == cluster, ["distance"]]
        members = members.assign(track_id=members.index).sort_values(["distance", "track_id"], kind="stable")
        return members.index[:n].tolist()


def _kmeans_labels(Z: np.ndarray, k: int, random_state: int) -> np.ndarray:
    """K-means labels of the rows of Z."""
    # One OpenMP thread: sklearn sums per-thread partial centres in lock order, so more threads can change the
    # last bits of the result from run to run; it also keeps parallel asset runs from oversubscribing the CPU.
    with _THREADPOOLS.limit(limits=1, user_api="openmp"):
        model = KMeans(n_clusters=k, n_init=N_INIT, random_state=random_state, algorithm="lloyd").fit(Z)
    return model.labels_


def _fit_clusters(Z: np.ndarray, k: int, random_state: int) -> tuple[int, np.ndarray]:
    """Run k-means from k, lowering k while the smallest cluster is under a tenth of the largest."""
    labels = _kmeans_labels(Z, k, random_state)
    sizes = np.bincount(labels, minlength=k)
    while sizes.min() * MAX_SIZE_RATIO < sizes.max() and k > K_MIN:
        k -= 1
        labels = _kmeans_labels(Z, k, random_state)
        sizes = np.bincount(labels, minlength=k)
    return k, labels


def cluster_group(features: pd.DataFrame, random_state: int = 0) -> GroupClusters:
    """Cluster a group's tracks with k-means on the first 5 principal components of FEATURES.

    `features` is indexed by track id with one column per FEATURES entry and at least MIN_TRACKS rows.
    k starts at choose_k_start(n) and drops (not below 3) while the smallest cluster has fewer than a tenth
    of the largest's tracks; k never exceeds the number of distinct points. Clusters are numbered 1..k by
    size, largest first, ties broken by the smallest track id in the cluster. Distances are Euclidean, in
    PCA space, to the mean of the cluster's members. Rows are sorted by track id first, so the result does
    not depend on input row order.
    """
    if len(features) < MIN_TRACKS:
        raise ValueError(f"a group needs at least {MIN_TRACKS} tracks with features to be clustered, got {len(features)}")
    if not features.index.is_unique:
        raise ValueError("track ids must be unique")
    frame = features.loc[:, list(FEATURES)].sort_index()
    X = frame.to_numpy(dtype=float)
    if np.isnan(X).any():
        raise ValueError("features must not contain NaN")

    pca = fit_pca(X)
    Z = pca.transform(X)
    # k-means cannot fill more clusters than there are distinct tracks.
    k, labels = _fit_clusters(Z, min(choose_k_start(len(X)), len(np.unique(X, axis=0))), random_state)

    sizes = np.bincount(labels, minlength=k)
    # Rows are sorted by track id, so a cluster's first row holds its smallest track id.
    first_row = np.array([np.flatnonzero(labels == label)[0] for label in range(k)])
    order = sorted(range(k), key=lambda label: (-sizes[label], first_row[label]))
    number = np.empty(k, dtype=int)
    number[order] = np.arange(1, k + 1)

    centres = np.array([Z[labels == label].mean(axis=0) for label in range(k)])
    feature_centres = np.array([X[labels == label].mean(axis=0) for label in range(k)])
    group_mean, group_std = X.mean(axis=0), X.std(axis=0)

    tracks = pd.DataFrame(
        {
            "cluster": number[labels],
            "distance": np.linalg.norm(Z - centres[labels], axis=1),
            "pc1": Z[:, 0],
            "pc2": Z[:, 1],
        },
        index=frame.index,
    )
    return GroupClusters(
        tracks=tracks,
        k=k,
        x_title=axis_title(pca.components[0]),
        y_title=axis_title(pca.components[1]),
        descriptions={
            position + 1: describe(feature_centres[label], group_mean, group_std) for position, label in enumerate(order)
        },
    )
