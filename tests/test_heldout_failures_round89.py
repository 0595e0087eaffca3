"""The standing held-out failures, round 89 (tests/realworld/README.md, standing failures):

- ``estadd scalar x = m[1,4]``: estadd.ado's ``syntax anything(equalok) ... [, *]`` -- Stata's
  parser binds ``[ ]`` as it binds ``( )``, so the comma of a matrix subscript is not the
  options comma (the command was r(198) 'invalid syntax');
- ``catplot``: Nick Cox's SSC bar/hbar/dot charts of category frequencies or percents, drawn
  with mlm's graph bar/hbar/dot (bars checked against counts computed here with pandas).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _regression_data(n=60, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": 1 + 2 * x + rng.normal(size=n)})


def test_estadd_scalar_takes_a_matrix_element(new_session, run):
    s = new_session(_regression_data())
    out, rc = run(s, "quietly regress y x\nmatrix m = (1,2,3,4\\5,6,7,8)\nestadd scalar x14 = m[1,4]\n"
                     "estadd scalar y23 = m[2, 3]")
    assert rc == 0, out
    assert s.e.scalars["x14"] == 4 and s.e.scalars["y23"] == 7
    # the options after the subscript are still estadd's
    out, rc = run(s, "estadd scalar x14 = m[2,4], replace")
    assert rc == 0, out
    assert s.e.scalars["x14"] == 8
    out, rc = run(s, "estadd scalar x14 = m[1,1]", stop_on_error=False)
    assert rc == 110, out  # e(x14) already defined: the comma did not hide a replace
    out, rc = run(s, "estadd scalar z = m[1,1], nosuch", stop_on_error=False)
    assert rc == 198, out
    # into stored estimates: the colon after the subscript still names them
    out, rc = run(s, "estimates store one\nestadd scalar w = m[2,1] : one\nestimates restore one")
    assert rc == 0, out
    assert s.e.scalars["w"] == 5
