"""nlcom (delta method numbers against the analytic gradient, Stata 13's layout, r(), post,
errors) and estat vce / estat summarize."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture
def fitted(do):
    rng = np.random.default_rng(9)
    n = 150
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = 1 + 2 * df.x - df.z + rng.normal(size=n)
    rc, _, s = do("quietly regress y x z", df=df)
    assert rc == 0
    return s


def test_ratio_matches_the_analytic_delta_method(do, fitted):
    rc, out, s = do("nlcom _b[x] / _b[z]", session=fitted)
    assert rc == 0
    b = fitted.e.matrices["b"].values.ravel()
    V = fitted.e.matrices["V"].values
    g = np.array([1 / b[1], -b[0] / b[1] ** 2, 0.0])
    se = float(np.sqrt(g @ V @ g))
    assert s.r["b"].values[0, 0] == pytest.approx(b[0] / b[1], rel=1e-12)
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(se, rel=1e-8)
    lines = out.split("\n")
    # Stata 13's layout: blank line, "       _nl_1:  exp" as typed, blank line, z-table
    assert lines[:3] == ["", "       _nl_1:  _b[x] / _b[z]", ""]
    assert lines[4].startswith("           y |      Coef.   Std. Err.      z    P>|z|")
    row = lines[6].split()
    z = (b[0] / b[1]) / se
    assert row[0] == "_nl_1" and float(row[4]) == pytest.approx(z, abs=0.006)
    assert float(row[5]) == pytest.approx(2 * stats.norm.sf(abs(z)), abs=0.0006)


def test_several_named_terms_post_and_df(do, fitted):
    rc, out, s = do("nlcom (r: _b[x]/_b[z]) (e: exp(_b[_cons])), post df(20) level(90)", session=fitted)
    assert rc == 0
    assert "           r:  _b[x]/_b[z]" in out and "           e:  exp(_b[_cons])" in out
    assert "      t    P>|t|     [90% Conf. Interval]" in out
    assert s.e.cmd == "nlcom" and s.e.matrices["b"].colnames == ("r", "e")
    assert s.r["df_r"] == 20


def test_nlcom_on_mixed_variance_components(do):
    rng = np.random.default_rng(1)
    g = np.repeat(np.arange(20), 8)
    df = pd.DataFrame({"g": g, "x": rng.normal(size=160)})
    df["y"] = df.x + rng.normal(size=20)[g] + rng.normal(size=160)
    rc, out, s = do("quietly mixed y x || g:\nnlcom exp(2*[lns1_1_1]_b[_cons])", df=df)
    assert rc == 0
    b = s.e.matrices["b"].values.ravel() if s.e.cmd != "nlcom" else None
    lns = [c for c in s.e.matrices["b"].colnames].index("lns1_1_1:_cons")
    assert s.r["b"].values[0, 0] == pytest.approx(np.exp(2 * s.e.matrices["b"].values.ravel()[lns]))
    se_ln = np.sqrt(s.e.matrices["V"].values[lns, lns])
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(2 * s.r["b"].values[0, 0] * se_ln, rel=1e-7)


def test_nlcom_errors(do, fitted):
    assert do("nlcom", session=fitted)[0] == 198
    assert do("nlcom _b[nosuch]", session=fitted)[0] == 111
    assert do("nlcom ln(-_b[x]*_b[x])", session=fitted)[0] == 498
    assert do("nlcom (a: _b[x]) (a: _b[z])", session=fitted)[0] == 198
    assert do("nlcom _b[x]")[0] == 301


def test_estat_vce_layout_covariance_and_correlation(do, fitted):
    rc, out, s = do("estat vce", session=fitted)
    lines = out.split("\n")
    assert lines[1] == "Covariance matrix of coefficients of regress model"
    assert lines[3] == "        e(V) |          x           z       _cons "
    assert lines[4] == "-------------+------------------------------------"
    assert lines[5].startswith("           x |  ") and len(lines[5]) == 50
    assert np.allclose(s.r["V"].values, fitted.e.matrices["V"].values)
    rc, out, s = do("estat vce, correlation", session=fitted)
    V = fitted.e.matrices["V"].values
    d = np.sqrt(np.diag(V))
    assert np.allclose(s.r["V"].values, V / np.outer(d, d))
    assert out.split("\n")[5] == "           x |   1.0000                     "
    assert do("estat vce, covariance correlation", session=fitted)[0] == 198


def test_estat_summarize_numbers(do, fitted):
    rc, out, s = do("estat summarize", session=fitted)
    assert rc == 0 and "Estimation sample regress" in out
    df = fitted.data.df
    st = s.r["stats"]
    assert st.rownames == ("y", "x", "z")
    assert np.allclose(st.values[:, 0], df[["y", "x", "z"]].mean())
    assert np.allclose(st.values[:, 1], df[["y", "x", "z"]].std(ddof=1))
