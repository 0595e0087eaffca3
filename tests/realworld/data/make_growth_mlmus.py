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
    # orthodont codes sex 0 = Male, 1 = Female; MLMUS's growth.dta has 1 boy, 2 girl (unlabelled)
    out = pd.DataFrame({"idnr": d["subject"], "sex": (d["sex"] == 1).astype(int) + 1,
                        "age": d["age"], "measure": d["distance"]})
    return from_frame(out, types={"idnr": "byte", "sex": "byte", "age": "byte", "measure": "float"})
