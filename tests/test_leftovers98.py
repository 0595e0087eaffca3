"""Leftovers decided from Stata's own ado-files and help files (round 98): Stata 16's ado base
as kept in the history of opensafely-core/cohort-extractor (bin/ado/base).

(1) lrtest between me commands compares e(cmd) as Stata's me commands post it: melogit.ado ...
menbreg.ado end with ``ereturn local cmd meglm`` (e(cmd2) the command) and meglm.ado keeps
_me_estimate's ``gsem``; lrtest.ado 4.4.1 refuses different e(cmd)s and notes a negative
binomial model against a Poisson one (e(model) nbinomial vs Poisson) as conservative.
(2) use takes replace as clear (joinby.ado, marginsplot.ado).  (4) clear all's list in
clear.sthlp.  (7) graph combine's names (combinegraph_g.class).  (8) n() is syntax's
N(integer #).  (9) xsize(3 in) (graphsize.class).  (10) && and || (ovtest.ado, xtlogit.ado).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def counts():
    rng = np.random.default_rng(98)
    g = np.repeat(np.arange(20), 10)
    x = rng.normal(size=200)
    mu = np.exp(0.5 + 0.3 * x + rng.normal(scale=0.5, size=20)[g])
    y = rng.negative_binomial(2, 2 / (2 + mu))
    return pd.DataFrame({"y": y.astype(float), "x": x, "g": (g + 1).astype(float),
                         "b": (y > 1).astype(float)})


# ---------------------------------------------------------------- (1) lrtest between me commands
def test_lrtest_menbreg_against_mepoisson_is_one_estimator(do, counts):
    rc, out, s = do("quietly mepoisson y x || g:\nestimates store P\n"
                    "quietly menbreg y x || g:\nestimates store NB\nlrtest NB P", counts)
    assert rc == 0, out
    ll_p, ll_nb = s.estimates["P"].scalars["ll"], s.estimates["NB"].scalars["ll"]
    assert s.r["chi2"] == pytest.approx(2 * (ll_nb - ll_p), rel=1e-9) and s.r["df"] == 1
    assert "(Assumption: P nested in NB)" in out
    assert "reported test is conservative" in out  # lrtest.ado's k1/k2: nbinomial vs Poisson


def test_lrtest_melogit_against_meglm_is_two_estimators(do, counts):
    rc, out, _ = do("quietly melogit b x || g:\nestimates store L\n"
                    "quietly meglm b || g:, family(bernoulli) link(logit)\nestimates store G\n"
                    "lrtest L G", counts)
    assert rc == 498
    assert "test involves different estimators: meglm vs. gsem" in out


def test_lrtest_two_melogit_fits_differing_in_random_effects_is_conservative(do, counts):
    rc, out, s = do("quietly melogit b x || g:\nestimates store L\nquietly melogit b x\nlrtest L .",
                    counts)
    assert rc == 0, out
    assert "reported test is conservative" in out  # e(k_rs) differ, as for mixed


# ---------------------------------------------------------------- (2) use ..., replace
def test_use_replace_loads_over_changed_data_as_clear(do, root_dir, tmp_path):
    """[D] use documents clear and nolabel, but StataCorp's joinby.ado (2.0.8) runs
    ``use `"`using'"', replace`` after preserve and marginsplot.ado (1.2.4) ``qui use ..., replace``:
    Stata's use takes replace as clear."""
    f = tmp_path / "h.dta"
    rc, out, s = do(f'use "{root_dir}/samples/data/hsb.dta", clear\nkeep in 1/5\nsave "{f}"\n'
                    f'use "{root_dir}/samples/data/hsb.dta", clear\ngenerate z = 1\nuse "{f}", replace')
    assert rc == 0, out
    assert s.data.nobs == 5 and "z" not in s.data.varnames and not s.data.changed


def test_use_unknown_option_is_still_refused(do, root_dir):
    rc, out, _ = do(f'use "{root_dir}/samples/data/hsb.dta", clear replacee')
    assert rc == 198 and "option replacee not allowed" in out


# ---------------------------------------------------------------- (7) graph combine's names
@pytest.fixture
def two_graphs(do, root_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(f'use "{root_dir}/samples/data/hsb.dta", clear\n'
                    "quietly scatter mathach ses in 1/50, name(g1)\n"
                    "quietly scatter mathach ses in 51/100, name(g2)\ngraph save g2 saved")
    assert rc == 0, out
    return s


@pytest.mark.parametrize("names, words", [
    ("g*", "g* is not a memory graph"),  # combinegraph_g.class takes each word literally
    ("g1 saved", "saved is not a memory graph"),  # a bare word is never a file
    ("g1 gone.gph", "file gone.gph not found"),  # gs_filetype's file open
])
def test_graph_combine_takes_names_literally(run, two_graphs, names, words):
    out, rc = run(two_graphs, f"graph combine {names}", stop_on_error=False)
    assert words in out and rc == (601 if ".gph" in names else 198)


def test_graph_combine_memory_graphs_and_files(run, two_graphs):
    out, rc = run(two_graphs, 'graph combine g1 g2 saved.gph "saved", nodraw')
    assert rc == 0, out
    assert len(two_graphs.graphs[-1].parts) == 4


# ---------------------------------------------------------------- (8) n() is an integer option
@pytest.mark.parametrize("line", [
    "kdensity mathach, n(2.5) nograph",  # kdensity.ado: syntax ... N(integer 50)
    "twoway kdensity mathach, n(2.5)",  # twoway_kdensity_parse.class: N(integer `.kde_n')
    "twoway lfit mathach ses, n(2.5)",  # twoway_lfit_parse.class: n(integer `.points')
    "twoway lpoly mathach ses, n(2.5)",  # twoway_lpoly_parse.class: N(integer 50)
])
def test_fractional_n_is_refused(do, root_dir, line):
    rc, out, _ = do(f'use "{root_dir}/samples/data/hsb.dta", clear\n{line}')
    assert rc == 198 and "option n() incorrectly specified" in out


def test_whole_n_still_runs(do, root_dir):
    rc, out, s = do(f'use "{root_dir}/samples/data/hsb.dta", clear\nkdensity mathach, n(20) nograph')
    assert rc == 0 and s.r["n"] == 20, out


# ---------------------------------------------------------------- (9) xsize(3 in)
@pytest.mark.parametrize("text, inches", [("3 in", 3.0), ("3in", 3.0), ("7.62 cm", 3.0), ("216 pt", 3.0)])
def test_graph_size_unit_after_a_space(text, inches):
    """graphsize.class (1.1.0, the style behind xsize()/ysize()) cuts the last two characters as
    the unit and ``confirm number``s the rest, "3 " included: "3 in" is 3 inches."""
    from mlmcli.graphs.graph_options import graph_size_inches

    assert graph_size_inches(text, "xsize") == pytest.approx(inches)


def test_xsize_with_a_space_draws_that_size(do, root_dir):
    rc, out, s = do(f'use "{root_dir}/samples/data/hsb.dta", clear\n'
                    "scatter mathach ses in 1/20, xsize(3 in) ysize(2 in) nodraw")
    assert rc == 0, out
    assert tuple(s.graphs[-1].size) == (3.0, 2.0)


# ---------------------------------------------------------------- (10) && and ||
@pytest.mark.parametrize("line, expected", [
    ("count if x > 1 && x < 4", 2), ("count if x == 1 || x == 5", 2),
    ("count if x > 1 && x < 5 || x == 1", 4), ("count if !(x > 1 && x < 4)", 3),
])
def test_double_and_or_are_and_or(do, line, expected):
    """StataCorp's ado-files use && and || in expressions (ovtest.ado 2.6.1: ``if "`e(cmd)'" ==
    "anova" && "`e(version)'"==""``; xtlogit.ado: ``if "`pa'" !="" || "`fe'"!=""``)."""
    rc, out, s = do(f"set obs 5\ngenerate x = _n\n{line}", pd.DataFrame())
    assert rc == 0, out
    assert s.r["N"] == expected


def test_double_and_keeps_precedence_and_the_command_splits(do, root_dir):
    rc, out, s = do(f'use "{root_dir}/samples/data/hsb.dta", clear\n'
                    "count if sector == 1 && minority == 1\nlocal a = r(N)\n"
                    "count if sector == 1 & minority == 1\nassert r(N) == `a'\n"
                    "display 1 && 0 || 1\nquietly mixed mathach ses if sector == 1 || school:")
    assert rc == 0, out
    sector_one = int((s.data.numeric("sector") == 1).sum())
    assert s.e.scalars["N"] == sector_one  # || still ends mixed's fixed-effects equation


# ---------------------------------------------------------------- (4) clear all's list
def test_clear_all_drops_programs_timers_posts_and_the_document(do, tmp_path):
    """clear.sthlp (Stata 16): clear all is drop _all ... postutil clear, _return drop _all,
    program drop _all, timer clear, putdocx clear ... ("drop all programs from memory, and reset
    all timers to zero")."""
    post = tmp_path / "posted"
    rc, out, s = do(f'program define hello\n  display "hi"\nend\ntimer on 1\ntimer off 1\n'
                    f'postfile h x using "{post}"\npost h (1)\nputdocx begin\nclear all\n'
                    "capture hello\nlocal r1 = _rc\ncapture putdocx paragraph\nlocal r2 = _rc\n"
                    "timer list\nreturn list\npostutil dir", pd.DataFrame())
    assert rc == 0, out
    assert s.locals["r1"] == "199" and s.locals["r2"] != "0"
    assert "(no postfiles open)" in out and not s.programs


def test_lrtest_meqrlogit_fits_get_mixed_nesting_note(do, counts):
    """_xtme_estimate posts e(mecmd) (0), so lrtest.ado's mixed-model checks apply to meqrlogit."""
    rc, out, _ = do("quietly meqrlogit b x || g:\nestimates store A\nquietly meqrlogit b x || g: x\n"
                    "lrtest A .", counts)
    assert rc == 0, out
    assert "reported test is conservative" in out
