"""Round 20 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round20_lines.py): what the
forty-second session merged.  Each test is a line the fuzz or the hand-written hostile lines
found, and the behaviour fixed."""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import run_line_fresh_session  # noqa: E402


def _run(line, setup=(), shape="full"):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        rc, printed, seconds, session = run_line_fresh_session(shape, setup, line)
    assert "internal error" not in printed, printed
    return rc, printed, session, seconds


# ------------------------------------------------------------------ egen cut()
@pytest.mark.parametrize("line, rc, message", [
    # found: egen q = cut(s), group(0) -> ValueError converting the string column, r(9999)
    ("egen q = cut(s), group(2)", 109, "type mismatch"),
    # _gcut.ado: Group(real 0), 0 is "not given"; at() and group() exclude each other
    ("egen q = cut(y), group(0)", 198, "one of at() or group() must be specified"),
    ("egen q = cut(y)", 198, "one of at() or group() must be specified"),
    ("egen q = cut(y), at(-1 0 1) group(2)", 198, "cannot specify both at() and group() option"),
    ("egen q = cut(y), group(abc)", 198, "option group() incorrectly specified"),
    ("egen q = cut(y), group(inf)", 198, "option group() incorrectly specified"),
    # the ado's pctile ..., nq(group()): a whole number >= 2, at most _N + 1
    ("egen q = cut(y), group(1)", 198, "option nquantiles() incorrectly specified"),
    ("egen q = cut(y), group(-1)", 198, "option nquantiles() incorrectly specified"),
    ("egen q = cut(y), group(2.5)", 198, "option nquantiles() incorrectly specified"),
    ("egen q = cut(y), group(1e9)", 198, "nquantiles() must be less than or equal to number of observations plus one"),
    # AT(numlist asc): out of order is refused, not sorted
    ("egen q = cut(y), at(5 1)", 124, "at() invalid -- invalid numlist has elements out of order"),
])
def test_egen_cut_refusals_are_the_ados(line, rc, message):
    got, printed, session, _ = _run(line)
    assert got == rc, printed
    assert message in printed
    assert "q" not in session.data.varnames


def test_egen_cut_groups_are_pctile_groups_and_at_keeps_its_intervals():
    rc, printed, session, _ = _run("egen q = cut(y), group(3)\negen r = cut(y), at(-1 0 1 2)")
    assert rc == 0, printed
    ds = session.data
    y, q, r = ds.numeric("y"), ds.numeric("q"), ds.numeric("r")
    ys = np.sort(y)
    n = ys.size
    cuts = []
    for p in (100 / 3, 200 / 3):  # Stata's _pctile definition: the average at an exact index
        i = n * p / 100
        cuts.append((ys[int(i) - 1] + ys[int(i)]) / 2 if i == int(i) else ys[int(np.floor(i))])
    assert np.array_equal(q, np.searchsorted(cuts, y, side="right").astype(float))
    expect = np.full(n, np.nan)
    for lo, hi in ((-1, 0), (0, 1), (1, 2)):
        expect[(y >= lo) & (y < hi)] = lo
    assert np.array_equal(np.isnan(r), np.isnan(expect)) and np.array_equal(r[~np.isnan(r)], expect[~np.isnan(expect)])


# ------------------------------------------------------------------ streg frailty without a maximum
def test_streg_frailty_with_no_failures_stops_not_converged():
    # found: streg x1 in 1, d(weibull) frailty(gamma) shared(g) with no failures: ln L -> 0
    # "(not concave)" for iterate()'s 16,000 steps in both fits, past the fuzz's 20 s of CPU;
    # now it stops after newton's NOT_CONCAVE_STALL such steps, as the fit without frailty does
    setup = ("replace g = 1", "replace b = 0", "stset t2, failure(b)")
    rc, printed, _, seconds = _run("streg x1 in 1, distribution(weibull) frailty(gamma) shared(g)", setup)
    assert rc == 430 and "convergence not achieved" in printed, printed
    assert printed.count("(not concave)") < 400  # the hang counted in iterations, not timed


def test_streg_frailty_with_failures_still_converges():
    setup = ("stset t2, failure(b)",)
    rc, printed, session, _ = _run("streg x1, distribution(weibull) frailty(gamma) shared(g)", setup)
    assert rc == 0, printed
    assert session.e.scalars["converged"] == 1


# ------------------------------------------------------------------ summarize meanonly detail
@pytest.mark.parametrize("line", ["summarize y, meanonly detail", "summarize y [fw=w], detail meanonly"])
def test_summarize_meanonly_with_detail_is_refused(line):
    # found by hand: detail was ignored under meanonly (r(N), r(mean) ... and no percentiles);
    # [R] summarize: meanonly is "allowed only when detail is not specified"
    rc, printed, session, _ = _run("summarize x1\n" + line)
    assert rc == 198 and "options detail and meanonly may not be combined" in printed
    x1 = session.data.numeric("x1")
    assert "p50" not in session.r and session.r["mean"] == pytest.approx(float(np.nanmean(x1)), rel=1e-12)


# ------------------------------------------------------------------ svy: me with constraints()
SVY2 = ("generate double w1 = 1 + mod(g, 3)", "generate double w2 = 1 + mod(_n, 2)",
        "svyset g, weight(w1) || _n, weight(w2)", "constraint 1 x1 = 0.5")


@pytest.mark.parametrize("line", ["svy: melogit b x1 x2 || g:, constraints(1) nolog",
                                  "quietly svy: melogit b x1 x2 || g:, constraints(1) nolog\nsvy, or",
                                  "quietly svy: melogit b x1 x2 || g:, constraints(1) nolog\nsvy, level(90)"])
def test_svy_me_table_shows_a_constrained_coefficient_as_constrained(line):
    # found by hand: svy: melogit ..., constraints(1) showed x1's row as ".5  0  .  .  .5  .5" (the
    # design's rows were rebuilt without the fit's mark); melogit alone and svy: logit show
    # "b  (constrained)", as _b_table does for a coefficient with no variance under constraints
    rc, printed, session, _ = _run(line, SVY2)
    assert rc == 0, printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x1 |"))
    value = np.exp(0.5) if "svy, or" in line else 0.5
    assert row.split("|")[1].split() == [f"{value:.7g}".lstrip("0"), "(constrained)"]
    x2 = next(ln for ln in printed.splitlines() if ln.strip().startswith("x2 |"))
    assert "(constrained)" not in x2 and len(x2.split("|")[1].split()) == 6
    V = np.asarray(session.e.matrices["V"].values, float)
    assert V[0, 0] == 0 and V[1, 1] > 0


# ------------------------------------------------------------------ simulate/permute's first run
@pytest.mark.parametrize("line", ["simulate m = nosuch, reps(3): summarize y",
                                  "simulate m = r(mean) q = nosuch + 1, reps(3): summarize y",
                                  "permute x1 m = nosuch, reps(3) nodots: summarize y"])
def test_an_expression_failing_after_the_first_run_stops_the_prefix(line):
    # found: capture simulate nosuch, reps(2147483648): mixed y x1 || g: ran every replication
    # (each expression missing, an x), a hang; _prefix_expand evaluates the exp_list after the
    # first run (capture noisily scalar v = exp) and exits with "error in expression: exp"
    rc, printed, session, seconds = _run(line)
    assert rc == 111, printed
    assert "nosuch not found" in printed and "error in expression: nosuch" in printed
    assert "an error occurred" not in printed and "Simulations" not in printed
    assert session.data.nobs == 40 and "y" in session.data.varnames
    # the hang (every replication run) is the "Simulations" header and the rc asserted above,
    # not a clock


def test_a_replication_whose_expression_is_missing_is_still_an_x():
    # r(nosuch) is missing, not an error (the first run passes): every replication an x
    rc, printed, session, _ = _run("simulate m = r(nosuch), reps(3): summarize y")
    assert rc == 0, printed
    assert session.data.nobs == 3 and np.isnan(session.data.numeric("m")).all()


# ------------------------------------------------------------------ fuzz_commands seed 22
def test_ksmirnov_of_a_string_expression_is_type_mismatch():
    # found: ksmirnov f = s -> float() of the text, r(9999); ksmirnov.ado's gen double `cdf' = exp
    rc, printed, _, _ = _run("ksmirnov f = s")
    assert rc == 109 and "type mismatch" in printed


def test_qreg_sparsity_past_the_double_range_is_missing_without_a_warning():
    # found: qreg w c.x1#c.x1 b on the magnitudes shape (x1 ~ 1e-150): s ** 2 overflowed,
    # RuntimeWarning (r(9999) under the suite's rule); the overflowing variances are missing
    rc, printed, session, _ = _run("qreg w c.x1#c.x1 b", shape="magnitudes")
    assert rc == 0, printed
    V = np.asarray(session.e.matrices["V"].values, float)
    assert not np.isinf(V).any()


def test_alpha_with_a_pairwise_constant_item_has_no_warning():
    # found (fuzz_commands seed 23): alpha x1 c if g == 1 on the holes shape, c constant on the
    # rows x1 has: 0/0 in the correlation (RuntimeWarning, r(9999)); the correlation is missing
    # and the sense cannot be determined (r(459), as the ado's refusal)
    rc, printed, _, _ = _run("alpha x1 c if g == 1", shape="holes")
    assert rc == 459 and "cannot determine the sense empirically" in printed


def test_streg_frailty_on_one_failure_has_no_warning():
    # found (round 20 seed 5): streg x1, d(weibull) frailty(gamma) shared(g) on one observation:
    # record_parts' ld - ls of inf - inf outside its errstate (RuntimeWarning, r(9999)); a step
    # there has ln L -inf, and the fit ends not converged
    rc, printed, _, _ = _run("streg x1, distribution(weibull) frailty(gamma) shared(g)", ("stset t2, failure(b)",),
                             shape="one")
    assert rc == 430 and "convergence not achieved" in printed


# ------------------------------------------------------------------ fuzz_commands seed 25
def test_kwallis_with_every_value_tied_has_a_missing_adjusted_chi2():
    # found: kwallis k in f/l, by(f) (k constant): the ties' correction 1 - sum(t^3 - t)/(n^3 - n)
    # is 0 and chi2 / 0 raised ZeroDivisionError (r(9999)); the ado's division is missing
    rc, printed, session, _ = _run("kwallis k in f/l, by(f)")
    assert rc == 0, printed
    assert session.r["chi2"] == pytest.approx(0, abs=1e-9) and np.isnan(session.r["chi2_adj"])


def test_swilk_by_groups_with_tied_middle_scores_has_no_warning():
    # found: bys g: quietly swilk o o t -- a group whose ordinal o has tied middle scores made
    # swilk's coefficient scale 0 (divide by zero, r(9999)); W is missing there
    rc, printed, _, _ = _run("bys g: quietly swilk o o t")
    assert rc == 0, printed


def test_sfrancia_of_a_perfect_fit_has_missing_z():
    # found (fuzz_commands seed 26): xi: sfrancia i.s k -- an indicator's W' is 1 and
    # math.log1p(-1) raised a domain error (r(9999)); ln(1 - W') is Stata's ln(0), missing
    rc, printed, _, _ = _run("xi: sfrancia i.s k")
    assert rc == 0, printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("_Is_2 |"))
    assert row.split("|")[1].split()[-2:] == [".", "."]


def test_xtfeis_without_residual_df_has_missing_variances():
    # found (fuzz_commands seed 26): xtfeis x1 o F.x1 in -5/l on the extmiss shape: N equals the
    # parameters' count and rss / 0 warned (r(9999)); the variances are missing
    rc, printed, session, _ = _run("xtfeis x1 o F.x1 in -5/l", ("xtset g t",), shape="extmiss")
    assert rc == 0, printed
    assert np.isnan(np.asarray(session.e.matrices["V"].values, float)).all()
