"""Look-alike of the stdmest R package's simulated three-level survival file
(``data-raw/data3Lsim``): patients in ``provider_id`` in ``hospital_id`` (provider ids unique
across hospitals), covariates ``X1`` ``X2`` (continuous) and ``X3`` (0/1), Weibull event times
``t`` with a hospital and a provider log-hazard effect, censored at 10 (``d`` the event
indicator)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3103)
    ids = d.nested(("hospital_id", 30), ("provider_id", (3, 6)), (None, (8, 16)))
    x1, x2, x3 = d.normal(0, 1), d.normal(0, 1), d.binary(0.5)
    d.put("X1", np.round(x1, 5), "double")
    d.put("X2", np.round(x2, 5), "double")
    d.put("X3", x3, "byte")
    eta = 0.5 * x1 - 0.3 * x2 + 0.4 * x3 + d.effect(ids["hospital_id"], 0.5) + d.effect(ids["provider_id"], 0.3)
    lam, gam = 0.1, 1.3
    t = (-np.log(d.rng.random(d.n)) / (lam * np.exp(eta))) ** (1 / gam)
    d.put("t", np.round(np.minimum(t, 10.0), 5), "double")
    d.put("d", (t < 10.0).astype(np.int8), "byte")
    return d.dataset()
