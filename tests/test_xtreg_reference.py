"""``xtreg`` (fe, be, be wls, re, re sa, mle), ``xttest0``, ``hausman`` and ``predict``
after xtreg on an unbalanced panel against reference values computed in R from the
closed forms of [XT] xtreg Methods and formulas (tests/reference_values/xtreg_reference.R;
the ML fit by optim() with optimHess() standard errors, cross-checked with lme4)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xtreg_reference.json").read_text())


@pytest.fixture
def panel(do):
    df = pd.read_csv(REF_DIR / "panel_unbalanced.csv")

    def run(text):
        rc, out, s = do("quietly xtset id t\n" + text, df=df.astype(float))
        assert rc == 0, out
        return s, out
    return run


def _b_se(e):
    b = e.coefficients()
    keep = [i for i in range(len(b.names)) if b.V[i, i] > 0]
    return b.b[keep], np.sqrt(np.diag(b.V)[keep])


def close(a, b, rtol=1e-9):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=rtol, atol=1e-12)


def test_fixed_effects(panel):
    s, _ = panel("quietly xtreg y x1 z d, fe")
    ref = REF["fe"]
    b, se = _b_se(s.e)
    close(b, ref["b"]), close(se, ref["se"])
    sc = s.e.scalars
    for key in ("F", "r2_w", "r2_b", "r2_o", "sigma_u", "sigma_e", "corr", "F_f", "df_r"):
        close(sc[key], ref[key])
    s, _ = panel("quietly xtreg y x1 z d, fe vce(robust)")
    close(_b_se(s.e)[1], ref["se_cluster"])
    assert s.e.macros["vcetype"] == "Robust" and s.e.macros["clustvar"] == "id" and s.e.scalars["N_clust"] == 40


def test_between_effects(panel):
    s, _ = panel("quietly xtreg y x1 z d, be")
    ref = REF["be"]
    b, se = _b_se(s.e)
    close(b, ref["b"]), close(se, ref["se"])
    for key in ("F", "rmse", "r2_b", "r2_w", "r2_o"):
        close(s.e.scalars[key], ref[key])
    s, _ = panel("quietly xtreg y x1 z d, be wls")
    b, se = _b_se(s.e)
    close(b, REF["be_wls"]["b"]), close(se, REF["be_wls"]["se"])
    assert s.e.macros["typ"] == "WLS "


@pytest.mark.parametrize("opt,key", [("", "re"), ("sa", "re_sa")])
def test_random_effects_gls(panel, opt, key):
    s, out = panel(f"xtreg y x1 z d, re theta {opt}")
    ref = REF[key]
    b, se = _b_se(s.e)
    close(b, ref["b"]), close(se, ref["se"])
    sc = s.e.scalars
    for k in ("sigma_u", "sigma_e", "chi2", "r2_w", "r2_b", "r2_o", "rmse"):
        close(sc[k], ref[k])
    close([sc["thta_min"], sc["thta_50"], sc["thta_max"]], [ref["theta_min"], ref["theta_median"], ref["theta_max"]])
    assert "------------------- theta --------------------" in out


def test_random_effects_ml(panel):
    s, out = panel("xtreg y x1 z d, mle")
    ref = REF["mle"]
    b, se = _b_se(s.e)
    close(b[:4], ref["b"], rtol=2e-6), close(se[:4], ref["se"], rtol=2e-5)
    sc = s.e.scalars
    close([sc["sigma_u"], sc["sigma_e"]], [ref["sigma_u"], ref["sigma_e"]], rtol=2e-6)
    close([sc["ll"], sc["ll_0"], sc["ll_c"]], [ref["ll"], ref["ll_0"], ref["ll_c"]], rtol=1e-10)
    close([sc["ll"]], [ref["lmer_ll"]], rtol=1e-10)
    close(se[4:], [ref["se_sigma_u"], ref["se_sigma_e"]], rtol=2e-5)
    close(sc["chi2_c"], 2 * (ref["ll"] - ref["ll_c"]), rtol=1e-9)
    assert s.e.matrices["b"].colnames[-2:] == ("sigma_u:_cons", "sigma_e:_cons")
    assert "Fitting constant-only model:" in out and "Likelihood-ratio test of sigma_u=0" in out


def test_xttest0_and_a_negative_hausman(panel):
    s, out = panel("quietly xtreg y x1 z d, fe\nestimates store fe\nquietly xtreg y x1 z d, re\nxttest0\n"
                   "scalar lm = r(lm)\nhausman fe .")
    close(s.scalars["lm"], REF["xttest0"]["lm"])
    close(s.r["chi2"], REF["hausman"]["chi2"], rtol=1e-8)
    assert "chi2<0 ==> model fitted on these" in out


def test_predictions(panel):
    s, _ = panel("quietly xtreg y x1 z d, fe\npredict u, u\npredict e, e\npredict ue, ue\npredict xbu, xbu\n"
                 "predict xb\nquietly xtreg y x1 z d, re\npredict ur, u")
    df = s.data.df
    fe = REF["fe"]
    xb = fe["b"][0] * df.x1 + fe["b"][1] * df.d + fe["b"][2]
    u = (df.y - xb).groupby(df.id).transform("mean")
    np.testing.assert_allclose(df.u, u, rtol=1e-6, atol=1e-6)  # stored as float
    np.testing.assert_allclose(df.ue, df.y - xb, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(df.e, df.y - xb - u, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(df.xbu, xb + u, rtol=1e-6, atol=1e-6)
    re = REF["re"]
    xbr = re["b"][0] * df.x1 + re["b"][1] * df.z + re["b"][2] * df.d + re["b"][3]
    T = df.groupby("id").y.transform("size")
    ur = re["sigma_u"] ** 2 / (T * re["sigma_u"] ** 2 + re["sigma_e"] ** 2) * (df.y - xbr).groupby(df.id).transform("sum")
    np.testing.assert_allclose(df.ur, ur, rtol=1e-6, atol=1e-6)
    assert s.data.var_labels["ur"] == "u[id]"


def test_predict_after_sorting_keeps_the_panels(panel):
    s, _ = panel("quietly xtreg y x1 z d, fe\npredict u1, u\ngsort -y\npredict u2, u\nassert abs(u1 - u2) < 1e-6")
    assert s.data.nobs == 199


def test_fixed_effects_with_analytic_weights(panel):
    s, _ = panel("generate w = 1 + mod(id, 3)\nquietly xtreg y x1 d [aw=w], fe")
    ref = REF["fe_aw"]
    b, se = _b_se(s.e)
    close(b, ref["b"]), close(se, ref["se"])
    close(s.e.scalars["sigma_e"], ref["sigma_e"])
    assert s.e.macros["wtype"] == "aweight"
