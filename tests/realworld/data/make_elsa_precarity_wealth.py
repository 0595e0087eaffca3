"""Look-alike of the processed ELSA analysis file that the precarity-and-frailty hybrid models
merge 1:1 on ``idauniq wave`` for total net non-housing wealth ``hatotb`` (in pounds, skewed,
some negative, some missing): the same persons and waves as ``elsa_precarity_long`` (same seed
and design) plus a few person-waves that file does not have, and two unused variables."""
import numpy as np

from lookalike import LookAlike
from make_elsa_precarity_long import PERSONS, SEED


def make():
    d = LookAlike(seed=SEED)
    ids, wave = d.panel("idauniq", PERSONS, list(range(1, 9)), "wave", dropout=0.35)
    rng = np.random.default_rng(SEED + 1)
    person = np.unique(ids, return_inverse=True)[1]
    level = rng.lognormal(10.5, 1.2, size=PERSONS)[person]
    hatotb = np.round(level * rng.lognormal(0, 0.2, size=d.n) - 5000, 0)
    hatotb[rng.random(d.n) < 0.05] = np.nan
    extra = 25
    d.n = d.n + extra
    d.put("idauniq", np.concatenate([ids + 100000, 200001 + np.arange(extra)]), "long")
    d.put("wave", np.concatenate([wave, np.ones(extra)]), "int")
    d.put("hatotb", np.concatenate([hatotb, rng.lognormal(10, 1, size=extra).round()]), "double")
    d.put("cohort", rng.integers(1, 4, size=d.n), "byte")
    d.put("wgt", np.round(rng.uniform(0.3, 3, size=d.n), 4), "double")
    return d.dataset()
