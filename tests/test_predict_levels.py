"""``predict`` after a three-level model: ``fitted`` adds the random effects of every level,
``relevel()`` stops at one; one BLUP per group."""
from __future__ import annotations

import numpy as np
import pandas as pd


def test_fitted_adds_the_random_effects_of_every_level_and_relevel_stops_at_one(command, new_session):
    rng = np.random.default_rng(5)
    school = np.repeat(np.arange(1.0, 9.0), 30)
    cls = np.tile(np.repeat(np.arange(1.0, 4.0), 10), 8)
    x = rng.normal(size=240)
    y = (0.5 * x + rng.normal(size=8)[(school - 1).astype(int)]
         + 0.7 * rng.normal(size=24)[((school - 1) * 3 + cls - 1).astype(int)] + rng.normal(size=240))
    s = new_session(pd.DataFrame({"y": y, "x": x, "school": school, "cls": cls}))
    command(s, "mixed", "y x || school: || cls:")
    command(s, "predict", "xb", ("xb",))
    command(s, "predict", "u*", ("reffects",))
    command(s, "predict", "f", ("fitted",))
    command(s, "predict", "f1", ("fitted", "relevel(school)"))
    command(s, "predict", "r", ("residuals",))
    df = s.data.df
    assert list(df.columns[-6:]) == ["xb", "u1", "u2", "f", "f1", "r"]
    assert s.data.var_labels["u1"] == "BLUP r.e. for school: _cons"
    assert s.data.var_labels["u2"] == "BLUP r.e. for cls: _cons"
    np.testing.assert_allclose(df.f, df.xb + df.u1 + df.u2, atol=1e-5)
    np.testing.assert_allclose(df.f1, df.xb + df.u1, atol=1e-5)
    np.testing.assert_allclose(df.r, df.y - df.f, atol=1e-5)
    assert df.groupby("school").u1.nunique().max() == 1              # one effect per school
    assert df.groupby(["school", "cls"]).u2.nunique().max() == 1     # and per class within school
