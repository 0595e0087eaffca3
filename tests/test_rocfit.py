"""rocfit: the binormal fit of the Hanley-McNeil CT ratings against R (tests/rocfit_reference/
rocfit.R: the Dorfman-Alf likelihood maximised from first principles, delta-method indices,
Pearson goodness of fit), rocfit.ado's tables, e() and its errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "rocfit_reference"
REF = {line.split()[0]: np.array([float(v) for v in line.split()[1:]])
       for line in (HERE / "rocfit_values.txt").read_text().splitlines()}
NEG, POS = [33, 6, 6, 11, 2], [3, 2, 2, 11, 33]   # Hanley & McNeil (1982): CT ratings 1..5


def hanley_data() -> pd.DataFrame:
    return pd.DataFrame({"disease": np.r_[np.zeros(sum(NEG)), np.ones(sum(POS))],
                         "rating": np.r_[np.repeat(np.arange(1, 6), NEG), np.repeat(np.arange(1, 6), POS)]})


def _run(do, text, data=None):
    rc, printed, s = do(text, hanley_data() if data is None else data)
    assert rc == 0, printed
    return printed, s


def test_against_r(do):
    _, s = _run(do, "rocfit disease rating")
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b, REF["params"], rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), REF["se"], rtol=2e-5)
    assert s.e.scalars["ll"] == pytest.approx(REF["ll"][0], rel=1e-9)
    got = [s.e.scalars[k] for k in ("area", "se_area", "deltam", "se_delm", "de", "se_de", "da", "se_da")]
    np.testing.assert_allclose(got, REF["indices"], rtol=2e-5)
    assert s.e.scalars["chi2_gf"] == pytest.approx(REF["gof"][0], rel=1e-6)
    assert s.e.scalars["p_gf"] == pytest.approx(REF["gof"][1], rel=1e-6)
    assert s.e.matrices["b"].colnames == ("intercept:_cons", "slope:_cons", "/cut1", "/cut2", "/cut3", "/cut4")
    assert s.e.scalars["N"] == 109 and s.e.scalars["df_gf"] == 2


def test_fweights_give_the_same_fit(do):
    cells = hanley_data().value_counts().reset_index(name="n")
    _, s = _run(do, "rocfit disease rating [fw=n]", cells)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF["params"], rtol=1e-6)
    assert s.e.scalars["N"] == 109


def test_layout(do):
    printed, _ = _run(do, "rocfit disease rating")
    lines = printed.splitlines()
    top = lines.index("Fitting binormal model:")
    assert lines[top + 1] == "" and lines[top + 2].startswith("Iteration 0:   log likelihood = ")
    i = next(j for j, line in enumerate(lines) if line.startswith("Binormal model of disease on rating"))
    assert lines[i:i + 4] == [
        "Binormal model of disease on rating               Number of obs   =        109",
        "Goodness-of-fit chi2(2) =        0.21",
        "Prob > chi2             =      0.9006",
        "Log likelihood          =  -123.64855"]
    assert lines[i + 4:i + 10] == [
        "", "-" * 78,
        "             |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]",
        "-------------+----------------------------------------------------------------",
        "   intercept |   1.656782   0.310456     5.34   0.000     1.048300    2.265265",
        "   slope (*) |   0.713002   0.215882    -1.33   0.184     0.289881    1.136123"]
    assert "       /cut4 |   1.797938   0.299581     6.00   0.000     1.210770    2.385106" in lines
    assert "             |                    Indices from binormal fit" in lines
    assert "       Index |   Estimate   Std. Err.                     [95% Conf. Interval]" in lines
    assert "    ROC area |   0.911331   0.029506                      0.853501    0.969161" in lines
    assert lines[-1] == "(*) z test for slope==1"


def test_nolog_and_replay(do):
    printed, s = _run(do, "rocfit disease rating, nolog")
    assert "Iteration" not in printed and "Fitting binormal model" not in printed
    rc, replay, _ = do("rocfit, level(90)", session=s)
    assert rc == 0 and "       Index |   Estimate   Std. Err.                     [90% Conf. Interval]" in replay


@pytest.mark.parametrize("text, rc, message", [
    ("rocfit rating disease", 198, "true status variable rating must be 0 or 1"),
    ("rocfit disease rating if disease == 1", 198, "outcome does not vary"),
    ("rocfit disease rating, continuous(5)", 198, "option continuous() not supported by mlmcli"),
    ("rocfit", 301, "last estimates not found"),
])
def test_errors(do, text, rc, message):
    got, printed, s = do(text, hanley_data())
    assert got == rc and message in printed, printed
    assert s.e is None


def _placement_chi2(d, ratings, areas):
    """roccomp's correlated test from first principles: DeLong placements less the given areas."""
    d = np.asarray(d)
    cols10, cols01 = [], []
    for c, a in zip(ratings, areas):
        pos, neg = c[d == 1], c[d == 0]
        cols10.append(np.array([((neg < x) + 0.5 * (neg == x)).mean() for x in pos]) - a)
        cols01.append(np.array([((pos > x) + 0.5 * (pos == x)).mean() for x in neg]) - a)
    V10, V01 = np.column_stack(cols10), np.column_stack(cols01)
    S = V10.T @ V10 / (len(V10) - 1) / len(V10) + V01.T @ V01 / (len(V01) - 1) / len(V01)
    L = np.array([1.0, -1.0])
    return float((L @ areas) ** 2 / (L @ S @ L))


def test_roccomp_and_rocgold_binormal(do):
    data = hanley_data()
    data["other"] = np.r_[np.repeat([1, 2, 3, 4, 5], [30, 8, 8, 10, 2]), np.repeat([1, 2, 3, 4, 5], [5, 3, 4, 10, 29])]
    areas = []
    for rating in ("rating", "other"):
        _, s = _run(do, f"rocfit disease {rating}", data)
        areas.append((s.e.scalars["area"], s.e.scalars["se_area"]))
    printed, s = _run(do, "roccomp disease rating other, binormal", data)
    assert printed.splitlines()[:2] == ["Fitting binormal model for: rating", "Fitting binormal model for: other"]
    assert "                              ROC" in printed and "Asymptotic Normal" not in printed
    expected = _placement_chi2(data["disease"], [data["rating"].to_numpy(), data["other"].to_numpy()],
                               np.array([a for a, _ in areas]))
    assert s.r["chi2"] == pytest.approx(expected, rel=1e-6)
    assert f"rating             109     {areas[0][0]:.4f}       {areas[0][1]:.4f}" in printed
    printed, s = _run(do, "rocgold disease rating other, binormal", data)
    assert printed.splitlines()[0] == "Fitting binormal model for standard: rating"
    assert s.r["chi2"].values[0, 0] == pytest.approx(expected, rel=1e-6)
    assert f"other               {areas[1][0]:.4f}       {areas[1][1]:.4f}" in printed


def test_rocplot(do):
    from scipy.stats import norm

    _, s = _run(do, "rocfit disease rating, nolog")
    rc, printed, _ = do("rocplot", session=s)
    assert rc == 0, printed
    graph = s.graphs[-1]
    scatter, fit, ref = graph.panels[0].series
    # the empirical cutpoints "rating >= j", j = 2..5, from the counts, then (0,0) and (1,1)
    fpf = [1 - sum(NEG[:j]) / sum(NEG) for j in range(1, 5)]
    tpf = [1 - sum(POS[:j]) / sum(POS) for j in range(1, 5)]
    np.testing.assert_allclose(scatter.x, [*fpf, 0, 1])
    np.testing.assert_allclose(scatter.y, [*tpf, 0, 1])
    a, b = REF["params"][:2]
    grid = np.arange(1, 298) / 300
    np.testing.assert_allclose(fit.x[1:-1], grid)
    np.testing.assert_allclose(fit.y[1:-1], norm.cdf(a + b * norm.ppf(grid)), rtol=1e-6)
    assert ref.label == "Reference" and graph.note == "Area under curve = 0.9113  se(area) = 0.0295"
    assert s.r["area"] == pytest.approx(REF["indices"][0], rel=1e-6) and s.r["N"] == 109
    rc, printed, _ = do("rocplot, ciopts(color(red))", session=s)
    assert rc == 198 and "option ciopts not supported by mlmcli" in printed


def test_rocplot_confband(do):
    from scipy.stats import norm

    _, s = _run(do, "rocfit disease rating, nolog")
    rc, printed, _ = do("rocplot, confband level(90)", session=s)
    assert rc == 0, printed
    band, scatter, fit, ref = s.graphs[-1].panels[0].series
    assert band.label == "90% CI" and scatter.style == 2 and fit.style == 3
    a, b = s.e.matrices["b"].values.ravel()[:2]
    V = s.e.matrices["V"].values
    z = norm.ppf(np.arange(1, 298) / 300)
    sigma = np.sqrt(V[0, 0] + 2 * V[0, 1] * z + V[1, 1] * z * z)  # rocplot.ado's CONF, k = sqrt(-2 ln .1)
    k = np.sqrt(-2 * np.log(0.1))
    np.testing.assert_allclose(band.y[1:-1], norm.cdf(a + b * z - k * sigma))
    np.testing.assert_allclose(band.y2[1:-1], norm.cdf(a + b * z + k * sigma))
    assert (band.y[0], band.y2[0], band.y[-1], band.y2[-1]) == (0.0, 0.0, 1.0, 1.0)


def test_rocplot_needs_rocfit(do):
    rc, printed, _ = do("rocplot", hanley_data())
    assert rc == 301 and "last estimates not found" in printed
