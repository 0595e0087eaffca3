"""Look-alike of LaCombe & Boehmke (2021) policy-diffusion data: state-year rows per
policy (``policyno``) until adoption; standardized covariates, year dummies."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2021)
    ids = d.nested(("policyno", 60), (None, (20, 45)))
    p = ids["policyno"]
    d.put("year", d.uniform_int(1960, 2010), "int")
    for name in ("std_latnt_decay", "std_nbrs_lag", "std_pop", "std_masssociallib_est", "std_income",
                 "std_bowen_1", "std_bowen_2", "change_pop", "change_inc"):
        d.put(name, np.round(d.normal(0, 1), 3), "float")
    for name, p1 in (("initiative", 0.45), ("init_sigs", 0.2), ("unified", 0.5), ("party_change", 0.1)):
        d.put(name, d.binary(p1), "byte")
    dur = d.uniform_int(1, 40)
    d.put("duration", dur, "byte")
    d.put("durationsq", dur ** 2, "int")
    d.put("durationcb", dur ** 3, "long")
    slope = d.effect(p, 0.4)
    eta = -3.0 + 0.3 * d.columns["std_nbrs_lag"] + (0.2 + slope) * d.columns["std_masssociallib_est"] + d.effect(p, 0.7)
    d.put("adoption", d.bernoulli_logit(eta), "byte")
    return d.dataset()
