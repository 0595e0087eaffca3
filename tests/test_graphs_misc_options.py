"""Options of issue 14's sixth round that were refused: ``by(, style(stata7))``, the legend
frame's ``region(lwidth() lpattern() lalign() ilalign())``, ``lfitci``/``qfitci`` with
``estopts(vce())`` and ``predopts()``, ``kdensity``'s ``recast()`` and ``horizontal``."""
from __future__ import annotations

import pytest

from graphs_helpers import drawn, make_session, subfigures


@pytest.fixture
def s():
    return make_session()


def _legend(fig):
    found = [leg for holder in subfigures(fig) for leg in getattr(holder, "legends", [])]
    found += [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    (legend,) = found
    return legend


def test_legend_frame_width_pattern_and_alignment(s):
    two = "twoway (scatter y x) (scatter z x), "
    _, plain = drawn(s, two + "legend(on)")
    frame = _legend(plain).get_frame()
    _, fig = drawn(s, two + "legend(region(lwidth(thick) lpattern(dash)))")
    thick = _legend(fig).get_frame()
    assert thick.get_linewidth() > frame.get_linewidth()
    assert thick.get_linestyle() != frame.get_linestyle() and frame.get_linestyle() == "solid"
    widths = {}
    for align in ("center", "outside", "inside"):
        _, fig = drawn(s, two + f"legend(region(lwidth(vthick) lalign({align})))")
        legend = _legend(fig)
        widths[align] = legend.get_frame().get_window_extent().width
        keys = legend.get_window_extent().width  # the legend's own box does not move
        lw = fig.dpi / 72 * legend.get_frame().get_linewidth()
    assert widths["center"] == pytest.approx(keys)
    assert widths["outside"] == pytest.approx(keys + lw)  # half the stroke out on each side
    assert widths["inside"] == pytest.approx(keys - lw)
    _, fig = drawn(s, two + "legend(region(lwidth(vthick) ilalign(inside)))")
    assert _legend(fig).get_frame().get_window_extent().width == pytest.approx(widths["inside"])
