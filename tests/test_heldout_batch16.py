"""Fixes from the sixteenth held-out batch (tests/realworld/README.md):

* ``ivreghdfe CEE $CTRL (GF=L.GF), absorb(id year) cluster(id) first`` (heldout/
  anon-green-finance-cee): ivreg2 with reghdfe's absorption, as ivreghdfe.ado 1.2.0 does it --
  small and noconstant implied, singletons dropped, the fixed effects partialled out, the
  absorbed degrees of freedom counted as partialled-out regressors (sdofminus; a fixed effect
  nested in the cluster variable redundant; at least 1), "Partialled-out: _cons" and reghdfe's
  table of absorbed degrees of freedom.  Checked against the same models fitted another way:
  xtivreg2 ..., fe small (one fixed effect; the panels' degrees of freedom are then dofminus
  instead of sdofminus, the same total) and with year dummies (two);
* ``winsor2 ... , replace by(Indcd year) cuts(1 99)`` (heldout/anon-csmar-leverage): winsor2.ado
  1.1's bounds, checked against percentiles computed here by Stata's definition;
* ``set more 1`` (heldout/asghar: Stock and Watson's chapter-12 replication): the old 1|0 for
  on|off, which published replication files still type;
* ``latabstat`` and ``sjlog`` (heldout/anon-csmar-leverage) are refused by name: Stata's r(199)
  and a line saying what they are.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel_frame():
    # 60 units over 8 years, unit and year effects, an endogenous x instrumented by z1 z2
    rng = np.random.default_rng(16)
    n_id, n_t = 60, 8
    ids = np.repeat(np.arange(1, n_id + 1), n_t)
    year = np.tile(np.arange(2001, 2001 + n_t), n_id)
    a = rng.normal(size=n_id)[ids - 1]
    g = rng.normal(size=n_t)[year - 2001]
    z1, z2, w = rng.normal(size=ids.size), rng.normal(size=ids.size), rng.normal(size=ids.size)
    u = rng.normal(size=ids.size)
    x = 0.8 * z1 - 0.5 * z2 + 0.5 * u + a + rng.normal(size=ids.size)
    y = 1.0 + 0.7 * x - 0.4 * w + a + g + u
    frame = pd.DataFrame({"id": ids, "year": year, "y": y, "x": x, "w": w, "z1": z1, "z2": z2})
    return frame.iloc[1:].reset_index(drop=True)  # unit 1 one year short: an unbalanced panel


def _b_se(s, name):
    e = s.e
    j = e.matrices["b"].colnames.index(name)
    return e.matrices["b"].values[0, j], np.sqrt(e.matrices["V"].values[j, j])


# ----------------------------------------------------------------------------- ivreghdfe
def test_ivreghdfe_one_fixed_effect_is_xtivreg2_fe_small(do, panel_frame):
    rc, out, s = do("ivreghdfe y w (x = z1 z2), absorb(id)", panel_frame)
    assert rc == 0, out
    b_h = {v: _b_se(s, v) for v in ("x", "w")}
    assert s.e.macros["cmd"] == "ivreghdfe" and s.e.scalars["df_a"] == 60 and s.e.scalars["sdofminus"] == 60
    assert "_cons" not in s.e.matrices["b"].colnames
    rc, out2, s2 = do("xtset id year\nxtivreg2 y w (x = z1 z2), fe small", panel_frame)
    assert rc == 0, out2
    for v in ("x", "w"):
        np.testing.assert_allclose(b_h[v], _b_se(s2, v), rtol=1e-7)
    assert s.e.scalars["df_r"] == s2.e.scalars["df_r"] == panel_frame.shape[0] - 2 - 60


def test_ivreghdfe_two_fixed_effects_are_year_dummies(do, panel_frame):
    rc, out, s = do("ivreghdfe y w (x = z1 z2), absorb(id year)", panel_frame)
    assert rc == 0, out
    assert s.e.scalars["df_a"] == 60 + 8 - 1  # year's one redundant category: the connected set
    rc, out2, s2 = do("xtset id year\nxtivreg2 y w i.year (x = z1 z2), fe small", panel_frame)
    assert rc == 0, out2
    for v in ("x", "w"):
        np.testing.assert_allclose(_b_se(s, v), _b_se(s2, v), rtol=1e-6)


def test_ivreghdfe_layout_and_cluster_nesting(do, panel_frame):
    rc, out, s = do("ivreghdfe y w (x = z1 z2), absorb(id year) cluster(id)", panel_frame)
    assert rc == 0, out
    assert "(MWFE estimator converged in" in out
    assert re.search(r"^Partialled-out: +_cons$", out, re.M)
    assert "Absorbed degrees of freedom:" in out
    assert re.search(r"^ +id \| +60 +60 +0 +\*\|$", out, re.M)
    assert re.search(r"^ +year \| +8 +1 +7 +\|$", out, re.M)
    assert s.e.scalars["df_a"] == 7 and s.e.scalars["partial_ct"] == 7 and s.e.scalars["N_clust"] == 60
    assert out.index("Partialled-out:") < out.index("Absorbed degrees of freedom:")
    # every fixed effect nested in the cluster: ivreghdfe.ado counts 1
    rc, out, s = do("ivreghdfe y w (x = z1 z2), absorb(id) cluster(id)", panel_frame)
    assert rc == 0, out
    assert s.e.scalars["df_a"] == 0 and s.e.scalars["partial_ct"] == 1 and s.e.scalars["sdofminus"] == 1


def test_ivreghdfe_drops_singletons_and_replays(do, panel_frame):
    frame = pd.concat([panel_frame, pd.DataFrame({"id": [99], "year": [2001], "y": [1.0], "x": [0.5], "w": [0.1],
                                                  "z1": [0.2], "z2": [0.3]})], ignore_index=True)
    rc, out, s = do("ivreghdfe y w (x = z1 z2), absorb(id)\nivreghdfe", frame)
    assert rc == 0, out
    assert "(dropped 1 singleton observations)" in out
    assert s.e.scalars["N"] == panel_frame.shape[0]
    assert out.count("Absorbed degrees of freedom:") == 2  # the replay shows it again


def test_ivreghdfe_refuses_what_it_does_not_carry(do, panel_frame):
    frame = panel_frame.assign(wt=1.0)
    for line, rc_expected in (("ivreghdfe y w (x = z1 z2) [aw=wt], absorb(id)", 101),
                              ("ivreghdfe y w (x = z1 z2), absorb(id##c.w)", 198),
                              ("ivreghdfe y w (x = z1 z2), absorb(i.id#c.w)", 198),
                              ("ivreghdfe y w (x = z1 z2), absorb(id) partial(w)", 198)):
        rc, out, s = do(line, frame)
        assert rc == rc_expected, (line, out)


def test_ivreghdfe_without_absorb_is_ivreg2(do, panel_frame):
    rc, out, s = do("ivreghdfe y w (x = z1 z2)", panel_frame)
    assert rc == 0, out
    b_h = _b_se(s, "x")
    assert s.e.macros["cmd"] == "ivreghdfe"
    rc, out, s2 = do("ivreg2 y w (x = z1 z2)", panel_frame)
    np.testing.assert_allclose(b_h, _b_se(s2, "x"), rtol=1e-10)


# ----------------------------------------------------------------------------- winsor2
def _pctile(values: np.ndarray, p: float) -> float:
    """Stata's _pctile: P = n p / 100; an integer P averages the P-th and (P+1)-th values."""
    v = np.sort(values)
    n = v.size
    P = n * p / 100
    if abs(P - round(P)) < 1e-12:
        k = int(round(P))
        return float(v[-1]) if k >= n else float((v[k - 1] + v[k]) / 2)
    return float(v[int(np.floor(P))])


@pytest.fixture(scope="module")
def skewed_frame():
    rng = np.random.default_rng(2)
    x = np.exp(rng.normal(size=203))
    x[[5, 50]] = np.nan
    return pd.DataFrame({"x": x, "g": np.repeat([1, 2, 3], [70, 70, 63])})


def test_winsor2_overall_bounds(do, skewed_frame):
    rc, out, s = do("generate double xd = x\nwinsor2 xd, cuts(5 95)", skewed_frame)
    assert rc == 0, out
    x = skewed_frame["x"].to_numpy()
    lo, hi = _pctile(x[~np.isnan(x)], 5), _pctile(x[~np.isnan(x)], 95)
    got = s.data.numeric("xd_w")
    np.testing.assert_allclose(got, np.clip(x, lo, hi), rtol=0, atol=0)
    assert s.data.types["xd_w"] == "double" and s.data.var_labels["xd_w"] == "xd"


def test_winsor2_by_groups_replace_and_trim(do, skewed_frame):
    rc, out, s = do("generate double xd = x\ngenerate double xt = x\nwinsor2 xd, replace by(g) cuts(10 90)\n"
                    "winsor2 xt, trim by(g) cuts(10 90) label", skewed_frame)
    assert rc == 0, out
    x, g = skewed_frame["x"].to_numpy(), skewed_frame["g"].to_numpy()
    want_w, want_t = x.copy(), x.copy()
    for k in (1, 2, 3):
        rows = (g == k) & ~np.isnan(x)
        lo, hi = _pctile(x[rows], 10), _pctile(x[rows], 90)
        want_w[rows] = np.clip(x[rows], lo, hi)
        want_t[rows & ((x < lo) | (x > hi))] = np.nan
    np.testing.assert_allclose(s.data.numeric("xd"), want_w, rtol=0, atol=0)
    np.testing.assert_allclose(s.data.numeric("xt_tr"), want_t, rtol=0, atol=0)
    assert s.data.var_labels["xt_tr"] == "xt-Trim(p10,p90)"


def test_winsor2_messages(do, skewed_frame):
    rc, out, s = do("winsor2 x, cuts(0 100)", skewed_frame)
    assert rc == 0 and "option cuts(0 100) is incorrect, no action taken." in out
    assert "x_w" not in s.data.varnames
    rc, out, s = do("winsor2 x, replace suffix(_a)", skewed_frame)
    assert rc == 198 and "suffix() cannot be specified with replace" in out
    rc, out, s = do("generate x_w = 1\nwinsor2 x", skewed_frame)
    assert rc == 111 and "variable x_w already exist" in out
    rc, out, s = do("winsor2 x, cuts(0.5 99)", skewed_frame)
    assert rc == 0 and out.count("Warning: cuts(1   99) means winsor") == 1


# ----------------------------------------------------------------------------- set more 1, refusals
def test_set_more_takes_one_and_zero(do):
    rc, out, s = do("set more 1")
    assert rc == 0 and s.settings["more"] == "on", out
    rc, out, s = do("set more 0")
    assert rc == 0 and s.settings["more"] == "off", out
    rc, out, s = do("set more 2")
    assert rc == 198 and "on or off required" in out


@pytest.mark.parametrize("line, word", [("latabstat x, s(mean sd) replace tf(t)", "latabstat"),
                                        ("sjlog using HausmanTest, replace", "sjlog")])
def test_community_commands_refused_by_name(do, skewed_frame, line, word):
    rc, out, s = do(line, skewed_frame)
    assert rc == 199 and f"unrecognized command:  {word}" in out and "mlm does not carry" in out


def test_ivreghdfe_predict_xb_is_the_reported_coefficients(do, panel_frame):
    rc, out, s = do("ivreghdfe y w (x = z1 z2), absorb(id year)\npredict double p", panel_frame)
    assert rc == 0, out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    want = b["x"] * panel_frame["x"] + b["w"] * panel_frame["w"]
    np.testing.assert_allclose(s.data.numeric("p"), want, rtol=1e-12)


# ----------------------------------------------------------------------------- esttab titles back to back
def test_esttab_titles_typed_back_to_back_are_one_title_each(do, panel_frame):
    # heldout/jayecon: mtitle("OLS""FE""Sys.GMM""OLS""FE""Sys. GMM") -- Stata's tokenizer ends a
    # quoted string at its closing quote, and the published tables carry six titles
    rc, out, s = do('eststo: quietly reg y x\neststo: quietly reg y x w\n'
                    'esttab, se mtitle("OLS""FE") nonumbers', panel_frame)
    assert rc == 0, out
    assert re.search(r"^ +OLS +FE *$", out, re.M), out
    assert '""' not in out
