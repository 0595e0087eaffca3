"""by(, yrescale/xrescale/rescale): the rescaled axis of each panel fits that panel's data while
the other axis stays shared.  The panels used to keep matplotlib's empty 0-1 range on the
rescaled axis (autoscaling was switched off for both axes whenever one was shared)."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, make_session, run


@pytest.fixture()
def s():
    session = make_session(n=60)
    run(session, "replace y = y + 100*g\ngen lo = y - 2\ngen hi = y + 2")
    return session


def _panel_y(s, k):
    col = s.data.df
    return col.loc[col.g == k, "y"]


@pytest.mark.parametrize("plots", ["(line y x, sort)", "(rarea lo hi x, sort) (line y x, sort)",
                                   "scatter y x"])
def test_yrescale_fits_each_panels_data(s, plots):
    _, fig = drawn(s, f"twoway {plots}, by(g, yrescale)")
    xlims = set()
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        lo, hi = ax.get_ylim()
        y = _panel_y(s, k)
        assert lo <= y.min() - 1.9 and hi >= y.max() + 1.9 if "rarea" in plots else lo <= y.min() and hi >= y.max()
        assert hi - lo < 3 * (y.max() - y.min() + 4)  # its own range, not the 100-300 shared one
        xlims.add(ax.get_xlim())
    assert len(xlims) == 1  # x still shared


def test_xrescale_keeps_y_shared(s):
    _, fig = drawn(s, "twoway scatter y x, by(g, xrescale)")
    ylims = {axes(fig, f"panel{k}").get_ylim() for k in (1, 2, 3)}
    assert len(ylims) == 1
    lo, hi = ylims.pop()
    assert lo <= s.data.df.y.min() and hi >= s.data.df.y.max()
