"""Where the final Hessian of every nested-level ``me`` fit of some do-files comes from, and how
far the fit's model-based SEs are from the Hessian's limit (branch hs99).

For each GLMM fit with two or more random-effects levels (run as ``tests/realworld/measure.py``
runs a file: look-alike data, every line in one session) it prints

  Hessians   which ``numdiff`` Hessian each of the fit's accurate (and, for a fit without an
             analytic gradient, rough) Hessians was -- ``settled_jacobian_of_gradient``:
             central differences of the analytic gradient alone -- and how many calls of
             the function it differences (gradients, or likelihood values) it made
  max rel    max_i |SE_fit,i / SE_lim,i - 1| over theta's components, SE_fit from the fit's
             (-H)^-1 (``V_model`` for a robust/pweighted fit, else ``V``) and SE_lim from the
             Richardson extrapolate (4 J(s/2) - J(s)) / 3 of central differences of the
             analytic gradient at the fitted theta, s = 1e-3 and 5e-4 SE (as
             ``nested_gradient99_checks.py``'s last pair)

usage: PYTHONPATH=CHECKOUT python3 bench/nested_hessian99_checks.py FILE [FILE ...]
       (FILE relative to tests/realworld, e.g. heldout/tonelli-durazzi-rathgeb/far_right_vet_melogit.do)
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RW = ROOT / "tests" / "realworld"


def _se(H):
    try:
        v = np.diag(np.linalg.inv(-H))
    except np.linalg.LinAlgError:
        return np.full(len(H), np.nan)
    return np.sqrt(np.where(v > 0, v, np.nan))


def limit_se(model, theta, unit):
    from mlmcli.glmm import numdiff
    from mlmcli.glmm.derivatives import model_gradient
    return _se(numdiff.jacobian_of_gradient(model_gradient(model), theta, 1e-3 * unit, richardson=True))


def main(files: list[str]) -> None:
    sys.path.insert(0, str(RW))
    import measure

    import mlmcli.glmm.fit as F
    from mlmcli.glmm import numdiff
    fits, hessians = [], []
    estimate = F.estimate_glmm

    def capture(spec, *a, **k):
        out = estimate(spec, *a, **k)
        fits.append((out, list(hessians)))
        hessians.clear()
        return out
    F.estimate_glmm = capture
    # which of numdiff's Hessians each accurate Hessian was, and how many calls of its
    # first argument (the analytic gradient, or the likelihood) it made
    for name in ("settled_jacobian_of_gradient", "hessian_from_gradient_rows", "hessian"):
        def counting(fn, *rest, _name=name, _orig=getattr(numdiff, name), **kw):
            calls = [0]

            def fn_counted(y):
                calls[0] += 1
                return fn(y)
            try:
                return _orig(fn_counted, *rest, **kw)
            finally:
                hessians.append((_name, calls[0]))
        setattr(numdiff, name, counting)
    for cf in measure.corpus_files("all", files):
        fits.clear()
        measure.measure_file(cf, timeout=600)
        for n, (out, hs) in enumerate(fits):
            model = out["model"]
            if len(model.structure.levels) < 2:
                continue
            theta = np.asarray(out["theta"], float)
            V = out["V_model"] if out["V_model"] is not None else out["V"]
            se_fit = np.sqrt(np.diag(np.asarray(V, float)))
            unit = np.where(np.isfinite(se_fit) & (se_fit > 0), se_fit, 1e-2)
            se_lim = limit_se(model, theta, unit)
            rel = np.abs(se_fit / se_lim - 1.0)
            print(f"{cf.rel} fit {n + 1}: k={len(theta)} method={model.method} "
                  f"Hessians (numdiff function, calls of its function) {hs}  max rel {np.nanmax(rel):.2e}", flush=True)
            print("   fit SE ", " ".join(f"{v:.7g}" for v in se_fit))
            print("   limit  ", " ".join(f"{v:.7g}" for v in se_lim), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
