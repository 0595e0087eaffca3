"""rologit: numbers against R (tests/rologit_reference/rologit.R: coxph stratified by group,
Breslow and Efron ties) and, for ties(exactm), against the exact marginal likelihood computed
here from first principles (every order of the tied alternatives, Plackett-Luce); rologit.ado's
layout and notes, predict (rologit_p), test, estimates, errors."""
from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

REF_DIR = Path(__file__).parent / "rologit_reference"
_spec = importlib.util.spec_from_file_location("rologit_make_data", REF_DIR / "make_data.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
DATA = pd.DataFrame(_mod.rows(), columns=["grp", "alt", "pref", "x1", "x2", "z"]).astype(float)
REF = {}
for _line in (REF_DIR / "values.txt").read_text().splitlines():
    _tag, _name, *_vals = _line.split()
    REF[(_tag, _name)] = [float(v) for v in _vals]
TIED = "replace pref = 0 if pref == 1 & alt == 1\nreplace pref = 2 if pref == 3 & grp == 2\n"


def _fit(do, text, data=None):
    rc, printed, s = do(text, DATA.copy() if data is None else data)
    assert rc == 0, printed
    b = s.e.matrices["b"].values[0]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    return printed, s, b, se


def test_no_ties_against_coxph_and_layout(do):
    printed, s, b, se = _fit(do, "rologit pref x1 x2 z, group(grp)")
    np.testing.assert_allclose(b[:2], [REF[("full", n)][0] for n in ("x1", "x2")], rtol=1e-6)
    np.testing.assert_allclose(se[:2], [REF[("full", n)][1] for n in ("x1", "x2")], rtol=1e-5)
    ll, ll0 = REF[("full", "ll")]
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6) and s.e.scalars["ll_0"] == pytest.approx(ll0, abs=1e-6)
    assert s.e.scalars["chi2"] == pytest.approx(2 * (ll - ll0), abs=1e-5)
    assert s.e.matrices["b"].colnames == ("x1", "x2", "o.z")
    lines = printed.split("\n")
    assert "note: z omitted because of no within-grp variance" in lines
    assert "(preferences are not coded as sequential integers)" in lines  # 3-alternative groups: 2 3 4
    assert "Refining estimates:" in lines
    at = lines.index(next(x for x in lines if x.startswith("Rank-ordered logistic regression")))
    assert lines[at] == "Rank-ordered logistic regression".ljust(48) + "Number of obs     =        304"
    assert lines[at + 1] == "Group variable: grp".ljust(48) + "Number of groups  =         80"
    assert lines[at + 3] == "No ties in data".ljust(48) + "Obs per group:"
    assert lines[at + 5] == " " * 48 + "              avg =       3.80"
    assert lines[at + 8].startswith(" " * 48 + "LR chi2(2)        =      90.26")
    assert lines[at + 9] == "Log likelihood = -186.9323".ljust(48) + "Prob > chi2       =     0.0000"
    assert "           z |          0  (omitted)" in lines


@pytest.mark.parametrize("ties, label", [("breslow", "Breslow"), ("efron", "Efron")])
def test_incomplete_and_ties_against_coxph(do, ties, label):
    printed, s, b, se = _fit(do, TIED + f"rologit pref x1 x2, group(grp) ties({ties}) nolog")
    np.testing.assert_allclose(b, [REF[(ties, n)][0] for n in ("x1", "x2")], rtol=1e-6)
    np.testing.assert_allclose(se, [REF[(ties, n)][1] for n in ("x1", "x2")], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(REF[(ties, "ll")][0], abs=1e-6)
    assert "incomplete rankings encountered" in printed
    assert f"Ties handled via the {label} method" in printed and s.e.macros["ties"] == ties


def _exactm_loglik(beta, data):
    """Exact marginal likelihood: per group, the sum over the orders of each tied block of the
    Plackett-Luce probability; unranked (pref 0) alternatives stay in every choice set."""
    total = 0.0
    for _, g in data.groupby("grp"):
        u = beta[0] * g.x1.to_numpy() + beta[1] * g.x2.to_numpy()
        pref = g.pref.to_numpy()
        ranked = sorted(set(pref[pref != 0]), reverse=True)
        blocks = [list(np.flatnonzero(pref == v)) for v in ranked]
        remaining = set(range(len(g)))
        lik = 1.0
        for block in blocks:
            s = 0.0
            for order in itertools.permutations(block):
                left, p = set(remaining), 1.0
                for i in order:
                    p *= np.exp(u[i]) / sum(np.exp(u[j]) for j in left)
                    left.discard(i)
                s += p
            lik *= s
            remaining -= set(block)
        total += np.log(lik)
    return total


def test_exactm_default_with_ties_against_first_principles(do):
    data = DATA.copy()
    data.loc[(data.pref == 1) & (data.alt == 1), "pref"] = 0
    data.loc[(data.pref == 3) & (data.grp == 2), "pref"] = 2
    opt = minimize(lambda b: -_exactm_loglik(b, data), np.zeros(2), method="BFGS", options={"gtol": 1e-8})
    printed, s, b, se = _fit(do, TIED + "rologit pref x1 x2, group(grp) nolog")
    assert s.e.macros["ties"] == "exactm" and "Ties handled via the exactm method" in printed
    np.testing.assert_allclose(b, opt.x, rtol=1e-4, atol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(-opt.fun, abs=1e-6)


def test_reverse_flips_the_ranking(do):
    flipped = DATA.copy()
    flipped["pref"] = 10 - flipped["pref"]
    _, s1, b1, _ = _fit(do, "rologit pref x1 x2, group(grp) nolog")
    _, s2, b2, _ = _fit(do, "rologit pref x1 x2, group(grp) reverse nolog", flipped)
    np.testing.assert_allclose(b1, b2, rtol=1e-8)


def test_predict_test_estimates(do):
    printed, s, b, _ = _fit(do, "rologit pref x1 x2, group(grp) nolog\npredict p\npredict xb, xb\n"
                                "predict d, dpdx(x1)\ntest x1 x2\nestimates store r1\nestimates replay r1")
    assert "(option pr assumed; conditional probability that alternative is ranked first)" in printed
    xb = DATA.x1 * b[0] + DATA.x2 * b[1]
    np.testing.assert_allclose(s.data.numeric("xb"), xb, rtol=1e-6)  # stored as float
    ex = np.exp(xb)
    p = ex / ex.groupby(DATA.grp).transform("sum")
    np.testing.assert_allclose(s.data.numeric("p"), p, rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("d"), p * (1 - p) * b[0], rtol=1e-6)
    assert " ( 1)  x1 = 0" in printed and printed.count("Rank-ordered logistic regression") == 2


@pytest.mark.parametrize("text, message, code", [
    ("rologit pref x1 x2", "option group() required", 198),
    ("rologit pref, group(grp)", "too few variables specified", 102),
    ("rologit pref x1, group(grp) ties(exactp)", "tie-handling method exactp is not allowed", 198),
    ("rologit pref x1, group(grp) ties(breslow efron)", "invalid ties(): exactly one value expected", 198),
    ("replace pref = 2 if pref == 3 & grp == 2\nrologit pref x1, group(grp) ties(none)",
     "ties exist in your data and you specified ties(none)", 459),
    ("rologit pref x1, group(grp) vce(bootstrap)", "option vce(bootstrap) not supported by mlmcli with rologit", 198),
])
def test_errors(do, text, message, code):
    rc, printed, _ = do(text, DATA.copy())
    assert rc == code and message in printed


@pytest.mark.parametrize("key, options, G, shown", [("robust", "vce(robust)", 80, "grp"),
                                                    ("cluster", "vce(cluster cl)", 20, "cl")])
def test_robust_and_cluster_against_coxph(do, key, options, G, shown):
    data = DATA.copy()
    data["cl"] = np.ceil(data.grp / 4)
    printed, s, b, se = _fit(do, f"rologit pref x1 x2, group(grp) {options} nolog", data)
    ref_se = [REF[(key, n)][1] * np.sqrt(G / (G - 1)) for n in ("x1", "x2")]  # Stata's G/(G-1)
    np.testing.assert_allclose(se, ref_se, rtol=1e-5)
    np.testing.assert_allclose(b, [REF[(key, n)][0] for n in ("x1", "x2")], rtol=1e-6)
    V = s.e.matrices["V"].values
    assert s.e.scalars["chi2"] == pytest.approx(float(b @ np.linalg.solve(V, b)), rel=1e-8)
    assert s.e.macros["chi2type"] == "Wald" and s.e.macros["crittype"] == "log pseudolikelihood"
    assert s.e.scalars["N_clust"] == G and s.e.macros["clustvar"] == shown
    assert f"(Std. Err. adjusted for {G} clusters in {shown})" in printed
    assert "Log pseudolikelihood = -186.9323" in printed and "Wald chi2(2)" in printed


def test_robust_ties_default_efron_and_exactm_refused(do):
    _, s, _, _ = _fit(do, TIED + "rologit pref x1 x2, group(grp) robust nolog")
    assert s.e.macros["ties"] == "efron"
    rc, printed, _ = do(TIED + "rologit pref x1 x2, group(grp) robust ties(exactm)", DATA.copy())
    assert rc == 184 and "vce(robust) not allowed with exactm method for handling ties" in printed
    data = DATA.copy()
    rc, printed, _ = do("rologit pref x1 x2, group(grp) vce(cluster alt)", data)
    assert rc == 459 and "cluster() must be constant within grp" in printed
