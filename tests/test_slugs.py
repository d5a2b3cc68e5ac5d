"""Tests for assets.site.slugs: folder names for page owners, unique per kind of page."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assets.site.slugs import assign_slugs, is_slug, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("korean pop", "korean_pop"),
        ("Girls' Generation", "girls__generation"),
        ("HEIZE", "heize"),
        ("케이팝", "케이팝"),
        ("../../etc", "______etc"),
        (".", "_"),
        ("..", "__"),
        ("", "untitled"),
        ("   ", "___"),
        ("con", "con_"),
        ("CON", "con_"),
        ("Lpt9", "lpt9_"),
        ("COM¹", "com1_"),
        ("com0", "com0_"),
        ("com10", "com10"),
        ("🔥", "_"),
        ("❤️ love", "___love"),
        ("BTS 🔥 방탄소년단", "bts___방탄소년단"),
        ("عمرو دياب", "عمرو_دياب"),
        ("हिन्दी", "हिन्दी"),
        ("𝐁𝐥𝐚𝐜𝐤 Ｐｉｎｋ", "black_pink"),
        ("Björk", "björk"),
        ("a\u200bb", "a_b"),
    ],
)
def test_slugify_examples(name, slug):
    assert slugify(name) == slug


def test_slugify_cuts_long_names_with_a_hash_of_the_full_name():
    long_a = "a" * 300
    long_b = "a" * 299 + "b"
    assert slugify(long_a) == "a" * 71 + "_9835fa6b"
    assert len(slugify(long_a)) == 80
    assert slugify(long_a) != slugify(long_b)
    assert len(slugify("a" * 80)) == 80 and slugify("a" * 80) == "a" * 80


def test_slugify_keeps_the_utf8_length_within_a_file_name():
    slug = slugify("𠀀" * 80)
    assert len(slug.encode("utf-8")) <= 240
    assert len(slug) <= 80
    assert slug.startswith("𠀀")


@given(st.text())
def test_slugify_is_always_a_safe_folder_name(name):
    slug = slugify(name)
    assert slug and slug not in (".", "..") and not slug.startswith(".")
    assert len(slug) <= 80 and len(slug.encode("utf-8")) <= 240
    assert slug == slug.lower()
    assert not any(char in slug for char in '/\\:*?"<>|. \t\n\x00')
    assert slug not in {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}


def test_assign_slugs_gives_case_and_punctuation_collisions_distinct_slugs():
    pairs = [("k1", "ABBA"), ("k2", "abba"), ("k3", "a-b"), ("k4", "a b"), ("k5", "Solo")]
    slugs = assign_slugs(pairs)
    assert len(set(slugs.values())) == 5
    # "ABBA" < "abba" and "a b" < "a-b", so those keep the plain slug.
    assert slugs["k1"] == "abba"
    assert slugs["k4"] == "a_b"
    assert slugs["k5"] == "solo"
    assert re.fullmatch(r"abba_[0-9a-f]{8}", slugs["k2"])
    assert re.fullmatch(r"a_b_[0-9a-f]{8}", slugs["k3"])


def test_assign_slugs_same_name_ties_break_on_key():
    slugs = assign_slugs([("b", "Same"), ("a", "Same")])
    assert slugs["a"] == "same"
    assert slugs["b"].startswith("same_")


def test_assign_slugs_avoids_a_tagged_slug_that_is_another_plain_slug():
    tag = assign_slugs([("x", "dup"), ("y", "dup")])["y"]
    slugs = assign_slugs([("x", "dup"), ("y", "dup"), ("z", tag)])
    assert slugs["z"] == tag
    assert slugs["y"] != tag
    assert len(set(slugs.values())) == 3


def test_assign_slugs_treats_slugs_equal_on_a_case_insensitive_disk_as_a_collision():
    slugs = assign_slugs([("1", "ΟΔΟΣ"), ("2", "οδοσ")])
    assert len({slug.casefold() for slug in slugs.values()}) == 2


def test_assign_slugs_rejects_one_key_with_two_names():
    with pytest.raises(ValueError):
        assign_slugs([("k", "A"), ("k", "B")])
    assert assign_slugs([("k", "A"), ("k", "A")]) == {"k": "a"}


def test_assign_slugs_of_long_colliding_names_stay_within_limits():
    slugs = assign_slugs([("1", "x" * 300), ("2", "x" * 300), ("3", "X" * 300)])
    assert len(set(slugs.values())) == 3
    assert all(len(slug) <= 80 for slug in slugs.values())


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.sampled_from(["ABBA", "abba", "a-b", "a b", "", " ", ".", "con", "x" * 90]) | st.text(max_size=4),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_assign_slugs_is_unique_non_empty_and_independent_of_order(names, random):
    pairs = list(names.items())
    slugs = assign_slugs(pairs)
    random.shuffle(pairs)
    assert assign_slugs(pairs) == slugs
    assert list(assign_slugs(pairs)) == list(slugs)
    assert set(slugs) == set(names)
    assert len({slug.casefold() for slug in slugs.values()}) == len(slugs)
    assert all(slug and len(slug) <= 80 for slug in slugs.values())


@pytest.mark.parametrize("slug", ["korean_pop", "케이팝", "हिन्दी", "a_b_9835fa6b", "con_", "_"])
def test_is_slug_accepts_what_slugify_makes(slug):
    assert is_slug(slug)


@pytest.mark.parametrize("slug", ["", "../x", "a b", "a-b", "a.b", "a/b", "a\\b", "a%20b", "a\u200bb"])
def test_is_slug_refuses_what_slugify_never_makes(slug):
    assert not is_slug(slug)


@given(st.text())
def test_every_slugify_result_is_a_slug(name):
    assert is_slug(slugify(name))
