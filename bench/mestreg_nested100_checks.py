"""Independent check of nested mestreg fits before/after the analytic gradient (branch nq100).

For a fit of bench/mestreg_nested100.py (same data and command) it runs both optimizers on
the same model and start -- ``row_family_fit`` (the old: BFGS on differences of the values, a
value Hessian at steps 1e-4) and ``nested_survival_gradient.fit_with_gradient`` (the new) --
and then, using ln L values only (the mean-variance fixed point iterated to 1e-13, so that
differences of values carry no noise of the fixed point's warm start):

  optimum   Newton steps from the new optimum on the Richardson Hessian of the values and
            five-point gradients (no analytic gradient, no quasi-Newton): ln L there and at
            the old and new optima, and each optimum's distance from it in SEs;
  SEs       the Richardson-extrapolated Hessian of the values at steps 0.02 and 0.01 SE
            (``numdiff.hessian`` with ``richardson``), at the reference optimum, carried to
            Stata's metric (variances) by the delta method as the fit does --

and prints e(b)/SE of each in Stata's metric (7 significant digits, as printed).

usage: PYTHONPATH=CHECKOUT python3 bench/mestreg_nested100_checks.py NAME [NAME ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "tests" / "reference_values" / "mestreg_multilevel_sim.csv"
# name: (distribution, aft, method, points, slope at the outer level)
CASES = {
    "weibull_mv7": ("weibull", False, "mvaghermite", 7, False),
    "weibull_mv9": ("weibull", False, "mvaghermite", 9, False),
    "exponential_mv7": ("exponential", False, "mvaghermite", 7, False),
    "loglogistic_mv7": ("loglogistic", True, "mvaghermite", 7, False),
    "lognormal_mv7": ("lognormal", True, "mvaghermite", 7, False),
    "gamma_mv7": ("gamma", True, "mvaghermite", 7, False),
    "weibull_mcag7": ("weibull", False, "mcaghermite", 7, False),
    "weibull_gh7": ("weibull", False, "ghermite", 7, False),
    "weibull_slope_mv5": ("weibull", False, "mvaghermite", 5, True),
}


def build(name):
    from mlmcli.glmm.levels import build_structure
    from mlmcli.mixed.spec import RandomTerm
    from mlmcli.survival.mixed_survival import SurvivalRows
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

    dist, aft, method, points, slope = CASES[name]
    df = pd.read_csv(CSV)
    n = len(df)
    X = np.column_stack([df.x, df.age, np.ones(n)])
    _, hosp = np.unique(df.hosp, return_inverse=True)
    _, doc = np.unique(df.hosp * 100 + df.doctor, return_inverse=True)
    if slope:
        outer = RandomTerm("hosp", hosp, np.column_stack([df.x, np.ones(n)]), ("x", "_cons"), "unstructured",
                           hosp.max() + 1)
    else:
        outer = RandomTerm("hosp", hosp, np.ones((n, 1)), ("_cons",), "identity", hosp.max() + 1)
    terms = [outer, RandomTerm("doctor", doc, np.ones((n, 1)), ("_cons",), "identity", doc.max() + 1)]
    family = SurvivalRows(DISTRIBUTIONS[dist], aft, df.time.to_numpy(float), np.zeros(n), df.fail.to_numpy(float))
    return family, X, build_structure(terms, n), method, points


def stata_metric(structure, p_m, theta, V):
    from mlmcli.mixed.inference import numerical_jacobian
    from mlmcli.survival.nested_survival import re_values

    phi = theta[p_m:]
    b = np.concatenate([theta[:p_m], re_values(structure, phi)])
    J = np.zeros((len(b), len(theta)))
    J[:p_m, :p_m] = np.eye(p_m)
    J[p_m:, p_m:] = numerical_jacobian(lambda ph: re_values(structure, ph), phi)
    return b, np.sqrt(np.diag(J @ V @ J.T))


def main(name):
    from mlmcli.glmm import numdiff
    from mlmcli.glmm.row_family_fit import RowFamilyModel, fit_row_family
    from mlmcli.survival.nested_survival import NestedSurvivalModel, _start
    from mlmcli.survival.nested_survival_gradient import fit_with_gradient

    family, X, structure, method, points = build(name)
    first = fit_row_family(RowFamilyModel(family, X, None, None, 1, False, False), _first_start(family, X))
    model = NestedSurvivalModel(family, X, structure, method, points)
    start = _start(model, first.theta)
    old = fit_row_family(model, start)
    new = fit_with_gradient(model, start, first.V)
    p_m = model.p + model.m

    def f(th):  # the same likelihood, its fixed point to 1e-13, no warm start
        eng = model.engine
        if hasattr(eng, "clear_adaptive_cache"):
            eng.clear_adaptive_cache()
        beta, anc, phi = model.split(th)
        return float(np.sum(eng.group_logliks(beta, anc, model.sigmas(phi), method, points, tol=1e-13)))

    x = new.theta.copy()
    se = np.sqrt(np.diag(new.V))
    for _ in range(4):  # Newton on values only
        H = numdiff.hessian(f, x, 0.02 * se, richardson=True)
        g = _five_point_gradient(f, x, 1e-3 * se)
        step = np.linalg.solve(-H, g)
        x = x + step
        if np.max(np.abs(step) / se) < 1e-7:
            break
    H = numdiff.hessian(f, x, 0.02 * se, richardson=True)
    V_ref = np.linalg.inv(-H)
    se_ref = np.sqrt(np.diag(V_ref))
    print(f"== {name}: ln L old {f(old.theta):.10f}  new {f(new.theta):.10f}  reference optimum {f(x):.10f}")
    print("   distance from the reference optimum in SEs: old", f"{np.max(np.abs(old.theta - x) / se_ref):.1e}",
          " new", f"{np.max(np.abs(new.theta - x) / se_ref):.1e}")
    rows = [("old", *stata_metric(structure, p_m, old.theta, old.V)),
            ("new", *stata_metric(structure, p_m, new.theta, new.V)),
            ("ref", *stata_metric(structure, p_m, x, V_ref))]
    for label, b, s in rows:
        print(f"   {label} b ", " ".join(f"{v:10.7g}" for v in b))
    for label, b, s in rows:
        print(f"   {label} SE", " ".join(f"{v:10.7g}" for v in s))


def _first_start(family, X):
    p, m = X.shape[1], family.n_anc
    start = np.zeros(p + m)
    rate = max(float(np.sum(family.d)), 0.5) / float(np.sum(family.t - family.t0))
    start[p - 1] = -np.log(rate) if family.aft else np.log(rate)
    return start


def _five_point_gradient(f, x, h):
    g = np.zeros(len(x))
    for i in range(len(x)):
        def at(k):
            y = x.copy()
            y[i] += k * h[i]
            return f(y)
        g[i] = (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * h[i])
    return g


if __name__ == "__main__":
    for case in sys.argv[1:] or list(CASES):
        main(case)
