"""Round 19's leftovers (docs/command_fuzz.md): xtreg fe/be, xtgls and sem/gsem on a depvar near
the largest double; ``=exp`` after a varlist of a command whose syntax has none;
``vce(cluster var, opts)``; mi impute pmm's knn() above the donors there are."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import make_frame, run_line_checked  # noqa: E402

_run = run_line_checked
XT = "xtset g t"


# ------------------------------------------------------------------ a depvar near 8.98e307
def _within_slope(frame) -> float:
    """xtreg, fe's slope on x1: OLS of the panel-demeaned y on the panel-demeaned x1."""
    dm = frame[["y", "x1"]] - frame.groupby("g")[["y", "x1"]].transform("mean")
    return float(dm["x1"] @ dm["y"] / (dm["x1"] @ dm["x1"]))


@pytest.mark.parametrize("options", ["fe", "fe vce(robust)", "be"])
def test_xtreg_fe_and_be_on_a_depvar_near_the_largest_double_fit_in_scaled_units(options):
    # found (the huge shape, y up to 8.98e307): y's grand mean and the residuals' squares left
    # the double range (RuntimeWarning, r(9999)).  Fitted on y / 2^k and mapped back, exactly:
    # b, sigma_u, sigma_e, rmse times 2^k; ln L less N k ln 2; R2, F, rho unchanged; V past the
    # range missing
    rc, printed, small = _run(f"xtreg y x1, {options}", (XT,))
    assert rc == 0, printed
    s = 2.0 ** 1020
    rc, printed, big = _run(f"xtreg yb x1, {options}", ("generate double yb = y * 2^1020", XT))
    assert rc == 0, printed
    es, eb = small.e, big.e
    assert np.allclose(eb.matrices["b"].values / s, es.matrices["b"].values, rtol=1e-10)
    n = es.scalars["N_g"] if options == "be" else es.scalars["N"]
    assert eb.scalars["ll"] + n * np.log(s) == pytest.approx(es.scalars["ll"], rel=1e-10)
    for key in ("r2", "F", "rho", "corr", "r2_o"):
        if key in es.scalars and np.isfinite(es.scalars[key]):
            assert eb.scalars[key] == pytest.approx(es.scalars[key], rel=1e-9), key
    for key in ("sigma_u", "sigma_e", "rmse"):
        if key in es.scalars:
            assert eb.scalars[key] / s == pytest.approx(es.scalars[key], rel=1e-10), key
    assert np.all(np.isnan(eb.matrices["V"].values))  # 4^1020 V: past the range, missing
    if options.startswith("fe"):
        assert eb.matrices["b"].values[0, 0] / s == pytest.approx(_within_slope(make_frame("full")), rel=1e-10)


@pytest.mark.parametrize("options", ["fe", "be"])
def test_xtreg_scaled_fit_maps_the_variance_back_where_it_fits(options):
    # y * 2^500 (past 2^480: the scaled path) keeps V * 4^500 inside the range
    rc, _, small = _run(f"xtreg y x1, {options}", (XT,))
    rc2, printed, big = _run(f"xtreg yb x1, {options}", ("generate double yb = y * 2^500", XT))
    assert rc == rc2 == 0, printed
    assert np.allclose(big.e.matrices["V"].values / 2.0 ** 1000, small.e.matrices["V"].values, rtol=1e-10)
    assert big.e.scalars["rss"] / 2.0 ** 1000 == pytest.approx(small.e.scalars["rss"], rel=1e-10)


@pytest.mark.parametrize("line", ["xtreg y x1 x2, fe vce(robust)", "xtreg y x1, be", "xtgls y x1"])
def test_the_huge_shape_lines_run(line):
    rc, printed, _ = _run(line, (XT,), "huge")
    assert rc == 0 and "y |" in printed, printed


@pytest.mark.parametrize("options", ["", ", igls", ", panels(hetero)"])
def test_xtgls_on_a_depvar_near_the_largest_double_fits_in_scaled_units(options):
    # found: e'e of the first-stage residuals overflowed (RuntimeWarning, r(9999))
    rc, _, small = _run(f"xtgls y x1{options}", (XT,))
    rc2, printed, big = _run(f"xtgls yb x1{options}", ("generate double yb = y * 2^1020", XT))
    assert rc == rc2 == 0, printed
    s = 2.0 ** 1020
    assert np.allclose(big.e.matrices["b"].values / s, small.e.matrices["b"].values, rtol=1e-9)
    assert big.e.scalars["rank"] == small.e.scalars["rank"] == 2  # from V before it was scaled back
    assert "Estimated coefficients     =         2" in printed
    if "ll" in small.e.scalars:
        assert big.e.scalars["ll"] + 40 * np.log(s) == pytest.approx(small.e.scalars["ll"], rel=1e-10)
    # the variances where they fit: 2^500
    rc, _, mid = _run(f"xtgls yb x1{options}", ("generate double yb = y * 2^500", XT))
    assert np.allclose(mid.e.matrices["V"].values / 2.0 ** 1000, small.e.matrices["V"].values, rtol=1e-9)
    assert np.allclose(mid.e.matrices["Sigma"].values / 2.0 ** 1000, small.e.matrices["Sigma"].values, rtol=1e-9)


@pytest.mark.parametrize("line", ["gsem (y <- x1 L1[g]), vce(robust)", "gsem (y <- x1)", "sem (y <- x1)"])
def test_sem_with_an_error_variance_past_the_double_range_is_initial_values_not_feasible(line):
    # found: r'r of the equation-by-equation start overflowed (RuntimeWarning, r(9999)); var(e.y)
    # near 1e614 has no double to hold it: ml's "initial values not feasible" r(1400)
    rc, printed, session = _run(line, ("estimates clear",), "huge")
    assert rc == 1400 and "initial values not feasible" in printed, printed
    assert session.data.df["y"].max() == pytest.approx(8.98e307)  # the data as they were


# ------------------------------------------------------------------ =exp after a varlist
@pytest.mark.parametrize("line", ["summarize x1 = 3", "centile x1 = 3", "tabulate x1 = 1", "list x1 = 2",
                                  "summarize x1=3", "tab f x1 == 1", "regress y x1 = 2", "sort x1 = 1",
                                  "codebook x1 =3", "by g: summarize x1 = 3", "drop x1 = 1", "tabstat x1 = 2"])
def test_an_exp_after_a_varlist_is_exp_not_allowed(line):
    # found: "variable = not found" r(111); Stata's syntax refuses an =exp the command's syntax
    # lacks: "=exp not allowed" r(101).  Dataset.expand_varlist, which every command's varlist reads
    rc, printed, session = _run(line)
    assert rc == 101 and "=exp not allowed" in printed, printed
    assert list(session.data.varnames)[:3] == ["y", "x1", "x2"]  # drop/sort left the data alone
    assert session.data.df["x1"].equals(make_frame("full")["x1"])


def test_a_variable_before_the_exp_is_still_checked_first():
    rc, printed, _ = _run("summarize nosuch = 3")
    assert rc == 111 and "variable nosuch not found" in printed, printed


@pytest.mark.parametrize("line", ["generate q = x1 * 2", "replace y = 1 in 1", "egen q = mean(x1)",
                                  "ttest x1 = 0", "signrank x1 = 0"])
def test_commands_with_an_exp_keep_it(line):
    rc, printed, _ = _run(line)
    assert rc == 0, printed


# ------------------------------------------------------------------ vce(cluster var, opts)
@pytest.mark.parametrize("line, message", [
    ("regress y x1, vce(cluster g, nosuch)", "option nosuch not allowed"),
    ("logit b x1, vce(cluster g, nosuch)", "option nosuch not allowed"),
    ("mixed y x1 || g:, vce(cluster g, nosuch)", "option nosuch not allowed"),
    ("regress y x1, vce(cluster g, min(1))", "option min() not allowed"),
    ("poisson c x1, vce(cl g,exact)", "option exact not allowed"),
    ("xtreg y x1, fe vce(cluster g, nosuch)", "option nosuch not allowed"),
    ("xtreg y x1, re vce(cluster g, nosuch)", "option nosuch not allowed"),
    ("xtreg y x1, be vce(cluster g, nosuch)", "vcetype 'cluster' not allowed"),
])
def test_options_inside_vce_cluster_are_refused_by_name(line, message):
    # found: "variable g, not found" r(111).  _vce_parse runs confirm var on the words after
    # cluster: confirm variable takes only exact, and the unab after it none, so any option is
    # "option name not allowed" r(198)
    rc, printed, _ = _run(line, (XT,))
    assert rc == 198 and message in printed, printed


def test_a_bare_comma_after_the_cluster_variable_is_vce_cluster():
    rc, printed, with_comma = _run("regress y x1, vce(cluster g,)")
    rc2, _, plain = _run("regress y x1, vce(cluster g)")
    assert rc == rc2 == 0, printed
    assert np.allclose(with_comma.e.matrices["V"].values, plain.e.matrices["V"].values)
    assert with_comma.e.macros["clustvar"] == "g"


# ------------------------------------------------------------------ pmm knn() above the donors
def test_pmm_knn_above_the_observed_count_draws_from_every_donor():
    # left as it is (u_mi_impute_cmd_pmm_parse.ado 1.0.2 checks knn() only for a positive integer;
    # the donor step is in compiled Mata that no public source shows): knn(50) with 11 donors
    # draws from all 11, each imputed value one of the observed ones
    setup = ("mi set wide", "mi register imputed m", "mi register regular x1 x2")
    rc, printed, session = _run("mi impute pmm m x1, add(3) knn(50) rseed(4) double", setup)
    assert rc == 0, printed
    df = session.data.df
    observed = set(df["m"].dropna())
    imputed = np.concatenate([df[f"_{j}_m"].to_numpy()[df["m"].isna().to_numpy()] for j in (1, 2, 3)])
    assert len(observed) == 11 and not np.isnan(imputed).any()
    assert set(imputed) <= observed and len(set(imputed)) > 3  # not only the nearest few
