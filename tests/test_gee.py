"""``xtgee`` and the ``pa`` models of xtreg, xtlogit and xtpoisson against R
(tests/reference_values/gee_reference.R: geepack::geeglm's exchangeable and unstructured
fits with sandwich SEs, glm() for the independence model's conventional SEs), the Stata 13
layout, predict and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "gee_reference.json").read_text())["fits"]
FAMILY = {"y": "gaussian", "yb": "binomial", "yc": "poisson"}


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _b_se(s):
    names = list(s.e.matrices["b"].colnames)
    order = [names.index(n) for n in ("_cons", "x", "z")]
    b = s.e.matrices["b"].values[0][order]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))[order]
    return b, se


@pytest.mark.parametrize("depvar", ["y", "yb", "yc"])
def test_exchangeable_unbalanced_against_geepack(do, panels, depvar):
    rc, out, s = do(f"xtset id t\nxtgee {depvar} x z if !balanced, family({FAMILY[depvar]}) vce(robust)",
                    df=panels)
    assert rc == 0, out
    ref = REF[f"{depvar}_exchangeable"]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-7)
    assert s.e.matrices["R"].values[0][1] == pytest.approx(ref["alpha"], rel=1e-7)
    assert s.e.macros["vcetype"] == "Semirobust" and s.e.macros["corr"] == "exchangeable"


@pytest.mark.parametrize("depvar", ["y", "yb", "yc"])
def test_unstructured_balanced_against_geepack(do, panels, depvar):
    rc, out, s = do(f"xtset id t\nxtgee {depvar} x z if balanced, family({FAMILY[depvar]}) corr(unstructured) "
                    "robust nolog", df=panels)
    assert rc == 0, out
    ref = REF[f"{depvar}_unstructured"]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-7)
    R = s.e.matrices["R"].values
    upper = [R[i][j] for i in range(4) for j in range(i + 1, 4)]
    np.testing.assert_allclose(upper, ref["alpha"], rtol=1e-7)
    assert "Iteration" not in out


@pytest.mark.parametrize("depvar", ["y", "yb", "yc"])
def test_independence_conventional_variance_against_glm(do, panels, depvar):
    rc, out, s = do(f"xtgee {depvar} x z if !balanced, i(id) family({FAMILY[depvar]}) corr(independent)",
                    df=panels)
    assert rc == 0, out
    ref = REF[f"{depvar}_independent"]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-7)
    assert s.e.macros["vce"] == "conventional" and "vcetype" not in s.e.macros


@pytest.mark.parametrize("command, family", [("xtreg y x z, pa", "y"), ("xtlogit yb x z, pa", "yb"),
                                             ("xtpoisson yc x z, pa", "yc"), ("xtprobit yb x z, pa", "yb")])
def test_pa_models_are_xtgee(do, panels, command, family):
    rc, out, s = do(f"xtset id t\n{command} vce(robust)", df=panels)
    assert rc == 0, out
    b_pa, se_pa = _b_se(s)
    cmd2 = command.split()[0]
    assert s.e.cmd == "xtgee" and s.e.macros["cmd2"] == cmd2 and s.e.macros["model"] == "pa"
    link = " link(probit)" if command.startswith("xtprobit") else ""
    rc, out, s = do(f"xtset id t\nxtgee {family} x z, family({FAMILY[family]}){link} vce(robust)", df=panels)
    b, se = _b_se(s)
    np.testing.assert_allclose(b_pa, b, rtol=1e-12)
    np.testing.assert_allclose(se_pa, se, rtol=1e-12)


def test_layout_and_replays(do, panels):
    rc, out, s = do("xtset id t\nxtlogit yb x z, pa corr(exch) vce(robust) nolog", df=panels)
    assert rc == 0, out
    lines = out.splitlines()
    text = lines[lines.index("GEE population-averaged model                   Number of obs      =       443") - 1:]
    assert text[:12] == [
        "",
        "GEE population-averaged model                   Number of obs      =       443",
        "Group variable:                         id      Number of groups   =       110",
        "Link:                                logit      Obs per group: min =         2",
        "Family:                           binomial                     avg =       4.0",
        "Correlation:                  exchangeable                     max =         6",
        "                                                Wald chi2(2)       =     33.32",
        "Scale parameter:                         1      Prob > chi2        =    0.0000",
        "",
        "                                     (Std. Err. adjusted for clustering on id)",
        "-" * 78,
        "             |             Semirobust",
    ]
    assert text[12] == "          yb |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    rc, out, s = do("xtlogit, or level(90)", session=s)
    assert "          yb | Odds Ratio   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out
    rc, out, s = do("xtpoisson yc x z, pa irr nolog\nxtgee, eform", session=s)
    assert "          yc |        IRR   Std. Err.      z    P>|z|     [95% Conf. Interval]" in out
    assert out.count("Scale parameter:                         1") == 2
    rc, out, s = do("xtgee y x z\nestimates replay", session=s)
    assert "\nIteration 1: tolerance = " in out and "Family:                           Gaussian" in out
    phi = s.e.scalars["phi"]
    assert "Scale parameter:" + f"{phi:.7g}".lstrip("0").rjust(26) + "      Prob > chi2" in out


def test_predict(do, panels):
    rc, out, s = do("xtset id t\nxtgee yc x z, family(poisson) nolog\npredict m\npredict xb, xb\n"
                    "predict se, stdp", df=panels)
    assert rc == 0, out
    assert "(option mu assumed; predicted mean yc)" in out
    df = s.data.df
    np.testing.assert_allclose(df["m"], np.exp(df["xb"]), rtol=1e-6)  # float variables
    assert (df["se"] > 0).all()


@pytest.mark.parametrize("command, rc, message", [
    ("xtgee y x z", 459, "panel variable not set"),
    ("xtgee y x z, i(id) corr(unstructured)", 459, "time variable not set"),
    ("xtgee y x z, i(id) corr(ar 1)", 459, "time variable not set"),
    ("xtgee y x z, i(id) family(gamma)", 499, "dependent variable must be positive"),
    ("xtgee y x z, i(id) family(binomial 5)", 499, "variable y > 5 in some cases"),  # xtgee.ado
    ("xtgee y x z, i(id) family(binomial)", 499, "variable y > 1 in some cases"),
    ("xtgee y x z, i(id) link(logit)", 198, "link(logit) not allowed with family(gaussian)"),
    ("xtgee y x z, i(id) family(wobbly)", 198, "unknown family() wobbly"),
    ("xtgee y x z, i(id) corr(fixed nosuch)", 111, "matrix nosuch not found"),
    ("xtgee y x z, i(id) vce(opg)", 198, "vcetype 'opg' not allowed"),
    ("xtgee y x z [aw=x], i(id)", 101, "aweights not allowed"),
    ("xtgee y x z [fw=t], i(id)", 199, "weight must be constant within id"),
    ("xtgee y x z, i(id) or", 198, "option or not allowed"),
    ("xtreg y x z, pa fe i(id)", 198, "options fe and pa may not be combined"),
    ("xtlogit yb x z, pa irr i(id)", 198, "option irr not allowed"),
    ("xtgee", 301, "last estimates not found"),
    ("xtprobit yb x z, i(id) or", 198, "option or not allowed"),
    ("xtprobit yb x z, fe i(id)", 198, "option fe not allowed"),
    ("xtprobit yb x z, pa or i(id)", 198, "option or not allowed"),
])
def test_refusals_leave_data_alone(do, panels, command, rc, message):
    got, out, s = do(command, df=panels)
    assert got == rc and message in out, out
    assert s.data.nobs == len(panels) and s.e is None


def test_estat_wcorrelation(do, panels):
    rc, out, s = do("xtset id t\nquietly xtgee yb x z if balanced, family(binomial) corr(unstructured)\n"
                    "estat wcorrelation, format(%4.3f)", df=panels)
    assert rc == 0, out
    R = s.e.matrices["R"].values
    lines = out.splitlines()
    i = lines.index("Estimated within-id correlation matrix R:")
    # matrix list's columns for format(%4.3f) (render/listings.py)
    assert lines[i + 1:i + 4] == ["", "        c1      c2      c3      c4", "r1   1.000"]
    assert lines[i + 4] == "r2" + f"{R[1][0]:.3f}".rjust(8) + "   1.000"
    np.testing.assert_allclose(s.r["R"].values, R)
    rc, out, s = do("regress y x\nestat wcorrelation", session=s)
    assert rc == 321 and "r(321);" in out  # not after regress


def test_tolerances_and_return_code(do, panels):
    """xtgee.ado's SaveMac: e(tol) the target tolerance(), e(dif) the last iteration's
    tolerance (the log's last line), e(rc) 0; without convergence e(rc) 430, and geerpt
    shows the table and then fails with r(430), on replay too (the results stay)."""
    rc, out, s = do("xtset id t\nxtgee yc x z, family(poisson) tolerance(1e-8)", df=panels)
    assert rc == 0, out
    last = [line for line in out.splitlines() if line.startswith("Iteration ")][-1]
    assert s.e.scalars["tol"] == 1e-8 and s.e.scalars["rc"] == 0
    assert float(last.split("= ")[1]) == pytest.approx(s.e.scalars["dif"], rel=1e-3)
    assert s.e.scalars["dif"] <= 1e-8
    rc, out, s = do("xtgee yc x z, family(poisson) iterate(1)", session=s)
    assert rc == 430 and out.rstrip().splitlines()[-2:] == ["convergence not achieved", "r(430);"]
    assert out.index("GEE population-averaged model") < out.index("convergence not achieved")
    assert s.e.scalars["rc"] == 430 and s.e.scalars["tol"] == 1e-6 and s.e.scalars["dif"] > 1e-6
    rc, out, s = do("xtgee", session=s)
    assert rc == 430 and "GEE population-averaged model" in out
