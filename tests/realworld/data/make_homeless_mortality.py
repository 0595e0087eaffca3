"""Look-alike of a systematic review's Excel sheet of all-cause mortality risk ratios among
people experiencing homelessness, as ``import excel ..., firstrow`` reads it: 145 effects
from 95 studies -- effect number ``ID`` and ``ID3`` (1-145), study ``ID4`` (1-95), a string
``AUTHOR_YEAR_REASON`` ("Author2010a" ...), the risk ratio ``final_effect`` (about 1-10,
log-normal around 3 with between-study heterogeneity) and its 95% limits ``FE_LCI FE_UCI``
(symmetric on the log scale up to rounding to two decimals, as published), and a flag
``mainanalysis`` (126 of them 1)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1207)
    study = np.sort(np.concatenate([np.arange(1, 96), d.rng.integers(1, 96, 50)]))
    d.rows(len(study))
    se = d.rng.uniform(0.05, 0.45, d.n)
    log_rr = 1.1 + d.effect(study, 0.45) + d.normal(0, 0.2) + se * d.normal(0, 1)
    rr = np.round(np.exp(log_rr), 2)
    d.put("ID", np.arange(1, d.n + 1), "int")
    d.put("ID3", np.arange(1, d.n + 1), "int")
    d.put("ID4", study, "int")
    letters = np.array(list("abcd"))
    rank = np.concatenate([np.arange(k) for k in np.bincount(study)[1:]])
    d.put("AUTHOR_YEAR_REASON", np.array([f"Author{1990 + s % 30}{letters[r % 4]}" for s, r in zip(study, rank)],
                                         dtype=object), "str14")
    d.put("final_effect", rr, "double")
    d.put("FE_LCI", np.round(np.exp(log_rr - 1.96 * se), 2), "double")
    d.put("FE_UCI", np.round(np.exp(log_rr + 1.96 * se), 2), "double")
    main = np.ones(d.n, dtype=int)
    main[d.rng.choice(d.n, 19, replace=False)] = 0
    d.put("mainanalysis", main, "byte")
    return d.dataset()
