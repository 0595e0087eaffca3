"""xtgee's scale: e(phi) is the scale the conventional variance used and the header prints
(xtgee.ado's FixScale sets it to 1 for binomial and Poisson unless scale() says otherwise; the
estimated phi itself only under scale(phi)); e(scale) is scale() as typed or the family's default
(x2 for gaussian/gamma/igaussian, 1 for the others); scale(x2) and scale(dev) divide by N (N - p
under nmp), as [XT] xtgee's nmp describes; a scale computed from the fit that is not the family's
default gets the footnote "(Standard errors scaled using square root of ...)".  Checked under
corr(independent), where xtgee is the GLM, against statsmodels."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm


def _panel():
    rng = np.random.default_rng(48)
    n_groups, size = 80, 5
    x = rng.normal(size=n_groups * size)
    u = np.repeat(rng.normal(scale=0.5, size=n_groups), size)
    y = rng.poisson(np.exp(0.3 + 0.4 * x + u)).astype(float)
    return pd.DataFrame({"id": np.repeat(np.arange(1.0, n_groups + 1), size),
                         "t": np.tile(np.arange(1.0, size + 1), n_groups), "x": x, "y": y})


def _glm(frame):
    return sm.GLM(frame["y"], sm.add_constant(frame["x"]), family=sm.families.Poisson()).fit(scale=1.0)


def _fit(do, options):
    frame = _panel()
    rc, printed, session = do(f"xtset id t\nxtgee y x, family(poisson) corr(independent) {options}", df=frame)
    assert rc == 0, printed
    se = np.sqrt(np.diag(np.asarray(session.e.matrices["V"].values, float)))
    return printed, session.e, se, _glm(frame), len(frame)


def _header_scale(printed):
    return float(next(ln for ln in printed.splitlines() if ln.startswith("Scale parameter:")).split()[2])


def test_poisson_default_scale_is_one_in_e_phi_and_the_header(do):
    printed, e, se, glm, n = _fit(do, "")
    assert e.scalars["phi"] == 1.0 and _header_scale(printed) == 1.0
    assert e.macros["scale"] == "1"
    np.testing.assert_allclose(se[::-1], glm.bse.to_numpy(), rtol=1e-6)  # (x, _cons) vs (const, x)
    assert "Standard errors scaled" not in printed


@pytest.mark.parametrize("typed, nmp", [("x2", ""), ("x2", "nmp"), ("dev", "")])
def test_scale_x2_and_dev_divide_by_n_and_are_footnoted(do, typed, nmp):
    printed, e, se, glm, n = _fit(do, f"scale({typed}) {nmp}")
    total = glm.pearson_chi2 if typed == "x2" else glm.deviance
    phi = total / (n - 2 if nmp else n)
    assert e.scalars["phi"] == pytest.approx(phi, rel=1e-7)
    assert _header_scale(printed) == pytest.approx(phi, rel=1e-6)
    assert e.macros["scale"] == typed
    np.testing.assert_allclose(se[::-1], glm.bse.to_numpy() * np.sqrt(phi), rtol=1e-6)
    kind = "Pearson X2-based dispersion" if typed == "x2" else "deviance based dispersion"
    assert printed.rstrip().endswith(f"(Standard errors scaled using square root of {kind})")


def test_scale_phi_stores_the_estimate_without_a_footnote(do):
    printed, e, se, glm, n = _fit(do, "scale(phi)")
    assert e.scalars["phi"] == pytest.approx(glm.pearson_chi2 / n, rel=1e-7)
    assert e.macros["scale"] == "phi" and "Standard errors scaled" not in printed


def test_a_number_is_the_scale(do):
    printed, e, se, glm, n = _fit(do, "scale(4)")
    assert e.scalars["phi"] == 4.0 and e.macros["scale"] == "4"
    np.testing.assert_allclose(se[::-1], glm.bse.to_numpy() * 2.0, rtol=1e-6)


def test_gaussian_default_is_x2_unfootnoted(do):
    frame = _panel()
    rc, printed, session = do("xtset id t\nxtgee y x, corr(independent)", df=frame)
    assert rc == 0, printed
    ols = sm.OLS(frame["y"], sm.add_constant(frame["x"])).fit()
    assert session.e.macros["scale"] == "x2"
    assert session.e.scalars["phi"] == pytest.approx(ols.ssr / len(frame), rel=1e-8)
    assert "Standard errors scaled" not in printed


def test_an_unknown_scale_word_is_refused_before_fitting(do):
    rc, printed, session = do("xtset id t\nxtgee y x, family(poisson) scale(deviance)", df=_panel())
    assert rc == 198 and "option scale(): invalid specification" in printed
    assert "Iteration" not in printed
