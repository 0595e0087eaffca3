"""Time-series-operated regressors in multiple-equation tables (sureg, reg3, suest, ereturn
display): Stata's _coef_table prints ``L.y1`` as the heading ``y1`` and the row ``L1.``
([U] 11.4.4; the layout regress and var print), in every equation.  The numbers are the
ones the same fit gives with the lags made by hand (``gen ly1 = y1[_n-1]``)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def session(new_session, run):
    rng = np.random.default_rng(77)
    n = 60
    x, z = rng.normal(size=n), rng.normal(size=n)
    y1, y2 = np.zeros(n), np.zeros(n)
    for i in range(1, n):
        y1[i] = 0.5 * y1[i - 1] + x[i] + rng.normal()
        y2[i] = 0.3 * y1[i - 1] + z[i] + rng.normal()
    s = new_session(pd.DataFrame({"t": np.arange(1.0, n + 1), "x": x, "z": z, "y1": y1, "y2": y2}))
    out, rc = run(s, "tsset t\ngen double ly1 = y1[_n-1]\ngen double l2x = x[_n-2]\ngen double dz = z - z[_n-1]")
    assert rc == 0, out
    return s


def _table(out: str) -> list[str]:
    lines = out.splitlines()
    at = max(i for i, ln in enumerate(lines) if "Coef." in ln)
    return lines[at + 2:]


def test_sureg_groups_operated_rows_under_their_variable(session, run):
    out, rc = run(session, "sureg (y1 L.y1 x) (y2 L.y1 L2.x D.z)")
    assert rc == 0, out
    rows = _table(out)
    assert rows[:6] == ["y1           |", "          y1 |", rows[2], "             |", rows[4], rows[5]]
    assert rows[2].startswith("         L1. |") and rows[4].startswith("           x |")
    eq2 = rows[rows.index("y2           |"):]
    assert [ln[:14] for ln in eq2[:11]] == ["y2           |", "          y1 |", "         L1. |", "             |",
                                            "           x |", "         L2. |", "             |",
                                            "           z |", "         D1. |", "             |", "       _cons |"]
    b = session.e.matrices["b"]
    assert b.colnames[:2] == ("y1:L.y1", "y1:x") and "y2:L2.x" in b.colnames and "y2:D.z" in b.colnames
    flat = b.values.ravel().copy()
    run(session, "sureg (y1 ly1 x) (y2 ly1 l2x dz) if !missing(L2.x)")
    np.testing.assert_allclose(flat, session.e.matrices["b"].values.ravel(), rtol=1e-10)


def test_coeflegend_keeps_the_names_and_reg3_groups_too(session, run):
    out, _ = run(session, "sureg (y1 L.y1 x) (y2 L.y1 z), coeflegend")
    rows = _table(out)
    assert "         L1. |" in rows[2] and rows[2].endswith("  _b[y1:L.y1]")
    out, rc = run(session, "reg3 (y1 L.y1 x) (y2 y1 L(1/2).x z)")
    assert rc == 0, out
    rows = _table(out)
    eq2 = rows[rows.index("y2           |"):]
    assert [ln[:14] for ln in eq2[:7]] == ["y2           |", "          y1 |", "             |", "           x |",
                                           "         L1. |", "         L2. |", "             |"]
    flat = session.e.matrices["b"].values.ravel().copy()
    run(session, "reg3 (y1 ly1 x) (y2 y1 L.x l2x z) if !missing(L2.x)")
    np.testing.assert_allclose(flat, session.e.matrices["b"].values.ravel(), rtol=1e-10)


def test_ereturn_display_and_var_print_the_same_grouping(session, run):
    run(session, "sureg (y1 L.y1 x) (y2 L.y1 z)")
    shown = _table(run(session, "ereturn display")[0])
    assert shown[:3] == ["y1           |", "          y1 |", shown[2]] and shown[2].startswith("         L1. |")
    out, _ = run(session, "var y1 y2, lags(1)")
    rows = _table(out)
    assert [ln[:14] for ln in rows[:6]] == ["y1           |", "          y1 |", "         L1. |", "             |",
                                            "          y2 |", "         L1. |"]
