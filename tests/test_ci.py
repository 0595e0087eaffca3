"""ci and cii in Stata 13's and Stata 14's syntax: intervals against R (t.test, binom.test,
prop.test, poisson.test, qbeta, qchisq, Bonett's equations: descriptive_estimation_reference/
reference.R) and published Stata output (published_stata.json); the layout of ci.ado/cii.ado."""
from __future__ import annotations

import pytest
from descriptive_reference_data import STATA, VALUES, frame


@pytest.fixture
def data(new_session):
    return lambda: new_session(frame())


def _r(run, session, text):
    printed, rc = run(session, text)
    assert rc == 0, printed
    return session.r, printed


@pytest.mark.parametrize("command, key", [
    ("ci y", "ci_mean_y"), ("ci means y", "ci_mean_y"), ("ci y, level(90)", "ci_mean_y_90"),
])
def test_means(data, run, command, key):
    r, _ = _r(run, data(), command)
    assert r["lb"] == pytest.approx(VALUES[key]["lb"], rel=1e-10)
    assert r["ub"] == pytest.approx(VALUES[key]["ub"], rel=1e-10)


@pytest.mark.parametrize("options, key", [
    ("", "ci_b_exact"), ("exact", "ci_b_exact"), ("wilson", "ci_b_wilson"), ("jeffreys", "ci_b_jeffreys"),
    ("agresti", "ci_b_agresti"), ("wald", "ci_b_wald"),
])
@pytest.mark.parametrize("form", ["ci b, binomial {}", "ci proportions b, {}", "cii 40 {k}, {}",
                                  "cii proportions 40 {k}, {}"])
def test_binomial_intervals(data, run, options, key, form):
    r, _ = _r(run, data(), form.format(options, k=VALUES["ci_b_k"]))
    assert r["lb"] == pytest.approx(VALUES[key][0], rel=1e-9)
    assert r["ub"] == pytest.approx(VALUES[key][1], rel=1e-9)
    assert r["mean"] == VALUES["ci_b_k"] / 40


@pytest.mark.parametrize("command, key", [
    ("cii 100 40", "cii_100_40_exact"), ("cii 100 .4, agresti", "cii_100_40_agresti"),
    ("cii proportions 100 50", "cii_100_50_exact"), ("cii proportions 100 50, agresti", "cii_100_50_agresti"),
])
def test_against_published_stata(new_session, run, command, key):
    r, printed = _r(run, new_session(), command)
    ref = STATA[key]
    for name in ("lb", "ub", "se"):
        assert r[name] == pytest.approx(ref[name], abs=6e-8)
    assert f"{ref['lb']:.7f}".lstrip("0") in printed and f"{ref['ub']:.7f}".lstrip("0") in printed


def test_poisson(data, run):
    session = data()
    r, printed = _r(run, session, "ci k, poisson exposure(t)")
    ref = VALUES["ci_k_exposure"]
    assert (r["lb"], r["ub"]) == (pytest.approx(ref["lb"], rel=1e-9), pytest.approx(ref["ub"], rel=1e-9))
    assert r["N"] == ref["T"] and r["mean"] == pytest.approx(ref["K"] / ref["T"])
    assert "-- Poisson  Exact --" in printed and "    Variable |   Exposure        Mean" in printed
    r, _ = _r(run, session, "ci means k, poisson")
    assert (r["lb"], r["ub"]) == (pytest.approx(VALUES["ci_k"][0], rel=1e-9), pytest.approx(VALUES["ci_k"][1], rel=1e-9))
    assert r["citype"] == "poisson"
    r, _ = _r(run, session, "cii 10 3, poisson")
    assert r["lb"] == pytest.approx(VALUES["cii_poisson_10_3"][0], rel=1e-9)
    assert r["ub"] == pytest.approx(VALUES["cii_poisson_10_3"][1], rel=1e-9)


def test_variances(data, run):
    session = data()
    r, printed = _r(run, session, "ci variances y")
    ref = VALUES["ci_var_y"]
    assert r["Var"] == pytest.approx(ref["Var"]) and r["lb"] == pytest.approx(ref["lb"], rel=1e-10)
    assert r["ub"] == pytest.approx(ref["ub"], rel=1e-10) and r["citype"] == "normal"
    assert "    Variable |        Obs      Variance       [95% Conf. Interval]\n-------------+" + "-" * 52 in printed
    r, printed = _r(run, session, "ci variances y, bonett")
    ref = VALUES["ci_var_y_bonett"]
    assert r["kurtosis"] == pytest.approx(ref["kurtosis"], rel=1e-10)
    assert (r["lb"], r["ub"]) == (pytest.approx(ref["lb"], rel=1e-10), pytest.approx(ref["ub"], rel=1e-10))
    assert " " * 46 + "------ Bonett ------" in printed
    r, _ = _r(run, session, "ci variances y, sd")
    assert r["sd"] == pytest.approx(VALUES["ci_var_y"]["Var"] ** 0.5) and r["lb"] == pytest.approx(
        VALUES["ci_var_y"]["lb"] ** 0.5)
    r, _ = _r(run, session, "cii variances 20 4")
    assert (r["lb"], r["ub"]) == (pytest.approx(VALUES["cii_var_20_4"]["lb"]), pytest.approx(VALUES["cii_var_20_4"]["ub"]))
    r, _ = _r(run, session, "cii variances 20 4 3.2, bonett")
    ref = VALUES["cii_var_20_4_bonett"]
    assert (r["lb"], r["ub"]) == (pytest.approx(ref["lb"]), pytest.approx(ref["ub"]))


def test_cii_means_and_layout(new_session, run):
    r, printed = _r(run, new_session(), "cii 20 3.5 2.1")
    assert (r["lb"], r["ub"]) == (pytest.approx(VALUES["cii_means_20_3.5_2.1"][0]),
                                  pytest.approx(VALUES["cii_means_20_3.5_2.1"][1]))
    assert printed.splitlines() == [
        "",
        "    Variable |        Obs        Mean    Std. Err.       [95% Conf. Interval]",
        "-------------+---------------------------------------------------------------",
        "             |         20         3.5    .4695743         2.51717     4.48283"]


def test_one_sided_exact_interval_note(new_session, run):
    r, printed = _r(run, new_session(), "cii 10 0")
    assert r["lb"] == 0 and r["ub"] == pytest.approx(VALUES["cii_exact_10_0"][1], rel=1e-9)
    assert printed.splitlines()[-3:] == [
        "             |         10           0           0               0    .3084971*", "",
        "(*) one-sided, 97.5% confidence interval"]


def test_ci_layout_and_binary_skip(data, run):
    """ci.ado's table: a rule every separator() rows; binomial leaves out non-0/1 variables."""
    session = data()
    _, printed = _r(run, session, "ci y x f pw c g, separator(2)")
    assert printed.count("-------------+-----") == 3
    _, printed = _r(run, session, "ci y b, binomial")
    assert "           y |" not in printed and "           b |" in printed
    assert printed.splitlines()[1] == " " * 57 + "-- Binomial Exact --"


def test_by_with_total(data, run):
    session = data()
    printed, rc = run(session, "sort b\nby b: ci y, total")
    assert rc == 0 and "-> b = 0" in printed and "-> Total" in printed
    assert session.r["N"] == 40 and session.r["lb"] == pytest.approx(VALUES["ci_mean_y"]["lb"], rel=1e-10)


@pytest.mark.parametrize("command, message", [
    ("ci y, wilson", "require the binomial option"),
    ("ci b, binomial exact wald", "only one of exact, wald, agresti, wilson, and jeffreys options allowed"),
    ("ci y, total", "option total may only be specified with by"),
    ("ci b [aw=f], binomial", "aweights not allowed"),
    ("cii proportions 10 11", "the number of successes, 11, cannot exceed the number of observations, 10"),
    ("cii means 10 2", "you must specify 3 arguments with cii means"),
    ("cii variances 1 4", "first argument, #obs, must be an integer greater than 1"),
    ("ci y, separator(-1)", "option separator() must be >= 0"),
])
def test_errors(data, run, command, message):
    printed, rc = run(data(), command)
    assert rc != 0 and message in printed


def test_old_by_option(data, run):
    """ci.ado's by(): the by prefix over sorted data (not sorted: r(5))."""
    session = data()
    printed, rc = run(session, "ci y, by(b)")
    assert rc == 5 and "not sorted" in printed
    printed, rc = run(session, "sort b\nci y, by(b) total")
    assert rc == 0 and "-> b = 1" in printed and "-> Total" in printed
    assert session.r["lb"] == pytest.approx(VALUES["ci_mean_y"]["lb"], rel=1e-10)


def test_ci_proportions_binary_check(data, run):
    """Stata 14's ci proportions: a note when some variables are not 0/1, a message when none is."""
    session = data()
    printed, rc = run(session, "ci proportions y b")
    assert rc == 0 and printed.endswith("\nNote: The results are produced only for binary (0/1) variables.\n")
    printed, rc = run(session, "ci proportions y")
    assert rc == 0 and printed.strip() == "no binary (0/1) variables found; nothing to compute"
