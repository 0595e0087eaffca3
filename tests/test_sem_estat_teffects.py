"""estat teffects after sem ([SEM] estat teffects): direct effects are the paths, indirect
effects the products along every mediating path (Sobel's delta-method standard errors),
total effects their sum -- in a saturated recursive model the reduced-form OLS coefficients
(statsmodels); rows with no path show ``0  (no path)`` unless ``compact``; r() matrices."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(8812)
    n = 400
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    m = 0.5 * x1 - 0.2 * x2 + rng.normal(size=n)
    y = 0.4 * m + 0.3 * x2 + 0.1 * x1 + rng.normal(size=n)
    w = 0.6 * y + rng.normal(size=n)
    return pd.DataFrame({"x1": x1, "x2": x2, "m": m, "y": y, "w": w})


def _b(e, name):
    return float(e.matrices["b"].values.ravel()[e.matrices["b"].colnames.index(name)])


def _cell(r, key, name):
    return float(r[key].values.ravel()[r[key].colnames.index(name)])


def test_saturated_total_effects_are_the_reduced_form(new_session, run, frame):
    import statsmodels.api as sm

    s = new_session(frame)
    out, rc = run(s, "sem (m <- x1 x2) (y <- m x1 x2)\nestat teffects")
    assert rc == 0, out
    ols = sm.OLS(frame["y"], sm.add_constant(frame[["x1", "x2"]])).fit()
    assert _cell(s.r, "total", "y:x1") == pytest.approx(ols.params["x1"], abs=1e-6)
    assert _cell(s.r, "total", "y:x2") == pytest.approx(ols.params["x2"], abs=1e-6)
    a, bm = _b(s.e, "m:x1"), _b(s.e, "y:m")
    assert _cell(s.r, "indirect", "y:x1") == pytest.approx(a * bm, rel=1e-9)
    assert _cell(s.r, "direct", "y:x1") == pytest.approx(_b(s.e, "y:x1"), rel=1e-12)
    V = s.e.matrices["V"]
    ia, ib = V.colnames.index("m:x1"), V.colnames.index("y:m")
    Vv = V.values
    sobel = bm ** 2 * Vv[ia, ia] + a ** 2 * Vv[ib, ib] + 2 * a * bm * Vv[ia, ib]
    k = s.r["V_indirect"].colnames.index("y:x1")
    assert s.r["V_indirect"].values[k, k] == pytest.approx(sobel, rel=1e-9)
    assert "Direct effects" in out and "Indirect effects" in out and "Total effects" in out
    assert "Structural   |" in out and "  y <-       |" in out


def test_chain_and_no_path_rows(new_session, run, frame):
    s = new_session(frame)
    out, rc = run(s, "sem (m <- x1 x2) (y <- m x2) (w <- y)\nestat teffects")
    assert rc == 0, out
    abc = _b(s.e, "m:x1") * _b(s.e, "y:m") * _b(s.e, "w:y")
    assert _cell(s.r, "indirect", "w:x1") == pytest.approx(abc, rel=1e-9)
    assert _cell(s.r, "indirect", "w:m") == pytest.approx(_b(s.e, "y:m") * _b(s.e, "w:y"), rel=1e-9)
    assert _cell(s.r, "direct", "w:m") == 0 and _cell(s.r, "total", "y:x1") == pytest.approx(
        _b(s.e, "m:x1") * _b(s.e, "y:m"), rel=1e-9)
    direct = out.split("Indirect effects")[0]
    assert "          x1 |          0  (no path)" in direct
    out, rc = run(s, "estat teffects, compact nodirect nototal")
    assert rc == 0 and "(no path)" not in out and "Direct effects" not in out and "Total effects" not in out
    assert "  m <-" not in out and "  w <-" in out


@pytest.mark.parametrize("commands, rc, message", [
    ("sem (m <- x1) (y <- m)\nestat teffects, standardized", 198, "standardized"),
    ("sem (m <- x1) (y <- m)\nestat teffects x1", 198, "invalid syntax"),
    ("regress y m\nestat teffects", 321, "invalid subcommand teffects"),
])
def test_refusals(new_session, run, frame, commands, rc, message):
    out, code = run(new_session(frame), commands)
    assert code == rc and message in out, out
