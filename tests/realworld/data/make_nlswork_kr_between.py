"""A Korean panel-data course's ``P_data7_1.dta`` (chapter 7, between effects): Stata's nlswork
(../shared) with the person id called ``id`` and a ``black`` indicator (race == 2), the
variables the chapter uses."""
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    d = pd.read_stata(base / "stata" / "nlswork.dta", convert_categoricals=False)
    d = d.rename(columns={"idcode": "id"})
    d["black"] = (d["race"] == 2).astype(int)
    keep = ["id", "year", "ln_wage", "ttl_exp", "tenure", "black", "age", "union", "south"]
    return from_frame(d[keep], types={"id": "int", "year": "byte", "black": "byte", "age": "byte",
                                      "union": "byte", "south": "byte"})
