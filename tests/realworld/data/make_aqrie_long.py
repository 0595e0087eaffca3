"""The workshop's long_data.dta: aqrie_wide reshaped to one row per person and wave, as the
workshop's descriptives do-file makes it -- ``id`` (float, 1-400), ``outcome`` and ``covar``
from t1-t4 and c1-c4, ``x1`` ``x2``, ``t`` = wave - 1 and ``t_sq`` (floats), sorted by id, t."""
import numpy as np
import pandas as pd

from lookalike import from_frame
from make_aqrie_wide import wide_frame


def make():
    wide = wide_frame()
    rows = []
    for wave in range(1, 5):
        rows.append(pd.DataFrame({"id": np.arange(1, len(wide) + 1), "outcome": wide[f"t{wave}"],
                                  "x1": wide["x1"], "x2": wide["x2"], "covar": wide[f"c{wave}"],
                                  "t": wave - 1, "t_sq": (wave - 1) ** 2}))
    frame = pd.concat(rows).sort_values(["id", "t"], kind="stable").reset_index(drop=True)
    frame = frame.astype({"id": "float32", "t": "float32", "t_sq": "float32"})
    return from_frame(frame, types={"id": "float", "outcome": "double", "x1": "double", "x2": "double",
                                    "covar": "double", "t": "float", "t_sq": "float"})
