"""[P] mark's weight rules (help mark, Remarks): an invalid weight -- negative, or a noninteger
frequency weight -- "stops everything" on any if/in row with a weight, also one that markout
then drops for a missing value in the varlist; rows outside if/in and rows whose weight is
missing are not checked."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

# row 2: x missing, frequency weight 1.5, aweight -1 -- marked out by the varlist, checked by mark
DATA = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "x": [1.0, np.nan, 2, 3, 5, 4],
                     "w": [1.0, 1.5, 1, 2, 1, 3], "v": [1.0, -1, 1, 1, 1, 2],
                     "wm": [1.0, np.nan, 1, 2, 1, 3]})

REFUSED = [
    ("regress y x [fw=w]", 401, "may not use noninteger frequency weights"),
    ("regress y x [aw=v]", 402, "negative weights encountered"),
    ("regress y x [pw=v]", 402, "negative weights encountered"),
    ("logit y x [fw=w]", 401, "may not use noninteger frequency weights"),
    ("poisson y x [fw=w]", 401, "may not use noninteger frequency weights"),
    ("glm y x [fw=w]", 401, "may not use noninteger frequency weights"),
    ("tobit y x [aw=v], ll(0)", 402, "negative weights encountered"),
    ("xtreg y x [fw=w], i(w) fe", 401, "may not use noninteger frequency weights"),
    ("mlogit y x [fw=w]", 401, "may not use noninteger frequency weights"),
    ("summarize y x [fw=w]", 401, "may not use noninteger frequency weights"),
    ("tabulate x [fw=w]", 401, "may not use noninteger frequency weights"),
]


@pytest.mark.parametrize("line,rc,message", REFUSED)
def test_invalid_weight_on_a_row_marked_out_for_a_missing_value(do, line, rc, message):
    got, printed, _ = do(line, DATA)
    assert got == rc
    assert message in printed


@pytest.mark.parametrize("line", ["regress y x [fw=w] if x < .", "regress y x [fw=w] in 3/6",
                                  "regress y x [fw=wm]"])
def test_rows_outside_if_in_or_without_a_weight_are_not_checked(do, line):
    rc, _, session = do(f"quietly {line}", DATA)
    assert rc == 0
    kept = DATA.iloc[[0, 2, 3, 4, 5]] if "in" not in line else DATA.iloc[2:]
    X = np.repeat(np.column_stack([kept.x, np.ones(len(kept))]), kept.w.astype(int), axis=0)
    y = np.repeat(kept.y.to_numpy(), kept.w.astype(int))
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = session.e
    assert e.scalars["N"] == len(y)
    assert np.allclose(e.matrices["b"].values.ravel(), b, rtol=1e-12)
