"""Look-alike of the multiply imputed version of the Eurobarometer 73.5 food-risk file
(``eb735_food_risks``, same design): mi set mlong with M = 5; the two outcomes ``bio``,
``chemtech``, the trust item ``safer`` and ``educage`` have missing values that are imputed."""
import numpy as np

from lookalike import LookAlike
from make_eb735_food_risks import build_frame, to_dataset
from mi_mlong import mlong_stack

M = 5
IMPUTED = ["bio", "chemtech", "safer", "educage"]


def make():
    frame = build_frame(138032)
    rng = np.random.default_rng(138033)
    complete = frame[IMPUTED].copy()
    n = len(frame)
    for name, share in [("bio", 0.04), ("chemtech", 0.04), ("safer", 0.06), ("educage", 0.05)]:
        frame.loc[rng.random(n) < share, name] = np.nan

    def fill(rows, m):
        idx = rows["_mi_id"].to_numpy(int) - 1
        for name in IMPUTED:
            miss = rows[name].isna().to_numpy()
            true = complete[name].to_numpy()[idx][miss]
            if name in ("safer",):
                rows.loc[miss, name] = np.clip(np.round(true + rng.normal(0, 0.7, size=miss.sum())), 1, 4)
            elif name == "educage":
                rows.loc[miss, name] = np.round(true + rng.normal(0, 1.5, size=miss.sum()))
            else:
                rows.loc[miss, name] = np.round(np.clip(true + rng.normal(0, 0.3, size=miss.sum()), 1, 4), 2)

    full = mlong_stack(frame, IMPUTED, M, fill)
    ds = to_dataset(full, LookAlike(seed=138032))
    ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "mlong", "_mi_M": str(M),
                     "_mi_ivars": " ".join(IMPUTED), "_mi_pvars": "", "_mi_rvars": "",
                     "_mi_update": "20jul2017 10:00:00"})
    return ds
