"""Look-alike of a summer school's local-authority panel (``la-stats-1971-2021-analysis``):
330 local authorities (``la_id``, ``la_code``, ``la_name``) at six censuses (``year``
1971-2021, ``period`` 0-5, ``period2`` its square) with charities per 1,000 residents
``charpop``, the Townsend deprivation score ``town`` and ``town2``, the percentages
``qual`` (degree) and ``nonbw`` (non-white British), the count ``cunum``, ``popest``, the
constant ``region`` (1-10) and the density category ``pph_cat`` (1-5).  Saved xtset (la_id
year, delta 10), as the practical's first ``xtdes`` finds it."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2025)
    la, period = d.panel("la_id", 330, [0, 1, 2, 3, 4, 5], "period")
    d.put("la_code", np.array([f"E{7000000 + i:08d}" for i in la], dtype=object), "str9")
    d.put("la_name", np.array([f"Area {i}" for i in la], dtype=object), "str20")
    d.put("year", 1971 + 10 * period, "int")
    pop = np.round(d.group_constant(la, np.exp(d.normal(11.8, 0.55))) * (1 + 0.02 * period))
    d.put("popest", pop, "long")
    town = d.group_constant(la, d.normal(0, 2.8)) + d.normal(0, 0.8) - 0.2 * period
    d.put("town", np.round(town, 2), "float")
    d.put("pph_cat", d.group_constant(la, d.categorical([0.14, 0.05, 0.15, 0.55, 0.11])), "byte")
    qual = np.clip(3 + 5 * period + d.group_constant(la, d.normal(0, 4)) + d.normal(0, 2), 1, 63)
    d.put("qual", np.round(qual, 2), "float")
    nonbw = np.clip(np.exp(d.group_constant(la, d.normal(1.1, 0.9)) + 0.1 * period), 0.1, 68)
    d.put("nonbw", np.round(nonbw, 2), "float")
    d.put("period2", period ** 2, "byte")
    u0, u1 = d.effect(la, 0.9), d.effect(la, 0.15)
    charpop = np.exp(np.log(0.6) + (0.55 + u1) * period - 0.06 * period ** 2 + 0.35 * u0 - 0.04 * town
                     + d.normal(0, 0.12))
    d.put("charpop", np.round(charpop, 6), "float")
    d.put("cunum", np.round(charpop * pop / 1000), "int")
    d.put("region", d.group_constant(la, d.categorical([4, 12, 6, 11, 9, 14, 10, 19, 9, 6])), "byte")
    d.put("town2", np.round(np.asarray(d.columns["town"], dtype=float) ** 2, 4), "float")
    ds = d.dataset()
    from mlmcli.panel import time_settings as ts

    ds.chars.update({"_TSpanel": "la_id", "iis": "la_id", "_TStvar": "year", "tis": "year",
                     "_TSdelta": ts.hex21(10.0), "_TSitrvl": "1"})
    return ds
