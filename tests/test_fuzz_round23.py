"""Round 23 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round23_lines.py): factor variables
and R. in mixed's random-effects equations, margins after sem/gsem, putdocx/putexcel etable, esttab
stats(layout()) and wrap, reghdfe/ivreghdfe absorb(), metareg, pscore, regsave, mestreg with
pweights and vce(robust), long display lines, fs, collapse/egen on big groups, string functions on
all-distinct values.  Each test is a line the fuzz or the hand-written hostile lines found, and the
behaviour fixed."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import make_frame, run_line_checked as _run  # noqa: E402


def _obs(printed: str) -> int:
    line = next(ln for ln in printed.splitlines() if "Number of obs" in ln)
    return int(line.split("=")[-1].replace(",", ""))


# ------------------------------------------------------------------ mixed || g: i.x marks the sample out
def test_mixed_re_factor_all_missing_leaves_no_observations():
    # found: mixed y x1 || g: i.z (z all missing) fitted all 40 rows -- i.z expands to no
    # column, so z never marked the sample out; marksample with the fv varlist drops them all
    rc, printed, _ = _run("mixed y x1 || g: i.z")
    assert rc == 2000, printed
    assert "no observations" in printed


@settings(max_examples=8, deadline=None)
@given(st.sets(st.integers(1, 40), min_size=1, max_size=12))
@example({1, 2, 3, 4, 5})
def test_mixed_re_factor_with_only_its_base_level_drops_its_missing_rows(holes):
    # k is constant (3): i.k is its base level alone, no Z column, but its missing rows leave
    setup = "\n".join(f"quietly replace k = . in {i}" for i in sorted(holes))
    rc, printed, _ = _run("mixed y x1 || g: i.k", setup=(setup,))
    assert rc == 0, printed
    assert _obs(printed) == 40 - len(holes)
    rc, same, _ = _run("mixed y x1 if !missing(k) || g:", setup=(setup,))
    ll = [ln.split("=")[1].split()[0] for ln in printed.splitlines() if ln.startswith("Log likelihood")]
    ll_if = [ln.split("=")[1].split()[0] for ln in same.splitlines() if ln.startswith("Log likelihood")]
    assert ll and ll == ll_if


def _random_intercept_ml(y, X, groups) -> float:
    """The maximised ML log likelihood of y = X b + u_g + e (dense per-group normal, b by GLS
    profiled, the two log standard deviations by Nelder-Mead from a grid of starts)."""
    from scipy.optimize import minimize

    parts = [(y[groups == g], X[groups == g]) for g in np.unique(groups)]

    def negll(theta):
        su2, se2 = np.exp(2 * theta)
        A, c, inv = 0, 0, []
        for yg, Xg in parts:
            Vi = np.linalg.inv(se2 * np.eye(len(yg)) + su2)
            inv.append(Vi)
            A, c = A + Xg.T @ Vi @ Xg, c + Xg.T @ Vi @ yg
        b = np.linalg.solve(A, c)
        total = 0.0
        for (yg, Xg), Vi in zip(parts, inv):
            r = yg - Xg @ b
            total += -0.5 * (len(yg) * np.log(2 * np.pi) - np.linalg.slogdet(Vi)[1] + r @ Vi @ r)
        return -total

    return -min(minimize(negll, [a, 0.0], method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-11}).fun
                for a in (-3.0, -1.0, 0.0))


def test_mixed_re_base_only_factor_fits_the_kept_rows():
    rc, printed, _ = _run("mixed y x1 || g: i.k", setup=("quietly replace k = . in 1/6",))
    assert rc == 0, printed
    d = make_frame("full").iloc[6:]
    X = np.column_stack([d.x1.to_numpy(), np.ones(len(d))])
    ll = float(next(ln for ln in printed.splitlines() if ln.startswith("Log likelihood")).split("=")[1].split()[0])
    assert ll == pytest.approx(_random_intercept_ml(d.y.to_numpy(), X, d.g.to_numpy()), abs=1e-5)


# ------------------------------------------------------------------ display: a long operator chain
@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(0, 99), min_size=2, max_size=60))
@example([2, 1, 1])
def test_display_of_a_chain_gives_each_number_its_own_value(values):
    # with_values_of now rebuilds the cached shape tree bottom-up; each literal keeps its value
    rc, printed, _ = _run("display " + " + ".join(map(str, values)), shape="empty")
    assert rc == 0, printed
    assert printed.strip() == str(sum(values))


def test_display_of_a_long_and_chain_is_not_cubic():
    # found: display 2147483648 & 1 & 1 ... (3,000 terms) ran past the 20-s CPU limit: the
    # digit-shape tree was copied along each literal's path from the root with path-prefix keys
    # (n literals, n deep, a key of length d hashed at each step); 1,400 terms took ~15 s
    line = "display 2 & " + " & ".join(["1"] * 1400)
    start = time.process_time()
    rc, printed, _ = _run(line, shape="empty")
    assert rc == 0, printed
    assert printed.strip() == "1"
    assert time.process_time() - start < 6


# ------------------------------------------------------------------ ttest of constant groups
@settings(max_examples=20, deadline=None)
@given(value=st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: v != 0), n1=st.integers(2, 30), n2=st.integers(2, 30))
@example(value=0.37499999999999989, n1=25, n2=15)  # pscore's constant score: t was -5.97, p 6e-7
def test_ttest_of_two_constant_groups_has_no_spread_and_a_missing_t(value, n1, n2):
    setup = f"clear\nquietly set obs {n1 + n2}\ngenerate double v = {value!r}\ngenerate byte grp = _n > {n1}"
    rc, printed, _ = _run("ttest v, by(grp)", setup=(setup,))
    assert rc == 0, printed
    assert "t =        ." in printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("0 |"))
    assert row.split("|")[1].split()[2:4] == ["0", "0"], printed  # Std. Err., Std. Dev.


def test_ttest_of_ordinary_groups_still_matches_scipy():
    rc, printed, _ = _run("ttest y, by(b)")
    assert rc == 0, printed
    d = make_frame("full")
    t = stats.ttest_ind(d.y[d.b == 0], d.y[d.b == 1], equal_var=True).statistic
    assert f"t = {t:8.4f}".replace(" ", "") in printed.replace(" ", "")


# ------------------------------------------------------------------ pscore with a constant score
def test_pscore_without_covariates_ends_with_one_block():
    # found: pscore b, pscore(ps) never ended: the constant score's two groups tested as
    # different (the mean an ulp off), so the block was cut at its midpoint forever
    start = time.process_time()
    rc, printed, session = _run("pscore b, pscore(ps) blockid(bl)")
    assert rc == 0, printed
    assert time.process_time() - start < 15
    ps = session.data.df["ps"].to_numpy()
    assert np.allclose(ps, stats.norm.cdf(stats.norm.ppf(make_frame("full").b.mean())))
    assert len(set(session.data.df["bl"])) == 1
    assert "The balancing property is satisfied" in printed


# ------------------------------------------------------------------ regsave: level(), df(), base levels
@pytest.mark.parametrize("options, rc, message", [
    ("ci level(a)", 198, "option level() incorrectly specified"), ("pval df(a)", 121, "invalid numlist"),
    ("pval df(-1)", 125, "outside of allowed range"), ("pval df(0)", 125, "outside of allowed range"),
    ("pval df(1 2)", 123, "too many elements"),
])
def test_regsave_refuses_a_bad_level_or_df(options, rc, message):
    # found: regsave, ci level(a) -- ValueError, r(9999); df(-1) was silently e(df_r)
    got, printed, session = _run(f"quietly regress y x1\nregsave, {options}")
    assert got == rc, printed
    assert message in printed
    assert session.data.nobs == 40 and "coef" not in session.data.varnames


def test_regsave_pval_after_a_base_level_is_missing_there():
    # found: regsave, pval after regress y x1 i.f -- 0/0 for 1b.f, r(9999) under the warning rule
    rc, printed, session = _run("quietly regress y x1 i.f\nregsave, pval tstat ci")
    assert rc == 0, printed
    df = session.data.df.set_index("var")
    assert np.isnan(df.loc["1b.f", "tstat"]) and np.isnan(df.loc["1b.f", "pval"])
    t = df.loc["x1", "coef"] / df.loc["x1", "stderr"]
    assert df.loc["x1", "pval"] == pytest.approx(2 * stats.t.sf(abs(t), 40 - 4), rel=1e-5)


def test_regsave_df_missing_is_the_normal():
    rc, printed, session = _run("quietly regress y x1\nregsave, pval df(.)")
    assert rc == 0, printed
    row = session.data.df.set_index("var").loc["x1"]
    assert row["pval"] == pytest.approx(2 * stats.norm.sf(abs(row["coef"] / row["stderr"])), rel=1e-5)


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round23_walk_finds_nothing():
    """Every family's lines, mutated (budgeted; the full walk is ``python3 tests/fuzz_round23_lines.py``)."""
    import fuzz_round16_programs as r16
    import fuzz_round23_lines as r23

    sample = r23.cases(23, 2, {"mixedfv", "semmargins", "etables", "hdfe", "community", "groups", "strings"},
                       mutated_only=True)
    lines, found = r16.sample_findings(sample, float(os.environ.get("MLM_R23_FUZZ_BUDGET", "15")))
    assert lines > 0 and not found, found


# ------------------------------------------------------------------ pscore numblo(): its equal blocks
@settings(max_examples=10, deadline=None)
@given(numblo=st.sampled_from([1, 2, 3, 7, 10, 97, 1000, 10**6, 10**9]))
@example(numblo=10**9)  # found: a Python loop over 1e9 blocks (a hang)
def test_pscore_initial_blocks_are_the_ados_intervals(numblo):
    # level(0): no block is ever cut, so the blocks are numblo()'s equal ones; each row's block k
    # is the ado's: (k-1)/numblo <= score < k/numblo
    start = time.process_time()
    rc, printed, session = _run(f"pscore b x1 x2, pscore(ps) blockid(bl) numblo({numblo}) level(0)")
    assert rc == 0, printed
    assert time.process_time() - start < 20
    ps, bl = session.data.df["ps"].to_numpy(), session.data.df["bl"].to_numpy()
    size = 1 / numblo
    assert np.all((bl - 1) * size <= ps) and np.all(ps < bl * size)


# ------------------------------------------------------------------ mestreg: pweights near 1e300
@pytest.mark.parametrize("line", ["mestreg x1 [pw=1e300] || g:, distribution(weibull)",
                                  "mestreg m [pw=k] || g:, distribution(weibull)"])
def test_mestreg_pweights_that_overflow_the_scores_end_in_a_stata_error(line):
    # found: overflow in the cluster sandwich's scores and the posterior effects, r(9999) under
    # the warning rule; the fit now ends as its likelihood does (no maximum: r(430), missing SEs)
    rc, printed, _ = _run(line, setup=("stset t2, failure(b)",))
    assert rc == 430, printed
    assert "convergence not achieved" in printed


# ------------------------------------------------------------------ ivreghdfe absorb(string)
def test_ivreghdfe_absorbs_a_string_factor_as_reghdfe_does():
    # found: ivreghdfe y (x1 = x2), absorb(s) -- "no observations" r(2000): the string absvar was
    # marked out as missing everywhere (reghdfe, through ftools, takes string factors)
    rc, printed, session = _run("generate gs = string(g)\nivreghdfe y (x1 = x2), absorb(gs)")
    from mlmcli.estimation.active import active

    assert rc == 0, printed
    d = make_frame("full")
    D = (d.g.to_numpy()[:, None] == np.unique(d.g)[None, :]).astype(float)
    X, Z = np.column_stack([d.x1, D]), np.column_stack([d.x2, D])
    Xhat = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    beta = np.linalg.lstsq(Xhat, d.y.to_numpy(), rcond=None)[0]
    b = active(session).matrices["b"]
    assert float(np.asarray(b.values).reshape(-1)[list(b.colnames).index("x1")]) == pytest.approx(beta[0], rel=1e-8)
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x1 |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(beta[0], rel=1e-6)


def test_ivreghdfe_string_absvar_leaves_out_its_empty_rows():
    rc, printed, _ = _run('ivreghdfe y (x1 = x2), absorb(g s)')
    rc_if, printed_if, _ = _run('ivreghdfe y (x1 = x2) if s != "", absorb(g s)')
    assert rc == rc_if == 0, printed
    assert _obs(printed) == _obs(printed_if) == 32
    pick = lambda text: next(ln for ln in text.splitlines() if ln.strip().startswith("x1 |"))  # noqa: E731
    assert pick(printed) == pick(printed_if)


# ------------------------------------------------------------------ || g: R.varname as _mixed_parsecmd reads it
@pytest.mark.parametrize("equation, message", [
    ("R.f x1", "R.f x1 invalid level specification"), ("R.f R.o", "R.f R.o invalid level specification"),
    ("R.f.g", "R.f.g invalid random factor"),
    ("R.f*R.o", "R.f*R.o: products of random factors (R.a*R.b) are not implemented in mlm"),
])
def test_mixed_random_factor_words_get_the_parsers_messages(equation, message):
    # found: || _all: R.f*R.o said "variable f*R.o not found" r(111), R.f.g a time-series error
    # r(111), R.f x1 "invalid syntax"; _mixed_parsecmd 1.4.0's words, r(198)
    rc, printed, session = _run(f"mixed y x1 || g: {equation}")
    assert rc == 198, printed
    assert message in printed


def test_mixed_lowercase_random_factor_is_the_same_fit():
    rc, upper, _ = _run("mixed y x1 || g: R.f")
    rc2, lower, _ = _run("mixed y x1 || g: r.f")
    assert rc == rc2 == 0
    pick = lambda text: next(ln for ln in text.splitlines() if ln.startswith("Log likelihood"))  # noqa: E731
    assert pick(upper) == pick(lower)
