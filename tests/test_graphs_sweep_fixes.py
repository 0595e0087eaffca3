"""Options the option sweep (tests/graphs_reference/option_sweep.py) found accepted without
effect, now drawn: checked on the matplotlib figure."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, make_session


@pytest.fixture()
def s():
    return make_session()


def test_plotregion_imargin_adds_to_the_default_margin(s):
    _, plain = drawn(s, "scatter y x")
    _, inner = drawn(s, "scatter y x, plotregion(imargin(large))")
    _, both = drawn(s, "scatter y x, plotregion(margin(large) imargin(large))")
    lo, hi = axes(plain).get_xlim()
    span = hi - lo
    ilo, ihi = axes(inner).get_xlim()
    assert ihi - ilo > span * 1.05  # the default (large) margin and large more
    assert axes(both).get_xlim() == pytest.approx((ilo, ihi))
    graph, _ = drawn(s, "scatter y x, plotregion(imargin(small))")
    assert graph.plot_margin == pytest.approx((0.07,) * 4)
