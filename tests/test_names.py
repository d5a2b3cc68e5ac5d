"""Names from the data made displayable in every output (assets.library.names)."""

import subprocess
import sys

import pandas as pd
import pytest

from assets.library.names import displayable

# What made the chart renderer abort, or would turn a page's text around.
CRASHERS = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))] + ["\ufffe", "\uffff", "\U0010fffe"]
REORDERING = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("char", CRASHERS + REORDERING)
def test_control_characters_noncharacters_and_reordering_marks_are_dropped(char):
    # Those that break lines are spaces; the rest are gone.
    assert displayable(f"Night{char}drive") in ("Nightdrive", "Night drive")


def test_line_breaks_and_tabs_become_spaces_and_everything_else_stays():
    assert displayable("Say\n\"Hi\",\tthen\r\nbye") == 'Say "Hi", then  bye'
    for name in ["케이팝", "夜に駆ける", "موسيقى", "Beyoncé", "💚 mix", "\u200bZero width", "a|b [c](d) <e>"]:
        assert displayable(name) == name


def test_a_chart_titled_with_a_hostile_name_renders():
    hostile = "Genre" + "".join(CRASHERS + REORDERING)
    script = (
        "import pandas as pd\n"
        "from assets.charts.render import render_png\n"
        "from assets.charts.specs import scatter_spec\n"
        "from assets.library.names import displayable\n"
        f"points = pd.DataFrame({{'cluster': [1, 2, 3], 'pc1': [0.1, 0.2, 0.3], 'pc2': [0.3, 0.2, 0.1]}})\n"
        f"png = render_png(scatter_spec(points, 'x', 'y', title=displayable({hostile!r})))\n"
        "assert png.startswith(b'\\x89PNG')\n"
    )
    # In its own process: before names were made displayable, the renderer aborted the process.
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr[-2000:]
