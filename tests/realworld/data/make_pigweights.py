"""``pigweights.dta``: the 48 pigs' weights over nine weeks in wide form (``id``,
``weight1``-``weight9``), as Stata's ``pig`` data (../shared, stata/pig.dta) reshaped wide."""
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    pig = pd.read_stata(base / "stata" / "pig.dta", convert_categoricals=False)
    wide = pig.pivot(index="id", columns="week", values="weight")
    wide.columns = [f"weight{int(w)}" for w in wide.columns]
    wide = wide.reset_index()
    return from_frame(wide, types={"id": "int", **{c: "float" for c in wide.columns if c != "id"}})
