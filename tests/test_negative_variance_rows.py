"""A coefficient whose variance from an indefinite Hessian is negative (a fit stopped short of a
maximum: xtnbreg, re on nearly Poisson panels runs ln_r up the flat ridge) has a missing SE, as
Stata's sqrt() of a negative number -- never a bogus 0 with z missing and P 0.000."""
from __future__ import annotations

import numpy as np

from mlmcli.postest.coefficient_rows import rows_from_estimates
from mlmcli.mixed.spec import CoefLabel


def test_negative_variance_gives_missing_se():
    labels = (CoefLabel("x"), CoefLabel("_cons"))
    rows = rows_from_estimates(labels, np.array([0.3, 12.0]), np.array([[0.01, 0.0], [0.0, -16.9]]), 95.0)
    assert rows[0].se == 0.1
    assert np.isnan(rows[1].se) and np.isnan(rows[1].p) and np.isnan(rows[1].ci_lo)


def test_xtnbreg_re_on_poisson_panels_prints_no_zero_se(do):
    # nearly Poisson panels run ln_r (and _cons with it) up a flat ridge; with the lnG/psi
    # differences taken whole the Hessian there stays concave (it used to be rounding noise,
    # indefinite, with a negative variance): the fit converges far up the ridge, every SE
    # positive and huge on the ridge's direction, none printed as a bogus 0
    rc, out, s = do("set obs 300\nset seed 4\ngen g = ceil(_n/10)\ngen x = rnormal()\n"
                    "gen y = rpoisson(exp(1 + 0.3*x))\nxtset g\ncapture noisily xtnbreg y x, re nolog")
    assert rc == 0 and s.e.scalars["converged"] == 1, out
    V = s.e.matrices["V"].values
    assert (np.diag(V) > 0).all() and s.e.matrices["b"].values.ravel()[-2] > 15  # ln_r far up
    table = out[out.index("Coef."):]
    for line in table.splitlines():
        if "|" in line and line.split("|")[0].strip() in ("x", "_cons"):
            assert line.split()[3] != "0", line
