"""Look-alike of ``sleep_use_dep_simulated.csv`` (a Data Prize team's simulated ALSPAC-like
file, wide): ``subject``, parent-reported SMFQ depression scores ``mfq_t1``-``mfq_t4`` (0-26,
a slight fall with age, a person intercept and age and age-squared slopes, larger
within-person variation among children with sleep problems), ages ``age_t1``-``age_t4``
(about 9.6, 11.7, 13.2 and 16.8) and ``sleep_bin`` (childhood sleep problems, 0/1, about 7%).
Later waves are missing for some children."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2722)
    n = 700
    d.rows(n)
    d.put("subject", np.arange(1, n + 1), "int")
    sleep = d.binary(0.07)
    u0, u1, u2 = d.normal(0, 2.3), d.normal(0, 0.28), d.normal(0, 0.07)
    present = np.ones(n, bool)
    for k, mean_age in enumerate((9.65, 11.72, 13.16, 16.84), start=1):
        age = np.round(mean_age + np.abs(d.normal(0, 0.2)), 2)
        if k > 1:
            present &= d.rng.random(n) > 0.12
        c = age - 12.5
        noise = d.normal(0, 2.2) * np.where(sleep == 1, 1.5, 1.0)
        mfq = 2.3 + 1.6 * sleep - 0.05 * c + 0.01 * c ** 2 + u0 + u1 * c + u2 * c ** 2 + noise
        mfq = np.clip(np.round(mfq), 0, 26)
        d.put(f"mfq_t{k}", np.where(present, mfq, np.nan), "byte")
        d.put(f"age_t{k}", np.where(present, age, np.nan), "double")
    d.put("sleep_bin", sleep, "byte")
    return d.dataset()
