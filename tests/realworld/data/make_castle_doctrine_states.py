"""Look-alike of ``castle.dta`` (Cheng and Hoekstra's castle-doctrine panel as Cunningham's
Mixtape distributes it): 50 states (``sid`` 1-51 with one gap) by ``year`` 2000-2010,
``post`` (law in force), ``pre2_cdl`` (0-2 years before), ``effyear`` (adoption year, missing
if never), ``popwt``/``population``, logs of crime rates (``l_burglary l_robbery l_assault``),
contemporaneous rates ``jhcitizen_c ... robbery_gun_r``, region-by-year dummies
``r20001 ... r20104`` (year 2000-2010 x region 1-4, in that order), state trends
``trend_1 ... trend_51``, demographics, spending and time-varying controls."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14502)
    n_states = 50
    ids, year = d.panel("sid", n_states, list(range(2000, 2011)), "year")
    ids = np.where(ids >= 9, ids + 1, ids)  # sid 9 absent, as the 51 trend columns imply
    d.columns["sid"] = ids
    adopt = d.group_constant(ids, np.where(d.binary(0.4) == 1, d.uniform_int(2005, 2009), 0))
    post = ((adopt > 0) & (year >= adopt)).astype(int)
    d.put("post", post, "float")
    d.put("pre2_cdl", ((adopt > 0) & (year >= adopt - 2) & (year < adopt)).astype(int), "float")
    d.put("effyear", np.where(adopt > 0, adopt, np.nan), "float")
    pop = d.group_constant(ids, np.exp(d.normal(15, 1)))
    d.put("population", pop.round(), "double")
    d.put("popwt", (pop / 1e5).round(3), "float")
    region = d.group_constant(ids, d.uniform_int(1, 4))
    se = d.effect(ids, 0.3)
    for name, base, eff in (("burglary", 6.5, 0.02), ("robbery", 4.7, 0.03), ("assault", 5.6, 0.04),
                            ("homicide", 1.6, 0.08), ("larceny", 7.8, 0.0), ("motor", 5.9, 0.0),
                            ("murder", 1.5, 0.07)):
        rate = np.exp(base + se + eff * post - 0.01 * (year - 2000) + d.normal(0, 0.08))
        d.put(name, rate.round(2), "float")
        if name in ("burglary", "robbery", "assault", "homicide", "larceny", "motor"):
            d.put(f"l_{name}", np.log(rate), "float")
    d.put("robbery_gun_r", (0.4 + d.normal(0, 0.05)).round(3), "float")
    d.put("jhcitizen_c", d.poisson(2.0 + 0.3 * se), "float")
    d.put("jhpolice_c", d.poisson(1.5 + 0.3 * se), "float")
    for yr in range(2000, 2011):
        for r in range(1, 5):
            d.put(f"r{yr}{r}", ((year == yr) & (region == r)).astype(int), "float")
    for k in range(1, 52):
        d.put(f"trend_{k}", np.where(ids == k, year - 1999, 0), "float")
    for name in ("blackm_15_24", "whitem_15_24", "blackm_25_44", "whitem_25_44"):
        d.put(name, (d.uniform_int(1, 8) / 100 + d.normal(0, 0.002)).round(4), "float")
    d.put("l_exp_subsidy", d.normal(5, 0.5), "float")
    d.put("l_exp_pubwelfare", d.normal(7, 0.4), "float")
    d.put("l_police", d.normal(5.8, 0.2), "float")
    d.put("unemployrt", (5 + d.normal(0, 1.5)).round(1), "float")
    d.put("poverty", (12 + d.normal(0, 3)).round(1), "float")
    d.put("l_income", d.normal(10.5, 0.15), "float")
    d.put("l_prisoner", d.normal(6, 0.3), "float")
    d.put("l_lagprisoner", d.normal(6, 0.3), "float")
    return d.dataset()
