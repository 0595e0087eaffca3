"""Independent checks of a me-command fit's printed digits (branch pf98, docs/glmm_gradient98.md).

usage: PYTHONPATH=CHECKOUT python3 bench/glmm_gradient98_checks.py MODE FILE.do

MODE
  optimum     after each fit: ln L, the central-difference gradient of the VALUES in theta over
              the interior parameters (ln sd > -7, |atanh| < 7), and one Newton step on their
              Richardson Hessian (steps 1e-3 max(1, |theta|)): is the printed point a maximum?
  values      the fit printed with its Hessian replaced by the Richardson Hessian of the values
              at steps 1e-3 max(1, |x|) (no analytic gradient, no SE-sized steps)
  gradient    the fit printed with its Hessian replaced by the last of the Richardson
              extrapolates of central differences of the analytic gradient at steps
              c max(1, |x|), c = 2e-3, 1e-3, ..., 1.25e-4; the standard errors of each are
              printed to stderr (they converge where the gradient is exact)
"""
from __future__ import annotations

import runpy
import sys

import numpy as np

import mlmcli.glmm.estimate as est
import mlmcli.glmm.optimize as op
from mlmcli.glmm import numdiff


def _optimum_hook():
    fit = est.estimate_glmm

    def wrapped(spec, on_iteration=None):
        out = fit(spec, on_iteration)
        model, theta = out["model"], out["theta"]
        p0 = model.p + model.m
        free = np.ones(len(theta), bool)
        free[p0:] = (theta[p0:] > -7) & (np.abs(theta[p0:]) < 7)
        idx = np.flatnonzero(free)

        def f(v):
            t = theta.copy()
            t[idx] = v
            return model.loglik(t)
        h = 1e-4 * np.maximum(1, np.abs(theta[idx]))
        g = numdiff.gradient(f, theta[idx], h)
        H = numdiff.hessian(f, theta[idx], 10 * h, richardson=True)
        step = np.linalg.solve(H, -g)
        np.set_printoptions(precision=10, linewidth=100000)
        print(f"CHECK ll {model.loglik(theta)!r} interior {idx.tolist()}", file=sys.stderr)
        print(f"CHECK theta {theta}", file=sys.stderr)
        print(f"CHECK gradient {g}", file=sys.stderr)
        print(f"CHECK newton step {step}", file=sys.stderr)
        return out
    est.estimate_glmm = wrapped


def _values_hook():
    def hessian(self, x, se, f0=None):
        return numdiff.hessian(self.f, x, 1e-3 * np.maximum(1, np.abs(x)), None, richardson=True)
    op.Objective.accurate_hessian = hessian


def _gradient_hook():
    def hessian(self, x, se, f0=None):
        prev, R = None, None
        for c in (2e-3, 1e-3, 5e-4, 2.5e-4, 1.25e-4):
            J = numdiff.jacobian_of_gradient(self.grad_fn, x, c * np.maximum(1, np.abs(x)))
            if prev is not None:
                R = (4 * J - prev) / 3
                print(f"CHECK {c:g} se {numdiff._standard_errors(R)}", file=sys.stderr)
            prev = J
        return R
    op.Objective.accurate_hessian = hessian


def main() -> int:
    mode, do_file = sys.argv[1], sys.argv[2]
    {"optimum": _optimum_hook, "values": _values_hook, "gradient": _gradient_hook}[mode]()
    sys.argv = ["mlmcli", do_file]
    runpy.run_module("mlmcli", run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
