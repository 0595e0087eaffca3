"""xttobit (random-effects tobit) against an independent computation in R
(tests/reference_values/xttobit_reference.R: each panel's integral by R's integrate(),
maximised by optim + Newton with numDeriv, OIM standard errors from numDeriv's Hessian in
(b, sigma_u, sigma_e)); the layout; replay; errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "reference_values"


@pytest.fixture(scope="module")
def panels():
    return pd.read_csv(REF / "xttobit_panels.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "xttobit_reference.json").read_text())


@pytest.fixture(scope="module")
def fitted(do, panels):
    return do("xtset id\nxttobit y x w, ll(0) ul(cap) tobit", panels.copy())


def test_estimates_and_standard_errors_match_r(fitted, reference):
    rc, out, s = fitted
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    assert list(s.e.matrices["b"].colnames) == ["y:x", "y:w", "y:_cons", "sigma_u:_cons", "sigma_e:_cons"]
    assert np.allclose(b, reference["estimate"], rtol=2e-6, atol=1e-7)
    assert np.allclose(np.sqrt(np.diag(V)), reference["se"], rtol=2e-4)
    assert s.e.scalars["ll"] == pytest.approx(reference["loglik"], rel=1e-8)
    assert s.e.scalars["ll_0"] == pytest.approx(reference["pooled_loglik"], rel=1e-8)
    assert (s.e.scalars["N_lc"], s.e.scalars["N_rc"]) == (reference["n_left"], reference["n_right"])
    su, se = reference["estimate"][3:]
    assert s.e.scalars["rho"] == pytest.approx(su ** 2 / (su ** 2 + se ** 2), rel=1e-5)


def test_layout(fitted, panels):
    rc, out, s = fitted
    lines = out.split("\n")
    start = lines.index("Random-effects tobit regression                 Number of obs      =       257")
    assert lines[start + 1] == "Group variable: id                              Number of groups   =        60"
    assert lines[start + 3].startswith("Random effects u_i ~ Gaussian                   Obs per group: min =")
    assert lines[start + 7] == "Integration method: mvaghermite                 Integration points =        12"
    assert lines[start + 9].startswith("                                                Wald chi2(2)       =")
    assert lines[start + 10].startswith("Log likelihood  = -277.82303")
    table = lines[start + 12:]
    assert table[0] == "-" * 78
    assert table[1] == ("           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]")
    assert [ln.split("|")[0].strip() for ln in table[3:6]] == ["x", "w", "_cons"]
    assert table[6] == "-------------+" + "-" * 64
    assert table[7].startswith("    /sigma_u |   .9177589") and len(table[7].split()) == 8  # with z and P
    assert table[8].startswith("    /sigma_e |   1.140543")
    # rho, a diparm row right under the ancillary parameters (xttobit.ado: no __sep__)
    assert table[9].startswith("         rho |   .3930163") and len(table[9].split()) == 6  # no z, P
    assert table[10] == "-" * 78
    # xttobit.ado's DispLR: "Prob>=chibar2" without spaces
    assert table[11] == "Likelihood-ratio test of sigma_u=0: chibar2(01)=   25.25 Prob>=chibar2 = 0.000"
    assert table[12] == ""
    assert table[13:16] == ["  Observation summary:       123  left-censored observations",
                            "                            107     uncensored observations",
                            "                             27 right-censored observations"]
    assert "Fitting comparison model:" in out and "Fitting full model:" in out


def test_rho_limits_on_the_probit_scale(fitted):
    """xttobit.ado's diparm ci(probit): Phi(Phi^-1(rho) -+ 1.96 se / phi(Phi^-1(rho)))."""
    from scipy.stats import norm

    rc, out, s = fitted
    row = [ln for ln in out.split("\n") if ln.startswith("         rho |")][0].split()
    rho, se, lo, hi = (float(v) for v in row[2:6])
    q = norm.ppf(rho)
    half = norm.ppf(0.975) * se / norm.pdf(q)
    assert (lo, hi) == (pytest.approx(norm.cdf(q - half), abs=2e-7), pytest.approx(norm.cdf(q + half), abs=2e-7))
    assert hi - rho != pytest.approx(rho - lo, abs=1e-5)  # not symmetric


def test_summary_says_observation_for_one(do, panels):
    df = panels.copy()
    df.loc[df.y >= df.cap, "y"] = df.cap - 0.01  # no right-censored rows ...
    df.loc[df.index[0], "y"] = df.loc[df.index[0], "cap"]  # ... but one
    rc, out, s = do("xtset id\nxttobit y x w, ll(0) ul(cap)", df)
    assert rc == 0, out
    assert "                              1 right-censored observation" in out.split("\n")
    assert s.e.scalars["N_rc"] == 1


def test_without_tobit_option_no_lr_line_and_replay_at_level(do, panels):
    rc, out, s = do("xtset id\nquietly xttobit y x w, ll(0) ul(cap)\nxttobit, level(90)", panels.copy())
    assert rc == 0, out
    assert "Likelihood-ratio test" not in out and "[90% Conf. Interval]" in out
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    row = [ln for ln in out.split("\n") if ln.startswith("           x |")][0].split()
    assert float(row[-2]) == pytest.approx(b[0] - 1.6448536 * np.sqrt(V[0, 0]), abs=2e-6)


def test_ghermite_with_many_points_agrees(do, panels):
    rc, out, s = do("xtset id\nquietly xttobit y x w, ll(0) ul(cap) intmethod(ghermite) intpoints(40)",
                    panels.copy())
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(-277.823027109631, abs=1e-4)
    assert s.e.macros["intmethod"] == "ghermite"


def test_errors_leave_data_unchanged(do, panels):
    before = panels.copy()
    rc, out, s = do("xttobit y x w, ll(0)", panels.copy())
    assert rc == 459 and "panel variable not set" in out
    for line, code in (("xttobit y x w [fw=cap], ll(0)", 101), ("xttobit y x w, ll(0) vce(robust)", 198),
                       ("xttobit y x w, ll(0) intpoints(0)", 198), ("xttobit y nosuch, ll(0)", 111),
                       ("xttobit y x w, ll(0) constraints(1)", 198)):
        rc, out, s = do("xtset id\n" + line, panels.copy())
        assert rc == code, (line, out)
        pd.testing.assert_frame_equal(s.data.df[before.columns], before, check_dtype=False)
    rc, out, s = do("xttobit", panels.copy())
    assert rc == 301


def test_predict_xb_and_stdp(do, panels):
    rc, out, s = do("xtset id\nquietly xttobit y x w, ll(0) ul(cap)\npredict double p\npredict double sp, stdp\n"
                    "capture noisily predict q, e0(0)", panels.copy())
    # e0(a,b) is xttobit's (tests/test_predict_xttobit_zero.py); one bound: regre_p2's refusal
    assert "option e0() incorrectly specified" in out and "q" not in s.data.df.columns
    b, V = s.e.matrices["b"].values.ravel()[:3], s.e.matrices["V"].values[:3, :3]
    X = np.column_stack([panels.x, panels.w, np.ones(len(panels))])
    assert np.allclose(s.data.df["p"], X @ b, atol=1e-12)
    assert np.allclose(s.data.df["sp"], np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), atol=1e-12)
