"""Look-alike of a Japanese charitable-giving panel (``shapedt.dta``): persons ``pid`` over
2010-2016 (some leaving early), the marginal income-tax rate ``mtr``, total giving ``total_g``
(zero for most person-years) and income ``pinc_all``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2014)
    ids, year = d.panel("pid", 600, list(range(2010, 2017)), "year", dropout=0.2)
    income = np.round(np.exp(15 + d.effect(ids, 0.6) + d.normal(0, 0.2)), 0)
    mtr = np.select([income < 2e6, income < 6e6, income < 1.2e7], [0.05, 0.2, 0.33], 0.4)
    gives = d.bernoulli_logit(-1.2 + 0.8 * (mtr - 0.2) + d.effect(ids, 1.5)) == 1
    d.put("mtr", mtr, "float")
    d.put("total_g", np.where(gives, np.round(np.exp(9 + d.normal(0, 1.0)), 0), 0), "long")
    d.put("pinc_all", income, "long")
    return d.dataset()
