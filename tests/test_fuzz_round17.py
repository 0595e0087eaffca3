"""Round 17 of the command fuzz (docs/command_fuzz.md): mi impute and mi set M, svyset's stage
weight(), gsem's family(multinomial) and weights, combomarginsplot, pwcompare and margins'
pwcompare(groups), stcoxkm's separate, pgmhaz8, mixed with c.a#c.b in a random-effects
equation, estimates esample:, tabodds's or, the short display options, margins' at(x==...)
and dydx(L.x).

The lines tests/fuzz_round17_programs.py and hand-written hostile lines found, each fix's
behaviour checked against an independent computation, and a sample of the seeded walk
(``MLM_R17_FUZZ_COUNT`` cases a family, ``MLM_R17_FUZZ_BUDGET`` seconds)."""
from __future__ import annotations

import math
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round17_programs as r17  # noqa: E402
from fuzz_command_data import fresh_session  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402
from mlmcli.runner import Runner  # noqa: E402
from test_fuzz_round16 import folder  # noqa: E402,F401  (the fuzz's folder: data files planted)

MI = r17._MI


def _case(folder, line, setup=(), shape="full"):
    """(rc, printed) of a line that must give no finding (internal error, hang, data or files
    changed by a failure, a file changed without replace)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        rc, findings, printed = r17.run_case(Case("found", shape, tuple(setup), line), folder)
    assert not findings, "\n".join(f"{f.kind}: {f.detail}" for f in findings)
    return rc, printed


def _run(text, shape="full"):
    """(rc, printed, session) of a do-file text run in a fresh session on a fuzz shape."""
    session = fresh_session(shape)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        rc = Runner(session).run_text(text, echo=False)
    return rc, session.out.stream.getvalue(), session


# ------------------------------------------------------------------ what the fuzz found
def test_ml_display_eform_of_a_diverged_coefficient_is_missing(folder):
    # found: pgmhaz8 ..., eform on the fuzz data (the frailty fit climbs to ll = 0, the SEs
    # ~1e8): exp() of the upper bound overflowed in ml display's eform rows (RuntimeWarning,
    # r(9999)); Stata's exp() past the double range is missing
    rc, printed = _case(folder, "pgmhaz8 x1 x2, id(g) dead(b) seq(t) eform")
    assert rc in (0, 430), printed  # ln L -> 0: a diverging fit, its table shown either way
    rc, printed, session = _run("pgmhaz8 x1 x2, id(g) dead(b) seq(t) eform")
    b = session.e.matrices["b"].values[0]
    se = np.sqrt(np.maximum(np.diag(session.e.matrices["V"].values), 0.0))
    row = [ln for ln in printed.splitlines() if ln.strip().startswith("x1 |")][-1]  # the frailty model's
    cells = row.split("|")[1].split()
    assert float(cells[0]) == pytest.approx(math.exp(b[0]), rel=1e-6)
    assert b[0] + 1.96 * se[0] > 709.78 and cells[-1] == "."  # exp overflows: missing
    assert float(cells[-2]) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("method, var", [("regress", "m"), ("pmm", "m"), ("logit", "mb"), ("ologit", "mo"),
                                         ("mlogit", "mo"), ("poisson", "mc")])
def test_mi_impute_with_no_complete_observations_is_no_observations(folder, method, var):
    # found: mi impute poisson on all-missing data divided the weights' sum of zero
    # (ZeroDivisionError, r(9999)); regress said "insufficient observations", logit "perfect
    # predictor(s)".  An empty estimation sample is the fitting command's r(2000), every method
    knn = " knn(2)" if method == "pmm" else ""
    rc, printed = _case(folder, f"mi impute {method} {var}, add(2) rseed(1){knn}", (MI,), "allmiss")
    assert rc == 2000 and "no observations" in printed, printed
    rc, printed = _case(folder, f"mi impute chained ({method}{',' + knn if knn else ''}) {var} = x1, add(1) rseed(1)",
                        (MI,), "allmiss")
    assert rc == 2000, printed


def test_mi_impute_still_imputes_when_the_sample_is_not_empty():
    rc, printed, session = _run(MI + "\nmi impute poisson mc x1, add(1) rseed(1)")
    assert rc == 0, printed
    df = session.data.df
    imputed = df.loc[df["_mi_m"] == 1, "mc"].to_numpy(float)
    assert len(imputed) == int(np.isnan(df.loc[df["_mi_m"] == 0, "mc"].to_numpy(float)).sum())
    assert np.all(imputed >= 0) and np.all(imputed == np.round(imputed))  # Poisson draws


def test_combomarginsplot_that_fails_writes_no_savefile(folder):
    # found: combomarginsplot ..., savefile(comb, replace) nosuch(1) wrote comb.dta and then
    # refused nosuch() (r(198)); the file is written once the graph has drawn, its path
    # checked before anything is drawn
    setup = r17._MARGINS
    rc, printed = _case(folder, "combomarginsplot mf2 mf2, savefile(comb, replace) nosuch(1)", setup)
    assert rc == 198 and not os.path.exists(os.path.join(folder, "comb.dta"))
    rc, printed = _case(folder, "combomarginsplot mf2 mf2, savefile(comb, replace)", setup)
    assert rc == 0 and "Saving combined margins file comb" in printed
    try:
        rc, printed = _case(folder, "combomarginsplot mf2 mf2, savefile(comb)", setup)
        assert rc == 602 and "already exists" in printed
    finally:
        os.remove(os.path.join(folder, "comb.dta"))


# ------------------------------------------------------------------ options that were ignored
def _esample_count(text, shape="full"):
    rc, printed, session = _run("quietly regress y x1 x2\n" + text)
    assert rc == 0, printed
    return np.asarray(session.e.sample, dtype=bool), session.data.df


def test_estimates_esample_drops_zero_weights_unless_zeroweight():
    # estimates_sample.ado's SetEsample: marksample touse, `zeroweight' -- zeroweight was read
    # and ignored, and zero weights were kept
    sample, df = _esample_count("replace w = 0 in 1/3\nestimates esample: y [fw=w], replace")
    y, w = df["y"].to_numpy(float), df["w"].to_numpy(float)
    assert sample.sum() == int((~np.isnan(y) & (w != 0)).sum()) and not sample[:3].any()
    sample, _ = _esample_count("replace w = 0 in 1/3\nestimates esample: y [fw=w], replace zero")
    assert sample.sum() == int((~np.isnan(y)).sum())


def test_estimates_esample_stringvars_marks_out_empty_strings():
    # stringvars() was read and ignored; the ado's markout `touse' `stringvars', strok
    sample, df = _esample_count('replace s = "" in 5/6\nestimates esample: y, replace stringvars(s)')
    s = df["s"].astype(object).to_numpy()
    expected = ~np.isnan(df["y"].to_numpy(float)) & np.array([isinstance(v, str) and v != "" for v in s])
    assert sample.sum() == expected.sum() and not sample[4:6].any()
    sample, _ = _esample_count('replace s = "" in 5/6\nestimates esample: y, replace str(s)')
    assert sample.sum() == expected.sum()


def test_estimates_esample_of_a_string_variable_in_the_varlist_is_empty():
    # marksample without strok: a string variable marks every observation out (mlm had strok)
    sample, _ = _esample_count("estimates esample: s, replace")
    assert not sample.any()
    rc, printed, _ = _run("quietly regress y x1\nestimates esample: y, replace stringvars(nosuch)")
    assert rc == 111, printed


# ------------------------------------------------------------------ the walk
def test_the_walk_is_seeded_covers_every_family_and_leaves_round_16_alone():
    import fuzz_round16_programs as r16

    first = r17.cases(3, 30)
    assert first == r17.cases(3, 30) and {case.command for case in first} == set(r17.FAMILIES)
    assert "frames" in r16.FAMILIES and "mi_impute" not in r16.FAMILIES and "syntax" in r16.WHOLE


def test_the_setup_files_are_not_the_lines_doing(folder):
    # margins ..., saving(mf1, replace) in the setup rewrites mf1.dta each case; a failing line
    # that writes another file is still found
    from fuzz_commands import Finding

    case = Case("x", "full", r17._MARGINS, "combomarginsplot mf2 mf2, nosuch")
    assert r17.run_case(case, folder)[1] == []
    setup_only = Finding("file-written", case, "rc 198 but files changed ['mf1.dta', 'mf2.dta'] added []")
    also_new = Finding("file-written", case, "rc 198 but files changed ['mf1.dta'] added ['comb.dta']")
    assert r17.without_setup_files([setup_only, also_new], case.setup) == [also_new]


def test_generated_lines_find_nothing():
    count = int(os.environ.get("MLM_R17_FUZZ_COUNT", "3"))
    budget = float(os.environ.get("MLM_R17_FUZZ_BUDGET", "20"))
    lines, findings, _ = r17.run_all(r17.cases(17, count, mutated_only=True), budget=budget, out=open(os.devnull, "w"))
    assert lines > 0
    assert not findings, "\n".join(f"{f.kind}: {f.case.line!r}: {f.detail}" for f in findings)


@pytest.mark.parametrize("line, shape", [("pgmhaz8 m [fw=w], id(g) dead(b) seq(t)", "full"),
                                         ("pgmhaz8 m, id(g) dead(b) seq(t) lnvar0(0)", "strings")])
def test_pgmhaz8_frailty_derivatives_do_not_overflow(folder, line, shape):
    # found: the frailty fit's Hessian squared S = sum exp(x b) (~1e160 at a diverging step):
    # overflow (RuntimeWarning, r(9999)); its terms are now squares of S/(1 + v S) <= 1/v.  The
    # fit diverges on these data (a constant ~ 700): convergence not achieved, as ml's
    rc, printed = _case(folder, line, shape=shape)
    assert rc == 430, printed


def test_pgmhaz8_log_terms_match_the_direct_formulas_and_stay_finite():
    from mlmcli.survival.gamma_frailty_hazard import _log_terms

    S, v = np.array([0.0, 0.3, 2.0, 50.0]), 0.7
    B, lb = 1 + v * S, np.log1p(v * S)
    direct = (-lb / v, -1 / B, v / B ** 2, lb / v - S / B, S / B - lb / v + v * S ** 2 / B ** 2, v * S / B ** 2)
    for got, want in zip(_log_terms(S, v), direct):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)
    with np.errstate(over="raise", invalid="raise"):
        huge = _log_terms(np.array([1e160, 1e300]), 2.0)
    assert all(np.all(np.isfinite(t)) for t in huge)
    assert huge[4][0] == pytest.approx(0.5 - math.log1p(2e160) / 2 + 2 * 0.25, rel=1e-12)


def test_mi_impute_poisson_on_one_observation(folder):
    # found: mi impute poisson m x1, add(1) on one observation (m missing there): ZeroDivisionError
    rc, printed = _case(folder, "mi impute poisson m x1, add(1)", (MI,), "one")
    assert rc in (2000, 198), printed


@pytest.mark.parametrize("line", ["by g: gsem (o <- x1) [pw=w], mlogit vce(cluster g)",
                                  "gsem (o <- x1) [pw=w] if g == 1, mlogit vce(cluster g)"])
def test_gsem_multinomial_with_one_cluster_has_missing_robust_errors(folder, line):
    # found: by g: gsem ..., mlogit vce(cluster g) -- one cluster per by-group: N_c/(N_c - 1)
    # divided by zero (r(9999)), then e(rank) took the SVD of a missing V.  As mlogit's: the
    # coefficients, their SEs missing
    rc, printed = _case(folder, line)
    assert rc == 0 and "adjusted for 1 clusters in g" in printed, printed
    rc, printed, session = _run("quietly gsem (o <- x1) [pw=w] if g == 1, mlogit vce(cluster g)\n"
                                "matrix b = e(b)\nquietly mlogit o x1 [pw=w] if g == 1, baseoutcome(1)")
    mlogit_b = session.e.matrices["b"].values[0]
    gsem_b = session.matrices["b"].values[0]
    np.testing.assert_allclose(gsem_b, mlogit_b[2:], rtol=1e-5, atol=1e-6)
    rc, printed, session = _run("quietly gsem (o <- x1) [pw=w] if g == 1, mlogit vce(cluster g)")
    assert np.all(np.isnan(session.e.matrices["V"].values)) and session.e.scalars["rank"] == 0


@pytest.mark.parametrize("line", ["estimates , replace", "estimates, nosuch(1)", "est , replace"])
@pytest.mark.parametrize("fit", ["", "quietly regress y x1\n"])
def test_estimates_with_a_comma_for_its_subcommand_is_unrecognized(line, fit):
    # found: "estimates , replace" replayed the active results and then refused replace, or did
    # nothing (rc 0) without results; estimates.ado's gettoken parse(" ,:") takes the comma as
    # the subcommand: subcommand estimates , is unrecognized, r(198)
    rc, printed, _ = _run(fit + line)
    assert rc == 198 and "subcommand estimates , is unrecognized" in printed and "Coef." not in printed, printed


def test_estimates_alone_still_replays_or_does_nothing():
    rc, printed, _ = _run("estimates")
    assert rc == 0 and not printed.strip()
    rc, printed, _ = _run("quietly regress y x1\nestimates")
    assert rc == 0 and "active results" in printed and "x1 |" in printed


def test_pgmhaz8_not_concave_plateau_stops(folder):
    # found (a hang): pgmhaz8 x1, id(g) dead(b) seq(x1) on the holes data -- ln L flat at
    # -4.287, every step "(not concave)", ml's 16,000 iterations took ~220 s.  As mlm's other ml
    # fits, newton's NOT_CONCAVE_STALL such iterations in a row end it: convergence not achieved.
    # The hang is guarded by counting the iterations (under 1,000), not by a clock.
    from mlmcli.glm.newton import NOT_CONCAVE_STALL

    rc, printed = _case(folder, "pgmhaz8 x1, id(g) dead(b) seq(x1)", shape="holes")
    assert rc == 430, printed
    iterations = [ln for ln in printed.splitlines() if ln.startswith("Iteration")]
    assert NOT_CONCAVE_STALL < len(iterations) < 1000 and iterations[-1].endswith("(not concave)")


@pytest.mark.parametrize("add", ["2147483648", "1001"])
def test_mi_impute_add_past_mi_limit_is_refused(folder, add):
    # found (a hang): mi impute logit mb z, add(2147483648) built 2^31 imputations of the data;
    # M may not exceed 1000 (mi set M's limit, shared: styles.MAX_IMPUTATIONS)
    rc, printed = _case(folder, f"mi impute logit mb z, add({add}) rseed(1) augment", (MI,), "magnitudes")
    assert rc == 198 and "may not exceed 1000" in printed, printed


def test_mi_impute_add_counts_the_imputations_already_there():
    rc, printed, session = _run(MI + "\nmi impute regress m x1, add(999) rseed(1)\n"
                                "capture noisily mi impute regress m x1, add(2)\nlocal rc = _rc\n"
                                "mi impute regress m x1, add(1) rseed(2)")
    assert rc == 0 and "M = 999 + 2 may not exceed 1000" in printed, printed
    assert int(session.data.df["_mi_m"].max()) == 1000


def test_gsem_multinomial_variances_past_the_double_range_are_missing(folder):
    # found: gsem (y <- x1), family(multinomial) on the magnitudes data (x1 ~ 1e-150): scaling
    # V back by 1/scale^2 overflowed (RuntimeWarning, r(9999)); beyond c(maxdouble) is missing
    rc, printed = _case(folder, "gsem (y <- x1), family(multinomial) link(logit)", shape="magnitudes")
    assert rc in (0, 430), printed
    from mlmcli.sem.multinomial import MultinomialData, fit

    X = np.column_stack([np.array([-2.0, -1.0, 0.5, 1.0, 2.0, -0.5, 0.2, 1.5]) * 1e-160, np.ones(8)])
    est = fit(MultinomialData(np.array([0, 0, 1, 1, 1, 0, 1, 0]), 2, 0, X, None, None), points=7,
              robust=False, cluster=None, iterate=50)
    assert np.isfinite(est.b[0]) and abs(est.b[0]) > 1e159 and np.isnan(est.V[0, 0])


def test_gsem_without_latent_variables_on_rescaled_columns_with_pweights(folder):
    # found: gsem (b <- x1) [pw=w], logit on the magnitudes data: the rescaled fit's robust
    # branch took group scores of the top level, which a model without random effects does not
    # have (IndexError, r(9999)); margins' vce(unconditional) refuses such a model anyway
    rc, printed = _case(folder, "gsem (b <- x1) [pw=w], logit", shape="magnitudes")
    assert rc == 0, printed
    _, _, session = _run("quietly gsem (b <- x1) [pw=w], logit\nmatrix g = e(b)\nquietly logit b x1 [pw=w]",
                         "magnitudes")
    np.testing.assert_allclose(session.matrices["g"].values[0], session.e.matrices["b"].values[0], rtol=1e-5)


def test_estat_recovariance_past_the_double_range_is_missing(folder):
    # found: estat recovariance after mixed of values near 1e150: sigma^2 Lambda Lambda'
    # overflowed (RuntimeWarning, r(9999)); beyond c(maxdouble) is missing
    rc, printed = _case(folder, "estat recovariance", ("mixed y x1 || g: c.x1#c.x2",), "magnitudes")
    assert rc == 0 and "Random-effects covariance matrix for level g" in printed, printed
    rc, printed, session = _run("quietly mixed y x1 || g: c.x1#c.x2\nestat recovariance")
    cov = session.e.model.re_covariance(0)  # ordinary data: the product, unchanged
    lam = session.e.model.model.lambdas(session.e.model.theta)[0]
    np.testing.assert_allclose(cov, session.e.model.sigma2 * lam @ lam.T)


def test_margins_mcompare_of_margins_with_missing_variances(folder):
    # found: margins, mcompare(bonferroni) of a margin near 1e150 (its variance missing): the
    # rank of the family's V was the SVD of a missing matrix (LinAlgError, r(9999))
    rc, printed = _case(folder, "margins , pwcompare(groups) mcompare(bonferroni)", ("quietly regress y i.f##i.b x1",),
                        "magnitudes")
    assert rc == 0 and "Bonferroni" in printed, printed
    rc, printed, _ = _run("quietly regress y i.f x1\nmargins f, mcompare(scheffe)")
    assert rc == 0 and "Scheffe" in printed


@pytest.mark.parametrize("vce", ["robust", "cluster g"])
def test_mixed_without_random_effects_takes_a_robust_vce(folder, vce):
    # found: mixed y x1, robust (no random-effects equation) took per-group scores of a top
    # level the model does not have (einsum ValueError, r(9999)); so did vce(cluster) and
    # pweights.  Each observation is its own top-level unit: the sandwich of the ML fit,
    # (X'X)^-1 (G/(G-1) sum_c s_c s_c') (X'X)^-1 with s_c the cluster's sum of x_i e_i
    rc, printed = _case(folder, f"mixed y x1, vce({vce})", shape="magnitudes")
    assert rc in (0, 430), printed
    rc, printed, session = _run(f"mixed y x1, vce({vce}) nolog")
    assert rc == 0, printed
    df = session.data.df
    X = np.column_stack([df["x1"].to_numpy(float), np.ones(len(df))])
    y = df["y"].to_numpy(float)
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ b
    codes = df["g"].to_numpy(float) if vce.startswith("cluster") else np.arange(len(df))
    _, cl = np.unique(codes, return_inverse=True)
    S = np.array([np.bincount(cl.ravel(), weights=X[:, j] * e) for j in range(2)])
    G = S.shape[1]
    bread = np.linalg.inv(X.T @ X)
    V = bread @ (G / (G - 1) * S @ S.T) @ bread
    np.testing.assert_allclose(session.e.matrices["b"].values[0, :2], b, rtol=1e-7)
    np.testing.assert_allclose(np.sqrt(np.diag(session.e.matrices["V"].values)[:2]), np.sqrt(np.diag(V)), rtol=1e-4)


def test_mixed_without_random_effects_with_pweights_matches_gsem():
    rc, printed, session = _run("quietly gsem (y <- x1) [pw=w]\nmatrix Vg = e(V)\nmixed y x1 [pw=w], nolog")
    assert rc == 0, printed
    np.testing.assert_allclose(np.diag(session.e.matrices["V"].values)[:2], np.diag(session.matrices["Vg"].values)[:2],
                               rtol=1e-4)


def test_pgmhaz8_rank_of_a_missing_variance_matrix(folder):
    # found: pgmhaz8 x1 [iw=w] with every spell censored (b = 0) on values near 1e150: V all
    # missing, e(rank) took its SVD (LinAlgError, r(9999)); safe_rank gives 0
    rc, printed = _case(folder, "pgmhaz8 x1 [iw=w], id(g) dead(b) seq(t)",
                        ("capture replace g = 1\ncapture replace f = 1\ncapture replace b = 0",), "magnitudes")
    assert rc == 430, printed
