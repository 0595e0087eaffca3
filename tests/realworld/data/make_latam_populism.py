"""Look-alike of the "STATA" sheet (A1:L85) of a populism study's data.xlsx: twelve Latin
American countries (``ID`` 1-12, name ``COUNTRY``) over seven election periods (``N`` 1-7,
``YEAR``), whether the elected government was populist / extremely populist, V-Dem liberal
democracy level and change, GDP level and change, unemployment and a commodity price index.
Columns as ``import excel ..., firstrow`` reads them (doubles, the name a string)."""
import numpy as np

from lookalike import LookAlike

NAMES = ["Argentina", "Brazil", "Bolivia", "Chile", "Colombia", "Ecuador", "Mexico", "Nicaragua", "Paraguay",
         "Peru", "Uruguay", "Venezuela"]


def make():
    d = LookAlike(seed=85)
    ids, n = d.panel("ID", 12, list(range(1, 8)), "N")
    d.put("ID", ids, "double")
    d.put("N", n, "double")
    d.put("YEAR", 1985 + 5 * n, "double")
    d.put("COUNTRY", np.array(NAMES, dtype=object)[ids - 1], "str9")
    vdem = np.clip(0.55 + d.effect(ids, 0.15) + d.normal(0, 0.08), 0.05, 0.9)
    gdpc = d.normal(2.0, 3.0)
    eta = -1.0 - 3.0 * (vdem - 0.55) - 0.2 * gdpc + d.effect(ids, 0.7)
    pop = d.bernoulli_logit(eta)
    d.put("POPULISM", pop, "double")
    d.put("EXTREME", pop * d.binary(0.45), "double")
    d.put("VDEM_LEVEL", np.round(vdem, 3), "double")
    d.put("VDEM_CHANGE", np.round(d.normal(0, 0.05), 3), "double")
    d.put("GDP_LEVEL", np.round(np.exp(8.5 + d.effect(ids, 0.4) + 0.03 * n), 1), "double")
    d.put("GDP_CHANGE", np.round(gdpc, 2), "double")
    d.put("UNEMPLOYMENT", np.round(np.clip(d.normal(8, 3), 2, 20), 1), "double")
    d.put("COMMODITY", np.round(d.group_constant(n, d.normal(100, 20)), 1), "double")
    return d.dataset()
