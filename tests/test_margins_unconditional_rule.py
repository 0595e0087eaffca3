"""margins, vce(unconditional) needs a robust or cluster-robust fit (vu90).

Evidence: Stata 16's ``_marg_work.class`` 1.11.6 (opensafely-core/cohort-extractor, commit
1b3e58ab, bin/ado/base/_/_marg_work.class; Stata 12's class has the same ``._parse_vce``):
without svy, vce(unconditional) takes ``.model_vce = e(vce)`` and accepts only ``cluster`` and
``robust`` (pweights post robust); anything else -- ols, oim, opg, hc2, hc3, bootstrap,
jackknife -- is r(322) "option vce(unconditional) is allowed only after estimation with robust,
semirobust, or linearized standard errors".  ``._parse_vce`` runs in ``.parse`` before the
estimation sample is marked, so the rule comes before if/in's r(459) and before weights.  Then
``._check_vce_not_supported``: areg, ivreg, xtgee, xtreg and ivregress (e(cmd) or e(cmd2)) are
r(322) "<cmd> is not supported by margins with the vce(unconditional) option".  After svy the
noweights refusal comes after ``._parse_vce`` as well.

The accepted fits' numbers are recomputed here by hand (numpy): each margin's linearization
z_j = (q_j - m)/n + J IF_j, IF_j = (X'X)^-1 x_j e_j, V = n/(n-1) sum z z' (G/(G-1) over the
sums within clusters).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
HSB = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate hi = mathach > 13\n"
       "generate cnt = floor(max(mathach, 0)/5)\ngenerate grp3 = 1 + (mathach > 9) + (mathach > 16)\n"
       "generate w = 1 + mod(_n, 7)/3\n")
NEEDS_ROBUST = ("option vce(unconditional) is allowed only after estimation with robust, semirobust, "
                "or linearized standard errors")


@pytest.fixture(scope="module")
def hsb(new_session, run):
    s = new_session()
    out, rc = run(s, HSB)
    assert rc == 0, out
    return s


@pytest.mark.parametrize("fit, model_vce", [
    ("regress mathach ses i.sector", "ols"),
    ("regress mathach ses i.sector, vce(hc2)", "hc2"),
    ("regress mathach ses i.sector, vce(hc3)", "hc3"),
    ("regress mathach ses i.sector [aw=w]", "ols"),
    ("logit hi ses i.sector", "oim"),
    ("logit hi ses i.sector, vce(opg)", "opg"),
    ("probit hi ses i.sector", "oim"),
    ("poisson cnt ses i.sector", "oim"),
    ("ologit grp3 ses i.sector", "oim"),
    ("mlogit grp3 ses i.sector", "oim"),
])
def test_refused_after_a_fit_without_a_robust_vce(hsb, run, fit, model_vce):
    out, rc = run(hsb, f"quietly {fit}")
    assert rc == 0, out
    assert hsb.e.macros["vce"] == model_vce
    before = hsb.data.df.copy()
    out, rc = run(hsb, "margins sector, vce(unconditional)", stop_on_error=False)
    assert rc == 322 and NEEDS_ROBUST in out
    assert hsb.e.cmd == fit.split()[0] and hsb.r.get("vce") != "unconditional"
    pd.testing.assert_frame_equal(hsb.data.df, before)
    out, rc = run(hsb, "margins sector")  # the delta method is untouched
    assert rc == 0 and "Delta-method" in out and hsb.r["vce"] == "delta"


@pytest.mark.parametrize("fit, model_vce", [
    ("regress mathach ses i.sector, vce(robust)", "robust"),
    ("regress mathach ses i.sector [pw=w]", "robust"),
    ("logit hi ses i.sector, vce(cluster school)", "cluster"),
    ("probit hi ses i.sector [pw=w]", "robust"),
    ("poisson cnt ses i.sector, vce(robust)", "robust"),
    ("ologit grp3 ses i.sector, vce(cluster school)", "cluster"),
    ("mlogit grp3 ses i.sector, vce(robust)", "robust"),
])
def test_accepted_after_a_robust_or_cluster_fit(hsb, run, fit, model_vce):
    out, rc = run(hsb, f"quietly {fit}\nmargins sector, vce(unconditional)")
    assert rc == 0, out
    assert "Unconditional" in out and hsb.r["vce"] == "unconditional" and hsb.r["model_vce"] == model_vce


def _by_hand(df: pd.DataFrame, b: np.ndarray, clusters=None) -> np.ndarray:
    """margins sector, vce(unconditional) after regress mathach ses i.sector (e(b): ses,
    0b.sector, 1.sector, _cons): the SEs of the two margins."""
    n = len(df)
    X = np.column_stack([df.ses, np.zeros(n), df.sector, np.ones(n)])
    keep = [0, 2, 3]
    Xk = X[:, keep]
    IF = np.zeros((n, 4))
    IF[:, keep] = (Xk * (df.mathach.to_numpy() - X @ b)[:, None]) @ np.linalg.inv(Xk.T @ Xk)
    Z = []
    for level in (0, 1):
        Xs = X.copy()
        Xs[:, 2] = level
        q = Xs @ b
        Z.append((q - q.mean()) / n + IF @ Xs.mean(axis=0))
    Z = np.column_stack(Z)
    if clusters is not None:
        Z = pd.DataFrame(Z).groupby(np.asarray(clusters)).sum().to_numpy()
    G = Z.shape[0]
    return np.sqrt(np.diag(G / (G - 1) * Z.T @ Z))


@pytest.mark.parametrize("vce, by_cluster", [("robust", False), ("cluster school", True)])
def test_robust_fit_numbers_by_hand(hsb, run, vce, by_cluster):
    out, rc = run(hsb, f"quietly regress mathach ses i.sector, vce({vce})\nmargins sector, vce(unconditional)")
    assert rc == 0, out
    names = [n.split(":")[-1] for n in hsb.e.matrices["b"].colnames]
    assert names == ["ses", "0b.sector", "1.sector", "_cons"]
    df = hsb.data.df
    se = _by_hand(df, hsb.e.matrices["b"].values[0], df.school if by_cluster else None)
    np.testing.assert_allclose(np.sqrt(np.diag(hsb.r["V"].values)), se, rtol=1e-10)
    if by_cluster:
        assert "(Std. Err. adjusted for 160 clusters in school)" in out


@pytest.mark.parametrize("command", ["margins if female, vce(unconditional)",
                                     "margins in 1/5, vce(unconditional)",
                                     "margins [pw=w], vce(unconditional)",
                                     "margins, vce(unconditional) noesample"])
def test_the_rule_comes_first(hsb, run, command):
    """._parse_vce runs before the sample and weights checks: after OLS every one is r(322);
    after a robust fit the later refusal shows."""
    out, rc = run(hsb, "quietly regress mathach ses i.sector")
    out, rc = run(hsb, command, stop_on_error=False)
    assert rc == 322 and NEEDS_ROBUST in out
    out, rc = run(hsb, "quietly regress mathach ses i.sector, vce(robust)")
    out, rc = run(hsb, command, stop_on_error=False)
    assert rc in (198, 459) and NEEDS_ROBUST not in out


@pytest.mark.parametrize("fit, options, name", [
    ("xtreg mathach ses", "fe", "xtreg"),
    ("areg mathach ses", "absorb(school)", "areg"),
    ("ivregress 2sls mathach (ses = female)", "", "ivregress"),
    ("xtgee hi ses", "family(binomial) link(logit)", "xtgee"),
])
def test_commands_margins_never_linearizes(hsb, run, fit, options, name):
    out, rc = run(hsb, f"xtset school\nquietly {fit}, {options} vce(robust)")
    assert rc == 0, out
    out, rc = run(hsb, "margins, vce(unconditional)", stop_on_error=False)
    assert rc == 322 and f"{name} is not supported by margins with the vce(unconditional) option" in out
    out, rc = run(hsb, f"quietly {fit}, {options}")  # without vce(robust) the VCE rule speaks first
    assert rc == 0, out
    out, rc = run(hsb, "margins, vce(unconditional)", stop_on_error=False)
    assert rc == 322 and NEEDS_ROBUST in out


def test_svy_noweights_comes_after_the_vce_checks(do):
    rng = np.random.default_rng(90)
    df = pd.DataFrame({"x": rng.normal(size=200), "psu": np.repeat(np.arange(20), 10),
                       "w": rng.uniform(1, 3, size=200)})
    df["y"] = (rng.uniform(size=200) < 1 / (1 + np.exp(-df.x))).astype(float)
    rc, out, s = do("svyset psu [pw=w], vce(jackknife)\nquietly svy: logit y x\n"
                    "margins, vce(unconditional) noweights", df=df)
    assert rc == 459 and "vce(jackknife) is not supported" in out
    rc, out, s = do("svyset psu [pw=w]\nquietly svy: logit y x\nmargins, vce(unconditional) noweights", df=df)
    assert rc == 198 and "option noweights not allowed with vce(unconditional)" in out
