"""Differential test of ``mixed`` against R's lme4 and nlme on random designs.

The designs and models are ``tests/mixed_differential/generate.py``'s (two- and
three-level, crossed, random slopes under each covariance, unbalanced groups with
singletons, factor covariates, noconstant, boundary fits, fweights at two levels,
residuals(independent, by()) / (ar 1, t()) / (exchangeable)); R's fits, in Stata's
parameterisation, are committed in ``tests/mixed_differential/r_values.json`` (written by
``fit_r.R``; R is never run here).  Each model is fitted here as a user types it
(``mixed ...`` then ``predict re*, reffects``) and compared: log likelihood, fixed
effects and their SEs, variance components and their SEs (R's by the delta method from
numDeriv Hessians: lmerTest's vcov_varpar, nlme's apVar), and BLUPs.

Tolerances.  The log likelihood agrees to 1e-8 relative (Stata prints 8 digits);
coefficients, SEs, variance components and BLUPs to 2e-5 relative (absolute below 1 for
variances, below the largest BLUP for BLUPs): R's optimizers stop once the likelihood is
flat to ~1e-10, where a variance can still move in its 5th digit; where they differ
more, mlm's likelihood must be the higher one (it found the better optimum).  SEs of
variance components are not compared at a boundary (a variance below 1e-4, a correlation at +-1): the
information matrix is singular there (as at a correlation of +-1) and R's Hessian of a clipped deviance is no reference.
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
    assert len(CASES) >= 70


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mixed_matches_r(do, case):
    ref = REF[case.name]
    df = generate.data(case)
    assert generate.checksum(df) == ref["checksum"]  # the data R fitted
    rc, out, session = do(f"mixed {case.stata}\npredict double re*, reffects", df)
    assert rc == 0, out
    res = session.e.result
    ll = session.e.scalars["ll"]
    assert _rel(ll, ref["loglik"], 0.0) < 1e-8 or ll > ref["loglik"], (ll, ref["loglik"])
    better = ll > ref["loglik"] + 1e-9  # mlm found a higher optimum than R's optimizer
    tol = 1e-3 if better else TOL
    fixed = {r.name: r for r in res.fixed}
    for name, (b, se) in ref["fixed"].items():
        assert _rel(fixed[name].coef, b) < tol, (name, fixed[name].coef, b)
        assert _rel(fixed[name].se, se) < tol, (name, fixed[name].se, se)
    assert {n for n, r in fixed.items() if not r.name.endswith("b.f")} == set(ref["fixed"])
    variances = {f"{b.levelvar}:{r.label}": r.estimate for b in res.random["variance"] for r in b.rows}
    assert set(variances) == set(ref["var"])
    for key, v in ref["var"].items():
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
        want = np.asarray(want, dtype=float)
        got = data[name].to_numpy(dtype=float)
        assert np.max(np.abs(got - want)) / max(1.0, np.max(np.abs(want))) < tol, name


def _on_boundary(var: dict) -> bool:
    """A variance at zero or a correlation at +-1 (the information matrix is singular)."""
    if min(v for k, v in var.items() if "var(" in k) < 1e-4:
        return True
    for key, cov in var.items():
        level, _, label = key.partition(":cov(")
        if not label:
            continue
        names = label[:-1].split(",")
        if len(names) == 2:
            v1, v2 = var[f"{level}:var({names[0]})"], var[f"{level}:var({names[1]})"]
        else:  # exchangeable: cov(x z) beside var(x z)
            v1 = v2 = var[f"{level}:var({label[:-1]})"]
        if abs(cov) > (1 - 1e-6) * (v1 * v2) ** 0.5:
            return True
    return False


def _compare_variance_se(res, ref, tol):
    if _on_boundary(ref["var"]):
        return
    se = {f"{b.levelvar}:{r.label}": r.se for b in res.random["variance"] for r in b.rows}
    if res.residual_blocks:
        se.update({r.label: r.se for r in res.residual_blocks["variance"].rows})
    else:
        se[res.residual["variance"].label] = res.residual["variance"].se
    assert set(ref["se"]) <= set(se)
    for key, want in ref["se"].items():
        assert _rel(se[key], want, 0.0) < tol, (key, se[key], want)
