"""Tests for the clustering of one group's tracks."""

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assets.clusters import clustering
from assets.clusters.clustering import (
    FEATURES,
    MIN_TRACKS,
    GroupClusters,
    axis_title,
    choose_k_start,
    cluster_group,
    describe,
    fit_pca,
)

ROOT = Path(__file__).resolve().parents[1]


def random_features(n: int, seed: int = 0) -> pd.DataFrame:
    """Audio features in [0, 1] with some correlation between columns, indexed t00000, t00001, ..."""
    rng = np.random.default_rng(seed)
    X = rng.beta(2, 3, size=(n, len(FEATURES)))
    X[:, 1] = 0.6 * X[:, 1] + 0.4 * (1 - X[:, 3])
    return pd.DataFrame(X, columns=FEATURES, index=[f"t{i:05d}" for i in range(n)])


def blobs(sizes: dict[str, int], seed: int = 0) -> pd.DataFrame:
    """Tight, far-apart blobs of tracks; blob `name` has track ids name000, name001, ..."""
    rng = np.random.default_rng(seed)
    parts = []
    for b, (name, size) in enumerate(sizes.items()):
        centre = np.full(len(FEATURES), 0.1)
        centre[b % len(FEATURES)] = 0.9
        X = centre + rng.normal(scale=0.01, size=(size, len(FEATURES)))
        parts.append(pd.DataFrame(X, columns=FEATURES, index=[f"{name}{i:03d}" for i in range(size)]))
    return pd.concat(parts)


def sign_rule(vectors: np.ndarray) -> np.ndarray:
    """Flip each row so that its largest-magnitude entry is positive."""
    pivots = vectors[np.arange(len(vectors)), np.abs(vectors).argmax(axis=1)]
    return vectors * np.sign(pivots)[:, None]


def test_pca_matches_direct_eigendecomposition_of_covariance():
    X = random_features(300).to_numpy()
    pca = fit_pca(X)

    eigenvalues, eigenvectors = np.linalg.eig(np.cov(X.T))
    order = np.argsort(eigenvalues)[::-1][:5]
    expected = sign_rule(eigenvectors[:, order].T.real)

    assert pca.components.shape == (5, len(FEATURES))
    np.testing.assert_allclose(pca.mean, X.mean(axis=0))
    np.testing.assert_allclose(pca.explained_variance, eigenvalues[order].real, rtol=1e-10)
    np.testing.assert_allclose(pca.components, expected, atol=1e-10)
    np.testing.assert_allclose(pca.components @ pca.components.T, np.eye(5), atol=1e-12)
    np.testing.assert_allclose(pca.transform(X), (X - X.mean(axis=0)) @ expected.T, atol=1e-10)


def test_pca_sign_rule_makes_largest_entry_positive():
    rng = np.random.default_rng(1)
    direction = np.array([-0.8, 0.6, 0, 0, 0, 0, 0])
    X = rng.normal(size=(200, 1)) * direction + rng.normal(scale=0.01, size=(200, 7))

    for data in (X, -X):
        pca = fit_pca(data)
        np.testing.assert_allclose(pca.components[0], [0.8, -0.6, 0, 0, 0, 0, 0], atol=0.02)
        rows = np.arange(5)
        assert (pca.components[rows, np.abs(pca.components).argmax(axis=1)] > 0).all()


def test_pca_of_identical_tracks_still_has_five_components():
    pca = fit_pca(np.tile(np.linspace(0.1, 0.7, 7), (12, 1)))

    assert pca.components.shape == (5, 7)
    np.testing.assert_allclose(pca.explained_variance, np.zeros(5), atol=1e-20)
    np.testing.assert_allclose(np.linalg.norm(pca.components, axis=1), np.ones(5))


@pytest.mark.parametrize(
    ("n", "k"), [(11, 3), (50, 3), (150, 3), (151, 4), (200, 4), (450, 9), (451, 10), (500, 10), (10_000, 10)]
)
def test_choose_k_start(n, k):
    assert choose_k_start(n) == k


def test_k_is_lowered_while_a_cluster_is_tiny(monkeypatch):
    # 498 similar tracks and a far-away pair that k-means keeps apart at every k.
    rng = np.random.default_rng(0)
    X = np.vstack([0.3 + rng.normal(scale=0.03, size=(498, 7)), [[1.0] * 7, [0.98] * 7]])
    features = pd.DataFrame(X, columns=FEATURES, index=[f"t{i:03d}" for i in range(498)] + ["outlier-a", "outlier-b"])
    tried = {}
    original = clustering._kmeans_labels

    def recording(Z, k, random_state):
        labels = original(Z, k, random_state)
        tried[k] = np.bincount(labels, minlength=k)
        return labels

    monkeypatch.setattr(clustering, "_kmeans_labels", recording)
    result = cluster_group(features)

    assert list(tried) == list(range(choose_k_start(500), 2, -1))
    # Every k was given up for a cluster under a tenth of the largest; k = 3 is kept however tiny.
    assert all(sizes.min() * 10 < sizes.max() for sizes in tried.values())
    assert result.k == 3
    assert sorted(result.tracks["cluster"].value_counts().tolist()) == sorted(tried[3].tolist())
    assert sorted(result.tracks.index[result.tracks["cluster"] == 3]) == ["outlier-a", "outlier-b"]


def test_k_stays_when_clusters_are_balanced():
    result = cluster_group(blobs({"a": 50, "b": 50, "c": 50, "d": 50}))

    assert result.k == choose_k_start(200) == 4
    assert sorted(result.tracks["cluster"].value_counts().tolist()) == [50, 50, 50, 50]


def test_k_never_exceeds_distinct_tracks():
    two_kinds = pd.DataFrame(
        [[0.2] * 7] * 6 + [[0.8] * 7] * 5, columns=FEATURES, index=[f"t{i:02d}" for i in range(11)]
    )
    same = pd.DataFrame([[0.5] * 7] * MIN_TRACKS, columns=FEATURES, index=[f"t{i:02d}" for i in range(MIN_TRACKS)])

    assert cluster_group(two_kinds).k == 2
    assert cluster_group(same).k == 1
    np.testing.assert_allclose(cluster_group(same).tracks["distance"], 0.0, atol=1e-12)


def test_axis_title_picks_three_heaviest_loadings_by_sign():
    loading = np.zeros(7)
    loading[FEATURES.index("energy")] = 0.7
    loading[FEATURES.index("acousticness")] = 0.5
    loading[FEATURES.index("valence")] = -0.4
    loading[FEATURES.index("danceability")] = 0.1

    assert axis_title(loading) == "Energetic, Acoustic, Sad"
    assert axis_title(-loading) == "Mellow, Electronic, Happy"


def test_axis_title_ties_follow_feature_order():
    assert axis_title(np.array([0.1, -0.5, 0.5, 0.5, 0, 0, -0.5])) == "Mellow, Speechy, Acoustic"


def test_describe_ranks_by_difference_in_group_std():
    mean = np.full(7, 0.5)
    std = np.full(7, 0.1)
    std[FEATURES.index("liveness")] = 0.0
    std[FEATURES.index("instrumentalness")] = 0.4
    centre = mean.copy()
    centre[FEATURES.index("danceability")] = 0.8  # 3 std
    centre[FEATURES.index("energy")] = 0.3  # -2 std
    centre[FEATURES.index("valence")] = 0.65  # 1.5 std
    centre[FEATURES.index("instrumentalness")] = 0.1  # largest raw gap, but only -1 std
    centre[FEATURES.index("liveness")] = 0.9  # the group has no spread here: no difference

    assert describe(centre, mean, std) == "Danceable, Mellow, Happy"


def test_describe_sign_of_the_difference():
    mean = np.full(7, 0.5)
    std = np.full(7, 0.1)
    centre = mean + np.array([-0.3, 0.0, 0.2, 0.25, 0.0, 0.0, 0.0])

    assert describe(centre, mean, std) == "Not danceable, Acoustic, Speechy"


def test_result_shape_and_values_match_the_definition():
    features = random_features(400)
    result = cluster_group(features)
    X = features.sort_index().to_numpy()
    pca = fit_pca(X)
    Z = pca.transform(X)

    assert list(result.tracks.columns) == ["cluster", "distance", "pc1", "pc2"]
    assert result.tracks.index.equals(features.index.sort_values())
    assert set(result.tracks["cluster"]) == set(range(1, result.k + 1))
    assert sorted(result.descriptions) == list(range(1, result.k + 1))
    assert result.x_title == axis_title(pca.components[0])
    assert result.y_title == axis_title(pca.components[1])
    np.testing.assert_allclose(result.tracks[["pc1", "pc2"]].to_numpy(), Z[:, :2])
    for cluster in range(1, result.k + 1):
        members = (result.tracks["cluster"] == cluster).to_numpy()
        centre = Z[members].mean(axis=0)
        np.testing.assert_allclose(result.tracks["distance"][members], np.linalg.norm(Z[members] - centre, axis=1))
        expected = describe(X[members].mean(axis=0), X.mean(axis=0), X.std(axis=0))
        assert result.descriptions[cluster] == expected


def test_same_input_in_any_row_order_gives_identical_result():
    features = random_features(600)
    shuffled = features.sample(frac=1, random_state=3)[list(reversed(FEATURES))]

    first, again, other = cluster_group(features), cluster_group(features), cluster_group(shuffled)

    for result in (again, other):
        pd.testing.assert_frame_equal(result.tracks, first.tracks, check_exact=True)
        assert (result.k, result.x_title, result.y_title, result.descriptions) == (
            first.k,
            first.x_title,
            first.y_title,
            first.descriptions,
        )


def test_result_is_identical_in_another_process(tmp_path):
    features = random_features(600)
    features.to_pickle(tmp_path / "features.pkl")
    code = (
        "import hashlib, sys\n"
        "import pandas as pd\n"
        "from assets.clusters.clustering import cluster_group\n"
        "tracks = cluster_group(pd.read_pickle(sys.argv[1])).tracks\n"
        "print(hashlib.sha256(tracks.to_numpy().tobytes()).hexdigest())\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "features.pkl")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    here = hashlib.sha256(cluster_group(features).tracks.to_numpy().tobytes()).hexdigest()
    assert other.stdout.strip() == here


def test_clusters_are_numbered_by_size_then_smallest_track_id():
    # Blob "c" is largest; "a" and "b" tie on size, and "a" holds the smaller track ids.
    features = blobs({"b": 30, "c": 40, "a": 30}).sample(frac=1, random_state=0)
    tracks = cluster_group(features).tracks

    first_letter = tracks.index.str[0]
    for cluster, letter in ((1, "c"), (2, "a"), (3, "b")):
        assert set(first_letter[tracks["cluster"] == cluster]) == {letter}


def test_cluster_sizes_do_not_increase_with_cluster_number():
    sizes = cluster_group(random_features(1000)).tracks["cluster"].value_counts().sort_index()

    assert sizes.is_monotonic_decreasing


def test_representatives_nearest_first_at_most_n():
    result = cluster_group(random_features(300))
    tracks = result.tracks

    for cluster in range(1, result.k + 1):
        members = tracks[tracks["cluster"] == cluster]
        chosen = result.representatives(cluster)
        assert len(chosen) == min(10, len(members))
        assert set(chosen) <= set(members.index)
        assert tracks.loc[chosen, "distance"].is_monotonic_increasing
        assert tracks.loc[chosen, "distance"].max() <= members["distance"].drop(chosen).min()
    assert len(result.representatives(1, n=3)) == 3
    assert len(result.representatives(1, n=10_000)) == (tracks["cluster"] == 1).sum()


def test_representatives_break_distance_ties_by_track_id():
    tracks = pd.DataFrame(
        {"cluster": [1, 1, 1, 1, 2], "distance": [0.5, 0.1, 0.1, 0.3, 0.0], "pc1": 0.0, "pc2": 0.0},
        index=["d", "c", "a", "b", "e"],
    )
    result = GroupClusters(tracks=tracks, k=2, x_title="", y_title="", descriptions={1: "", 2: ""})

    assert result.representatives(1) == ["a", "c", "b", "d"]
    assert result.representatives(1, n=2) == ["a", "c"]
    with pytest.raises(ValueError, match="no cluster 3"):
        result.representatives(3)


def test_too_few_tracks_is_an_error():
    with pytest.raises(ValueError, match="got 10"):
        cluster_group(random_features(MIN_TRACKS - 1))
    assert cluster_group(random_features(MIN_TRACKS)).tracks.shape[0] == MIN_TRACKS


def test_missing_values_are_an_error():
    features = random_features(20)
    features.iloc[3, 2] = np.nan

    with pytest.raises(ValueError, match="NaN"):
        cluster_group(features)
