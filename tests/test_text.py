"""Tests for assets.site.text: text, URLs and link targets from the data made safe in Markdown."""

import re

import cmarkgfm
import pytest
from hypothesis import given
from hypothesis import strategies as st

from assets.site.text import MAX_CELL_CHARS, cell_text, check_href, escape_text, safe_url

HEIZE_IMAGE = "https://i.scdn.co/image/ab67616d0000b2737f22ff3c2da84dfc06101e23"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Shut Up & Groove", "Shut Up & Groove"),
        ("A|B", "A\\|B"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](y)", "\\[x\\](y)"),
        ("![x](y)", "!\\[x\\](y)"),
        ("`code`", "\\`code\\`"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\nand\ttab", "two lines  and tab"),
        ("para\u2028sep", "para sep"),
        ("  padded \n", "padded"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("zero\u200bwidth", "zero\u200bwidth"),
        ("*NSYNC _x_ ~~y~~", "\\*NSYNC \\_x\\_ \\~\\~y\\~\\~"),
        ("$uicideboy$", "\\$uicideboy\\$"),
        ("C# #", "C\\# \\#"),
        ("케이팝 عربي", "케이팝 عربي"),
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        (HEIZE_IMAGE, HEIZE_IMAGE),
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("http://example.com/a.png", None),
        ("javascript:alert(1)", None),
        ("HTTPS://example.com", None),
        ("https://", None),
        ("https://example.com/a b", None),
        ('https://example.com/"onerror="x', None),
        ("https://example.com/a)b", None),
        ("https://example.com/<x>", None),
        ("https://example.com/a|b", None),
        ("https://example.com/`x`", None),
        ("https://example.com/\u00e9", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_safe_url(url, safe):
    assert safe_url(url) == safe


@pytest.mark.parametrize(
    "href",
    ["", "../overview.md", "../../../genres/korean_pop/overview.md", "genres/케이팝/overview.md", "images/overview/clusters/clusters_scatter.png"],
)
def test_check_href_returns_a_safe_target_unchanged(href):
    assert check_href(href) == href


@pytest.mark.parametrize(
    "href",
    ["a b.md", "a (1).png", "a)b", "[x]", "a|b", "a\\b", 'a"b', "a'b", "a`b", "a<b>", "a\tb", "a\nb", "a\u200bb", "a\x00b"],
)
def test_check_href_refuses_a_target_that_would_break_the_link(href):
    with pytest.raises(ValueError, match="unsafe character"):
        check_href(href)


def test_a_long_name_is_shortened_in_cells_with_an_ellipsis():
    long_name = "ab|" * 400_000

    shown = cell_text(long_name)

    assert shown.endswith("…") and len(shown.replace("\\|", "|")) == MAX_CELL_CHARS
    assert shown.startswith("ab\\|ab\\|")
    assert cell_text("x" * MAX_CELL_CHARS) == "x" * MAX_CELL_CHARS


@pytest.mark.parametrize("name", [
    "https://evil.example/x", "see http://evil.example now", "www.evil.example", "Www.Evil.Example", "ftp://x.y",
    "mail me: someone@evil.example", "mailto:a@b.example", "xmpp:a@b.example/x", "[x](https://evil.example)",
])
def test_a_name_that_is_a_url_or_an_address_is_no_link_on_github(name):
    html = cmarkgfm.github_flavored_markdown_to_html(f"| {escape_text(name)} |\n|---|\n| {escape_text(name)} |")

    assert "<a " not in html, html
    assert name in re.sub(r"<!--.*?-->|<[^>]+>", "", html)


@given(st.text(alphabet=st.sampled_from("htps:/w.@ab-_[]()<>!x \\|`*"), max_size=40))
def test_no_text_becomes_a_link_or_html_on_github(text):
    html = cmarkgfm.github_flavored_markdown_to_html(escape_text(text))

    assert "<a " not in html and "<img" not in html, (text, html)
