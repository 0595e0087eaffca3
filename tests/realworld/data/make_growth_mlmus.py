"""Potthoff & Roy's jaw-growth data as MLMUS ``growth.dta``: idnr, age (8-14), measure (mm),
sex (1 boy, 2 girl) -- the real values from ../shared (orthodont.dta)."""
from lookalike import from_frame
from registry import shared_dir

import pandas as pd


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    d = pd.read_stata(base / "orthodont.dta", convert_categoricals=False)
    out = pd.DataFrame({"idnr": d["subject"], "sex": 2 - (d["sex"] == 0).astype(int) * 1 + 0 * d["sex"],
                        "age": d["age"], "measure": d["distance"]})
    out["sex"] = (d["sex"] == 1).astype(int) + 1  # 1 boy, 2 girl (unlabelled, as in MLMUS)
    return from_frame(out, types={"idnr": "byte", "sex": "byte", "age": "byte", "measure": "float"})
