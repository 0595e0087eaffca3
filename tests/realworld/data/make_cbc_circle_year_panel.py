"""Look-alike of a Christmas Bird Count circle-year panel (240 circles, 2000-2019): ``state``
(two letters, a few AK/HI/DC circles), ``circle_name``, weather (``Min_temp`` ... ``Max_snow``,
``Min_snow`` partly missing), counting effort, shale wells and wind turbines (counts, staggered
first years, most circles never treated) and inverse-hyperbolic-sine bird numbers and species
counts by habitat and migration group (``ihs_num_*_w``, ``ihs_spec_*``, per-capita ``_pc``)."""
import numpy as np

from lookalike import LookAlike

STATES = ["TX", "PA", "ND", "OK", "CO", "CA", "IA", "NY", "OH", "WV", "KS", "MN", "AK", "HI", "DC"]
NUM = ["tot", "grassland", "woodland", "wetland", "otherhabitat", "urban", "nonurban", "resident",
       "shortmigration", "longermigration"]
SPEC = NUM[:8] + ["shortmigration", "longermigration"]


def make():
    d = LookAlike(seed=17290)
    circles, years = 240, np.arange(2000, 2020)
    cid, year = d.panel("circle_id", circles, list(years), "year")
    rng = d.rng
    state_of = rng.choice(len(STATES), size=circles, p=np.r_[np.full(12, 0.97 / 12), [0.01, 0.01, 0.01]])
    d.put("state", np.array([STATES[s] for s in state_of[cid - 1]], dtype=object), "str2")
    d.put("circle_name", np.array([f"Circle {c:03d}" for c in cid], dtype=object), "str10")
    n = d.n
    snow = np.round(np.clip(d.normal(1, 2), 0, None), 1)
    snow[d.binary(0.2) == 1] = np.nan
    d.put("Min_snow", snow, "float")
    d.put("Min_temp", np.round(d.normal(25, 12), 1), "float")
    d.put("Max_temp", np.round(d.normal(45, 12), 1), "float")
    d.put("Max_wind", np.round(np.clip(d.normal(12, 5), 0, None), 1), "float")
    d.put("Max_snow", np.round(np.clip(d.normal(3, 4), 0, None), 1), "float")
    effort = np.round(np.exp(d.normal(3.2, 0.6)))
    d.put("total_effort_counters", effort, "float")
    for name, share, seed_year in (("well", 0.25, 2006), ("turb", 0.3, 2004)):
        first = np.where(rng.random(circles) < share, rng.integers(seed_year, 2019, circles), 0)[cid - 1]
        count = np.where((first > 0) & (year >= first), rng.poisson(4, n) + 1, 0)
        if name == "well":
            d.put("shale_wells_num", count, "int")
            cum = np.zeros(n)
            for c in range(1, circles + 1):
                m = cid == c
                cum[m] = np.cumsum(count[m])
            d.put("cum_shalewells", cum, "float")
        else:
            d.put("num_turbines", count, "int")
    u = d.effect(cid, 0.5)
    for g in NUM:
        d.put(f"ihs_num_{g}_w", np.round(np.arcsinh(np.exp(6 + u + 0.3 * np.log(effort) + d.normal(0, 0.4))), 4), "float")
    d.put("ihs_num_longermigration_w_pc", np.round(np.arcsinh(np.exp(1 + u + d.normal(0, 0.4))), 4), "float")
    for g in SPEC:
        d.put(f"ihs_spec_{g}", np.round(np.arcsinh(np.exp(3.5 + 0.3 * u + d.normal(0, 0.2))), 4), "float")
    for g in ("shortmigration", "longermigration"):
        d.put(f"ihs_spec_{g}_pc", np.round(np.arcsinh(np.exp(0.5 + u + d.normal(0, 0.3))), 4), "float")
    return d.dataset()
