"""Look-alike of Wooldridge's (2010, table 15.3) women's labour-force panel ``lfp.dta``: 1,000
women in five four-month periods, ``id``, ``period``, the period dummies ``per1``-``per5``,
participation ``lfp``, number of children ``kids``, log husband's income ``lhinc``, and
the time-constant ``educ``, ``black``, ``age``, ``agesq``.  The do-file runs ``xtreg ... , fe``
without an ``xtset``, so its file carries the panel setting (``_dta[_TSpanel]``/``_TStvar``,
what a file saved after ``xtset id period`` holds) -- the generator does the same."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2010)
    ids, period = d.panel("id", 1000, [1, 2, 3, 4, 5], "period")
    educ = d.group_constant(ids, d.uniform_int(8, 18))
    black = d.group_constant(ids, d.binary(0.12))
    age = d.group_constant(ids, d.uniform_int(20, 50))
    kids = np.clip(d.group_constant(ids, d.uniform_int(0, 3)) + (d.binary(0.1) * (period > 2)), 0, 5)
    lhinc = np.round(10.3 + d.effect(ids, 0.5) + d.normal(0, 0.15), 4)
    latent = 1.0 - 0.3 * kids - 0.2 * (lhinc - 10.3) + 0.05 * (educ - 12) - 0.02 * (age - 35)
    lfp = d.bernoulli_logit(latent + d.effect(ids, 1.5))
    for p in range(1, 6):
        d.put(f"per{p}", (period == p).astype(int), "byte")
    d.put("lfp", lfp, "byte")
    d.put("kids", kids, "byte")
    d.put("lhinc", lhinc, "float")
    d.put("educ", educ, "byte")
    d.put("black", black, "byte")
    d.put("age", age, "byte")
    d.put("agesq", age ** 2, "int")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "id", "_TStvar": "period"})
    return ds
