"""A course's ``nlswork471.dta``: a tenth of Stata's nlswork (../shared), 471 women, with the
course's added variables -- ``wage`` (= exp(ln_wage), which is dropped), ``agesq``, race
dummies ``race1``-``race3``, interactions ``unsouth`` (union x south) and ``untenure`` (union
x tenure), and a 1-5 ``neighborhood`` rating drawn per observation."""
import numpy as np
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    d = pd.read_stata(base / "stata" / "nlswork.dta", convert_categoricals=False)
    ids = np.sort(d["idcode"].unique())[::10][:471]
    d = d[d["idcode"].isin(ids)].sort_values(["idcode", "year"]).reset_index(drop=True)
    rng = np.random.default_rng(471)
    d["wage"] = np.exp(d.pop("ln_wage").astype(float)).round(4)
    d["neighborhood"] = rng.integers(1, 6, len(d)).astype(float)
    d["agesq"] = d["age"] ** 2
    for k in (1, 2, 3):
        d[f"race{k}"] = (d["race"] == k).astype(int)
    d["unsouth"] = d["union"] * d["south"]
    d["untenure"] = d["union"] * d["tenure"]
    return from_frame(d, types={"idcode": "int", "year": "byte", "birth_yr": "byte", "race": "byte",
                                "collgrad": "byte", "race1": "byte", "race2": "byte", "race3": "byte",
                                "neighborhood": "byte", "wage": "float", "agesq": "float"})
