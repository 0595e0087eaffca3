"""Look-alike of a country-year GDP file (``bip.dta``): ``alpha3`` and ``dateyr`` 2010-2014
with GDP per head ``bip``; Taiwan is absent, as in the author's notes."""
import numpy as np

from lookalike import LookAlike
from make_issp2012_iso_table import country_years


def make():
    d = LookAlike(seed=5901)
    ids, year = country_years(d)
    d.put("bip", np.exp(10.0 + d.effect(ids, 0.7) + 0.02 * (year - 2010)), "double")
    return d.dataset()
