"""Look-alike of the ISSP Role of Government 1996/2006 respondent file of an insecurity
study: country code ``v6`` and name ``c_name``, survey year ``rogyear`` and its 2006 flag,
support for unemployment spending (1-5, with a 0/1 version), occupational and national
unemployment (3- and 5-year moving averages, lags, changes), institutional insecurity
``ourinsecurity``, occupational unemployment spread, real GDP per capita, language-family
dummies, the insecurity elasticity, and individual controls (income decile, education, age,
sex, unemployed spouse, union, self-employed, public employee)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["Australia", "Canada", "Czech Republic", "Denmark", "Finland", "France", "Germany", "Hungary",
             "Ireland", "Israel", "Japan", "Latvia", "New Zealand", "Norway", "Poland", "Slovenia", "Spain",
             "Sweden", "Switzerland", "United Kingdom"]


def make():
    d = LookAlike(seed=1996)
    cells = [(c, y) for c in range(20) for y in (1996, 2006)]
    sizes = d.rng.integers(70, 110, size=len(cells))
    cidx = np.repeat([c for c, _ in cells], sizes)
    year = np.repeat([y for _, y in cells], sizes)
    d.rows(len(cidx))
    d.put("v6", np.array([36, 124, 203, 208, 246, 250, 276, 348, 372, 376, 392, 428, 554, 578, 616, 705, 724, 752,
                          756, 826])[cidx], "int")
    d.put("c_name", np.array(COUNTRIES, dtype=object)[cidx], "str14")
    d.put("rogyear", year, "int")
    d.put("rog2006survey", (year == 2006).astype(int), "byte")
    cy = cidx * 10000 + year
    nat = np.round(np.clip(7 + d.group_constant(cy, d.normal(0, 3)), 3, 20), 2)
    for name, v in (("natunemp_ma3", nat), ("natunemp_ma5", nat + d.group_constant(cy, d.normal(0, 0.5))),
                    ("lnatunemp", nat + d.group_constant(cy, d.normal(0, 0.7))),
                    ("dnatunemp", d.group_constant(cy, d.normal(0, 1))),
                    ("dnatunemp_ma3", d.group_constant(cy, d.normal(0, 0.6)))):
        d.put(name, np.round(v, 3), "float")
    inst = np.round(np.clip(0.35 + d.group_constant(cy, d.normal(0, 0.15)), 0.05, 0.75), 3)
    d.put("ourinsecurity", inst, "float")
    occ = np.round(np.clip(nat + d.normal(0, 3), 1, 22), 3)
    for name, v in (("occunemp_ma3", occ), ("occunemp_ma5", occ + d.normal(0, 0.5)), ("locc_unemp", occ + d.normal(0, 0.8))):
        d.put(name, np.round(v, 3), "float")
    d.put("occ_iqr", np.round(d.group_constant(cy, d.rng.uniform(2, 8, d.n)), 3), "float")
    d.put("gdppcreal", np.round(d.group_constant(cy, d.rng.uniform(10, 45, d.n)), 2), "float")
    lang = d.group_constant(cidx, d.uniform_int(0, 7))
    for k, name in enumerate(["lang_germ", "lang_slav", "lang_roma", "lang_ural", "lang_balt", "lang_japn", "lang_isrl"], 1):
        d.put(name, (lang == k).astype(int), "byte")
    d.put("coeff_nat_unempilo", np.round(d.group_constant(cidx, d.normal(0.5, 0.2)), 3), "float")
    for name, v in (("hinc_decile", d.uniform_int(1, 10)), ("education", d.uniform_int(1, 6)), ("age", d.uniform_int(18, 80)),
                    ("female", d.binary(0.52)), ("unempspouse", d.binary(0.05)), ("unioncurrent", d.binary(0.25)),
                    ("selfemployed", d.binary(0.1)), ("publicemployee", d.binary(0.25))):
        d.put(name, v, "byte")
    eta = 0.02 * occ + 0.05 * nat + 0.6 * inst - 0.05 * d.columns["hinc_decile"] + d.effect(cidx, 0.5)
    spend = d.ordinal(eta, [-1.5, 0.0, 1.5, 3.0])
    d.put("unempspend", spend, "byte")
    d.put("unempspend01", (spend <= 2).astype(int), "byte")
    return d.dataset()
