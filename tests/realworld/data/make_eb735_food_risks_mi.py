"""Look-alike of the multiply imputed version of the Eurobarometer 73.5 food-risk file
(``eb735_food_risks``, same design): mi set mlong with M = 5; the two outcomes ``bio``,
``chemtech``, the trust item ``safer`` and ``educage`` have missing values that are imputed."""
import numpy as np

from lookalike import LookAlike
from make_eb735_food_risks import build_frame, to_dataset
from mi_mlong import knocked_out_stack

M = 5
IMPUTED = ["bio", "chemtech", "safer", "educage"]  # the keys of make()'s shares


def make():
    frame = build_frame(138032)
    rng = np.random.default_rng(138033)
    shares = {"bio": 0.04, "chemtech": 0.04, "safer": 0.06, "educage": 0.05}

    def draw(name, true):
        if name == "safer":
            return np.clip(np.round(true + rng.normal(0, 0.7, size=len(true))), 1, 4)
        if name == "educage":
            return np.round(true + rng.normal(0, 1.5, size=len(true)))
        return np.round(np.clip(true + rng.normal(0, 0.3, size=len(true)), 1, 4), 2)

    full = knocked_out_stack(frame, shares, M, rng, draw)
    ds = to_dataset(full, LookAlike(seed=138032))
    ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "mlong", "_mi_M": str(M),
                     "_mi_ivars": " ".join(IMPUTED), "_mi_pvars": "", "_mi_rvars": "",
                     "_mi_update": "20jul2017 10:00:00"})
    return ds
