"""margins' table shows time-series operated covariates as Stata's _coef_table does (the
coefficient table's layout, render.coef_table): ``L.x2`` under a heading ``x2`` as ``L1.``,
a plain ``x2`` just before its lags as ``--.``, ``D.x`` as ``D1.`` (render.margins._groups);
r(b)'s names stay ``L.x2``.  After regress the dy/dx of a covariate is its coefficient, so
the margins rows must be the coefficient table's rows, line for line."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def series():
    rng = np.random.default_rng(7)
    n = 40
    x, x2 = rng.normal(size=n), rng.normal(size=n)
    return pd.DataFrame({"t": np.arange(1.0, n + 1), "x": x, "x2": x2, "g": np.arange(n) % 2,
                         "y": x + 0.5 * x2 + rng.normal(size=n)})


def _body(text: str, first: str) -> list[str]:
    """The table lines from the one starting with ``first`` to the closing rule."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("-----"))
    return lines[start:end]


def test_dydx_rows_are_the_coefficient_tables_rows(do, series):
    rc, out, s = do("tsset t\nregress y x2 L.x2 L2.x2 D.x i.g", df=series)
    assert rc == 0, out
    coef = _body(out, "          x2 |")
    rc, out, s = do("margins, dydx(*)", session=s)
    assert rc == 0, out
    rows = _body(out, "          x2 |")
    assert rows[:4] == ["          x2 |", "         --. |" + coef[1][14:], "         L1. |" + coef[2][14:],
                        "         L2. |" + coef[3][14:]]
    assert rows[:8] == coef[:8]  # x2 --. L1. L2. | x D1. |
    assert rows[8:] == ["           g |", "          1  |" + coef[8][14:]]
    assert list(s.r["b"].colnames) == ["x2", "L.x2", "L2.x2", "D.x", "0b.g", "1.g"]
    assert "dy/dx w.r.t. : x2 L.x2 L2.x2 D.x 1.g" in out


def test_a_lag_alone_and_vsquish(do, series):
    rc, out, s = do("tsset t\nquietly regress y x L.x2\nmargins, dydx(L.x2)", df=series)
    assert rc == 0, out
    rows = _body(out, "          x2 |")
    assert rows[0] == "          x2 |" and rows[1].startswith("         L1. |")
    assert s.r["table"].values[0][0] == pytest.approx(s.e.matrices["b"].values[0][1], rel=1e-12)
    rc, out, s = do("margins, dydx(*) vsquish", session=s)
    assert rc == 0, out
    rows = _body(out, "           x |")
    assert [r[:14] for r in rows] == ["           x |", "          x2 |", "         L1. |"]


def test_plain_row_without_its_lags_next_stays_plain(do, series):
    """``--.`` only when the plain variable's row is followed by its own operated rows."""
    rc, out, s = do("tsset t\nquietly regress y L.x2 x x2\nmargins, dydx(*)", df=series)
    assert rc == 0, out
    rows = _body(out, "          x2 |")
    assert [r[:14] for r in rows] == ["          x2 |", "         L1. |", "             |", "           x |",
                                      "          x2 |"]
    assert "--." not in out


def test_marginsplot_after_operated_dydx(do, series):
    """Several continuous dy/dx rows (all _deriv 0) identify the margins by name and keep
    margins' order on the x axis (was an internal error)."""
    from graphs_helpers import axes, figure, tick_texts

    rc, out, s = do("tsset t\nquietly regress y x L.x2 x2\nquietly margins, dydx(*)\nmarginsplot", df=series)
    assert rc == 0, out
    assert "Variables that uniquely identify margins: _deriv" in out
    assert tick_texts(axes(figure(s.graphs[-1])), "x") == ["x", "L.x2", "x2"]
    assert s.graphs[-1].xtitle == "Effects with Respect to"  # marginsplot.ado's char _deriv[varname]
