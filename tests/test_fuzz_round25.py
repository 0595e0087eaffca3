"""Round 25 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round25_lines.py): sem group(),
extended missing values as grouping keys, the me commands' Stata 15 names and estat sd, factor
variables in ml model, clogit/xtlogit/xtpoisson fe on odd groups, mi estimate saving(), order,
move, encode label(), table, egen wtmean and tabm.  Each test is a line the fuzz found, and the
behaviour fixed."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import make_frame, run_line_checked as _run  # noqa: E402


def _varnames(session) -> list[str]:
    return list(session.data.varnames)


# ------------------------------------------------------------------ order y, before(): an empty varname option
@pytest.mark.parametrize("line,same_as", [("order y x1, before()", "order y x1"),
                                          ("order s, after(y) before()", "order s, after(y)"),
                                          ("order s, after() last", "order s, last"),
                                          ("order s, b()", "order s")])
def test_order_with_an_empty_before_or_after_is_not_typed(line, same_as):
    # found: order y, before() -- AttributeError (r(9999)); order.ado's Before(varname) typed empty
    # is not typed (as mlm's syntax reads an empty varname option), so the default placement
    rc, printed, session = _run(line)
    assert rc == 0, printed
    rc, printed, expected = _run(same_as)
    assert rc == 0, printed
    assert _varnames(session) == _varnames(expected)


# ------------------------------------------------------------------ by g: tabm
def test_tabm_under_by_tabulates_each_groups_stacked_rows():
    # found: by g: tabm b f -- the inner tabulate ran on the stacked rows under the 40-row by mask
    # (ValueError, r(9999)); tabm.ado is byable(recall): the group is in the sample, the stacked
    # tabulate runs without by
    rc, printed, session = _run("by g: tabm b f")
    assert rc == 0, printed
    frame = make_frame("full")
    blocks = printed.split("-> g = ")[1:]
    assert len(blocks) == 5
    for block, (_, rows) in zip(blocks, frame.groupby("g", sort=True)):
        stacked = pd.DataFrame({"var": ["b"] * len(rows) + ["f"] * len(rows),
                                "val": np.concatenate([rows["b"], rows["f"]])})
        want = pd.crosstab(stacked["var"], stacked["val"])
        for var in ("b", "f"):
            line = next(ln for ln in block.splitlines() if ln.strip().startswith(f"{var} |"))
            counts = [int(v) for v in line.split("|")[1].split()]
            assert counts == [int(want.loc[var].get(v, 0)) for v in (0.0, 1.0, 2.0, 3.0)], block
    assert session.by_mask is None and session.by_vars == ()
    assert _varnames(session)[:3] == ["y", "x1", "x2"]  # the data put back


def test_tabm_replace_is_still_refused_under_by():
    rc, printed, _ = _run("by g: tabm b f, replace")
    assert rc == 198 and "replace not allowed with by:" in printed


# ------------------------------------------------------------------ mi estimate, saving(): no file from a refused combination
_MI = ("generate double m1 = cond(missing(m), x1, m)", "generate double m2 = cond(missing(m), x2, m)",
       "mi import wide, imputed(m = m1 m2)")


def test_mi_estimate_saving_writes_nothing_when_the_combination_is_refused(tmp_path, monkeypatch):
    # found: mi estimate, saving(out.txt, replace): regress y m on the holes shape -- the samples
    # differ across imputations (r(459)) but out.txt had already been overwritten with the fits
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.txt").write_bytes(b"planted\n")
    rc, printed, session = _run("mi estimate, saving(out.txt, replace): regress y m", setup=_MI, shape="holes")
    assert rc == 459, printed
    assert (tmp_path / "out.txt").read_bytes() == b"planted\n"
    assert session.e is None
    rc, printed, session = _run("mi estimate, saving(est1): regress y m", setup=_MI, shape="holes")
    assert rc == 459 and not (tmp_path / "est1.ster").exists()


def test_mi_estimate_saving_still_saves_each_imputation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    setup = _MI + ("mi estimate, saving(est1): regress y m x1",)
    rc, printed, session = _run("estimates use est1, number(2)", setup=setup)
    assert rc == 0, printed
    frame = make_frame("full")
    m2 = np.where(frame["m"].isna(), frame["x2"], frame["m"])
    X = np.column_stack([m2, frame["x1"], np.ones(len(frame))])
    b = np.linalg.lstsq(X, frame["y"].to_numpy(), rcond=None)[0]
    got = np.asarray(session.e.matrices["b"].values, float).ravel()
    assert np.allclose(got, b, rtol=1e-9, atol=1e-12)
    rc, printed, _ = _run("mi estimate, saving(est1): regress y m", setup=_MI)
    assert rc == 602 and "already exists" in printed  # checked before any fit, as before


# ------------------------------------------------------------------ ml model (y = i(1 3).f)
_PROBIT = ("program define myprobit\nargs lnf xb\nquietly replace `lnf' = ln(normal(`xb')) if $ML_y1 == 1\n"
           "quietly replace `lnf' = ln(normal(-`xb')) if $ML_y1 == 0\nend")


@pytest.mark.parametrize("term", ["i(1 3).f", "i( 1 3 ).f", "i(2 3).f x1"])
def test_ml_model_reads_a_level_list_with_blanks_as_a_factor_variable(term):
    # found: ml model lf myprobit (b = i(1 3).f) -- "factor variables and time-series operators
    # not allowed" r(101): uses_factor_variables split i(1 3).f at its blank and saw no operator
    import statsmodels.api as sm

    rc, printed, session = _run(f"ml model lf myprobit (b = {term}), maximize", setup=(_PROBIT,))
    assert rc == 0, printed
    frame = make_frame("full")
    levels = [int(v) for v in term[term.index("(") + 1:term.index(")")].split()]
    cols = [(frame["f"] == lv).astype(float) for lv in levels[1:]]  # the first listed level is the base
    if "x1" in term:
        cols.append(frame["x1"])
    X = np.column_stack(cols + [np.ones(len(frame))])
    fit = sm.Probit(frame["b"].to_numpy(), X).fit(disp=0, tol=1e-12)
    b = session.e.matrices["b"]
    got = np.asarray(b.values, float).ravel()[["b." not in name for name in b.colnames]]
    assert np.allclose(got, fit.params, rtol=1e-5, atol=1e-6)
    rc, printed, probit = _run(f"probit b {term}")  # the base level as probit's (mlm's fv reading)
    assert np.allclose(np.asarray(probit.e.matrices["b"].values, float).ravel(), np.asarray(b.values, float).ravel(),
                       rtol=1e-5, atol=1e-6)


def test_uses_factor_variables_keeps_parenthesized_level_lists_whole():
    from mlmcli.factor_terms import uses_factor_variables

    assert uses_factor_variables("i(1 3).f") and uses_factor_variables("x1 i( 2 3 ).f x2")
    assert not uses_factor_variables("x1 (x2 x3)") and not uses_factor_variables("L(1 2).x1")


# ------------------------------------------------------------------ clogit: a trial point whose group sums underflow
@pytest.mark.parametrize("line,setup", [("clogit b x1 x2, group(g) or", ()), ("xtlogit b x1 x2, fe", ("xtset g t",))])
def test_clogit_separating_fit_runs_on_to_huge_coefficients(line, setup):
    # found: clogit b x1 x2, group(g) or on the holes shape (10 rows in 3 groups, separated): a
    # line-search point put every 2-subset product of the group's weights below the smallest
    # double, F = 0 and G / F raised "divide by zero" (r(9999)); then r(430).  The recursion
    # is now carried in log space, and the fit runs on as ml does (clogit.ado has no
    # perfect-prediction check): ln L towards 0, a table of huge coefficients
    rc, printed, session = _run(line, setup=setup, shape="holes")
    assert rc == 0, printed
    assert abs(session.e.scalars["ll"]) < 1e-6


def test_clogit_underflowing_group_sum_keeps_a_finite_log_likelihood():
    from scipy.special import logsumexp

    from mlmcli.commands.estimation.conditional import finite_derivatives
    from mlmcli.conditional_group_batches import clogit_sums

    X = np.array([[0.0], [-800.0], [-800.0]])  # one group, 2 positives: every pair product below 1e-308
    y = np.array([1.0, 1.0, 0.0])
    with np.errstate(divide="raise", over="raise", invalid="raise"):
        ll, g, H = finite_derivatives(clogit_sums)(X, y, np.arange(3), np.array([0, 3]), np.array([1.0]))
    pairs = np.array([0.0 - 800.0, 0.0 - 800.0, -1600.0])  # the three 2-subsets' sums of eta
    assert ll == pytest.approx(-800.0 - logsumexp(pairs), abs=1e-9)
    shares = np.exp(pairs - logsumexp(pairs))  # each subset's share of the denominator
    assert g[0] == pytest.approx(-800.0 - shares @ pairs, abs=1e-9)  # x = eta here (b = 1)
    assert np.isfinite(H).all()


# ------------------------------------------------------------------ ml with a missing sandwich: e(rank) without an SVD of NaN
@pytest.mark.parametrize("vce", ["[pw=w]", ", vce(cluster k)"])
def test_ml_with_a_missing_sandwich_posts_the_models_rank(vce):
    # found: ml model lf myprobit (b = x1 i.f) [pw=w], maximize on one observation: the sandwich's
    # n/(n-1) is missing and e(rank) took numpy's SVD of it (LinAlgError, r(9999)); e(rank) is now
    # the model's (-H's), as logit's and nl's are (round 24)
    model = f"ml model lf myprobit (b = x1 x2) {vce}".replace(" ,", ",")
    model += " maximize" if "," in model else ", maximize"
    shape = "one" if "pw" in vce else "full"
    rc, printed, session = _run(model, setup=(_PROBIT,), shape=shape)
    assert rc == 0, printed
    V = np.asarray(session.e.matrices["V"].values, float)
    assert not np.isfinite(V).all()
    if shape == "full":  # one cluster: the model's rank is the three parameters of the OIM fit
        rc, printed, oim = _run("ml model lf myprobit (b = x1 x2), maximize", setup=(_PROBIT,))
        assert session.e.scalars["rank"] == oim.e.scalars["rank"] == 3
        assert np.allclose(np.asarray(session.e.matrices["b"].values, float), np.asarray(oim.e.matrices["b"].values, float))
    rc, printed, _ = _run("ml display, noemptycells vsquish", setup=(_PROBIT, model), shape=shape)
    assert rc == 0, printed


# ------------------------------------------------------------------ sem group() method(mlmv): a group without a variable's values
@pytest.mark.parametrize("line,shape,rc", [
    ("sem (y <- x1 m), method(mlmv) group(f)", "one", 2000),          # m never observed in the one group
    ("sem (y <- x1 m) if f == .b, method(mlmv) group(b)", "extmiss", 2000),
    ("sem (y <- x1 m) if f == 2, method(mlmv) group(b)", "extmiss", 2000),
    ("sem (y <- x1 m), method(mlmv) group(f)", "extmiss", 506),       # a group's observed block singular
])
def test_sem_group_mlmv_degenerate_groups_are_stata_errors(line, shape, rc):
    # found: sem (y <- x1 m), group(f) method(mlmv) on the one and extmiss shapes -- the EM's
    # saturated moments inverted a singular observed block (LinAlgError "Singular matrix") or met
    # a group where m is never observed (NaN moments, "SVD did not converge"), r(9999).  As the
    # one-group mlmv fit: a variable never observed is "no observations" r(2000); singular
    # saturated moments r(506)
    got, printed, session = _run(line, shape=shape)
    assert got == rc, printed
    assert ("no observations" if rc == 2000 else "covariance matrix is singular") in printed


def test_em_saturated_stops_at_a_singular_observed_block():
    from mlmcli.sem.latent_model import em_saturated

    Y = np.array([[1.0, 2.0, np.nan], [1.0, 2.0, 3.0], [1.0, 2.0, np.nan]])  # column 0 constant
    mu, Sigma = em_saturated(Y, np.isfinite(Y))
    assert np.linalg.matrix_rank(Sigma) < 3


# ------------------------------------------------------------------ predict after sem when a model variable was dropped
@pytest.mark.parametrize("fit,change,missing", [
    ("quietly sem (F -> y x1 x2 t2), group(b)", "drop b", "b"),
    ("quietly sem (F -> y x1 x2 t2), group(b)", "rename y yy", "y"),
    ("quietly sem (y <- x1 x2), group(b)", "drop x1", "x1"),
    ("quietly sem (F -> y x1 x2 t2)", "drop t2", "t2"),
])
def test_predict_after_sem_with_a_dropped_variable_is_not_found(fit, change, missing):
    # found by hand after the semgroup family: quietly sem ..., group(b) / drop b / predict p*, xb
    # -- KeyError (r(9999)); predict needs the fit's variables and group variable: r(111)
    rc, printed, session = _run("predict p*, xb", setup=(fit, change))
    assert rc == 111 and f"variable {missing} not found" in printed
    assert not any(v.startswith("p") for v in session.data.varnames)


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round25_walk_finds_nothing():
    """Mutated lines of the quick families (budgeted; the full walk, sem group() and the me and
    ml families too, is ``python3 tests/fuzz_round25_lines.py``)."""
    import fuzz_round16_programs as r16
    import fuzz_round25_lines as r25

    cwd = os.getcwd()
    sample = r25.cases(25, 3, {"datacmds", "extkeys", "fegroups", "misaving"}, mutated_only=True)
    lines, found, _ = r16.run_all(sample, budget=float(os.environ.get("MLM_R25_FUZZ_BUDGET", "15")),
                                  runner=r25.run_case)
    assert os.getcwd() == cwd
    assert lines > 0 and not found, "\n".join(f"{f.kind}: {f.case.line!r} {f.detail}" for f in found)


# ------------------------------------------------------------------ xtpoisson fe with a Hessian that underflows to singular
@pytest.mark.parametrize("line", ["bysort f: xtpoisson c x1, fe offset(x2)", "xtpoisson c x1 if f == 1, fe offset(x2)",
                                  "xtpoisson c x1 if f == 1, fe offset(x2) vce(robust)"])
def test_conditional_fit_with_a_singular_hessian_has_missing_variances(line):
    # found: bysort f: xtpoisson c x1, fe offset(x2) on the magnitudes shape (x1 near 1e-150,
    # the offset near 1e15): -H is exactly singular at the end and its inverse raised
    # LinAlgError (r(9999)); the variances are missing, as glm's, and the fit ends as ml's
    rc, printed, session = _run(line, setup=("xtset g t",), shape="magnitudes")
    assert rc in (0, 430), printed
    if "bysort" not in line:
        V = np.asarray(session.e.matrices["V"].values, float)
        assert np.isnan(V).all()


def test_conditional_variance_stays_the_inverse_where_minus_h_is_regular():
    # xtpoisson fe's slopes and variances equal the Poisson fit with panel dummies (statsmodels)
    import statsmodels.api as sm

    rc, printed, session = _run("xtpoisson c x1 x2, fe", setup=("xtset g t",))
    assert rc == 0, printed
    frame = make_frame("full")
    X = np.column_stack([frame["x1"], frame["x2"], pd.get_dummies(frame["g"]).to_numpy(float)])
    fit = sm.Poisson(frame["c"].to_numpy(), X).fit(disp=0, method="newton", tol=1e-12)
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    V = np.asarray(session.e.matrices["V"].values, float)
    assert np.allclose(b, fit.params[:2], rtol=1e-6)
    assert np.allclose(V, np.asarray(fit.cov_params())[:2, :2], rtol=1e-5)
