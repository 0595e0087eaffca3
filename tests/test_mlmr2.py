"""``mlmr2`` (SSC): Rights & Sterba (2019) R-squared measures after a two-level mixed fit -- the
measures against lme4 fits with the decomposition written out in R and performance's
r2_nakagawa (tests/multilevel_r2_reference/mlmr2.R), a numpy recomputation from e(b), the
conflation warnings and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = json.loads((ROOT / "tests" / "multilevel_r2_reference" / "mlmr2.json").read_text())
ROWS = ("f1", "f2", "v", "m", "f", "fv", "fvm")


@pytest.fixture(scope="module")
def session(new_session, run):
    s = new_session()
    rc = run(s, f'use "{ROOT / "samples" / "data" / "hsb.dta"}", clear\n'
                "bysort school: egen mses = mean(ses)\ngen cw = ses - mses\n")[1]
    assert rc == 0
    return s


@pytest.mark.parametrize("model, key", [
    ("mixed mathach cw mses || school:", "intercept"),
    ("mixed mathach cw mses || school: cw, cov(unstr)", "slope_unstructured"),
    ("mixed mathach ses || school: ses, cov(unstr)", "slope_uncentred"),
])
def test_measures_match_lme4_and_the_decomposition(session, model, key, run):
    s = session
    out, rc = run(s, f"quietly {model}\nmlmr2", echo=True, stop_on_error=False)
    assert rc == 0, out
    ref = REFERENCE[key]
    R2 = s.r["R2"].values
    for i, row in enumerate(ROWS):
        assert R2[i, 0] == pytest.approx(ref[f"t_{row}"], rel=1e-3, abs=1e-6)  # the fits agree to ~1e-4
    for i, row in ((0, "f1"), (2, "v"), (5, "fv")):
        assert R2[i, 1] == pytest.approx(ref[f"w_{row}"], rel=1e-3, abs=1e-6)  # the fits agree to ~1e-4
    for i, row in ((1, "f2"), (3, "m")):
        assert R2[i, 2] == pytest.approx(ref[f"b_{row}"], rel=1e-3, abs=1e-6)  # the fits agree to ~1e-4
    assert R2[4, 0] == pytest.approx(ref["nakagawa_marginal"], rel=1e-3)
    assert R2[6, 0] == pytest.approx(ref["nakagawa_conditional"], rel=1e-3)
    assert f"{'f1':>12} |{ref['t_f1']:11.4f}{ref['w_f1']:11.4f}" in out
    conflated = "Warning: ses varies within and between clusters under one fixed slope" in out
    assert conflated == (key == "slope_uncentred")


def test_decomposition_from_first_principles(session, run):
    """f1, f2, v, m recomputed here from the data and e(b) (numpy), as Rights & Sterba define them."""
    s = session
    out, rc = run(s, "quietly mixed mathach cw mses || school: cw, cov(unstr)\nmlmr2", echo=True, stop_on_error=False)
    assert rc == 0, out
    ds, b = s.data, dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    cw, mses, school = ds.numeric("cw"), ds.numeric("mses"), ds.numeric("school")
    g_cw, g_m = b["mathach:cw"], b["mathach:mses"]
    sd_cw, sd_0 = np.exp(b["lns1_1_1:_cons"]), np.exp(b["lns1_1_2:_cons"])
    rho = np.tanh(b["atr1_1_1_2:_cons"])
    T = np.array([[sd_cw ** 2, rho * sd_cw * sd_0], [rho * sd_cw * sd_0, sd_0 ** 2]])
    sigma2 = np.exp(2 * b["lnsig_e:_cons"])
    means = {k: cw[school == k].mean() for k in np.unique(school)}
    cw_b = np.array([means[k] for k in school])
    f1 = np.var(g_cw * (cw - cw_b), ddof=1)
    f2 = np.var(g_cw * cw_b + g_m * mses, ddof=1)
    Z = np.column_stack([cw, np.ones_like(cw)])
    v = np.trace(T @ np.cov(Z, rowvar=False))
    m = Z.mean(axis=0) @ T @ Z.mean(axis=0)
    comps = dict(zip(s.r["components"].colnames, s.r["components"].values[0]))
    for name, value in (("f1", f1), ("f2", f2), ("v", v), ("m", m), ("sigma2", sigma2)):
        assert comps[name] == pytest.approx(value, rel=1e-6, abs=1e-10)
    total = f1 + f2 + v + m + sigma2
    assert s.r["R2"].values[6, 0] == pytest.approx((f1 + f2 + v + m) / total, rel=1e-6)


def test_refusals(session, run):
    s = session
    out, rc = run(s, "quietly regress mathach ses\nmlmr2", echo=True, stop_on_error=False)
    assert rc == 301 and "mlmr2 works only after mixed" in out
    out, rc = run(s, "gen cls = mod(_n, 4)\nquietly mixed mathach ses || school: || cls:\nmlmr2", echo=True, stop_on_error=False)
    assert rc == 498 and "two-level" in out
    out, rc = run(s, "quietly mixed mathach ses || _all: R.sector || school:\nmlmr2", echo=True, stop_on_error=False)
    assert rc == 498 and "cross-classified" in out
    out, rc = run(s, "quietly mixed mathach ses || school:\nmlmr2, nosuch", echo=True, stop_on_error=False)
    assert rc == 198
