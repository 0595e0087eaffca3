"""coefplot's ciopts(recast()) / cirecast() as a stylelist, one plot type per confidence
interval (coefplot's help: ``recast(rspike rcap ..)`` is rspike for the first interval and
rcap for the rest; ``.`` the default rspike).  Limits checked against numpy least squares and
scipy's t quantile."""
from __future__ import annotations

import numpy as np
from scipy import stats

from test_graphs_coefplot import ok, ols, s, series  # noqa: F401  (s: the fixture)


def test_dot_keeps_the_default_for_the_first_interval(s):
    ok(s, "regress y x z")
    b, se, dof = ols(s, [s.data.df["x"], s.data.df["z"]])
    graph = ok(s, "coefplot, vertical keep(x z) levels(95 99) ciopts(recast(. rcap))")
    (spike,) = series(graph, "rspike")
    (cap,) = series(graph, "rcap")
    for piece, level in ((spike, 95), (cap, 99)):
        q = stats.t.ppf(1 - (1 - level / 100) / 2, dof)
        np.testing.assert_allclose(np.sort(piece.y), np.sort(b[:2] - q * se[:2]), rtol=1e-9)
        np.testing.assert_allclose(np.sort(piece.y2), np.sort(b[:2] + q * se[:2]), rtol=1e-9)


def test_repeat_shorthand_and_padding(s):
    ok(s, "regress y x z")
    graph = ok(s, "coefplot, keep(x z) levels(99 95 90) ciopts(recast(rcap rspike ..))")
    assert len(series(graph, "rcap")) == 1 and len(series(graph, "rspike")) == 2
    graph = ok(s, "coefplot, keep(x z) levels(99 95 90) cirecast(rcap rarea)")
    # a short list is padded with the default
    assert len(series(graph, "rcap")) == 1 and len(series(graph, "rspike")) == 1
    graph = ok(s, "coefplot, keep(x z) levels(99 95) ciopts(recast(rcap))")
    assert len(series(graph, "rcap")) == 2          # one type: every interval's, as before


def test_equals_repeats_the_previous_entry(s):
    ok(s, "regress y x z")
    graph = ok(s, "coefplot, keep(x z) levels(99 95 90) ciopts(recast(rcap = .))")
    assert len(series(graph, "rcap")) == 2 and len(series(graph, "rspike")) == 1
