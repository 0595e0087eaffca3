"""fpfit's note where the plain command with that vce() runs (or not) -- Stata's reasons:

- ``estcmd(xtreg) estopts(re vce(bootstrap))``: the plain command fits, but xtreg re posts no
  e(ll) (nor does bootstrap add one), frac_chk gives xtreg dist 0 without isnorm and frac_dv's
  deviance is -2 e(ll): every deviance missing, no powers kept, fracpoly fails (as without vce()).
- ``estcmd(qreg) estopts(vce(bootstrap))``: qreg.ado's VCETypeParse takes iid, robust (and an
  undocumented excluster) only, with no _vce_parserun: "option vce(bootstrap) is not allowed"
  r(198), in the plain command as inside fracpoly's capture.
- ``estcmd(clogit) estopts(group(g) vce(jackknife))``: frac_154's first fit (the model without x)
  goes to the old _clogit, which leaves no e(b) for the prefix's _b (tests/test_graphs_fpfit_grouped_vce.py).
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    rng = np.random.default_rng(5)
    g = np.repeat(np.arange(1, 16), 8)
    x = rng.uniform(0.5, 3.5, g.size)
    y = 1 + 0.5 * x + rng.normal(size=15)[g - 1] + rng.normal(size=g.size)
    df = pd.DataFrame({"g": g.astype(float), "x": x, "y": y})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, "xtset g")
    return session


def test_xtreg_re_bootstrap_fits_plain_but_posts_no_ll(s):
    out, rc = run(s, "xtreg y x, re vce(bootstrap, reps(5) seed(1))")
    assert rc == 0 and "Bootstrap" in out
    assert "ll" not in s.e.scalars  # frac_dv's -2 e(ll): missing for every fit
    out, rc = run(s, "twoway fpfitci y x, estcmd(xtreg) estopts(re vce(bootstrap, reps(5) seed(1)))")
    assert rc == 0 and NOTE in out


def test_qreg_bootstrap_is_refused_by_qreg_itself(s):
    out, rc = run(s, "qreg y x, vce(bootstrap)", stop_on_error=False)
    assert rc == 198 and "option vce(bootstrap) is not allowed" in out
    out, rc = run(s, "twoway fpfitci y x, estcmd(qreg) estopts(vce(bootstrap))")
    assert rc == 0 and NOTE in out
