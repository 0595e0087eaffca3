"""estimates table with ``star`` and ``b(fmt)``: est_table.ado's layout (column width
max(7, length of ``display fmt 1``), b right-aligned, stars left-aligned after it, names centred
over b and stars, N in %w.0f and other statistics in the b format), coefficients and stars
from numpy/scipy least squares."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 30
    df = pd.DataFrame({"x1": rng.normal(size=n), "x2": rng.normal(size=n)})
    df["y"] = 1 + df.x1 + 0.3 * df.x2 + rng.normal(size=n)
    return df


def _ols(df, cols):
    X = np.column_stack([df[c] for c in cols] + [np.ones(len(df))])
    y = df.y.to_numpy()
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    e = y - X @ b
    dof = len(y) - X.shape[1]
    se = np.sqrt(np.diag(e @ e / dof * np.linalg.inv(X.T @ X)))
    p = 2 * stats.t.sf(np.abs(b / se), dof)
    r2 = 1 - e @ e / ((y - y.mean()) @ (y - y.mean()))
    return dict(zip(cols + ["_cons"], zip(b, p))), r2


def _star(p):
    return "*" * sum(p < lv for lv in (0.05, 0.01, 0.001))


def _table(do, df, opts):
    rc, out, _ = do("quietly regress y x1\nestimates store m1\nquietly regress y x1 x2\nestimates store m2\n"
                    f"estimates table m1 m2, {opts}", df=df)
    assert rc == 0, out
    return out.rstrip("\n").split("\n")[1:]  # after the leading blank line


def test_star_with_b_format_and_stats(do, data):
    m1, r2a = _ols(data, ["x1"])
    m2, r2b = _ols(data, ["x1", "x2"])

    def cell(model, name):  # " " + b in 7 columns + stars in 3 + two blanks
        if name not in model:
            return " " * 13
        b, p = model[name]
        return f" {b:7.4f}{_star(p):<3}  "

    body = [f"{name:>12} |" + cell(m1, name) + cell(m2, name) for name in ("x1", "x2", "_cons")]
    expected = ["-" * 40,
                "    Variable |     m1           m2      ",
                "-------------+--------------------------",
                *body,
                "-------------+--------------------------",
                "           N |      30           30     ",
                f"          r2 | {r2a:7.4f}      {r2b:7.4f}     ",
                "-" * 40,
                "legend: * p<0.05; ** p<0.01; *** p<0.001"]
    assert _table(do, data, "star b(%5.4f) stats(N r2)") == expected


def test_published_width_b6_3f_star(do, data):
    # the published log of `estimates table m1, stats(N r2 r2_a) b(%6.3f) star` is 27 columns wide
    rc, out, _ = do("quietly regress y x1 x2\nestimates store m1\n"
                    "estimates table m1, stats(N r2 r2_a) b(%6.3f) star", df=data)
    assert rc == 0
    lines = out.split("\n")
    assert lines[1] == "-" * 27 and lines[3] == "-------------+-------------"
    assert lines[2] == "    Variable |     m1      "
    m, _ = _ols(data, ["x1", "x2"])
    b, p = m["x1"]
    assert lines[4] == f"          x1 | {b:7.3f}{_star(p):<3}  "


def test_without_star_b_format_wider_than_its_width(do, data):
    m1, _ = _ols(data, ["x1"])
    lines = _table(do, data, "b(%5.4f)")
    assert lines[1] == "    Variable |   m1        m2     "
    assert lines[3] == f"          x1 | {m1['x1'][0]:7.4f}  " + lines[3][24:]
    assert len({len(l) for l in lines[:-1]}) == 1  # every line 34 wide
