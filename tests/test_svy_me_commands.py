"""svy: with the me commands (branch sw100; mlmcli/commands/estimation/survey_me.py).

Evidence: Stata 16's svy.ado (svyg commands run with their svyset option, then
``_robust2 scores, svyg cluster(su1) strata(strata1)``: first-stage PSUs and strata only, no fpc,
design df #PSU - #strata), _svy_check_nested.ado ("hierarchical groups are not nested within su",
r(459)) and lmatagsem.mlib's messages (final [pw=] weights, too many weight variables, the notes
on unweighted levels).

Checks: the coefficients equal the me command fitted with the same weights at its levels; the
linearized variance equals (one stage, no strata) that fit's own cluster-robust e(V), and (strata,
subpop) a numpy sandwich of the fit's group scores; the header's numbers and F test."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.distributions import f as f_dist


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(41)
    G, m = 24, 7
    school = np.repeat(np.arange(1, G + 1), m)
    u = rng.normal(0, 0.9, G)[school - 1]
    x = rng.normal(size=G * m)
    y = (rng.random(G * m) < 1 / (1 + np.exp(-(0.2 + 0.8 * x + u)))).astype(float)
    return pd.DataFrame({"school": school, "x": x, "y": y, "st": (school - 1) % 3,
                         "w1": 1.0 + school % 4, "w2": 1.0 + 0.5 * (np.arange(G * m) % 3),
                         "half": (np.arange(G * m) % 2).astype(float), "fp": 100.0,
                         "sub": (school <= 16).astype(float), "id": np.arange(G * m)})


def _bv(s):
    return np.asarray(s.e.matrices["b"].values, float).ravel(), np.asarray(s.e.matrices["V"].values, float)


def _influence(fit):
    """Each top-level group's weighted scores times the model-based (-H)^-1, mapped to e(b)."""
    from mlmcli.glmm.derivatives import group_scores
    from mlmcli.glmm.stored_results import eb_layout

    S = group_scores(fit.model, fit.theta)
    W = fit.model.top_weights()
    if W is not None:
        S = S * W[:, None]
    bread = fit.V_model if fit.V_model is not None else fit.V
    names, idx, T, _ = eb_layout(fit)
    out = np.zeros((S.shape[0], len(names)))
    out[:, idx] = S @ bread @ T.T
    return out


def _stratified_meat(IF, strata):
    V = np.zeros((IF.shape[1],) * 2)
    for h in np.unique(strata):
        z = IF[strata == h]
        d = z - z.mean(axis=0)
        V += len(z) / (len(z) - 1) * d.T @ d
    return V


def test_one_stage_equals_the_weighted_fit_and_its_cluster_robust_variance(do, frame):
    rc, out, s = do("svyset school, weight(w1) || _n, weight(w2)\nsvy: melogit y x || school:", frame)
    assert rc == 0, out
    b, V = _bv(s)
    rc, out2, ref = do("melogit y x [pw=w2] || school:, pweight(w1)", frame)
    assert rc == 0, out2
    b0, V0 = _bv(ref)
    np.testing.assert_allclose(b, b0, rtol=1e-8)
    # one stage, no strata, no fpc: n/(n-1) sum over PSUs = the me command's G/(G-1) sandwich
    np.testing.assert_allclose(V, V0, rtol=1e-6)
    e = s.e
    assert e.macros["prefix"] == "svy" and e.macros["cmd"] == "melogit" and e.macros["vcetype"] == "Linearized"
    assert e.scalars["N_psu"] == 24 and e.scalars["N_strata"] == 1 and e.scalars["df_r"] == 23
    assert e.scalars["N_pop"] == pytest.approx(float((frame.w1 * frame.w2).sum()))
    assert "(running melogit on estimation sample)" in out
    assert "Survey: Mixed-effects logistic regression" in out
    assert "Linearized" in out and "P>|t|" in out and "adjusted for" not in out


def test_strata_variance_header_and_f_test(do, frame):
    rc, out, s = do("svyset school, strata(st) weight(w1) || _n, weight(w2)\nsvy: melogit y x || school:, nolog",
                    frame)
    assert rc == 0, out
    b, V = _bv(s)
    fit = s.e.model
    IF = _influence(fit)
    top = np.asarray(fit.model.structure.levels[0].group)
    _, first = np.unique(top, return_index=True)
    strata = frame.st.to_numpy()[first]
    np.testing.assert_allclose(V, _stratified_meat(IF, strata), rtol=1e-7, atol=1e-12)
    # the adjusted Wald F of x on (1, d) with d = 24 - 3
    d = 21
    F = b[0] ** 2 / V[0, 0]
    assert s.e.scalars["F"] == pytest.approx(F, rel=1e-8) and s.e.scalars["df_r"] == d
    lines = out.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith("Survey: Mixed-effects logistic"))
    block = "\n".join(lines[head:head + 8])
    assert "Number of strata   =         3" in block and "Number of PSUs     =        24" in block
    assert "Design df          =        21" in block
    pop = float((frame.w1 * frame.w2).sum())
    assert f"Population size    = {pop:9.0f}".replace(" ", "") in block.replace(" ", "").replace(",", "")
    assert "F(   1,     21)" in block
    p = float(f_dist.sf(F, 1, d))
    assert f"{p:.4f}" in block
    # the t table: x's t on the design df
    row = next(ln for ln in lines if ln.strip().startswith("x |"))
    assert f"{b[0] / np.sqrt(V[0, 0]):.2f}" in row
    # var(_cons): its interval on the log scale with the t quantile on the design df
    from mlmcli.distributions import t as t_dist

    q = float(t_dist.ppf(0.975, d))
    v, se = b[2], np.sqrt(V[2, 2])
    var_row = next(ln for ln in lines if ln.strip().startswith("var(_cons)|")).split()
    lo, hi = float(var_row[-2]), float(var_row[-1])
    assert lo == pytest.approx(v * np.exp(-q * se / v), rel=1e-5)
    assert hi == pytest.approx(v * np.exp(q * se / v), rel=1e-5)


def test_fpc_is_not_used_by_the_svyg_variance(do, frame):
    """svy.ado passes only cluster(su1) strata(strata1) to _robust2 for the svyg commands."""
    rc, _, s1 = do("svyset school, strata(st) fpc(fp) weight(w1) || _n, weight(w2)\n"
                   "svy: melogit y x || school:, nolog", frame)
    rc2, _, s2 = do("svyset school, strata(st) weight(w1) || _n, weight(w2)\nsvy: melogit y x || school:, nolog",
                    frame)
    assert rc == 0 and rc2 == 0
    np.testing.assert_allclose(_bv(s1)[1], _bv(s2)[1], rtol=1e-10)


def test_level_weight_only_gives_the_notes_and_the_group_weighted_fit(do, frame):
    rc, out, s = do("svyset school, weight(w1)\nsvy: mepoisson y x || school:, nolog", frame)
    assert rc == 0, out
    assert "Note: Not all levels have a svyset weight variable." in out
    assert "Observation-level pseudolikelihoods are not weighted." in out
    rc, _, ref = do("mepoisson y x || school:, pweight(w1) nolog", frame)
    np.testing.assert_allclose(_bv(s)[0], _bv(ref)[0], rtol=1e-8)
    np.testing.assert_allclose(_bv(s)[1], _bv(ref)[1], rtol=1e-6, atol=1e-10)  # var(_cons) near 0


def test_subpop_fits_the_subpopulation_and_keeps_every_psu(do, frame):
    rc, out, s = do("svyset school, strata(st) weight(w1) || _n, weight(w2)\n"
                    "svy, subpop(sub): melogit y x || school:, nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)
    rc, _, ref = do("melogit y x [pw=w2] if sub || school:, pweight(w1) nolog", frame)
    np.testing.assert_allclose(b, _bv(ref)[0], rtol=1e-8)
    fit = s.e.model
    IF_sub = _influence(fit)
    # PSUs outside the subpopulation: zero scores, still counted within their strata
    full = np.zeros((24, IF_sub.shape[1]))
    full[:16] = IF_sub
    strata = (np.arange(1, 25) - 1) % 3
    np.testing.assert_allclose(V, _stratified_meat(full, strata), rtol=1e-7, atol=1e-12)
    assert s.e.scalars["N_psu"] == 24 and s.e.scalars["N"] == len(frame)
    assert s.e.scalars["N_sub"] == float(frame["sub"].sum()) and s.e.macros["subpop"] == "sub"
    assert "Subpop. no. of obs" in out


@pytest.mark.parametrize("setup, message, code", [
    ("svyset school [pw=w1]", "survey final weights not allowed with multilevel models", 459),
    ("svyset school, weight(w1) || id, weight(w2) || _n, weight(w2)", "too many weight variables svyset", 459),
    ("svyset half, weight(w1) || _n, weight(w2)", "hierarchical groups are not nested within half", 459),
    ("svyset _n, weight(w1)", "observations as the first-stage sampling units", 198),
])
def test_refusals(do, frame, setup, message, code):
    rc, out, s = do(setup + "\nsvy: melogit y x || school:, nolog", frame)
    assert rc == code and message in out, out
    assert s.e is None or s.e.macros.get("prefix") != "svy"


def test_options_and_other_commands_refused(do, frame):
    rc, out, _ = do("svyset school, weight(w1)\nsvy: melogit y x || school:, vce(robust)", frame)
    assert rc == 198 and "option vce() of melogit is not allowed with the svy prefix" in out
    rc, out, _ = do("svyset school, weight(w1)\nsvy: melogit y x [pw=w2] || school:", frame)
    assert rc == 101
    rc, out, _ = do("svyset school, weight(w1)\nsvy jackknife: melogit y x || school:", frame)
    assert rc == 322 and "melogit is not supported by svy with vce(jackknife)" in out  # svy.ado: no svyj property
    rc, out, _ = do("svyset school, weight(w1)\nsvy: mestreg x || school:, distribution(weibull)", frame)
    assert rc == 199 and "mestreg is not supported by mlmcli" in out


@pytest.fixture(scope="module")
def three_level():
    rng = np.random.default_rng(3)
    S, C, m = 12, 3, 5
    school = np.repeat(np.arange(1, S + 1), C * m)
    cls = np.repeat(np.arange(1, S * C + 1), m)
    u = rng.normal(0, 0.8, S)[school - 1] + rng.normal(0, 0.6, S * C)[cls - 1]
    x = rng.normal(size=S * C * m)
    y = (rng.random(S * C * m) < 1 / (1 + np.exp(-(0.1 + 0.6 * x + u)))).astype(float)
    n = len(x)
    return pd.DataFrame({"school": school, "cls": cls, "x": x, "y": y, "w1": 1.0 + school % 3,
                         "w2": 1.0 + cls % 2, "w3": 1.0 + 0.25 * (np.arange(n) % 4), "odd": np.arange(n) % 2})


def test_three_stage_weights_map_onto_three_levels_and_replay(do, three_level):
    rc, out, s = do("svyset school, weight(w1) || cls, weight(w2) || _n, weight(w3)\n"
                    "svy: melogit y x || school: || cls:, nolog", three_level)
    assert rc == 0, out
    rc, _, ref = do("melogit y x [pw=w3] || school:, pweight(w1) || cls:, pweight(w2) nolog", three_level)
    b, V = _bv(s)
    np.testing.assert_allclose(b, _bv(ref)[0], rtol=1e-8)
    np.testing.assert_allclose(V, _bv(ref)[1], rtol=1e-5, atol=1e-12)  # PSU = top level: the robust V
    assert s.e.macros["wexp"] == "= w1*w2*w3"
    rc, again, _ = do("svy", session=s)
    assert rc == 0
    table = [ln for ln in out.splitlines() if ln.strip().startswith(("x |", "Number of PSUs", "var(_cons)"))]
    assert table and all(ln in again.splitlines() for ln in table)
    rc, again2, _ = do("svy: melogit", session=s)
    assert rc == 0 and again2 == again


def test_second_stage_units_must_contain_the_second_level_groups(do, three_level):
    rc, out, _ = do("svyset school, weight(w1) || odd, weight(w2) || _n, weight(w3)\n"
                    "svy: melogit y x || school: || cls:, nolog", three_level)
    assert rc == 459 and "hierarchical groups are not nested within odd" in out


def test_svy_level_reaches_the_table(do, frame):
    from mlmcli.distributions import t as t_dist

    rc, out, s = do("svyset school, strata(st) weight(w1) || _n, weight(w2)\n"
                    "svy, level(90): meprobit y x || school:, nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)
    q = float(t_dist.ppf(0.95, 21))
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("x |")).split()
    assert "[90% Conf. Interval]" in out and s.e.scalars["level"] == 90
    assert float(row[-2]) == pytest.approx(b[0] - q * np.sqrt(V[0, 0]), rel=1e-5)
    assert float(row[-1]) == pytest.approx(b[0] + q * np.sqrt(V[0, 0]), rel=1e-5)


def test_no_weights_equals_the_unweighted_robust_fit(do, frame):
    rc, out, s = do("svyset school\nsvy: melogit y x || school:, nolog", frame)
    assert rc == 0, out
    assert "Note: Not all levels" not in out
    rc, _, ref = do("melogit y x || school:, vce(robust) nolog", frame)
    np.testing.assert_allclose(_bv(s)[0], _bv(ref)[0], rtol=1e-8)
    np.testing.assert_allclose(_bv(s)[1], _bv(ref)[1], rtol=1e-5)
    assert s.e.scalars["N_pop"] == len(frame)


def test_level_weight_must_be_constant_within_its_groups(do, frame):
    rc, out, s = do("svyset school, weight(w2)\nsvy: melogit y x || school:, nolog", frame)
    assert rc != 0 and "not constant" in out, out


def test_factor_variables_header_f_is_the_adjusted_wald_of_the_slopes(do, frame):
    df = frame.assign(g=np.arange(len(frame)) % 3)
    rc, out, s = do("svyset school, strata(st) weight(w1) || _n, weight(w2)\n"
                    "svy: melogit y x i.g || school:, nolog", df)
    assert rc == 0, out
    b, V = _bv(s)
    names = [str(c).split(":")[-1] for c in s.e.matrices["b"].colnames]
    cols = [names.index(n) for n in ("x", "1.g", "2.g")]
    W = float(b[cols] @ np.linalg.solve(V[np.ix_(cols, cols)], b[cols]))
    d, k = 21, 3
    assert s.e.scalars["df_m"] == 3
    assert s.e.scalars["F"] == pytest.approx((d - k + 1) / (d * k) * W, rel=1e-8)
