"""meglm's gaussian family stores the residual variance as ``var(e.depvar):_cons`` after the
random-effects variances, the order its table shows (the engine estimates ln sigma): e(b)
and e(V) against the same model fitted by ``mixed`` (ML), the coefficient legend row by row,
and from() of the stored e(b), by name or copied, starting at the optimum."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(41)
    g = np.repeat(np.arange(1, 21), 6)
    x = rng.normal(size=g.size)
    y = 1 + 0.7 * x + rng.normal(scale=0.8, size=20)[g - 1] + rng.normal(size=g.size)
    return pd.DataFrame({"y": y, "x": x, "g": g.astype(float)})


def test_e_b_names_order_and_values_match_mixed(do, data):
    rc, out, s = do("meglm y x || g:, nolog\nmatrix B = e(b)\nmatrix V = e(V)\n"
                    "mixed y x || g:, mle nolog\nestat sd", data.copy())
    assert rc == 0, out
    B, V = s.matrices["B"], s.matrices["V"]
    assert list(B.colnames) == ["y:x", "y:_cons", "var(_cons[g]):_cons", "var(e.y):_cons"]
    # mixed's e(b): lns1_1_1 and lnsig_e; the variances and their delta-method SEs from them
    mb, mV = s.e.matrices["b"], s.e.matrices["V"]
    names = list(mb.colnames)
    i_u, i_e = names.index("lns1_1_1:_cons"), names.index("lnsig_e:_cons")
    lnu, lne = mb.values[0, i_u], mb.values[0, i_e]
    b = B.values.ravel()
    assert b[2] == pytest.approx(np.exp(2 * lnu), rel=2e-5)
    assert b[3] == pytest.approx(np.exp(2 * lne), rel=2e-5)
    assert np.sqrt(V.values[3, 3]) == pytest.approx(2 * np.exp(2 * lne) * np.sqrt(mV.values[i_e, i_e]), rel=1e-3)
    assert np.sqrt(V.values[2, 2]) == pytest.approx(2 * np.exp(2 * lnu) * np.sqrt(mV.values[i_u, i_u]), rel=1e-3)


def test_coeflegend_names_each_row_and_from_the_stored_b_starts_at_the_optimum(do, data):
    rc, out, s = do("meglm y x || g:, nolog\nmeglm, coeflegend\nmatrix b0 = e(b)\nscalar ll = e(ll)\n"
                    "meglm y x || g:, from(b0)\nscalar ll_name = e(ll)\nmeglm y x || g:, from(b0, copy)",
                    data.copy())
    assert rc == 0, out
    lines = out.splitlines()
    assert any(ln.startswith("   var(_cons)|") and ln.endswith("_b[var(_cons[g]):_cons]") for ln in lines)
    assert any(ln.startswith("     var(e.y)|") and ln.endswith("_b[var(e.y):_cons]") for ln in lines)
    ll = s.scalars["ll"]
    starts = [ln for ln in lines if ln.startswith("Iteration 0:")]
    # the two refits' "Fitting full model" logs start at the fitted log likelihood
    full = [ln for k, ln in enumerate(lines) if ln.startswith("Iteration 0:") and "Fitting full model:" in lines[k - 2]]
    assert len(full) == 2 and all(f"{ll:.8g}"[:9] in ln for ln in full), starts
    assert s.scalars["ll_name"] == pytest.approx(ll, abs=1e-7) and s.e.scalars["ll"] == pytest.approx(ll, abs=1e-7)
