"""Look-alike of a country-year autocracy indicator (``merge_autocracy.dta``): ``cntry``
(two-letter, str2) and ``yr10`` 1870-2020, one row each, ``autocracy`` 1 in the periods the
curricula look-alike (``make_epsm_curricula``) calls autocratic."""
import numpy as np

from lookalike import LookAlike
from make_epsm_curricula import ISO3, autocratic

ISO2 = ("AL AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IL IS IT LT LU LV ME MK NL NO PL PT "
        "RO RS RU SE SI SK TR UA XK US JP CA").split()


def make():
    d = LookAlike(seed=1881)
    years = list(range(1870, 2021))
    cid, year = d.panel("cid", len(ISO2), years, "yr10")
    del d.columns["cid"], d.types["cid"]
    d.put("cntry", np.array([ISO2[i - 1] for i in cid], dtype=object), "str2")
    auto = np.zeros(d.n, dtype=int)
    for k, name in enumerate(ISO3, 1):
        rows = cid == k
        auto[rows] = autocratic(name, year[rows])
    d.put("autocracy", auto, "byte")
    return d.dataset()
