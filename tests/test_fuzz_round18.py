"""Round 18 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round18_lines.py): what the
forty-first session merged.  Each test is a line the fuzz or the hand-written hostile lines
found, and the behaviour fixed."""
from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import run_line_checked  # noqa: E402

SVY = ("generate double w1 = 1 + mod(g, 3)\ngenerate double w2 = 1 + mod(_n, 2)\n"
       "svyset g, weight(w1) || _n, weight(w2)")


_run = run_line_checked


# ------------------------------------------------------------------ xtcdf
def test_xtcdf_of_a_constant_has_missing_means_without_a_warning():
    # found: xtcdf k (every pair's correlation missing) -> numpy's "Mean of empty slice" r(9999)
    rc, printed, session = _run("xtcdf k", ("xtset g t",))
    assert rc == 0, printed
    assert np.isnan(session.scalars["meanCorr"]) and np.isnan(session.scalars["meanAbsCorr"])


def test_xtcdf_means_leave_out_the_panels_a_constant_makes_missing():
    # panel 1 constant: its pairs' correlations are missing and left out of the means (Mata mean())
    setup = ("xtset g t", "generate double v = cond(g == 1, 5, y)")
    rc, printed, session = _run("xtcdf v", setup)
    assert rc == 0, printed
    ds = session.data
    g, t, v = (ds.numeric(n) for n in ("g", "t", "v"))
    panels = {p: dict(zip(t[g == p], v[g == p])) for p in np.unique(g)}
    rhos = []
    for a, b in itertools.combinations(sorted(panels), 2):
        common = sorted(set(panels[a]) & set(panels[b]))
        x, y = np.array([panels[a][k] for k in common]), np.array([panels[b][k] for k in common])
        if len(common) >= 3 and x.std() > 0 and y.std() > 0:
            rhos.append(np.corrcoef(x, y)[0, 1])
    assert session.scalars["meanCorr"] == pytest.approx(np.mean(rhos), rel=1e-9)
    assert session.scalars["meanAbsCorr"] == pytest.approx(np.mean(np.abs(rhos)), rel=1e-9)


@pytest.mark.parametrize("shape", ["allmiss", "empty"])
def test_xtcdf_without_panel_time_rows_is_no_observations(shape):
    # found: xtcdf z on the all-missing shape -> numpy's zero-size maximum, r(9999)
    rc, printed, _ = _run("xtcdf z", ("xtset g t",), shape)
    assert rc == 2000 and "no observations" in printed, printed


# ------------------------------------------------------------------ cformat() before the fit
@pytest.mark.parametrize("line", [
    "mixed y x1 || g:, cformat(abc)", "xtmixed y x1 || g:, pformat(abc)", "melogit b x1 || g:, sformat(%9s)",
    "mepoisson c x1 || g:, cformat(abc) irr", "meologit o x1 || g:, cformat(abc)",
    "xtmelogit b x1 || g:, cformat(abc)", "meqrlogit b x1 || g:, pformat(abc)",
    "menl y = {b0}+{b1}*x1+{U[g]}, cformat(abc)", "sem (y <- x1), cformat(abc)",
    "gsem (b <- x1 M1[g]), logit cformat(abc)", "gsem (y <- x1 L1[g] L2[g2]), sformat(abc)",
    "svy: mepoisson c x1 || g:, cformat(abc)",
])
def test_a_format_that_is_not_numeric_is_r7_before_the_fit(line):
    # found: svy: mepoisson ..., cformat(abc) fitted, printed its header, then r(7) with e()
    # replaced; _get_diopts confirms the formats while the options are parsed (Stata: r(7),
    # nothing fitted, the previous e() kept)
    setup = (SVY, "generate g2 = g * 10 + mod(t, 2)", "quietly regress y x2")
    rc, printed, session = _run(line, setup)
    assert rc == 7 and "found where numeric format expected" in printed, printed
    assert "Iteration" not in printed and "Number of obs" not in printed, printed
    assert session.e.cmd == "regress"


@pytest.mark.parametrize("line", ["mixed y x1 || g:, cformat(%12.3f)", "sem (y <- x1), sformat(%9.3f)",
                                  "gsem (b <- x1 M1[g]), logit pformat(%6.3f)"])
def test_a_format_too_wide_is_still_a_note_and_the_fit(line):
    rc, printed, session = _run(line, ("generate g2 = g * 10 + mod(t, 2)",))
    assert rc == 0, printed
    assert "note: invalid" in printed and "using default" in printed


# ------------------------------------------------------------------ using files are one word
@pytest.mark.parametrize("line, rc_wanted, message", [
    ("outreg2 using out9 in 1, replace", 101, "in range not allowed"),
    ('outreg2 using "my file" if x1 > 0, replace ci', 101, "if not allowed"),
    ("outreg2 using out9 extra, replace pvalue", 198, "invalid 'extra'"),
    ("outreg using out9 in 1, replace", 101, "in range not allowed"),
    ("esttab using out9 in 1, replace", 101, "in range not allowed"),
    ("estout using out9 if x1 > 0, replace", 101, "if not allowed"),
])
def test_text_after_the_using_file_is_refused_and_no_file_written(tmp_path, monkeypatch, line, rc_wanted, message):
    # found: outreg2 using out2 in 1, replace wrote "out2 in 1.txt" (the rest of the line was
    # taken as the file's name); outreg2.ado's syntax [anything] using [, ...] has no if/in
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run(line, ("quietly regress y x1 x2",))
    assert rc == rc_wanted and message in printed, printed
    assert os.listdir(tmp_path) == []


def test_a_quoted_using_file_with_blanks_is_still_one_word(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run('outreg2 using "my file", replace ci', ("quietly regress y x1 x2",))
    assert rc == 0, printed
    assert os.listdir(tmp_path) == ["my file.txt"]


# ------------------------------------------------------------------ gsem equation by equation
@pytest.mark.parametrize("line", ["gsem (x2 <- x1) (y <- x2 x1 L1[g] L2[g2]), nolog",
                                  "gsem (y <- x1) (b <- y x1 L1[g2] L2[g], logit), nolog"])
def test_gsem_equation_by_equation_on_values_near_the_double_range_does_not_crash(line):
    # found: the magnitudes shape (y ~ 1e150, x1 ~ 1e-150) left NaN in the stacked V and
    # e(rank)'s SVD did not converge (LinAlgError, r(9999))
    rc, printed, session = _run(line, ("generate g2 = g * 10 + mod(t, 2)",), "magnitudes")
    assert rc in (0, 430, 1400), printed
    if rc == 0:
        V = session.e.matrices["V"].values
        assert 0 <= session.e.scalars["rank"] <= V.shape[0]


def test_variance_rank_is_the_rank_over_the_finite_parameters():
    from mlmcli.sem.fit import variance_rank

    rng = np.random.default_rng(3)
    a = rng.normal(size=(4, 2))
    V = a @ a.T  # rank 2
    assert variance_rank(V) == np.linalg.matrix_rank(V) == 2
    V_nan = np.zeros((5, 5))
    V_nan[:4, :4] = V
    V_nan[4, :] = V_nan[:, 4] = np.nan
    assert variance_rank(V_nan) == 2
    assert variance_rank(np.zeros((0, 0))) == 0.0


# ------------------------------------------------------------------ xtbsht
@pytest.mark.parametrize("reps", ["--1", "1e300", "abc", "", "2.5"])
def test_xtbsht_reps_that_is_no_integer_is_incorrectly_specified(reps):
    # found: reps(--1) passed the digits check and int('--1') raised ValueError (r(9999))
    setup = ("xtset g t", "quietly xtreg y x1 x2, fe\nestimates store FE\nquietly xtreg y x1 x2, re\nestimates store RE")
    rc, printed, _ = _run(f"xtbsht FE RE, reps({reps})", setup)
    assert rc == 198 and "option reps() incorrectly specified" in printed, printed


def test_suest_minus_that_is_no_integer_is_incorrectly_specified():
    # the same digits check as xtbsht's reps(): minus(--1) raised ValueError
    setup = ("quietly regress y x1\nestimates store A\nquietly regress y x2\nestimates store B",)
    rc, printed, _ = _run("suest A B, minus(--1)", setup)
    assert rc == 198 and "option minus() incorrectly specified" in printed, printed


@pytest.mark.parametrize("line", ["outreg, bdec(²)", "outreg, bdec(1²)"])
def test_a_unicode_digit_int_cannot_read_is_an_incorrect_option(line):
    # found by hand: str.isdigit() is true for superscripts that int() refuses, so an option
    # reader's digits check let 'bdec(²)' through to int()'s ValueError (r(9999)); the checks
    # that guard int() now use isdecimal()
    rc, printed, _ = _run(line, ("quietly regress y x1",))
    assert rc == 198 and "option bdec() incorrectly specified" in printed, printed


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round18_walk_finds_nothing():
    """The quick families' well-formed lines and a few mutated ones (budgeted; the full walk is
    ``python3 tests/fuzz_round18_lines.py``)."""
    import fuzz_round16_programs as r16
    import fuzz_round18_lines as r18

    sample = r18.cases(18, 3, {"display", "numlist", "bnames", "xtcdf", "outreg2"}, mutated_only=True)
    lines, found = r16.sample_findings(sample, float(os.environ.get("MLM_R18_FUZZ_BUDGET", "15")))
    assert lines > 0 and not found, found


@pytest.mark.parametrize("option", ["pweight(w3)", "fweight(w3)"])
def test_svy_me_level_weight_options_are_refused_not_overwritten(option):
    # found by hand: svy: melogit b x1 || g:, pweight(w3) ran with svyset's weight(w1) in its
    # place (the typed option silently ignored); fweight() met "fweights and pweights may not be
    # combined".  The level weights come from svyset's weight(): the option is refused
    setup = (SVY + "\ngenerate double w3 = 5 - g", "quietly regress y x2")
    rc, printed, session = _run(f"svy: melogit b x1 || g:, {option} nolog", setup)
    assert rc == 198 and f"option {option.split('(')[0]}() not allowed with the svy prefix" in printed
    assert session.e.cmd == "regress"
