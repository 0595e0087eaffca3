"""Look-alike of a teaching extract of adolescent depression scores in wide form
(``Dataset.dta`` of a repeated-measures practical): subject id, sex (0 male, 1 female),
maternal social class, early financial problems, and age and depression score at four
waves (``age_t1``-``age_t4``, ``dep_t1``-``dep_t4``), with many later waves missing."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2021)
    n = 1500
    d.rows(n)
    d.put("subject", np.append(np.arange(1, n), 6167), "int")  # the ids the practical plots
    sex = d.binary(0.52)
    d.put("sex", sex, "byte")
    d.put("mat_sclass", d.binary(0.4), "byte")
    d.put("fin_b", d.binary(0.25), "byte")
    u0 = d.normal(0, 2.7)
    u1 = d.normal(0, 0.25)
    present = np.ones(n, bool)
    for k, mean_age in enumerate((12.8, 13.9, 16.6, 17.8), start=1):
        age = np.round(mean_age + d.normal(0, 0.3), 2)
        present &= d.rng.random(n) > (0.0 if k == 1 else 0.2)
        dep = np.round(np.clip(3.2 + (0.31 + 0.23 * sex + u1) * (age - 11.33) + 0.7 * sex + u0 + d.normal(0, 3.9), 0, 26))
        d.put(f"age_t{k}", np.where(present, age, np.nan), "float")
        d.put(f"dep_t{k}", np.where(present, dep, np.nan), "byte")
    return d.dataset()
