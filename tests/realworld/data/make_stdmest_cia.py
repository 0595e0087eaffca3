"""Look-alike of the stdmest R package's COPD individual-participant file (``data-raw/data3CIA``):
patients in 15 cohorts ``cohort``, ``age``, ``fev1pp`` (FEV1 percent predicted), ``mmrc``
dyspnoea grade 0-4, survival ``months`` (Weibull with a cohort log-hazard effect, censored at
120) and ``status`` (1 = died)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3104)
    ids = d.nested(("cohort", 15), (None, (60, 180)))
    age = np.round(d.normal(66, 9), 0)
    fev = np.round(np.clip(d.normal(55, 18), 15, 120), 1)
    mmrc = d.categorical([0.2, 0.3, 0.25, 0.15, 0.1], [0, 1, 2, 3, 4])
    d.put("age", age, "float")
    d.put("fev1pp", fev, "float")
    d.put("mmrc", mmrc, "byte")
    eta = 0.04 * (age - 66) - 0.015 * (fev - 55) + 0.25 * mmrc + d.effect(ids["cohort"], 0.3)
    t = (-np.log(d.rng.random(d.n)) / (0.004 * np.exp(eta))) ** (1 / 1.2)
    d.put("months", np.round(np.minimum(t, 120.0), 2), "float")
    d.put("status", (t < 120.0).astype(np.int8), "byte")
    return d.dataset()
