"""Country file ``gdp_2018.dta`` merged onto the ESS look-alike: cntry and GDP per capita."""
import numpy as np

from lookalike import LookAlike
from make_ess9_trust import CNTRY


def make():
    d = LookAlike(seed=2019)
    d.rows(len(CNTRY))
    d.put("cntry", np.array(CNTRY, dtype=object), "str2")
    d.put("gdp_2018", np.round(np.exp(d.rng.uniform(8.7, 11.2, d.n))), "float")
    return d.dataset()
