"""Look-alike of Stata's ``auto.dta`` (1978 automobile data, 74 cars): same names, types,
the ``origin`` value label on ``foreign``; values drawn to the real ranges."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1978)
    d.rows(74)
    foreign = d.put("foreign", (np.arange(74) >= 52).astype(int), "byte", "Car origin",
                    {0: "Domestic", 1: "Foreign"}, label_name="origin")
    makes = [f"Make{k:02d} Model" for k in range(74)]
    d.columns = {"make": np.array(makes, dtype=object)} | d.columns
    d.types = {"make": "str18"} | d.types
    d.var_labels["make"] = "Make and model"
    weight = np.round(np.where(foreign == 1, d.rng.normal(2300, 400, 74), d.rng.normal(3300, 650, 74)), -1)
    d.put("weight", np.clip(weight, 1760, 4840), "int", "Weight (lbs.)")
    mpg = np.round(45 - weight / 130 + d.normal(0, 3) + 3 * foreign)
    d.put("mpg", np.clip(mpg, 12, 41), "int", "Mileage (mpg)")
    d.put("price", np.round(np.clip(2000 + weight * 1.2 + d.normal(0, 2000) + 1500 * foreign, 3291, 15906)),
          "int", "Price")
    rep = d.categorical([2, 8, 30, 18, 11]).astype(float)
    rep[d.rng.random(74) < 0.07] = np.nan
    d.put("rep78", rep, "int", "Repair record 1978")
    d.put("headroom", np.round(d.rng.uniform(1.5, 5.0, 74) * 2) / 2, "float", "Headroom (in.)")
    d.put("trunk", d.uniform_int(5, 23), "int", "Trunk space (cu. ft.)")
    d.put("length", np.round(100 + weight / 30 + d.normal(0, 6)), "int", "Length (in.)")
    d.put("turn", np.round(30 + weight / 400 + d.normal(0, 2)), "int", "Turn circle (ft.)")
    d.put("displacement", np.round(np.clip(weight / 15 + d.normal(0, 30), 79, 425)), "int", "Displacement (cu. in.)")
    d.put("gear_ratio", np.round(d.rng.uniform(2.19, 3.89, 74), 2), "float", "Gear ratio")
    return d.dataset("1978 automobile data (look-alike)")
