"""Look-alike of a soil-testing and fertilizer-recommendation RCT's analysis file (one row per
cotton farmer): ``block_id`` (the randomisation stratum, 1-18), ``treatment`` 0/1 assigned
within block, applied urea/DAP/MOP/zinc in kg per hectare (``*_kg_hectare_ml``), the distance
between recommended and applied doses (``distance_*``), farmer-reported cotton yields in 2017
and 2018 (``yield_hectare_*_merged``) and the sample flags of the paper's panels."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14467)
    ids = d.nested(("block_id", 18), (None, (40, 90)))
    block = ids["block_id"]
    n = d.n
    d.columns.pop("block_id"); d.types.pop("block_id")
    d.put("farmer_id", np.arange(1, n + 1), "long")
    d.put("block_id", block, "byte")
    treat = d.binary(0.5)
    d.put("treatment", treat, "byte", value_labels={0: "Control", 1: "Treatment"})
    ub = d.effect(block, 0.3)
    for name, mean, eff in (("urea", 250, -12), ("dap", 110, -6), ("mop", 25, 3), ("zinc", 8, 1)):
        dose = np.clip(mean * np.exp(ub + d.normal(0, 0.45)) + eff * treat, 0, None)
        dose[d.binary(0.04) == 1] = np.nan
        d.put(f"{name}_kg_hectare_ml", np.round(dose, 2), "float")
        gap = np.abs(dose - mean * np.exp(d.normal(0, 0.3))) - 0.3 * abs(eff) * treat
        d.put(f"distance_{name}", np.round(np.clip(gap, 0, None), 2), "float")
    y17 = np.clip(1800 * np.exp(ub + d.normal(0, 0.35)), 100, None)
    y17[d.binary(0.08) == 1] = np.nan
    y18 = np.clip(0.5 * np.nan_to_num(y17, nan=1800) + 950 + 40 * treat + d.normal(0, 380), 100, None)
    y18[d.binary(0.1) == 1] = np.nan
    d.put("yield_hectare_2017_merged", np.round(y17, 1), "float")
    d.put("yield_hectare_2018_merged", np.round(y18, 1), "float")
    fr = d.binary(0.8)
    sat = d.binary(0.6)
    d.put("fr_yield_sample", fr, "byte")
    d.put("satellite_yield_sample", sat, "byte")
    d.put("intersecting_sample", fr * sat, "byte")
    return d.dataset()
