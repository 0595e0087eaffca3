"""The NLSW panel as a course's ``FE_data.dta``: Stata's nlswork (../shared) with the
course's names ``marriage`` (= msp) and ``hour`` (= hours)."""
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    d = pd.read_stata(base / "stata" / "nlswork.dta", convert_categoricals=False)
    d = d.rename(columns={"msp": "marriage", "hours": "hour"})
    keep = ["idcode", "year", "ln_wage", "marriage", "age", "union", "tenure", "hour", "race", "collgrad",
            "ind_code"]
    return from_frame(d[keep], types={"idcode": "int", "year": "byte", "marriage": "byte", "age": "byte",
                                      "union": "byte", "hour": "int", "race": "byte", "collgrad": "byte",
                                      "ind_code": "byte"})
