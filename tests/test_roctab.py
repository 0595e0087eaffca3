"""roctab: layout against the [R] roctab manual's hanley example (109 ratings; area 0.8932,
DeLong SE 0.0307, interval 0.83295-0.95339, the detail table), numbers against a brute-force
Mann-Whitney / DeLong computation over all pairs, and Stata's errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

NEG, POS = [33, 6, 6, 11, 2], [3, 2, 2, 11, 33]   # Hanley & McNeil (1982): CT ratings 1..5


def hanley_data() -> pd.DataFrame:
    return pd.DataFrame({"disease": np.r_[np.zeros(sum(NEG)), np.ones(sum(POS))],
                         "rating": np.r_[np.repeat(np.arange(1, 6), NEG), np.repeat(np.arange(1, 6), POS)]})


DEFAULT = """
                      ROC                    -Asymptotic Normal--
           Obs       Area     Std. Err.      [95% Conf. Interval]
     ------------------------------------------------------------
           109     0.8932       0.0307        0.83295     0.95339
"""

DETAIL = """
Detailed report of sensitivity and specificity
------------------------------------------------------------------------------
                                           Correctly
Cutpoint      Sensitivity   Specificity   Classified          LR+          LR-
------------------------------------------------------------------------------
( >= 1 )          100.00%         0.00%       46.79%       1.0000
( >= 2 )           94.12%        56.90%       74.31%       2.1835       0.1034
( >= 3 )           90.20%        67.24%       77.98%       2.7534       0.1458
( >= 4 )           86.27%        77.59%       81.65%       3.8492       0.1769
( >= 5 )           64.71%        96.55%       81.65%      18.7647       0.3655
( >  5 )            0.00%       100.00%       53.21%                    1.0000
------------------------------------------------------------------------------

"""


def test_layout_as_the_manual(do):
    rc, out, s = do("roctab disease rating", hanley_data())
    assert rc == 0 and out == DEFAULT
    assert s.r["N"] == 109 and s.r["area"] == pytest.approx(0.8931710615, abs=1e-9)


def test_detail_table_then_area(do):
    rc, out, _ = do("roctab disease rating, detail", hanley_data())
    assert rc == 0 and out == DETAIL + DEFAULT


def test_hanley_binomial_and_level_headers(do):
    rc, out, _ = do("roctab disease rating, hanley", hanley_data())
    assert "                      ROC      Hanley        -Asymptotic Normal--" in out
    assert "           109     0.8932       0.0325        0.82950     0.95684" in out
    rc, out, _ = do("roctab disease rating, binomial level(90)", hanley_data())
    assert "-- Binomial Exact --" in out and "[90% Conf. Interval]" in out


def test_graph_alone_prints_no_table(do):
    rc, out, _ = do("roctab disease rating, graph", hanley_data())
    assert rc == 0 and "Area" not in out
    rc, out, _ = do("roctab disease rating, graph summary", hanley_data())
    assert rc == 0 and out == DEFAULT


def _brute_force(d, c, w):
    """All (positive, negative) pairs: Mann-Whitney area and DeLong's variance."""
    pos = np.repeat(c[d == 1], w[d == 1].astype(int))
    neg = np.repeat(c[d == 0], w[d == 0].astype(int))
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    area = psi.mean()
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    var = v10.var(ddof=1) / pos.size + v01.var(ddof=1) / neg.size
    return area, np.sqrt(var)


@pytest.mark.parametrize("direction", [1, -1])
def test_numbers_match_brute_force_with_ties_and_fweights(do, direction):
    rng = np.random.default_rng(11)
    d = (rng.random(80) < 0.4).astype(float)
    c = np.round(direction * d + rng.normal(size=80), 1)
    w = rng.integers(1, 4, size=80).astype(float)
    rc, out, s = do("roctab d c [fw=w]", pd.DataFrame({"d": d, "c": c, "w": w}))
    assert rc == 0
    area, se = _brute_force(d, c, w)
    r = s.r
    assert r["N"] == w.sum()
    assert r["area"] == pytest.approx(area, rel=1e-12)
    assert r["se"] == pytest.approx(se, rel=1e-10)
    assert r["lb"] == pytest.approx(max(area - 1.959963984540054 * se, 0), rel=1e-9)
    assert (area > 0.5) == (direction == 1)


@pytest.mark.parametrize("line, rc, message", [
    ("roctab rating disease", 198, "true status variable rating must be 0 or 1"),
    ("roctab disease rating if disease == 1", 2000, "outcome does not vary"),
    ("roctab disease rating, bamber", 198, "option bamber not allowed"),
    ("roctab disease", 102, "too few variables specified"),
    ("roctab disease rating name", 103, "too many variables specified"),
    ("roctab disease name", 109, "type mismatch"),
    ("roctab disease rating, title(x)", 198, "option title() not allowed"),
])
def test_errors(do, line, rc, message):
    df = hanley_data().assign(name="a")
    got, out, s = do(line, df)
    assert got == rc and message in out
