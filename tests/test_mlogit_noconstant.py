"""mlogit, noconstant: mlogit.ado passes ml an ``lf0()`` only with a constant (Stata 12's and
Stata 16's mlogit.ado alike), so under noconstant ml's ``wald(-k)`` is the Wald test of every
coefficient: e(chi2type) Wald, e(ll_0) and e(r2_p) missing, and the header has no Pseudo R2 (the
log likelihood on Prob > chi2's line).  Coefficients against nnet::multinom(y ~ ix - 1)
(tests/graphs_reference/fpfit_mlogit_jackknife.R, its ``noconstant`` fit)."""
import json
from pathlib import Path

import numpy as np
import pandas as pd

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_mlogit_jackknife.json").read_text())


def test_noconstant_is_a_wald_test_without_ll_0(do):
    i = np.arange(1, 31)
    x = i / 3
    df = pd.DataFrame({"ix": x - x.mean(), "y": np.asarray(REF["noconstant"]["y"], float)})
    rc, out, s = do("mlogit y ix, noconstant", df=df)
    assert rc == 0, out
    e = s.e
    b = e.matrices["b"].values[0]
    np.testing.assert_allclose(b, REF["noconstant"]["observed"], rtol=1e-5, atol=1e-7)
    assert e.macros["chi2type"] == "Wald" and np.isnan(e.scalars["ll_0"]) and np.isnan(e.scalars["r2_p"])
    keep = [0, 1]
    V = e.matrices["V"].values[np.ix_(keep, keep)]
    assert abs(e.scalars["chi2"] - b[keep] @ np.linalg.solve(V, b[keep])) < 1e-8
    lines = out.splitlines()
    at = next(j for j, line in enumerate(lines) if line.startswith("Multinomial logistic regression"))
    assert lines[at + 1].strip().startswith("Wald chi2(2)")
    assert lines[at + 2].startswith("Log likelihood = ") and "Prob > chi2" in lines[at + 2]
    assert "Pseudo R2" not in out
