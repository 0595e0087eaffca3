"""Look-alike of the country-level sheet a course project on support for European unification
reads with ``import excel ..., firstrow``: one row per ESS round 11 country, ``country`` the
number ``encode cntry`` gives it (1-28, alphabetical ISO codes without France) and
``netcontrib`` 1 for a net contributor to the EU budget, 0 otherwise."""
import numpy as np

from lookalike import LookAlike

NET = {1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 1, 8: 0, 9: 1, 10: 0, 11: 0, 12: 0, 13: 0, 14: 1,
       15: 0, 16: 0, 17: 1, 18: 0, 19: 0, 20: 0, 21: 1, 22: 0, 23: 0, 24: 0, 25: 0, 26: 1, 27: 0,
       28: 0}


def make():
    d = LookAlike(seed=13402)
    d.rows(28)
    d.put("country", np.arange(1, 29), "byte")
    d.put("netcontrib", np.asarray([NET[k] for k in range(1, 29)]), "byte")
    return d.dataset()
