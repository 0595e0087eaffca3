"""Differential test of the ``me`` commands against R (lme4, glmmTMB, ordinal) on random designs.

The designs and models are ``tests/me_differential/generate.py``'s: melogit / meprobit /
mecloglog (0/1 and ``binomial(n)``), mepoisson (``exposure()``, ``offset()``), menbreg
(``exposure()``), meologit / meoprobit; random intercepts, random slopes under
covariance(unstructured | independent | exchangeable | identity), three-level nesting,
crossed ``_all: R.c`` effects; ``intmethod(laplace)``, ``intmethod(mcaghermite)
intpoints(Q)`` and the default ``mvaghermite`` with ``intpoints(Q)``.  R's fits, in Stata's
parameterisation and e(b) names, are committed in ``tests/me_differential/r_values.json``
(written by ``fit_r.R``; R is never run here).  Each model is fitted as a user types it,
then ``predict re*, reffects`` (Stata's default ebmeans; ``reses()`` after quadrature) and
``predict md*, reffects ebmodes``, and compared: log likelihood, e(b) (fixed effects, cut
points, lnalpha, variances and covariances) and sqrt(diag(e(V))), and the predicted random
effects.

What R computes, and so the tolerances:
- ``laplace`` against glmmTMB / clmm's Laplace (the same joint approximation with the exact
  curvature), ``mcagh`` against the same mode-curvature rule (clmm's nAGQ = Q for the
  ordinal models; for the others the rule written out in fit_r.R -- mode by optimize and
  Newton, curvature by numDeriv, Golub-Welsch nodes -- maximised from glmer's nAGQ = Q
  fit: lme4's own nAGQ = Q differs from the textbook rule by up to 1e-5 at Q = 4, mlm
  agrees with the written-out one to 1e-9): the same function maximised by two optimisers, so the log likelihood agrees to 1e-7
  relative (or mlm's is higher) and the estimates and SEs to ``TOL`` relative.  R's SEs
  are the delta method on numerical Hessians (TMB's, numDeriv's), good to ~1e-6.
- ``mvagh``: Stata's mean-variance adaptive rule exists in no R package; R's reference is
  glmer / clmm with 25 mode-curvature points (the integral to ~1e-8 here).  Q >= 10
  mean-variance points are within ``MVAGH_LL`` of it in the log likelihood and
  ``MVAGH_TOL`` (relative) in the estimates: the quadrature's error, not an optimiser's.
  Stata's default (no intpoints(), 7 points) is up to 3.5e-3 away in ln L (a probit
  with sd 1.3 in groups of ~6: 9 points 5.5e-4, 12 points 9e-5), so those cases are
  also refitted with intpoints(25), which must be R's integral to 1e-6.
- Random effects: after ``laplace`` Stata's ebmeans are the modes (its single node), so
  ``re*`` and ``md*`` are both compared with R's conditional modes (``ranef``).  After
  quadrature, ``md*`` against glmer / clmm's modes, ``re*`` and ``reses()`` against the
  posterior means and SDs R integrated on a fine grid (at R's estimates: the comparison
  carries the estimates' difference, hence ``RE_TOL``; Stata computes them with the
  estimation's Q points, whose own error is up to 6e-3 at Q = 4).
- Boundary fits (a variance below 1e-5 in R, a correlation at +-1): the likelihood is
  flat along the ridge to ~1e-5 and the optimisers stop at different points of it, so
  that level's variances and covariances are compared absolutely (1e-3).  SEs: none
  when the covariance matrix is rank deficient or a correlation is at +-1 (the optimum
  is not a stationary point: neither program's Hessian is a reference; mlm prints "."
  as Stata does), the other levels' and the fixed effects' when a whole level vanishes.

Where R differs from Stata by definition (accounted for in ``fit_r.R``): lme4's
``logLik`` with nAGQ > 1 leaves out the saturated log likelihood of binomial(n) and Poisson
outcomes (added back); lme4's glmer Laplace for probit / cloglog takes Fisher's curvature
(not used: glmmTMB's is exact); glmmTMB's nbinom2 theta is 1/alpha (lnalpha = -log theta).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).parent / "me_differential"
_spec = importlib.util.spec_from_file_location("me_differential_generate", HERE / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate  # its dataclasses look their module up
_spec.loader.exec_module(generate)

REF = {c["name"]: c for c in json.loads((HERE / "r_values.json").read_text())["cases"]}
CASES = generate.cases()
TOL = 2e-4  # same approximation, two optimisers
MVAGH_LL = 2e-5  # Q >= 10 mean-variance points against the integral
MVAGH_TOL = 1e-3
MVAGH7_LL = 5e-3  # Stata's default 7 points: 3.5e-3 on a probit with sd 1.3 (12 points: 9e-5)
MVAGH7_TOL = 5e-3
RE_TOL = 2e-3
BOUNDARY = 1e-5
BOUNDARY_ABS = 1e-3  # variances of a boundary level, absolutely


def _rel(a: float, b: float, floor: float = 1.0) -> float:
    return abs(a - b) / max(abs(b), floor)


def test_every_case_has_r_values():
    assert {c.name for c in CASES} == set(REF)
    assert not [c["name"] for c in REF.values() if "error" in c]
    assert len(CASES) >= 90


def _boundary_levels(est: dict) -> tuple[set[str], set[str]]:
    """(levels on the boundary in R's fit: a variance below ``BOUNDARY`` or a correlation at
    +-1; those among them whose variances all vanish: the level drops out)."""
    out, small = set(), {}
    for key, v in est.items():
        if key.startswith("var("):
            small.setdefault(_level(key), []).append(v < BOUNDARY)
            if v < BOUNDARY:
                out.add(_level(key))
        if key.startswith("cov("):
            a, b = key[4:].split(")")[0].split(",")
            va, vb = est[f"var({a}):_cons"], est[f"var({b}):_cons"]
            if abs(v) > (1 - 1e-4) * np.sqrt(va * vb):
                out.add(_level(key))
    return out, {lev for lev in out if all(small.get(lev, [False]))}


def _level(key: str) -> str:
    """``var(x[a>g]):_cons`` -> ``a>g``; ``var(R.c):_cons`` -> ``_all``."""
    inside = key.split(":")[0]
    return inside[inside.index("[") + 1:inside.index("]")] if "[" in inside else "_all"


def _columns(data, stub: str) -> list[np.ndarray]:
    names = sorted((c for c in data.columns if c.startswith(stub) and c[len(stub):].isdigit()),
                   key=lambda c: int(c[len(stub):]))
    return [data[c].to_numpy(dtype=float) for c in names]


def _compare_effects(got: list[np.ndarray], want: list, tol: float, what: str):
    assert len(got) == len(want), what
    for k, (g, w) in enumerate(zip(got, want)):
        w = np.asarray(w, dtype=float)
        assert np.max(np.abs(g - w)) / max(1.0, np.max(np.abs(w))) < tol, (what, k, np.max(np.abs(g - w)))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_me_matches_r(do, case):
    ref = REF[case.name]
    df = generate.data(case)
    assert generate.checksum(df) == ref["checksum"]  # the data R fitted
    quad = case.integration != "laplace"
    predict = "predict double re*, reffects" + (" reses(se*)" if quad else "")
    rc, out, session = do(f"{case.stata}\n{predict}\npredict double md*, reffects ebmodes", df)
    assert rc == 0, out
    e = session.e
    ll = e.scalars["ll"]
    mvagh = case.integration == "mvagh"
    default = mvagh and case.points == generate.DEFAULT_POINTS
    if mvagh:
        assert abs(ll - ref["loglik"]) < (MVAGH7_LL if default else MVAGH_LL), (ll, ref["loglik"])
    else:
        assert _rel(ll, ref["loglik"], 0.0) < 1e-7 or ll > ref["loglik"], (ll, ref["loglik"])
    better = not mvagh and ll > ref["loglik"] + 1e-6  # mlm found a higher optimum than R's optimiser
    tol = (MVAGH7_TOL if default else MVAGH_TOL) if mvagh else (1e-2 if better else TOL)
    b = dict(zip(e.matrices["b"].colnames, e.matrices["b"].values[0]))
    V = e.matrices["V"]
    se = dict(zip(V.colnames, np.sqrt(np.maximum(np.diag(V.values), 0.0))))
    assert set(b) == set(ref["est"])
    boundary, vanished = _boundary_levels(ref["est"])
    for key, want in ref["est"].items():
        if key.startswith(("var(", "cov(")) and _level(key) in boundary:
            # a variance at zero, a correlation at +-1: the likelihood is flat to ~1e-5 along
            # the ridge, where the two optimisers stop at different points
            assert abs(b[key] - want) < BOUNDARY_ABS * max(1.0, abs(want)), (key, b[key], want)
        else:
            assert _rel(b[key], want) < tol, (key, b[key], want)
    if not boundary - vanished:  # a rank-deficient covariance matrix or a correlation at +-1 moves every SE
        for key, want in ref["se"].items():
            if want is None or key.startswith(("var(", "cov(")) and _level(key) in boundary:
                continue  # the vanished level's own
            assert _rel(se[key], want) < (max(tol, 1e-3) if boundary else tol), (key, se[key], want)
    if default:  # the default's distance is the rule's: at 25 points mlm is R's integral
        sep = " " if "," in case.stata.split("||")[-1] else ", "
        rc, out, s25 = do(f"{case.stata}{sep}intpoints(25)", df)
        assert rc == 0 and abs(s25.e.scalars["ll"] - ref["loglik"]) < 1e-6, (s25.e.scalars["ll"], ref["loglik"])
        b25 = dict(zip(s25.e.matrices["b"].colnames, s25.e.matrices["b"].values[0]))
        for key, want in ref["est"].items():
            if not (key.startswith("var(") and want < BOUNDARY):
                assert _rel(b25[key], want) < 1e-4, (key, b25[key], want)
    data = session.data.df
    re_tol = RE_TOL if (mvagh or better or boundary) else TOL
    _compare_effects(_columns(data, "md"), ref["modes"], re_tol, "ebmodes")
    if not quad:  # Stata's ebmeans after laplace: its single node, the mode
        _compare_effects(_columns(data, "re"), ref["modes"], re_tol, "ebmeans = modes")
    elif "means" in ref:  # Q points' own error in the posterior moments: 6e-3 at Q = 4
        moments_tol = RE_TOL if case.points >= 7 else 1e-2
        _compare_effects(_columns(data, "re"), ref["means"], moments_tol, "ebmeans")
        _compare_effects(_columns(data, "se"), ref["sds"], moments_tol, "posterior SDs")
