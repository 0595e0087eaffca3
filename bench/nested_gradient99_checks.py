"""Evidence for the standard errors of a nested-level me fit (branch nq99): the Hessian of ln L
at the fitted theta, computed independently of the fit's own Hessian, in two ways --

  gradient  central differences of the analytic gradient (``nested_quadrature_gradient``,
            checked against differences of the likelihood in tests/test_glmm_gradient99.py)
            at steps s * SE for s = 4e-3, 2e-3, 1e-3, 5e-4 with Richardson extrapolation of
            successive pairs;
  values    second differences of ln L at steps s * SE for s = 0.04, 0.02, 0.01, Richardson
            extrapolated --

and prints the SE of every theta component (sqrt of diag of (-H)^-1) from each, next to the
fit's own (its e(V) in theta's metric).  Steps shrinking to zero converge to the Hessian at
the point; the fit's SEs should agree with the limit.

usage: PYTHONPATH=CHECKOUT python3 bench/nested_gradient99_checks.py FILE.do
(the last GLMM fit of FILE.do is checked)
"""
from __future__ import annotations

import io
import sys

import numpy as np


def _last_fit(do_file: str):
    import mlmcli.glmm.fit as F
    fits = []
    original = F.fit_glmm

    def capture(spec, *a, **k):
        out = original(spec, *a, **k)
        fits.append(out)
        return out
    F.fit_glmm = capture
    import mlmcli.commands.estimation.me as ME
    for mod in (ME,):
        if hasattr(mod, "fit_glmm"):
            mod.fit_glmm = capture
    from mlmcli.cli import main
    saved = sys.stdout
    sys.stdout = io.StringIO()
    sys.argv = ["mlm", do_file]
    try:
        main()
    except SystemExit:
        pass
    finally:
        sys.stdout = saved
    return fits[-1]


def _se(H):
    return np.sqrt(np.diag(np.linalg.inv(-H)))


def main(do_file: str) -> None:
    from mlmcli.glmm.derivatives import model_gradient
    fit = _last_fit(do_file)
    model, theta = fit.model, np.asarray(fit.theta, float)
    se_fit = np.sqrt(np.diag(np.asarray(fit.V, float)))
    grad = model_gradient(model)
    k = len(theta)
    unit = np.where(np.isfinite(se_fit) & (se_fit > 0), se_fit, 1e-2)
    print("theta        ", " ".join(f"{v:12.7g}" for v in theta))
    print("fit's SE     ", " ".join(f"{v:12.7g}" for v in se_fit))

    def jac(s):
        J = np.zeros((k, k))
        for i in range(k):
            e = np.zeros(k)
            e[i] = s * unit[i]
            J[:, i] = (grad(theta + e) - grad(theta - e)) / (2 * e[i])
        return 0.5 * (J + J.T)
    prev = None
    for s in (4e-3, 2e-3, 1e-3, 5e-4):
        J = jac(s)
        if prev is not None:
            print(f"gradient {s:7.1e}", " ".join(f"{v:12.7g}" for v in _se((4 * J - prev) / 3)), "(Richardson)")
        prev = J

    def hess(s):
        f0 = model.loglik(theta)
        H = np.zeros((k, k))
        h = s * unit
        for i in range(k):
            for j in range(i, k):
                ei, ej = np.zeros(k), np.zeros(k)
                ei[i], ej[j] = h[i], h[j]
                if i == j:
                    H[i, i] = (model.loglik(theta + ei) - 2 * f0 + model.loglik(theta - ei)) / h[i] ** 2
                else:
                    H[i, j] = H[j, i] = (model.loglik(theta + ei + ej) - model.loglik(theta + ei - ej)
                                         - model.loglik(theta - ei + ej) + model.loglik(theta - ei - ej)) / (4 * h[i] * h[j])
        return H
    prev = None
    for s in (0.04, 0.02, 0.01):
        H = hess(s)
        if prev is not None:
            print(f"values   {s:7.1e}", " ".join(f"{v:12.7g}" for v in _se((4 * H - prev) / 3)), "(Richardson)")
        prev = H


if __name__ == "__main__":
    main(sys.argv[1])
