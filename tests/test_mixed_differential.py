"""Differential test of ``mixed`` against R's lme4 and nlme on random designs.

The designs and models are ``tests/mixed_differential/generate.py``'s (two- and
three-level, crossed, random slopes under each covariance, unbalanced groups with
singletons, factor covariates, noconstant, collinear and missing covariates, large
scales, boundary fits, fweights at two levels, residuals(independent, by()) / (ar 1, t())
/ (exchangeable) / (ma 1), with and without random effects); R's fits, in Stata's
parameterisation, are committed in ``tests/mixed_differential/r_values.json`` (written by
``fit_r.R``; R is never run here).  Each model is fitted here as a user types it
(``mixed ...`` then ``predict re*, reffects``) and compared: log likelihood, fixed
effects and their SEs, the LR test's linear regression (ML), variance components and their SEs (R's by the delta method from
numDeriv Hessians: lmerTest's vcov_varpar, nlme's apVar), and BLUPs.

Tolerances.  The log likelihood agrees to 1e-8 relative (Stata prints 8 digits);
coefficients, SEs, variance components, their SEs and BLUPs to 2e-5 relative (absolute
below 1 for variances, below the largest BLUP for BLUPs): R's optimizers stop once the
likelihood is flat to ~1e-10, where a variance can still move in its 5th digit; where
they differ more, mlm's likelihood must be the higher one (it found the better optimum).
SEs of variance components are not compared for a level on the boundary (a singular
random-effects covariance matrix: a variance at zero, a correlation at +-1, a
rank-deficient unstructured matrix): the optimum is not a stationary point in its
parameters and neither program's Hessian is a reference for them.  When such a level's
variances all vanish it drops out of the model, and the other levels' and the residual
SEs are compared.  A covariance between two effects whose variances are
both zero is undefined (mlm prints "."; R gives 0) and not compared.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).parent / "mixed_differential"
_spec = importlib.util.spec_from_file_location("mixed_differential_generate", HERE / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate  # its dataclasses look their module up
_spec.loader.exec_module(generate)

REF = {c["name"]: c for c in json.loads((HERE / "r_values.json").read_text())["cases"]}
CASES = generate.cases()
TOL = 2e-5


def _rel(a: float, b: float, floor: float = 1.0) -> float:
    return abs(a - b) / max(abs(b), floor)


def test_every_case_has_r_values():
    assert {c.name for c in CASES} == set(REF)
    assert not [c["name"] for c in REF.values() if "error" in c]
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mixed_matches_r(do, case):
    ref = REF[case.name]
    df = generate.data(case)
    assert generate.checksum(df) == ref["checksum"]  # the data R fitted
    predict = "\npredict double re*, reffects" if ref["blups"] else ""  # none without random effects
    rc, out, session = do(f"mixed {case.stata}{predict}", df)
    assert rc == 0, out
    res = session.e.result
    ll = session.e.scalars["ll"]
    assert _rel(ll, ref["loglik"], 0.0) < 1e-8 or ll > ref["loglik"], (ll, ref["loglik"])
    if "loglik_linear" in ref and res.lr_test is not None:  # ML: the LR test's regression
        assert _rel(session.e.scalars["ll_c"], ref["loglik_linear"], 0.0) < 1e-8
        assert res.lr_test.chi2 == pytest.approx(max(2 * (ll - ref["loglik_linear"]), 0.0), abs=1e-6)
    better = ll > ref["loglik"] + 1e-9  # mlm found a higher optimum than R's optimizer
    tol = 1e-3 if better else TOL
    fixed = {r.name: r for r in res.fixed}
    for name, (b, se) in ref["fixed"].items():
        assert _rel(fixed[name].coef, b) < tol, (name, fixed[name].coef, b)
        assert _rel(fixed[name].se, se) < tol, (name, fixed[name].se, se)
    # base levels (1b.f) and omitted collinear terms (o.x2: lme4 drops the column) aside
    assert {n for n in fixed if not (n.endswith("b.f") or n.startswith("o."))} == set(ref["fixed"])
    assert all(fixed[n].coef == 0 for n in fixed if n.startswith("o."))
    ref_var = ref["var"] or {}  # residuals() alone (gls): no random effects
    variances = {f"{b.levelvar}:{r.label}": r.estimate for b in res.random["variance"] for r in b.rows}
    assert set(variances) == set(ref_var)
    for key, v in ref_var.items():
        if np.isnan(variances[key]) and v == 0 and ":cov(" in key:
            continue  # the covariance of two vanished effects: undefined
        assert _rel(variances[key], v) < tol, (key, variances[key], v)
    if res.residual_blocks:
        residual = {r.label: r.estimate for r in res.residual_blocks["variance"].rows}
    else:
        residual = {res.residual["variance"].label: res.residual["variance"].estimate}
    assert set(residual) == set(ref["residual"])
    for key, v in ref["residual"].items():
        assert _rel(residual[key], v) < tol, (key, residual[key], v)
    _compare_variance_se(res, ref, tol)
    data = session.data.df
    names = sorted((c for c in data.columns if c.startswith("re") and c[2:].isdigit()), key=lambda c: int(c[2:]))
    assert len(names) == len(ref["blups"])
    for name, want in zip(names, ref["blups"]):
        want = np.array([np.nan if w is None else w for w in want], dtype=float)
        known = ~np.isnan(want)  # R's values are for e(sample)'s rows
        got = data[name].to_numpy(dtype=float)[known]
        want = want[known]
        assert np.max(np.abs(got - want)) / max(1.0, np.max(np.abs(want))) < tol, name


def _boundary_levels(var: dict) -> set[str]:
    """Levels whose random-effects covariance matrix is singular (a variance at zero, a
    correlation at +-1, a rank-deficient unstructured matrix): the (RE)ML optimum sits on
    the edge of the parameter space there, where the information matrix is no basis for
    their SEs."""
    levels: dict[str, dict[str, float]] = {}
    for key, v in (var or {}).items():
        level, _, label = key.partition(":")
        levels.setdefault(level, {})[label] = v
    out = set()
    for level, rows in levels.items():
        names = [lab[4:-1] for lab in rows if lab.startswith("var(") and " " not in lab]
        for lab in rows:  # exchangeable/identity over several: var(x z), cov(x z)
            if lab.startswith("var(") and " " in lab:
                v, c = rows[lab], rows.get("cov" + lab[3:], 0.0)
                if v - abs(c) < 1e-4 * max(v, 1e-300) or v < 1e-4:
                    out.add(level)
        if not names:
            continue
        m = np.diag([rows[f"var({n})"] for n in names])
        for i, a in enumerate(names):
            for j, b in enumerate(names[:i]):
                m[i, j] = m[j, i] = rows.get(f"cov({b},{a})", rows.get(f"cov({a},{b})", 0.0))
        eig = np.linalg.eigvalsh(m)
        if eig[0] < 1e-4 or eig[0] < 1e-6 * eig[-1]:
            out.add(level)
    return out


def _compare_variance_se(res, ref, tol):
    boundary = _boundary_levels(ref["var"])
    vanished = {lev for lev in boundary  # every variance of the level at zero: it drops out
                if all(v < 1e-8 for k, v in ref["var"].items() if k.startswith(lev + ":var("))}
    if boundary - vanished or (boundary and res.crossed):
        return  # a rank-deficient matrix or a correlation at +-1 moves every SE
    se = {f"{b.levelvar}:{r.label}": r.se for b in res.random["variance"] for r in b.rows}
    if res.residual_blocks:
        se.update({r.label: r.se for r in res.residual_blocks["variance"].rows})
    else:
        se[res.residual["variance"].label] = res.residual["variance"].se
    assert set(ref["se"]) <= set(se)
    for key, want in ref["se"].items():
        if key.partition(":")[0] in boundary and ":" in key:
            continue  # the boundary level's own SEs
        assert _rel(se[key], want, 0.0) < tol, (key, se[key], want)
