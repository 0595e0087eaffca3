"""The workshop's data.dta: 400 people in wide form -- an outcome at four waves t1-t4 that
grows linearly (person intercepts and slopes, correlated), a time-varying covariate c1-c4
that shifts each wave's outcome, and two time-invariant covariates x1 x2 that shift the
intercept and the slope; all doubles, no labels, as the workshop's file."""
import numpy as np
import pandas as pd

from lookalike import from_frame


def wide_frame() -> pd.DataFrame:
    rng = np.random.default_rng(2025_126)
    n = 400
    x1 = rng.normal(-0.1, 1.0, n)
    x2 = rng.normal(0.1, 1.0, n)
    cov = np.array([[1.0, 0.25], [0.25, 0.5]])
    u = rng.multivariate_normal([0.0, 0.0], cov, size=n)
    intercept = 0.6 + 0.3 * x1 + 0.2 * x2 + u[:, 0]
    slope = 1.0 + 0.2 * x1 - 0.1 * x2 + u[:, 1]
    out = {}
    covars = {}
    for wave in range(1, 5):
        covars[f"c{wave}"] = rng.normal(0.0, 0.95, n)
        out[f"t{wave}"] = (intercept + slope * (wave - 1) + 0.4 * covars[f"c{wave}"]
                           + rng.normal(0.0, 0.8, n))
    frame = pd.DataFrame({**out, "x1": x1, "x2": x2, **covars})
    return frame


def make():
    frame = wide_frame()
    return from_frame(frame, types={name: "double" for name in frame.columns})
