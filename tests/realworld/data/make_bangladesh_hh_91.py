"""Look-alike of the 1991/92 cross-section of the Bangladesh household survey of the World
Bank's impact-evaluation handbook exercises (``hh_91``): 826 households ``nh`` in villages
``villid`` of thanas ``thanaid`` (programme thanas below 25), per-capita expenditure
``exptot``, land ``hhland`` (decimals; under 50 is the programme's target group), the head's
sex, age and schooling, village access, irrigation, prices and the sampling ``weight``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12302)
    ids = d.nested(("thanaid", 29), ("villid", (2, 4)), (None, (8, 13)))
    thanaid = ids["thanaid"]
    village = ids["villid"]
    rng = d.rng
    villid = np.zeros(d.n, dtype=int)
    for t in np.unique(thanaid):
        rows = thanaid == t
        _, villid[rows] = np.unique(village[rows], return_inverse=True)
    villid += 1
    d.put("villid", villid, "byte")
    d.put("nh", thanaid * 1000 + villid * 100 + np.arange(d.n) % 50 + 1, "long")
    hhland = np.round(rng.lognormal(3.5, 1.4, d.n))
    progvill = thanaid < 25
    target = hhland < 50
    u_v = d.effect(village, 0.2)
    educhead = np.minimum(rng.poisson(2.5, d.n), 16)
    lexp = 8.0 + 0.06 * (progvill & target) - 0.1 * target + 0.03 * educhead + u_v + d.normal(0, 0.35)
    d.put("exptot", np.round(np.exp(lexp), 2), "float")
    d.put("hhland", hhland, "float")
    d.put("sexhead", d.binary(0.92), "byte")
    d.put("agehead", rng.integers(22, 75, d.n), "byte")
    d.put("educhead", educhead, "byte")
    d.put("vaccess", d.group_constant(village, d.binary(0.7)), "byte")
    d.put("pcirr", np.round(d.group_constant(village, rng.uniform(0, 1, d.n)), 3), "float")
    for name, base in {"rice": 11, "wheat": 8, "milk": 12, "oil": 40, "egg": 2.2}.items():
        d.put(name, np.round(d.group_constant(village, base * np.exp(d.normal(0, 0.1))), 2), "float")
    d.put("weight", np.round(rng.uniform(5, 60, d.n), 3), "float")
    return d.dataset("Bangladesh household survey 1991 look-alike")
