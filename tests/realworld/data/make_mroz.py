"""Look-alike of Wooldridge's ``MROZ`` (753 married women, 428 working): ``inlf``, log wage
``lwage`` (missing when not working), ``educ``, ``exper``, ``age``, non-wife income
``nwifeinc``, children ``kidslt6`` and ``kidsge6``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=753)
    d.rows(753)
    educ = d.uniform_int(5, 17)
    exper = d.uniform_int(0, 38)
    age = np.clip(30 + d.uniform_int(0, 30), 30, 60)
    kidslt6 = d.categorical([0.77, 0.16, 0.07], [0, 1, 2])
    kidsge6 = d.categorical([0.35, 0.25, 0.2, 0.12, 0.08], [0, 1, 2, 3, 4])
    nwifeinc = np.round(np.exp(2.8 + d.normal(0, 0.6)), 3)
    e = d.rng.multivariate_normal([0, 0], [[1, 0.3], [0.3, 0.45]], size=d.n)
    work = 0.3 + 0.13 * educ + 0.12 * exper - 0.002 * exper ** 2 - 0.05 * (age - 42) - 0.01 * nwifeinc \
        - 0.85 * kidslt6 + 0.03 * kidsge6 - 1.9 + e[:, 0]
    inlf = (work > 0).astype(int)
    lwage = -0.5 + 0.1 * educ + 0.04 * exper - 0.0008 * exper ** 2 + e[:, 1]
    d.put("inlf", inlf, "byte")
    d.put("lwage", np.where(inlf == 1, np.round(lwage, 4), np.nan), "float")
    d.put("educ", educ, "byte")
    d.put("exper", exper, "byte")
    d.put("age", age, "byte")
    d.put("nwifeinc", nwifeinc, "float")
    d.put("kidslt6", kidslt6, "byte")
    d.put("kidsge6", kidsge6, "byte")
    return d.dataset()
