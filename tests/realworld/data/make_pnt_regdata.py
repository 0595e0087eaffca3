"""Look-alike of a country panel relating growth to inequality-of-opportunity indices from PISA
and TIMSS (``pnt_regdata.dta``): country ``cntcod``, assessment-wave indices ``wpisa3`` and
``wtimss4`` (1-6, one row per country and wave), log GDP per capita ``lnpcgdp``, the price of
investment ``pl_i``, log population ``lnpop``, an ``oecd`` flag and, for each index family
(``bj``/``fg``: two decompositions; ``t``/``c``/``e``: total, opportunity, effort; ``mathp``/
``matht`` PISA/TIMSS, with ``ip``/``tip`` interpolated variants), the index and its interactions
``oecdx...`` and ``noecdx...`` with the OECD flag."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2022)
    ids, wave = d.panel("cntcod", 60, list(range(1, 7)), "wpisa3")
    d.put("wtimss4", wave, "int")
    oecd = d.group_constant(ids, d.binary(0.5))
    d.put("oecd", oecd, "byte")
    d.put("pl_i", np.round(0.5 + d.effect(ids, 0.1) + d.normal(0, 0.05), 4), "float")
    growth = d.group_constant(ids, d.normal(0.02, 0.01))  # countries' own population growth
    d.put("lnpop", np.round(16 + d.effect(ids, 1.5) + growth * wave + d.normal(0, 0.01), 4), "float")
    index = {}
    for fam in ("bj", "fg"):
        for part in ("t", "c", "e"):
            for sub in ("mathp", "matht", "mathpip", "mathtip"):
                name = f"{fam}{part}{sub}"
                index[name] = np.round(0.2 + d.effect(ids, 0.05) + d.normal(0, 0.02), 4)
                d.put(name, index[name], "float")
                d.put(f"oecdx{name}", np.round(index[name] * oecd, 4), "float")
                d.put(f"noecdx{name}", np.round(index[name] * (1 - oecd), 4), "float")
    y = np.empty(d.n)
    u = d.effect(ids, 0.6)
    for k in range(d.n):
        first = k == 0 or ids[k] != ids[k - 1]
        base = 9.0 + u[k] - 2.0 * index["bjtmathp"][k]
        y[k] = base + d.rng.normal(0, 0.1) if first else 0.7 * y[k - 1] + 0.3 * base + 0.08 + d.rng.normal(0, 0.05)
    d.put("lnpcgdp", np.round(y, 4), "float")
    return d.dataset()
