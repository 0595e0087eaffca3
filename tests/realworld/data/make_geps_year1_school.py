"""The school file that goes with ``make_geps_year1`` (same seed, same schools): ``SCHID``,
region ``Y1M_SH4`` (1-4) and the innovation-school flag ``Y1M_SH6`` (1 yes, 2 no)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12005)
    d.rows(60)
    d.put("SCHID", 101 + np.arange(60), "int")
    d.put("Y1M_SH4", d.categorical([0.3, 0.3, 0.2, 0.2], [1, 2, 3, 4]), "byte")
    d.put("Y1M_SH6", d.categorical([0.25, 0.75], [1, 2]), "byte")
    return d.dataset("school file look-alike")
