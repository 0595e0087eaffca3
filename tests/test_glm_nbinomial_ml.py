"""``glm ..., family(nbinomial ml)``: glm.ado's nbreg first, its alpha the negative binomial k of
the glm fit (e(nbml) = 1, the header's variance function with k rounded to 4 decimals as
glim_v6 writes it); b, SE and e(ll) against R (``tests/reference_values/glm_nbinomial_ml.R``:
MASS::glm.nb, the observed information at fixed k)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

REFERENCE = json.loads((Path(__file__).parent / "reference_values" / "glm_nbinomial_ml.json").read_text())


def test_nbinomial_ml_matches_r(do):
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "t", "y")})
    rc, out, s = do("glm y x, family(nbinomial ml) exposure(t)", df)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b, REFERENCE["b"], rtol=1e-6)
    np.testing.assert_allclose(se, REFERENCE["se"], rtol=1e-5)
    np.testing.assert_allclose(s.e.scalars["ll"], REFERENCE["ll"], rtol=1e-9)
    assert s.e.scalars["nbml"] == 1.0
    assert f"u+({REFERENCE['alpha']:.4f}".replace("0.", ".") in out
    rc, out, s = do("glm y x, family(nbinomial 0.5) exposure(t)", df)
    assert rc == 0 and s.e.scalars["nbml"] == 0.0 and "u+(.5)u^2" in out
