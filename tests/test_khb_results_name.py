"""After ``khb`` the results are khb's: e(cmd) is "khb" both as the macro and as the name the
postestimation commands read, so predict names the command it refuses after (it said "predict
after  is not implemented" with an empty name)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def test_khb_results_carry_its_name(new_session, run):
    rng = np.random.default_rng(5)
    x1 = rng.normal(size=300)
    z1 = x1 + rng.normal(size=300)
    y = (rng.uniform(size=300) < 1 / (1 + np.exp(-(x1 + z1)))).astype(float)
    s = new_session(pd.DataFrame({"y": y, "x1": x1, "z1": z1}))
    out, rc = run(s, "khb logit y x1 || z1")
    assert rc == 0, out
    assert s.e.cmd == "khb" and s.e.macros["cmd"] == "khb"
    before = s.data.df.copy()
    out, rc = run(s, "predict p")
    assert rc == 199 and "predict after khb is not implemented" in out
    pd.testing.assert_frame_equal(s.data.df, before)
