"""fracpred after fracpoly regress (fracpred.ado): x b, its standard error, for(x)'s part
b_cons + b1 t1 + b2 t2 and its standard error, and the deviance residual y - x b, all worked
out here with numpy least squares on the terms centred at the mean of x/10 (the best powers of
this data set, -.5 2, are R's: tests/fracpoly_reference/fracpoly_R.txt)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "fracpoly_reference"


@pytest.fixture(scope="module")
def fitted(do):
    data = pd.read_csv(REF / "fp.csv")
    rc, out, session = do("fracpoly regress y x z\nfracpred p\nfracpred s, stdp\nfracpred fx, for(x)\n"
                          "fracpred sx, for(x) stdp\nfracpred fz, for(z)\nfracpred r, dresid", df=data)
    assert rc == 0, out
    X = data["x"].to_numpy() / 10
    m = X.mean()
    t1, t2 = X ** -0.5 - m ** -0.5, X ** 2 - m ** 2
    y, z = data["y"].to_numpy(), data["z"].to_numpy()
    D = np.column_stack([np.ones(y.size), t1, t2, z])
    b = np.linalg.lstsq(D, y, rcond=None)[0]
    resid = y - D @ b
    V = resid @ resid / (y.size - 4) * np.linalg.inv(D.T @ D)
    return session.data, D, b, V, y


def _f32(v):
    return np.asarray(v, np.float32).astype(float)


def test_xb_stdp_and_residual(fitted):
    ds, D, b, V, y = fitted
    np.testing.assert_allclose(ds.numeric("p"), _f32(D @ b), rtol=1e-6)
    np.testing.assert_allclose(ds.numeric("s"), _f32(np.sqrt(np.einsum("ij,jk,ik->i", D, V, D))), rtol=1e-6)
    np.testing.assert_allclose(ds.numeric("r"), _f32(y - D @ b), atol=1e-6)
    assert ds.var_labels["p"] == "predicted y" and ds.var_labels["r"] == "deviance residuals for y"


def test_for_x_and_covariate(fitted):
    ds, D, b, V, y = fitted
    cols = [0, 1, 2]
    np.testing.assert_allclose(ds.numeric("fx"), _f32(D[:, cols] @ b[cols]), rtol=1e-6)
    Vx = V[np.ix_(cols, cols)]
    np.testing.assert_allclose(ds.numeric("sx"), _f32(np.sqrt(np.einsum("ij,jk,ik->i", D[:, cols], Vx, D[:, cols]))),
                               rtol=1e-6)
    np.testing.assert_allclose(ds.numeric("fz"), _f32(b[0] + b[3] * D[:, 3]), rtol=1e-6)
    assert ds.var_labels["fx"] == "xb(x)" and ds.var_labels["sx"] == "se(x)"


@pytest.mark.parametrize("setup, line, message, code", [
    ("", "fracpred p", "last estimates not found", 301),
    ("fracpoly regress y x", "fracpred p, for(z)", "z was not an xvar", 198),
    ("fracpoly regress y x", "fracpred y", "y already defined", 110),
])
def test_errors(do, setup, line, message, code):
    data = pd.read_csv(REF / "fp.csv")
    rc, out, session = do(f"{setup}\n{line}" if setup else line, df=data)
    assert rc == code and message in out, out
