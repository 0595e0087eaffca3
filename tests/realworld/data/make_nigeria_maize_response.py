"""Look-alike of a maize fertilizer-response trial file (one row per plot-season): ``country``
("Nigeria"), ``on_farm`` ("TRUE"/"FALSE", a string as imported from CSV), ``year``, applied
N, P and K in kg/ha (``n_fertilizer`` 0-300 in steps, ``p_fertilizer``, ``k_fertilizer``),
seasonal rainfall ``totalrf`` (mm) and grain ``yield`` (kg/ha, a quadratic response to N and
rainfall with noise)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14532)
    n = 900
    d.rows(n)
    onfarm = d.binary(0.65).astype(float)
    nfert = d.categorical([0.15, 0.1, 0.2, 0.2, 0.15, 0.1, 0.1], [0, 30, 60, 90, 120, 150, 200]).astype(float)
    pfert = d.categorical([0.3, 0.4, 0.3], [0, 20, 40]).astype(float)
    kfert = d.categorical([0.4, 0.4, 0.2], [0, 20, 40]).astype(float)
    rain = np.clip(d.normal(900, 280), 250, 1700)
    yld = (1400 + 18 * nfert - 0.04 * nfert ** 2 + 6 * pfert + 2 * kfert + 2.2 * rain - 0.0009 * rain ** 2
           - 350 * onfarm + d.normal(0, 650))
    d.put("country", np.array(["Nigeria"] * n, dtype=object), "str7")
    d.put("year", d.categorical([0.3, 0.4, 0.3], [2016, 2017, 2018]), "int")
    d.put("on_farm", np.where(onfarm == 1, "TRUE", "FALSE").astype(object), "str5")
    d.put("n_fertilizer", nfert, "double")
    d.put("p_fertilizer", pfert, "double")
    d.put("k_fertilizer", kfert, "double")
    d.put("totalrf", np.round(rain, 1), "double")
    d.put("yield", np.round(np.clip(yld, 50, None), 1), "double")
    return d.dataset()
