"""zinb on counts with no excess zeros: the inflation equation runs off toward -infinity and ml
declares convergence on the flat ridge ([R] maximize: the default stepper may declare
convergence with the last iteration "(not concave)"), so the table shows a large negative
inflate constant with a huge standard error -- not r(430).  The count equation is then the
negative binomial's own fit (statsmodels' NB2 on the same data)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm


def _counts(seed=1, n=6000):  # a draw whose inflation runs off (others keep a finite one)
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    u = np.repeat(rng.normal(scale=0.5, size=n // 50), 50)
    y = rng.poisson(np.exp(0.2 + 0.3 * x1 + 0.5 * u)).astype(float)
    return pd.DataFrame({"yc": y, "x1": x1, "x2": x2})


def test_inflation_runs_off_and_the_count_equation_is_nbreg(do):
    frame = _counts()
    rc, printed, session = do("zinb yc x1 x2, inflate(x1)", df=frame)
    assert rc == 0, printed
    e = session.e
    assert e.scalars["converged"] == 1 and "convergence not achieved" not in printed
    names = list(e.matrices["b"].colnames)
    b = np.asarray(e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(e.matrices["V"].values, float)))
    inflate_cons = names.index("inflate:_cons")
    assert b[inflate_cons] < -10 and not (se[inflate_cons] < 100)  # far out, flat: huge or missing SE
    nb = sm.NegativeBinomial(frame["yc"], sm.add_constant(frame[["x1", "x2"]])).fit(disp=0, maxiter=200)
    np.testing.assert_allclose(b[:3], nb.params[["x1", "x2", "const"]].to_numpy(), rtol=1e-4, atol=1e-5)
    assert e.scalars["ll"] == pytest.approx(nb.llf, abs=1e-3)
