"""bootstrap/jackknife's header Wald test covers equations 1 .. e(k_eq_model), as
_prefix_model_test tests ([#1]) ... ([#K]): biprobit's two equations, not the first only.
The header's chi2 equals ``test`` of the same coefficients on the replicate e(V)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data(n=300, seed=1):
    rng = np.random.default_rng(seed)
    x, z = rng.normal(size=n), rng.normal(size=n)
    return pd.DataFrame({"x": x, "z": z, "y1": (0.5 * x + rng.normal(size=n) > 0).astype(float),
                         "y2": (0.3 * z - 0.4 * x + rng.normal(size=n) > 0).astype(float)})


def test_bootstrap_biprobit_tests_both_equations(do):
    rc, out, s = do("bootstrap, reps(25) seed(2) nodots: biprobit (y1 = x) (y2 = x z)\n"
                    "scalar c = e(chi2)\nscalar d = e(df_m)\ntest [y1]x [y2]x [y2]z\n"
                    "display %12.6f c - r(chi2) \" \" d", _data())
    assert rc == 0, out
    diff, df = out.strip().splitlines()[-1].split()
    assert int(df) == 3 and abs(float(diff)) < 1e-6
    assert "Wald chi2(3)" in out


def test_single_equation_models_unchanged(do):
    rc, out, _ = do("bootstrap, reps(25) seed(4) nodots: probit y1 x z\nscalar c = e(chi2)\ntest x z\n"
                    "display %12.6f c - r(chi2) \" \" e(df_m)", _data(120))
    assert rc == 0, out
    diff, df = out.strip().splitlines()[-1].split()
    assert int(df) == 2 and abs(float(diff)) < 1e-6
