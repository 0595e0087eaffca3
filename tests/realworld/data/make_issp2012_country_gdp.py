"""Look-alike of a country-year GDP file (``bip.dta``): ``alpha3`` and ``dateyr`` 2010-2014
with GDP per head ``bip``; Taiwan is absent, as in the author's notes."""
import numpy as np

from lookalike import LookAlike
from make_issp2012_iso_table import ISSP_COUNTRIES


def make():
    codes = [a for c, a in ISSP_COUNTRIES.items() if c != "TW"]
    d = LookAlike(seed=5901)
    ids, year = d.panel("cid", len(codes), list(range(2010, 2015)), "dateyr")
    d.columns.pop("cid")
    d.types.pop("cid")
    d.put("alpha3", np.array(codes, dtype=object)[ids - 1], "str3")
    d.put("bip", np.exp(10.0 + d.effect(ids, 0.7) + 0.02 * (year - 2010)), "double")
    return d.dataset()
