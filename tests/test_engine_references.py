"""Every reference fit in ../shared/reference reproduces through fit_mixed.

The MixedSpec is built here from the CSV (the reference commands use plain
variables only), with refcheck.py's tolerances: 1e-7 relative for the log
likelihood, 2e-5 for coefficients and estimates, 2e-4 for variance-component
SEs and CIs.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm

COV = {"un": "unstructured", "ind": "independent", "exc": "exchangeable", "id": "identity"}


def spec_from_command(df: pd.DataFrame, command: str, method: str) -> MixedSpec:
    """A MixedSpec for ``mixed dep x ... || lev: z ... [, cov(..)] ...`` on df."""
    eqs = [e.strip() for e in command.split("||")]
    fixed = eqs[0].split()[1:]
    dep, xs = fixed[0], fixed[1:]
    n = len(df)
    X = np.column_stack([df[x].to_numpy(float) for x in xs] + [np.ones(n)])
    labels = tuple(CoefLabel(x) for x in xs) + (CoefLabel("_cons"),)
    terms = []
    prev = np.zeros(n, np.int64)
    for eq in eqs[1:]:
        body, _, opts = eq.partition(",")
        lev, _, zs = body.partition(":")
        lev = lev.strip()
        zs = zs.split()
        cov = "independent" if zs else "identity"
        m = re.search(r"cov\w*\((\w+)\)", opts)
        if m:
            cov = next(v for k, v in COV.items() if m.group(1).startswith(k))
        if lev == "_all":
            var = zs[0][2:]
            _, codes = np.unique(df[var].to_numpy(), return_inverse=True)
            terms.append(RandomTerm("_all", codes, np.ones((n, 1)), (f"R.{var}",), "identity",
                                    int(codes.max()) + 1))
            continue
        pairs = np.column_stack([prev, df[lev].to_numpy(np.int64)])
        _, codes = np.unique(pairs, axis=0, return_inverse=True)
        codes = codes.ravel()
        prev = codes
        Z = np.column_stack([df[z].to_numpy(float) for z in zs] + [np.ones(n)])
        terms.append(RandomTerm(lev, codes, Z, tuple(zs) + ("_cons",), cov, int(codes.max()) + 1))
    return MixedSpec(dep, df[dep].to_numpy(float), X, labels, tuple(terms), method=method)


def close(got, ref, rel):
    if ref is None:
        return True
    return abs(got - ref) <= rel * abs(ref) + 1e-9


def reference_files(shared_dir):
    return sorted((shared_dir / "reference").glob("*.json"))


def load(shared_dir, path):
    ref = json.loads(path.read_text())
    df = pd.read_csv(shared_dir / "data" / ref["data_file"].replace(".dta", ".csv"))
    cmd = ref["stata_command"].replace(" reml", "").rstrip(", ")
    return ref, spec_from_command(df, cmd, ref["method"])


@pytest.fixture(scope="module")
def fits(shared_dir):
    out = {}
    for path in reference_files(shared_dir):
        ref, spec = load(shared_dir, path)
        out[path.name] = (ref, fit_mixed(spec))
    return out


def test_loglik_and_fixed(fits):
    bad = []
    for name, (ref, fit) in fits.items():
        res = fit.result()
        if not close(res.loglik, ref["loglik"], 1e-7):
            bad.append((name, "ll", res.loglik, ref["loglik"]))
        rows = {r.name: r for r in res.fixed}
        for f in ref["fixed"]:
            r = rows[f["name"]]
            for key, got in (("coef", r.coef), ("se", r.se), ("ci_lo", r.ci_lo), ("ci_hi", r.ci_hi)):
                if not close(got, f[key], 2e-5):
                    bad.append((name, f["name"], key, got, f[key]))
        if ref["wald"]["df"]:
            if res.wald_df != ref["wald"]["df"] or not close(res.wald_chi2, ref["wald"]["chi2"], 1e-4):
                bad.append((name, "wald", res.wald_chi2, ref["wald"]["chi2"]))
    assert not bad, bad


def test_variance_components(fits):
    bad = []
    for name, (ref, fit) in fits.items():
        res = fit.result()
        rows = {}
        for blk in res.random["variance"]:
            for r in blk.rows:
                rows.setdefault((blk.levelvar, r.label), r)
        rows[("Residual", "var(Residual)")] = res.residual["variance"]
        for rr in ref["random"]:
            r = rows.get((rr["level"], rr["param"]))
            if r is None:
                bad.append((name, rr["level"], rr["param"], "missing"))
                continue
            for key, got, tol in (("estimate", r.estimate, 2e-5), ("se", r.se, 2e-4),
                                  ("ci_lo", r.ci_lo, 2e-4), ("ci_hi", r.ci_hi, 2e-4)):
                if not close(got, rr[key], tol):
                    bad.append((name, rr["param"], key, got, rr[key]))
        vp = ref["vce_param"]
        for got, want in zip(np.sqrt(np.diag(fit.V_phi)), vp["se"]):
            if not close(got, want, 2e-4):
                bad.append((name, "vce_param", got, want))
    assert not bad, bad


def test_lr_test(fits):
    bad = []
    for name, (ref, fit) in fits.items():
        lr = fit.result().lr_test
        want = ref["lr_vs_linear"]
        if lr.df != want["df"] or lr.kind != want["kind"] or not close(lr.chi2, want["chi2"], 1e-4):
            bad.append((name, lr, want))
        if not close(fit.ll_linear, want["ll_linear"], 1e-9):
            bad.append((name, fit.ll_linear, want["ll_linear"]))
    assert not bad, bad


def test_blups(fits, shared_dir):
    bad = []
    for name, (ref, fit) in fits.items():
        preds = fit.blups()
        df = pd.read_csv(shared_dir / "data" / ref["data_file"].replace(".dta", ".csv"))
        by_level = {}
        for t, pr in zip(fit.spec.terms, preds):
            var = t.names[0][2:] if t.levelvar == "_all" else t.levelvar
            by_level[var] = (t, pr)
        for b in ref["blups"]:
            t, pr = by_level[b["level"]]
            var = b["level"]
            # group code of the first row with this id
            row = int(np.flatnonzero(df[var].astype(str).to_numpy() == b["group"])[0])
            g = t.group[row]
            for cname, val in b["terms"].items():
                col = t.names.index(cname if t.levelvar != "_all" else t.names[0])
                if not close(pr.modes[g, col], val, 1e-5):
                    bad.append((name, var, b["group"], cname, pr.modes[g, col], val))
                if not close(pr.se[g, col], b["se"][cname], 1e-4):
                    bad.append((name, var, b["group"], "se", cname, pr.se[g, col], b["se"][cname]))
    assert not bad, bad


def test_hsb_random_slope_matches_raudenbush_bryk_table_4_4(shared_dir):
    """R&B (2002) Table 4.4 (REML): gamma_10 = 2.19 (.13), tau_00 = 8.68, tau_01 = .05,
    tau_11 = .68, sigma^2 = 36.70.  The slope variance is small: the optimiser must
    not stop at the saddle where its Cholesky diagonal is 0."""
    df = pd.read_csv(shared_dir / "data" / "hsb.csv")
    fit = fit_mixed(spec_from_command(df, "mixed mathach cses || school: cses, cov(un)", "REML"))
    res = fit.result()
    cses = res.fixed[0]
    assert round(cses.coef, 2) == 2.19 and round(cses.se, 2) == 0.13
    rows = {r.label: r.estimate for r in res.random["variance"][0].rows}
    assert round(rows["var(_cons)"], 2) == 8.68
    assert round(rows["cov(cses,_cons)"], 2) == 0.05
    assert abs(rows["var(cses)"] - 0.68) < 0.02
    assert round(res.residual["variance"].estimate, 2) == 36.70


# lme4 1.1-31 (bobyqa, rhoend 1e-12) log likelihoods of further models on the shared data
LME4 = [
    ("chem97", "mixed score gcsecnt || lea: || school:", "ML", -70842.780107051),
    ("egsingle", "mixed math year || schoolid: year, cov(un) || childid: year, cov(un)", "ML",
     -8163.11555795156),
    ("egsingle", "mixed math year || schoolid: year, cov(un) || childid: year, cov(un)", "REML",
     -8168.3697006744),
    ("scotssec", "mixed attain verbal || _all: R.primary || _all: R.second", "ML", -7422.79629305521),
    ("oxboys", "mixed height age || subject: age, cov(un)", "REML", -362.045475281982),
    ("orthodont", "mixed distance age || subject: age", "ML", -219.869134853256),
]


@pytest.mark.parametrize("dataset,command,method,loglik", LME4)
def test_more_models_match_lme4(shared_dir, dataset, command, method, loglik):
    df = pd.read_csv(shared_dir / "data" / f"{dataset}.csv")
    fit = fit_mixed(spec_from_command(df, command, method))
    assert fit.converged
    assert fit.loglik == pytest.approx(loglik, rel=1e-10)


def test_pisa2000_pweights_match_stata(shared_dir):
    """Stata's survey example (stata.com, "Multilevel models with survey data"):
    mixed isei female high_school college one_for both_for test_lang [pw=w_fstuwt]
        || id_school:, pweight(wnrschbw) pwscale(size)"""
    df = pd.read_stata(shared_dir / "data" / "stata" / "pisaUSA2000.dta", convert_categoricals=False)
    xs = ["female", "high_school", "college", "one_for", "both_for", "test_lang"]
    n = len(df)
    X = np.column_stack([df[x].to_numpy(float) for x in xs] + [np.ones(n)])
    g = pd.factorize(df["id_school"])[0]
    term = RandomTerm("id_school", g, np.ones((n, 1)), ("_cons",), "identity", int(g.max()) + 1,
                      pweight=df["wnrschbw"].to_numpy(float))
    spec = MixedSpec("isei", df["isei"].to_numpy(float), X,
                     tuple(CoefLabel(x) for x in xs) + (CoefLabel("_cons"),), (term,),
                     pweight=df["w_fstuwt"].to_numpy(float), pwscale="size")
    res = fit_mixed(spec).result()
    assert res.pseudo and res.lr_test is None and res.n_clusters == 148
    assert round(res.loglik, 1) == -1443093.9
    assert round(res.wald_chi2, 2) == 187.23 and res.wald_df == 6
    stata = {"female": (.59379, .8732886), "high_school": (6.410618, 1.500337),
             "college": (19.39494, 2.121145), "one_for": (-.9584613, 1.789947),
             "both_for": (-.2021101, 2.32633), "test_lang": (2.519539, 2.393165)}
    for row in res.fixed[:6]:
        coef, se = stata[row.name]
        assert abs(row.coef - coef) <= 2e-5 * max(1, abs(coef))
        assert row.se == pytest.approx(se, rel=2e-5)


@pytest.mark.parametrize("command,loglik", [
    ("mixed weight week || id:", -1014.9268),
    ("mixed weight week || id: week", -869.03825),
    ("mixed weight week || id: week, cov(un)", -868.96185),
])
def test_stata_manual_pig_examples(shared_dir, command, loglik):
    """Log likelihoods printed in Stata's [ME] mixed examples on pig.dta."""
    df = pd.read_csv(shared_dir / "data" / "stata" / "pig.csv")
    fit = fit_mixed(spec_from_command(df, command, "ML"))
    assert float(f"{fit.loglik:.8g}") == loglik
