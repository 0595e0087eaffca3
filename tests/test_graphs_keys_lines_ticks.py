"""Issue 14 items real do-files hit (gx77): a range plot's key when both ends carry one label,
axis labels and titles of several lines, twoway's automatic ticks, and a command word glued to a
parenthesized varname -- each read back from the drawn matplotlib objects."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, legend_texts, make_session, run


@pytest.fixture()
def s():
    session = make_session(n=60)
    run(session, "gen hi = y + 1")
    run(session, "gen lo = y - 1")
    return session


# ------------------------------------------------------------------ range plots' keys
@pytest.mark.parametrize("kind", ["rarea", "rcap", "rspike", "rline", "rbar"])
def test_range_key_is_one_label_when_both_ends_share_it(s, kind):
    # y2xview_g.class (dimtitle): "the y-label will be <y_label>/<y2_label> unless both y
    # variables have the same label" -- pac.ado labels both bands "95% CI" for that key
    run(s, 'label var hi "95% CI"')
    run(s, 'label var lo "95% CI"')
    graph, fig = drawn(s, f"twoway ({kind} hi lo x) (scatter y x)")
    assert legend_texts(fig) == ["95% CI", "Outcome"]
    graph, fig = drawn(s, f"twoway {kind} hi lo x")
    assert graph.ytitle == "95% CI"


def test_range_key_joins_two_different_labels(s):
    run(s, 'label var hi "Upper"')
    graph, fig = drawn(s, "twoway (rcap hi lo x) (scatter y x)")
    assert legend_texts(fig) == ["Upper/lo", "Outcome"]


def test_pac_srv_legend_reads_ci_once(s):
    run(s, "gen t = _n")
    run(s, "tsset t")
    graph, fig = drawn(s, "pac y, srv")
    assert legend_texts(fig) == ["95% CI", "Partial autocorrelations of y", "Standardized variances"]
