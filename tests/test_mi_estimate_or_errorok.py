"""``mi estimate``'s eform options (or, irr, eform ...) and ``errorok`` (task fr99: the eRegQual
held-out file runs ``mi estimate, or errorok: xtlogit ...`` inside a frame block).

The exponentiated table is checked against the coefficient table of the same pooled fit:
exp(b), exp(b) * se and the interval's ends exponentiated ([R] eform_option); t and P>|t| are
the coefficient's."""
import math

import numpy as np
import pandas as pd
import pytest


def _data(seed=11, n=400, M=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    z = 0.5 * x + rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.3 + 0.8 * x - 0.5 * z)))).astype(float)
    frame = pd.DataFrame({"y": y, "x": x})
    missing = rng.random(n) < 0.25
    frame["z"] = np.where(missing, np.nan, z)
    for m in range(1, M + 1):
        frame[f"z{m}"] = np.where(missing, 0.5 * x + rng.normal(size=n), z)
    return frame


def _rows(text: str) -> dict[str, list[float]]:
    rows = {}
    for line in text.splitlines():
        m = line.split("|")
        if len(m) == 2 and m[0].strip() in ("x", "z", "_cons"):
            rows[m[0].strip()] = [float(v) for v in m[1].split()]
    return rows


def test_or_exponentiates_the_pooled_table(do):
    setup = "mi import wide, imputed(z = z1 z2 z3)\n"
    rc, plain, _ = do(setup + "mi estimate: logit y x z", df=_data())
    assert rc == 0, plain
    rc, odds, s = do(setup + "mi estimate, or: logit y x z", df=_data())
    assert rc == 0, odds
    assert "Odds Ratio" in odds and "_cons" not in _rows(odds)
    coef, ratio = _rows(plain), _rows(odds)
    for name in ("x", "z"):
        b, se, t, p, lo, hi = coef[name]
        assert ratio[name][0] == pytest.approx(math.exp(b), rel=2e-6)
        assert ratio[name][1] == pytest.approx(math.exp(b) * se, rel=2e-5)
        assert ratio[name][2:4] == [t, p]
        assert ratio[name][4] == pytest.approx(math.exp(lo), rel=2e-5)
        assert ratio[name][5] == pytest.approx(math.exp(hi), rel=2e-5)
    # e() holds the coefficients, not their exponentials
    assert s.e.matrices["b_mi"].values[0, 0] == pytest.approx(coef["x"][0], rel=2e-6)


def test_irr_heading_and_two_eform_options_refused(do):
    setup = "mi import wide, imputed(z = z1 z2 z3)\n"
    rc, out, _ = do(setup + "mi estimate, irr: poisson y x z", df=_data())
    assert rc == 0 and "IRR" in out, out
    rc, out, _ = do(setup + "mi estimate, or irr: logit y x z", df=_data())
    assert rc == 198 and "may not be combined" in out


ERRORS_ON_M3 = """mi import wide, imputed(z = z1 z2 z3)
program define fit3, eclass
  quietly summarize z
  if r(max) > 1e29 error 430
  logit y x z
end
"""


def _failing_third():
    frame = _data()
    frame.loc[frame["z"].isna().idxmax(), "z3"] = 1e30  # a value only the third imputation has
    return frame


def test_errorok_leaves_out_the_failed_imputation(do):
    rc, out, _ = do(ERRORS_ON_M3 + "mi estimate: fit3", df=_failing_third())
    assert rc == 430 and "on m=3" in out, out
    rc, out, s = do(ERRORS_ON_M3 + "mi estimate, errorok dots: fit3", df=_failing_third())
    assert rc == 0 and "..x done" in out, out
    assert s.e.scalars["M_mi"] == 2 and s.e.macros["m_est_mi"] == "1 2"
    # the same as pooling the first two imputations
    rc, two, s2 = do(ERRORS_ON_M3 + "mi estimate, imputations(1 2): fit3", df=_failing_third())
    assert rc == 0
    assert np.allclose(s.e.matrices["b_mi"].values, s2.e.matrices["b_mi"].values)
    assert np.allclose(s.e.matrices["V_mi"].values, s2.e.matrices["V_mi"].values)


def test_errorok_needs_two_successes(do):
    frame = _failing_third()
    frame.loc[frame["z"].isna().idxmax(), "z2"] = 1e30
    rc, out, _ = do(ERRORS_ON_M3 + "mi estimate, errorok: fit3", df=frame)
    assert rc == 2001 and "at least 2 imputations are needed" in out, out


def test_r_table_is_the_mi_table(do):
    setup = "mi import wide, imputed(z = z1 z2 z3)\n"
    rc, out, s = do(setup + "mi estimate: logit y x z", df=_data())
    assert rc == 0, out
    table, e = s.r["table"], s.e
    assert list(table.rownames) == ["b", "se", "t", "pvalue", "ll", "ul", "df", "crit", "eform"]
    assert np.allclose(table.values[0], e.matrices["b_mi"].values[0])
    assert np.allclose(table.values[1] ** 2, np.diag(e.matrices["V_mi"].values))
    assert np.allclose(table.values[6], e.matrices["df_mi"].values[0])
    shown = _rows(out)
    assert table.values[2, 0] == pytest.approx(shown["x"][2], abs=0.006)
    rc, out, s = do(setup + "mi estimate, or: logit y x z", df=_data())
    assert rc == 0 and np.allclose(s.r["table"].values[0], np.exp(e.matrices["b_mi"].values[0]))
    assert list(s.r["table"].values[8]) == [1.0, 1.0, 1.0]
