"""Look-alike of a country file of ILO conventions (``ilo_ad.dta``): two-letter ``cntry`` and,
for conventions 45, 89 and 127, whether a country ratified each (``ilo45`` ...) and whether it
is in force (``ilo45_inforce`` ...); Taiwan is absent."""
import numpy as np

from lookalike import LookAlike
from make_issp2012_iso_table import ISSP_COUNTRIES


def make():
    codes = [c for c in ISSP_COUNTRIES if c != "TW"]
    d = LookAlike(seed=5903)
    d.rows(len(codes))
    d.put("cntry", np.array(codes, dtype=object), "str2")
    for conv in ("45", "89", "127"):
        ratified = d.binary(0.55)
        d.put(f"ilo{conv}", ratified, "byte")
        d.put(f"ilo{conv}_inforce", ratified * d.binary(0.8), "byte")
    return d.dataset()
