"""Look-alike of ``INDIVIDUS_MERGE.dta``, the women's file merged into the Cameroon DHS
household members (``make_dhs_cmr_members``): the same household keys ``hv001`` ``hv002``
``hvidx`` for the women of cohorts 0-4 and age at first birth ``age1stbirth`` (12-39, missing
for women without a birth)."""
import numpy as np
import pandas as pd

from lookalike import from_frame
from make_dhs_cmr_members import build


def make():
    members = build()
    cols = members.columns
    keep = (cols["sex"] == 2) & (cols["cohortes_dec"] <= 4)
    rng = np.random.default_rng(2012)
    age1 = np.round(rng.normal(19.5, 3.5, size=int(keep.sum())))
    age1 = np.where((age1 < 12) | (age1 > 39) | (rng.random(len(age1)) < 0.2), np.nan, age1)

    frame = pd.DataFrame({"hv001": cols["hv001"][keep], "hv002": cols["hv002"][keep],
                          "hvidx": cols["hvidx"][keep], "age1stbirth": age1})
    return from_frame(frame, types={"hv001": "int", "hv002": "int", "hvidx": "byte", "age1stbirth": "byte"})
