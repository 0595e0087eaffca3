"""sktest, ladder and gladder: numbers against scipy's D'Agostino-Pearson test (the unadjusted
statistic and the two component p-values are the same formulas), Royston's adjustment and the
ladder's rungs by hand, layouts as sktest.ado/ladder.ado draw them, and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    return pd.DataFrame({"g": rng.gamma(3.0, size=60), "z": rng.normal(size=60),
                         "s": ["a"] * 60})


def test_sktest_matches_dagostino_pearson(do, data):
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("sktest g, noadjust", data.copy())
    assert rc == 0
    x = data["g"].to_numpy()
    assert s.r["chi2"] == pytest.approx(st.normaltest(x).statistic, rel=1e-10)
    assert s.r["P_chi2"] == pytest.approx(st.normaltest(x).pvalue, rel=1e-10)
    assert s.r["P_skew"] == pytest.approx(st.skewtest(x).pvalue, rel=1e-10)
    assert s.r["P_kurt"] == pytest.approx(st.kurtosistest(x).pvalue, rel=1e-10)


def test_sktest_layout_and_adjustment(do, data):
    from mlmcli.distributions import norm
    rc, out, s = do("sktest g z", data.copy())
    lines = out.splitlines()
    assert lines[1] == " " * 20 + "Skewness/Kurtosis tests for Normality"
    assert lines[2] == " " * 58 + "------ joint ------"
    assert lines[3] == "    Variable |        Obs  Pr(Skewness)  Pr(Kurtosis) adj chi2(2)   Prob>chi2"
    assert lines[4] == "-" * 13 + "+" + "-" * 63
    assert lines[5].startswith("           g |         60     0.")
    # Royston's adjustment, by hand from the unadjusted statistic (n = 60)
    _, _, raw = do("sktest z, noadjust", data.copy())
    n, k2 = 60, raw.r["chi2"]
    zc2 = -norm.ppf(np.exp(-0.5 * k2))
    logn = np.log(n)
    cut = .55 * n ** .2 - .21
    a1 = (-5 + 3.46 * logn) * np.exp(-1.37 * logn)
    b1 = 1 + (.854 - .148 * logn) * np.exp(-.55 * logn)
    b2mb1 = 2.13 / (1 - 2.37 * logn)
    z = zc2 if zc2 < -1 else (a1 + b1 * zc2 if zc2 < cut else a1 - b2mb1 * cut + (b2mb1 + b1) * zc2)
    assert s.r["P_chi2"] == pytest.approx(1 - norm.cdf(z), rel=1e-10)


def test_ladder_table_and_generate(do, data):
    rc, out, s = do("ladder g, generate(best)", data.copy())
    assert rc == 0
    lines = out.splitlines()
    assert lines[1] == "Transformation         formula               chi2(2)       P(chi2)"
    assert lines[2] == "-" * 66
    assert [ln[:23].rstrip() for ln in lines[3:12]] == [
        "cubic", "square", "identity", "square root", "log", "1/(square root)", "inverse", "1/square", "1/cubic"]
    assert lines[7].startswith("log                    log(g)")
    _, _, logs = do("generate float lg = log(g)\nsktest lg", data.copy())
    assert s.r["log"] == pytest.approx(logs.r["chi2"], rel=1e-6)
    chi2 = {k: s.r[k] for k in ("cube", "square", "ident", "sqrt", "log", "invsqrt", "inv", "invsq", "invcube")}
    best = min(chi2, key=chi2.get)
    assert s.data.var_labels["best"] in {"cube": "g^3", "square": "g^2", "ident": "g", "sqrt": "sqrt(g)",
                                         "log": "log(g)", "invsqrt": "1/sqrt(g)", "inv": "1/g",
                                         "invsq": "1/(g^2)", "invcube": "1/(g^3)"}[best]
    assert f"(best = {s.data.var_labels['best']} generated)" in out


def test_ladder_rungs_outside_the_domain_show_dots(do, data):
    rc, out, s = do("ladder z", data.copy())
    row = next(ln for ln in out.splitlines() if ln.startswith("log"))
    assert row == "log                    log(z)" + " " * 21 + "." + " " * 12 + "."
    assert "log" not in s.r and "cube" in s.r


def test_gladder_draws_and_leaves_the_data(do, data):
    rc, out, s = do("gladder g", data.copy())
    assert rc == 0 and list(s.data.df.columns) == ["g", "z", "s"]
    rc, out, s = do("gladder z\ngraph describe", data.copy())
    assert rc == 0 and "__gladder_g2 " in out and "__gladder_g4" not in out   # no log of negatives


@pytest.mark.parametrize("line, rc, message", [
    ("sktest s", 109, "type mismatch"),
    ("ladder g z", 103, "too many variables specified"),
    ("ladder g in 1/5", 2001, "insufficient observations"),
    ("ladder g, generate(z)", 110, "variable z already defined"),
    ("gladder g, width(2)", 198, "option width() not allowed"),
    ("gladder g, density percent", 198, "options density percent may not be combined"),
])
def test_errors(do, data, line, rc, message):
    got, out, s = do(line, data.copy())
    assert got == rc and message in out
    assert list(s.data.df.columns) == ["g", "z", "s"]


def test_sktest_against_published_auto_mpg(do):
    """auto.dta's mpg (its frequency table as `tabulate mpg` prints it): [R] sktest's example
    prints `mpg | 74 0.0015 0.0804 10.95 0.0042`, and STB-3 sg3.5 (sktestdc, noadjust) prints
    the unadjusted `13.13 0.0014` -- published output, not the formula rewritten."""
    freq = {12: 2, 14: 6, 15: 2, 16: 4, 17: 4, 18: 9, 19: 8, 20: 3, 21: 5, 22: 5, 23: 3, 24: 4,
            25: 5, 26: 3, 28: 3, 29: 1, 30: 2, 31: 1, 34: 1, 35: 2, 41: 1}
    mpg = pd.DataFrame({"mpg": np.repeat(list(freq), list(freq.values())).astype(float)})
    rc, out, _ = do("sktest mpg", mpg.copy())
    assert rc == 0
    assert out.splitlines()[5].split() == ["mpg", "|", "74", "0.0015", "0.0804", "10.95", "0.0042"]
    rc, out, _ = do("sktest mpg, noadjust", mpg.copy())
    assert out.splitlines()[5].split()[-2:] == ["13.13", "0.0014"]
