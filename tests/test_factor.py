"""``factor`` (pf, ipf, pcf), rotate, predict and estat after it, against R (eigen of the
reduced correlation matrix, psych::fa fm="pa", psych::principal, varimax; scores from their
formulas: tests/multivariate_reference/reference.R) and published Stata logs."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "multivariate_reference"
REF = json.loads((REF_DIR / "reference_values.json").read_text())


@pytest.fixture
def items():
    return pd.read_csv(REF_DIR / "items.csv").astype(float)


def _columns_up_to_sign(a, b, atol):
    a, b = np.asarray(a), np.asarray(b)
    for j in range(a.shape[1]):
        assert np.allclose(a[:, j], b[:, j], atol=atol) or np.allclose(a[:, j], -b[:, j], atol=atol), j


def _two_items(r: float, n: int) -> pd.DataFrame:
    """Two variables whose sample correlation is exactly r."""
    rng = np.random.default_rng(5)
    x, z = rng.normal(size=n), rng.normal(size=n)
    x = (x - x.mean()) / x.std()
    z = z - z.mean() - (z @ x) / (x @ x) * x
    z /= z.std()
    return pd.DataFrame({"e2_1": x, "e2_2": r * x + np.sqrt(1 - r * r) * z})


def test_factor_pcf_and_rotate_match_a_published_stata_log(do):
    """A published log: ``factor e2_1 e2_2, pcf`` on 2,014 rows (Factor1 1.00576, loadings
    0.7091, uniqueness 0.4971, chi2(1) = 0.07) and ``rotate, blank(.4)``."""
    rc, out, s = do("factor e2_1 e2_2, pcf\nrotate, blank(.4)", df=_two_items(0.00576, 2014))
    assert rc == 0, out
    lines = out.splitlines()
    start = lines.index("    Rotation: orthogonal varimax (Kaiser off)    Number of params =          1") - 3
    assert lines[start:start + 29] == [
        "",
        "Factor analysis/correlation                      Number of obs    =      2,014",
        "    Method: principal-component factors          Retained factors =          1",
        "    Rotation: orthogonal varimax (Kaiser off)    Number of params =          1",
        "",
        "    --------------------------------------------------------------------------",
        "         Factor  |     Variance   Difference        Proportion   Cumulative",
        "    -------------+------------------------------------------------------------",
        "        Factor1  |      1.00576            .            0.5029       0.5029",
        "    --------------------------------------------------------------------------",
        "    LR test: independent vs. saturated:  chi2(1)  =    0.07 Prob>chi2 = 0.7961",
        "",
        "Rotated factor loadings (pattern matrix) and unique variances",
        "",
        "    ---------------------------------------",
        "        Variable |  Factor1 |   Uniqueness",
        "    -------------+----------+--------------",
        "            e2_1 |   0.7091 |      0.4971",
        "            e2_2 |   0.7091 |      0.4971",
        "    ---------------------------------------",
        "    (blanks represent abs(loading)<.4)",
        "",
        "Factor rotation matrix",
        "",
        "    -----------------------",
        "                 | Factor1",
        "    -------------+---------",
        "         Factor1 |  1.0000",
        "    -----------------------",
    ]


def test_factor_pf_published_two_variable_case(do):
    """A published log: ``factor govjobs govincdiff`` (pf): eigenvalues r^2 + r and r^2 - r
    (so r = 0.497565),
    chi2(1) shown as 1.6e+04 with N = 55,835."""
    df = _two_items(0.497565, 55835).rename(columns={"e2_1": "govjobs", "e2_2": "govincdiff"})
    rc, out, s = do("factor govjobs govincdiff", df=df)
    assert rc == 0, out
    assert "(obs=55835)" in out
    assert "        Factor1  |      0.74514      0.99513            1.5049       1.5049" in out
    assert "        Factor2  |     -0.24999            .           -0.5049       1.0000" in out
    assert "    LR test: independent vs. saturated:  chi2(1)  = 1.6e+04 Prob>chi2 = 0.0000" in out
    assert "    Method: principal factors                    Retained factors =          1" in out


def test_factor_pf_against_r(do, items):
    rc, out, s = do("factor q1-q6", df=items)
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["Ev"].values[0], REF["pf_eigenvalues"], atol=1e-10)
    np.testing.assert_allclose(e.matrices["L"].values, REF["pf_loadings"], atol=1e-10)
    np.testing.assert_allclose(e.matrices["Psi"].values[0], REF["pf_uniqueness"], atol=1e-10)
    assert e.scalars["f"] == 2 and e.scalars["df_m"] == 11 and e.scalars["df_i"] == 15
    assert e.scalars["chi2_i"] == pytest.approx(REF["chi2_independence"], rel=1e-12)
    assert e.macros["mtitle"] == "principal factors" and e.macros["predict"] == "factor_p"


def test_factor_ipf_and_pcf_against_psych(do, items):
    rc, out, s = do("factor q1-q6, ipf factors(2)", df=items)
    assert rc == 0, out
    _columns_up_to_sign(s.e.matrices["L"].values, REF["ipf_loadings"], 1e-7)
    np.testing.assert_allclose(s.e.matrices["Psi"].values[0], REF["ipf_uniqueness"], atol=1e-7)
    rc, out, s = do("factor q1-q6, pcf", df=items)
    assert s.e.scalars["f"] == 2  # eigenvalues 2.61 1.51 0.65 ...: two at least 1
    _columns_up_to_sign(s.e.matrices["L"].values, REF["pcf_loadings"], 1e-10)


def test_rotate_after_factor_against_r(do, items):
    rc, out, s = do("factor q1-q6\nrotate", df=items)
    assert rc == 0, out
    got, ref = s.e.matrices["r_L"].values, np.asarray(REF["pf_varimax"])
    for j in range(2):
        assert any(np.allclose(got[:, j], sg * ref[:, i], atol=1e-7) for i in range(2) for sg in (1, -1))
    np.testing.assert_allclose(s.e.matrices["r_Phi"].values, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(s.e.matrices["r_Ev"].values[0], (got ** 2).sum(0), atol=1e-12)
    rc, out, s = do("factor q1-q6\nrotate, promax\nestat common", df=items)
    assert rc == 0, out
    assert "Correlation matrix of the promax(3) rotated common factors" in out
    phi = s.r["Phi"].values
    assert phi[0, 0] == pytest.approx(1) and abs(phi[0, 1]) > 0.05


def test_factor_predict_scores_against_r(do, items):
    rc, out, s = do("factor q1-q6\npredict f1 f2\npredict b1 b2, bartlett", df=items)
    assert rc == 0, out
    assert "(option regression assumed; regression scoring)" in out
    assert "Scoring coefficients (method = regression)" in out
    got = np.column_stack([s.data.numeric("f1"), s.data.numeric("f2")])[:5]
    np.testing.assert_allclose(got, REF["pf_regression_scores_head"], rtol=1e-6)
    got = np.column_stack([s.data.numeric("b1"), s.data.numeric("b2")])[:5]
    np.testing.assert_allclose(got, REF["pf_bartlett_scores_head"], rtol=1e-6)
    assert s.data.var_labels["b2"] == "Scores for factor 2"


def test_factor_estat_kmo_matches_pca(do, items):
    rc, out, s = do("factor q1-q6\nestat kmo", df=items)
    assert rc == 0 and s.r["kmo"] == pytest.approx(REF["kmo"], abs=1e-10)


@pytest.mark.parametrize("command, message, code", [
    ("factor q1-q6, ml factors(4)", "at most 3 factors are identified", 198),
    ("factor q1-q6, pf pcf", "options pcf and pf are exclusive", 198),
    ("factor q1-q6, pc", "principal component analysis (option pc) not available in factor", 198),
    ("factor q1", "too few variables specified", 102),
    ("factor", "last estimates not found", 301),
    ("factor q1-q6\nrotate, entropy", "not implemented", 199),
])
def test_factor_errors(do, items, command, message, code):
    rc, out, s = do(command, df=items)
    assert rc == code and message in out, out


def test_factor_estat_residuals(do, items):
    rc, out, s = do("factor q1-q6\nestat residuals, sresiduals", df=items)
    assert rc == 0, out
    L = np.asarray(REF["pf_loadings"])
    fit = L @ L.T + np.diag(REF["pf_uniqueness"])
    res = items.corr().to_numpy() - fit
    np.testing.assert_allclose(s.r["res"].values, res, atol=1e-10)
    d = np.diag(fit)
    np.testing.assert_allclose(s.r["SR"].values, res / np.sqrt((fit ** 2 + np.outer(d, d)) / 120), atol=1e-9)
    assert "Standardized residuals of correlations" in out


def test_factor_quartimin_oblique_against_gparotation(do, items):
    rc, out, s = do("factor q1-q6\nrotate, quartimin oblique\nestat common", df=items)
    assert rc == 0, out
    got, ref = s.e.matrices["r_L"].values, np.asarray(REF["pf_quartimin"])
    for j in range(2):
        assert any(np.allclose(got[:, j], sg * ref[:, i], atol=1e-5) for i in range(2) for sg in (1, -1))
    assert abs(s.r["Phi"].values[0, 1]) == pytest.approx(abs(REF["pf_quartimin_phi"][0][1]), abs=1e-5)
    assert "Rotation: oblique quartimin (Kaiser off)" in out


def test_factor_ml_against_factanal(do, items):
    """ml: loadings, uniquenesses and Bartlett's LR test against stats::factanal; ll is
    -(N-1)/2 times factanal's objective (the [MV] factor example: ll -6.842448, AIC 35.6849,
    BIC 83.4482 and chi2(4) = 13.58 with N = 568 hold together only with N - 1)."""
    rc, out, s = do("factor q1-q6, ml factors(2)", df=items)
    assert rc == 0, out
    e = s.e
    _columns_up_to_sign(e.matrices["L"].values, REF["ml2_loadings"], 1e-5)
    np.testing.assert_allclose(e.matrices["Psi"].values[0], REF["ml2_uniqueness"], atol=1e-5)
    assert e.scalars["chi2_1"] == pytest.approx(REF["ml2_statistic"], rel=1e-5)
    assert e.scalars["df_1"] == REF["ml2_dof"] == 4
    assert e.scalars["ll"] == pytest.approx(-119 / 2 * REF["ml2_objective"], rel=1e-5)
    assert e.scalars["aic"] == pytest.approx(-2 * e.scalars["ll"] + 22, rel=1e-12)
    assert e.scalars["bic"] == pytest.approx(-2 * e.scalars["ll"] + 11 * np.log(120), rel=1e-12)
    np.testing.assert_allclose(e.matrices["Ev"].values[0], (e.matrices["L"].values ** 2).sum(0), rtol=1e-12)
    assert "    LR test:   2 factors vs. saturated:  chi2(4)  =    1.47 Prob>chi2 = 0.8327" in out
    import re
    assert re.search(r"\n    Log likelihood = -\.75942\d\d                   \(Akaike's\) AIC   =    23\.5188\n", out)
    rc, out, s = do("factor q1-q6, ml factors(1)", df=items)
    assert s.e.scalars["chi2_1"] == pytest.approx(REF["ml1_statistic"], rel=1e-5)
    np.testing.assert_allclose(s.e.matrices["Psi"].values[0], REF["ml1_uniqueness"], atol=1e-5)
    assert "    LR test:    1 factor vs. saturated:  chi2(9)  =   67.16 Prob>chi2 = 0.0000" in out


def test_factor_display_options(do, items):
    rc, out, s = do("factor q1-q4, means altdivisor", df=items)
    assert rc == 0, out
    assert "Summary statistics of the variables" in out
    ev = s.e.matrices["Ev"].values[0]
    assert f"{ev[0] / 4:.4f}" in out.split("Factor1  |")[1].split("\n")[0]  # proportion of trace(C) = 4
    rc, out, s = do("factor q1-q4, nolog", df=items)
    assert rc == 198 and "allowed for ml method only" in out
    rc, out, s = do("factor q1-q4\nrotate, detail", df=items)
    assert rc == 199
