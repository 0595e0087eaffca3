"""``Orthodont.txt`` as a textbook's do-file reads it: the 27 children's orthodontic distances
in wide form (``subject`` "M01".."F11", ``dist8`` ``dist10`` ``dist12`` ``dist14``), from the
real Potthoff-Roy data in ../shared (orthodont.dta, long form) reshaped wide."""
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    long = pd.read_stata(base / "orthodont.dta", convert_categoricals=True)
    long["subject"] = long["subject"].astype(str)
    wide = long.pivot(index="subject", columns="age", values="distance")
    wide.columns = [f"dist{int(a)}" for a in wide.columns]
    wide = wide.reset_index()
    return from_frame(wide, types={"subject": "str3", **{c: "float" for c in wide.columns if c != "subject"}})
