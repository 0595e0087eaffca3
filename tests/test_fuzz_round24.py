"""Round 24 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round24_lines.py): sem with
latent variables, factor variables and time-series operators in the random-effects equations of
mixed and the me commands, the shared cluster sandwich with one cluster / missing / string
cluster variables, recode with label(), ds, estimates table ranges, xtsum, bcuse and outreg2
sum(log).  Each test is a line the fuzz found, and the behaviour fixed."""
from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import make_frame, run_line_checked as _run  # noqa: E402

_ST = "stset t2, failure(b)"


# ------------------------------------------------------------------ one cluster: missing variances, no SVD of NaN
def test_sem_latent_with_one_cluster_has_missing_standard_errors():
    # found: sem (F -> y x1 x2 t2), vce(cluster k) -- k constant: the sandwich's G/(G-1) is
    # missing, and e(rank) took numpy's SVD of the NaN matrix (LinAlgError, r(9999))
    rc, printed, session = _run("sem (F -> y x1 x2 t2), vce(cluster k)")
    assert rc == 0, printed
    assert "adjusted for 1 clusters in k" in printed
    V = np.asarray(session.e.matrices["V"].values, float)
    fixed = np.asarray(session.e.matrices["V"].colnames) == "y:F"  # [y]F = 1: its row and column are 0
    assert (V[fixed] == 0).all() and (V[:, fixed] == 0).all()
    assert np.isnan(V[np.ix_(~fixed, ~fixed)]).all()
    assert session.e.scalars["rank"] == 0
    assert session.e.scalars["N_clust"] == 1
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    rc, plain, oim = _run("sem (F -> y x1 x2 t2)")  # the point estimates do not depend on the vce
    assert np.allclose(b, np.asarray(oim.e.matrices["b"].values, float).ravel(), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("post", ["estat eqgof", "estat gof, stats(all)", "estat residuals", "predict L, latent"])
def test_sem_latent_one_cluster_postestimation_runs(post):
    rc, printed, _ = _run(post, setup=("quietly sem (F -> y x1 x2 t2), vce(cluster k)",))
    assert rc == 0, printed


@pytest.mark.parametrize("dist", ["weibull", "exponential", "gompertz", "lognormal"])
def test_streg_with_one_cluster_reports_a_missing_wald_test(dist):
    # found: streg x1 ..., cluster(k): the model test took pinv of the NaN sandwich (r(9999))
    rc, printed, session = _run(f"streg x1 x2, distribution({dist}) vce(cluster k)", setup=(_ST,))
    assert rc == 0, printed
    e = session.e.scalars
    assert math.isnan(e["chi2"]) and math.isnan(e["p"])
    assert e["df_m"] == 2  # on every slope, as logit's and poisson's one-cluster tests
    assert "Wald chi2(2)" in printed


# ------------------------------------------------------------------ cluster(a b): _vce_parse's CLuster(varname)
@pytest.mark.parametrize("line,rc", [("glm c x1, cluster(g f)", 103), ("logit b x1, cluster(x*)", 103),
                                     ("poisson c x1, cluster(g nosuch)", 111), ("regress y x1, cluster(x1-x2)", 103)])
def test_old_cluster_option_takes_one_variable(line, rc):
    got, printed, session = _run(line)
    assert got == rc, printed
    assert ("too many variables specified" if rc == 103 else "variable nosuch not found") in printed
    assert session.e is None or session.e.macros.get("cmd") is None


def test_old_cluster_option_abbreviation_is_the_full_name():
    rc, printed, session = _run("logit b x1, cluster(si)")
    assert rc == 0, printed
    assert session.e.macros["clustvar"] == "sid"


# ------------------------------------------------------------------ string cluster variables
def _encoded_twin(line: str) -> str:
    return line.replace("cluster s)", "cluster sn)")


@pytest.mark.parametrize("line", ["sem (y <- x1), vce(cluster s)", "gsem (y <- x1), vce(cluster s)",
                                  "sem (y <- x1 x2) (c <- y), vce(cluster s)", "mixed y x1 || sn:, vce(cluster s)"])
def test_string_cluster_variable_is_its_encoded_twin(line):
    # found: sem/gsem (y <- x1), vce(cluster s) and mixed ..., vce(cluster s) marked every row out
    # ("no observations" r(2000)): the string cluster variable was marked without strok; its
    # empty texts are missing (markout ..., strok), so the fit is encode's numeric twin's
    setup = ("encode s, generate(sn)",)
    rc, printed, session = _run(line, setup=setup)
    assert rc == 0, printed
    rc2, printed2, twin = _run(_encoded_twin(line), setup=setup)
    assert rc2 == 0, printed2
    frame = make_frame("full")
    assert session.e.scalars["N"] == int((frame["s"] != "").sum())
    assert session.e.scalars["N_clust"] == twin.e.scalars["N_clust"] == frame.loc[frame["s"] != "", "s"].nunique()
    assert np.allclose(session.e.matrices["V"].values, twin.e.matrices["V"].values, rtol=1e-7, atol=1e-12)


def test_sem_string_cluster_sandwich_against_numpy():
    # sem (y <- x1) by ML: b is OLS, the clustered sandwich is G/(G-1) (X'X)^-1 (sum_g u_g u_g') (X'X)^-1
    # with u_g the cluster's sum of x_i e_i (the scores of the mean equation, variance profiled out)
    rc, printed, session = _run("sem (y <- x1), vce(cluster s)")
    assert rc == 0, printed
    frame = make_frame("full")
    keep = frame["s"] != ""
    y, x, groups = frame.loc[keep, "y"].to_numpy(), frame.loc[keep, "x1"].to_numpy(), frame.loc[keep, "s"].to_numpy()
    X = np.column_stack([x, np.ones_like(x)])
    beta = np.linalg.solve(X.T @ X, X.T @ y)
    e = y - X @ beta
    bread = np.linalg.inv(X.T @ X)
    labels = sorted(set(groups))
    sums = np.array([(X[groups == g] * e[groups == g, None]).sum(axis=0) for g in labels])
    G = len(labels)
    V = G / (G - 1) * bread @ (sums.T @ sums) @ bread
    names = session.e.matrices["V"].colnames
    got = np.asarray(session.e.matrices["V"].values, float)
    idx = [names.index(n) for n in names if n.endswith("x1") or n.endswith("_cons")][:2]
    assert np.allclose(got[np.ix_(idx, idx)], V, rtol=1e-5)


# ------------------------------------------------------------------ recode label(): LabelOk's value checks
@pytest.mark.parametrize("rule,message", [
    ('(1 = . "sysmiss")', "Value label not allowed for missing value code ."),
    ('(1 = 1.5 "half")', "Value label not allowed for noninteger 1.5"),
    ('(1 = 10 "ten") (else = -0.25 "quarter")', "Value label not allowed for noninteger -0.25"),
    ('(missing = . "m")', "Value label not allowed for missing value code ."),
])
@pytest.mark.parametrize("options", ["generate(q) label(ql)", "generate(q)"])
def test_recode_refuses_labels_recode_ado_refuses(rule, message, options):
    # found: recode f (1 = . "sysmiss"), generate(q) label(ql) made q and an empty label;
    # (1 = 1.5 "half") labelled 1.5 (recode.ado's LabelOk: r(198) before any change)
    rc, printed, session = _run(f"recode f {rule}, {options}")
    assert rc == 198, printed
    assert message in printed
    assert "q" not in session.data.df.columns and "ql" not in session.data.value_labels


def test_recode_labels_extended_missing_codes():
    # .a is not . (LabelOk's `value' == . is false for .a): the label is kept, keyed by .a
    from mlmcli.missing import extended, order_key

    rc, printed, session = _run('recode f (1 = 10 "ten") (2 = .a "refused"), generate(q) label(ql)\ntab q, missing')
    assert rc == 0, printed
    assert session.data.value_labels["ql"] == {10.0: "ten", order_key(extended("a")): "refused"}
    assert "refused" in printed


# ------------------------------------------------------------------ L.i.f in a random-effects equation
@pytest.mark.parametrize("command", ["meqrlogit b x1", "meqrpoisson c x1", "xtmelogit b x1", "xtmepoisson c x1"])
@pytest.mark.parametrize("term", ["L.i.f", "L.c.x1", "L(1/2).i.f"])
def test_meqr_refuses_factor_variables_behind_a_time_series_operator(command, term):
    # found: meqrlogit b x1 || g: L.i.f fitted (uses_factor_variables read only the first
    # operator, L); _mixed_parsecmd's varlist(ts numeric) refuses any fv notation, as for i.f
    rc, printed, session = _run(f"{command} || g: {term}", setup=("xtset g t",))
    assert rc == 198, printed
    assert "must use R. when specifying factor variables in random-effects equations" in printed


def test_mixed_lagged_factor_leaves_its_base_level_out():
    # found: mixed y x1 || g: L.i.f had a column for the base 1bL.f (is_base_or_omitted did not
    # read the marks before a time-series operator); NoOmit drops it as it drops 1b.f
    rc, printed, session = _run("mixed y x1 || g: L.i.f", setup=("xtset g t",))
    assert rc == 0, printed
    assert "var(2L.f)" in printed and "var(3L.f)" in printed and "1bL.f" not in printed
    setup = ("xtset g t", "generate lf = L.f", "generate d2 = lf == 2 if lf < .", "generate d3 = lf == 3 if lf < .")
    rc, plain, twin = _run("mixed y x1 || g: d2 d3", setup=setup)
    assert rc == 0, plain
    assert session.e.scalars["N"] == twin.e.scalars["N"] == 35
    assert session.e.scalars["ll"] == pytest.approx(twin.e.scalars["ll"], rel=1e-7)


@pytest.mark.parametrize("name,base", [("1bL.f", True), ("1bL2.f", True), ("2oL.f", True), ("2L.f", False),
                                       ("1b.f#cL.x", True), ("2.f#cL.x", False), ("cL.x", False), ("L.x", False)])
def test_base_and_omitted_marks_before_a_time_series_operator(name, base):
    from mlmcli.syntax.coefnames import display_name, is_base_or_omitted

    assert is_base_or_omitted(name) is base
    if "L" in name.split(".")[0] and "#" not in name:
        assert display_name(name) == name  # the table's label keeps the operator as before


# ------------------------------------------------------------------ xtsum's varlist(ts)
@pytest.mark.parametrize("varlist", ["i.f", "c.y", "f#g", "y i.f", "L.i.f"])
def test_xtsum_refuses_factor_variables(varlist):
    # found: xtsum i.f was "variable i.f not found" r(111); xtsum.ado's syntax [varlist(ts)]
    rc, printed, _ = _run(f"xtsum {varlist}", setup=("xtset g t",))
    assert rc == 101, printed
    assert "factor variables not allowed" in printed


def test_xtsum_lagged_variable_is_its_lag():
    rc, printed, session = _run("xtsum L.y", setup=("xtset g t",))
    assert rc == 0, printed
    frame = make_frame("full")
    lag = frame.groupby("g")["y"].shift(1).dropna()
    assert session.r["N"] == len(lag) == 35
    assert session.r["mean"] == pytest.approx(lag.mean(), rel=1e-12)
    assert session.r["sd"] == pytest.approx(lag.std(ddof=1), rel=1e-10)


# ------------------------------------------------------------------ estimates table ranges over the table's rows
_AB = ("quietly regress y x1 i.f", "estimates store A", "quietly regress y x2", "estimates store B")


def _table_rows(printed: str) -> list[str]:
    body = printed.rsplit("Variable |", 1)[1]
    return [ln.split("|")[0].strip() for ln in body.splitlines()[2:] if "|" in ln and not ln.startswith("-")]


def test_estimates_table_range_runs_over_the_rows_as_shown():
    # found: keep(x2-_cons) over A (x1 i.f _cons) and B (x2 _cons) was "coefficient x2-_cons does
    # not appear": the range was read in the models' merged order (_cons before x2), while the
    # table shows x2 before the constant
    rc, printed, _ = _run("estimates table A B", setup=_AB)
    assert _table_rows(printed) == ["x1", "f", "mid", "3", "x2", "_cons"]
    rc, printed, _ = _run("estimates table A B, keep(x2-_cons)", setup=_AB)
    assert rc == 0, printed
    assert _table_rows(printed) == ["x2", "_cons"]
    rc, printed, _ = _run("estimates table A B, drop(3.f-x2)", setup=_AB)
    assert rc == 0, printed
    assert _table_rows(printed) == ["x1", "f", "mid", "_cons"]


def test_estimates_table_range_across_equations():
    # found: keep(2:x2-3:x1) after mlogit showed 2:x2 alone (the range's second equation was read
    # as the item's equation); _unab ..., matrix(b) runs from 2:x2 to 3:x1 in e(b)'s order
    setup = ("quietly mlogit o x1 x2, baseoutcome(1)", "estimates store M")
    rc, printed, session = _run("estimates table M, keep(2:x2-3:x1) b(%12.8f)", setup=setup)
    assert rc == 0, printed
    assert _table_rows(printed) == ["2", "x2", "_cons", "3", "x1"]
    b = session.e.matrices["b"]  # M is the active estimates
    row = [ln for ln in printed.splitlines() if ln.strip().startswith("x1 |")][-1]
    x1 = float(np.asarray(b.values, float).ravel()[list(b.colnames).index("3:x1")])
    assert float(row.split("|")[1]) == pytest.approx(x1, abs=1e-7)
    rc, printed, _ = _run("estimates table M, keep(3:x1-2:x2)", setup=setup)
    assert rc == 111 and "coefficient 3:x1-2:x2 does not appear in any of the models" in printed


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round24_walk_finds_nothing():
    """Mutated lines of the quick families (budgeted; the full walk, the me commands' family
    too, is ``python3 tests/fuzz_round24_lines.py``).  bcuse is served from the run's folder."""
    import fuzz_round16_programs as r16
    import fuzz_round24_lines as r24
    from mlmcli.commands.data import web as web_commands

    prefix = web_commands.BCUSE_PREFIX
    sample = r24.cases(24, 3, {"datacmds", "cluster", "semlatent"}, mutated_only=True)
    lines, found, _ = r16.run_all(sample, budget=float(os.environ.get("MLM_R24_FUZZ_BUDGET", "15")),
                                  runner=r24.run_case)
    assert web_commands.BCUSE_PREFIX == prefix
    assert lines > 0 and not found, "\n".join(f"{f.kind}: {f.case.line!r} {f.detail}" for f in found)


# ------------------------------------------------------------------ glm's IRLS start at a zero mean
@pytest.mark.parametrize("line", ["glm c x1, family(poisson)", "glm c x1, family(poisson) vce(cluster y)",
                                  "glm c, family(nbinomial) link(log)"])
def test_glm_log_link_start_at_a_zero_mean_is_no_floating_point_error(line):
    # found: by g: glm c x1, fami(poisson) vce(cluster y) on one observation with c = 0: the
    # starting mean (y + mean y)/2 is 0 and ln(0) raised under the suite's warning rule (r(9999));
    # the start falls back to b = 0 as it does for any undefined link value
    rc, printed, session = _run(line, shape="one")
    assert rc == 0, printed
    b = dict(zip(session.e.matrices["b"].colnames, np.asarray(session.e.matrices["b"].values, float).ravel()))
    assert b["c:_cons" if "c:_cons" in b else "_cons"] < -10  # the mean of an all-zero count goes to 0


# ------------------------------------------------------------------ the shared sandwich past the double range, one record, nl
def test_nl_with_one_cluster_has_missing_standard_errors_and_the_models_rank():
    # found: nl (y = {a} + {b}*x1), vce(cluster k): e(rank) took numpy's SVD of the missing
    # sandwich (LinAlgError, r(9999)); e(rank) is J'J's, as logit's and regress's are the model's
    rc, printed, session = _run("nl (y = {a} + {b}*x1), vce(cluster k)")
    assert rc == 0, printed
    assert np.isnan(np.asarray(session.e.matrices["V"].values, float)).all()
    assert session.e.scalars["rank"] == 2 and session.e.scalars["N_clust"] == 1
    frame = make_frame("full")
    slope, intercept = np.polyfit(frame["x1"], frame["y"], 1)
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    assert b == pytest.approx([intercept, slope], rel=1e-6)


@pytest.mark.parametrize("vce", ["vce(robust)", "vce(cluster g)", "cluster(k)"])
def test_streg_robust_on_one_record_is_missing_not_a_floating_point_error(vce):
    # found: streg x1, distribution(weibull) cluster(k) on one record: ln_p diverges, the scores'
    # differences are inf - inf (r(9999) under the warning rule; the Hessian's were already
    # computed under errstate); the fit ends as the OIM one does, r(430), the SEs missing
    rc, printed, session = _run(f"streg x1, distribution(weibull) {vce}", setup=(_ST,), shape="one")
    assert rc == 430, printed
    assert "convergence not achieved" in printed
    rc_oim, oim, _ = _run("streg x1, distribution(weibull)", setup=(_ST,), shape="one")
    assert rc_oim == 430, oim


@pytest.mark.parametrize("vce", ["vce(robust)", "vce(cluster g)", "vce(cluster k)", "cluster(m)"])
def test_sandwich_past_the_double_range_is_missing(vce):
    # found: heckman y x1, select(b = x2) vce(cluster g) on y near 1e150: the diverged fit's scores
    # overflow and robust.cluster_sandwich's products raised (inf * 0, r(9999)); a product past the
    # double range is now missing, as Stata's matrix arithmetic gives ., and the fit ends r(430) as
    # its OIM fit does
    rc, printed, _ = _run(f"heckman y x1, select(b = x2) {vce}", shape="magnitudes")
    assert rc == 430, printed
    rc_oim, oim, _ = _run("heckman y x1, select(b = x2)", shape="magnitudes")
    assert rc_oim == 430, oim


def test_sandwich_maps_overflow_to_missing():
    from mlmcli.robust.cluster_sandwich import cluster_sandwich

    bread = np.array([[1.0, 0.0], [0.0, 1e-300]])
    scores = np.array([[1e200, 1.0], [1e200, 2.0], [-3.0, 1e-10]])
    V = cluster_sandwich(bread, scores, np.array([0, 0, 1]))
    assert np.isnan(V[0, 0]) and not np.isinf(V).any()  # (2e200)^2 is past the double range: missing
    S = scores.copy()
    S[:, 0] = [1.0, 2.0, -3.0]
    sums = np.array([S[:2].sum(axis=0), S[2]])
    assert cluster_sandwich(bread, S, np.array([0, 0, 1]))[0, 0] == pytest.approx(2 * (sums.T @ sums)[0, 0])


@pytest.mark.parametrize("options", ["", ", small", ", liml", ", cluster(s)", ", robust"])
def test_ivreg2_variance_past_the_double_range_is_missing(options):
    # found: ivreg2 y (x1 = x2), cluster(s) on y near 1e150 and x1 near 1e-150: sigma2 (A^-1) and
    # the sandwich overflow (r(9999) under the warning rule); such a variance is missing (z and
    # the interval too) -- robust's own r(506) "matrix not positive definite" is unchanged
    rc, printed, session = _run(f"ivreg2 y (x1 = x2){options}", shape="magnitudes")
    if "robust" in options or "cluster" in options:
        assert rc in (0, 506), printed
        return
    assert rc == 0, printed
    row = [ln for ln in printed.splitlines() if ln.strip().startswith("x1 |")][-1]
    assert row.split("|")[1].split()[1:] == [".", ".", ".", ".", "."]
    V = np.asarray(session.e.matrices["V"].values, float)
    assert np.isnan(V[0, 0]) and not np.isinf(V).any()


@pytest.mark.parametrize("options", ["", " cluster(b)", " vce(robust)"])
def test_ppmlhdfe_constant_depvar_near_two_to_the_53_standardizes_quietly(options):
    # found: ppmlhdfe c x1, absorb(f) cluster(b) with c constant near 2^53: reghdfe_standardize's
    # sum of squares less n mean^2 rounds below 0 and its sqrt raised (r(9999)); that divisor is
    # missing, the 1e-3 floor, as a NaN one already was
    rc, printed, _ = _run(f"ppmlhdfe c x1, absorb(f){options}", shape="magnitudes")
    assert rc == 0, printed


def test_ppmlhdfe_standardize_divisors():
    from mlmcli.panel.poisson_absorb import standardize

    A = np.column_stack([np.full(40, 9007199254740993.0), np.arange(40.0), np.zeros(40)])
    sd = standardize(A)
    assert sd[0] == 1e-3 and sd[2] == 1e-3
    assert sd[1] == pytest.approx(np.arange(40.0).std(ddof=1), rel=1e-12)


@pytest.mark.parametrize("shape", ["full", "strings", "extmiss"])
def test_sem_mlmv_with_a_variable_never_observed_is_no_observations(shape):
    # found: sem (F -> y x1 z), method(mlmv) with z all missing: the saturated moments by EM left
    # z's row missing and the rank check took its SVD (LinAlgError, r(9999)); method(ml) already
    # says "no observations" (listwise), and mlmv has no moments for such a variable either
    rc, printed, session = _run("sem (F -> y x1 z), method(mlmv)", shape=shape)
    assert rc == 2000, printed
    assert "no observations" in printed
    rc, printed, _ = _run("sem (F -> y x1 t2 m), method(mlmv) iterate(5)", shape=shape)
    assert rc in (0, 430), printed  # m 70% missing is observed somewhere: it fits
