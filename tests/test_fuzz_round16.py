"""Round 16 of the command fuzz (docs/command_fuzz.md): frames, tabout, repest, nscale, xtmrho,
gsem, mi, svyset, erepost, estimates esample, contrast, coefplot/marginsplot, esttab/outreg/
outreg2 and the program layer (syntax, args, tokenize, gettoken, macro functions, loops,
capture blocks, return/ereturn).

The lines tests/fuzz_round16_programs.py found, each fix's behaviour, that the driver's
file check can fail, and a sample of the seeded walk (``MLM_R16_FUZZ_COUNT`` cases a family,
``MLM_R16_FUZZ_BUDGET`` seconds)."""
from __future__ import annotations

import math
import os
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
import fuzz_round16_programs as r16  # noqa: E402
from fuzz_command_data import fresh_session, run_line_fresh_session  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402
from mlmcli.runner import Runner  # noqa: E402

PV = ("generate double pv1 = y\ngenerate double pv2 = y + 0.1\ngenerate double rw1 = w\ngenerate double rw2 = w + 1",)
SVYPARMS = "NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2)"


@pytest.fixture(scope="module")
def folder():
    fc._install_traceback_hook()
    with tempfile.TemporaryDirectory() as path:
        fc.prepare_folder(path)
        yield path


def _case(folder, line, setup=(), shape="full"):
    """(rc, printed) of a line that must give no finding (internal error, hang, data or files
    changed by a failure, a file changed without replace)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        rc, findings, printed = r16.run_case(Case("found", shape, tuple(setup), line), folder)
    assert not findings, "\n".join(f"{f.kind}: {f.detail}" for f in findings)
    return rc, printed


# ------------------------------------------------------------------ what the fuzz found
@pytest.mark.parametrize("part", ["NBpv(.)", "NBpv(1e300)", "NBpv(-1)", "NBpv(0)", "NBpv(2.5)", "NREP(1e300)",
                                  "NREP(0)", "NREP(2/0)", "variancefactor(.)", "variancefactor(1/0)"])
def test_repest_svyparms_that_name_no_variables_are_invalid(folder, part):
    # found: NBpv(.) was float('.') (ValueError, r(9999)); NBpv(0) or (-1) concatenated no
    # plausible values (r(9999)); NREP(1e300) built a list of 1e300 weight names (a hang);
    # NREP(2/0) divided by zero.  Each is repest's local = missing or a loop over no variables
    key = part.split("(")[0]
    parms = " ".join(p for p in SVYPARMS.split() if not p.startswith(key + "(")) + " " + part
    rc, printed = _case(folder, f"repest SVY, estimate(means pv@) svyparms({parms})", PV)
    assert rc == 198, printed
    assert f"svyparms(): {part} invalid" in printed


def test_repest_svyparms_still_read_a_ratio(folder):
    rc, printed = _case(folder, "repest SVY, estimate(means x1) svyparms(NBpv(2) final_weight_name(w) "
                                "rep_weight_name(rw) variancefactor(1/2) NREP(2))", PV)
    assert rc == 0, printed


@pytest.mark.parametrize("line", ["contrast {f 1e300 -1e300 0}", "contrast {f 1e300 0 -1e300}"])
def test_contrast_past_the_largest_double_is_missing_values(folder, line):
    # found: numpy's overflow warning in L V L' (r(9999) under the suite's warning filter); as
    # lincom's (round 15): the variance past c(maxdouble) is r(504)
    rc, printed = _case(folder, line, ("quietly regress y i.f x1",))
    assert rc == 504 and "matrix has missing values" in printed, printed


def test_contrast_with_missing_variances_in_e_V(folder):
    # found: regress of y near 1e150 on x1 near 1e-150 leaves missing entries in e(V); contrast's
    # matrix_rank of a NaN matrix was "SVD did not converge" (r(9999))
    rc, printed = _case(folder, "contrast {f -1 1 0}", ("quietly regress y i.f x1",), "magnitudes")
    assert rc == 504 and "matrix has missing values" in printed, printed


def test_contrast_of_large_but_representable_weights_runs(folder):
    rc, printed = _case(folder, "contrast {f 1e150 -1e150 0}", ("quietly regress y i.f x1",))
    assert rc == 0, printed
    rc0, _, _, session = run_line_fresh_session("full", ("quietly regress y i.f x1",), "contrast {f -1 1 0}")
    one = float(session.r["b"].values[0][0])
    rc1, _, _, session = run_line_fresh_session("full", ("quietly regress y i.f x1",), "contrast {f -1e150 1e150 0}")
    assert rc0 == rc1 == 0
    assert float(session.r["b"].values[0][0]) == pytest.approx(1e150 * one)


def test_xtmrho_median_ratio_past_the_largest_double(folder):
    # found: xtmrho computed exp(sqrt(2 u) q) for every command; after xtmixed of y near 1e150
    # u is near 1e298 and math.exp overflowed (OverflowError, r(9999)); Stata's exp() is missing
    setup = ("quietly xtmixed y x1 || g:",)
    rc, printed = _case(folder, "xtmrho", setup, "magnitudes")
    assert rc == 0 and "rho1 = 0.0" in printed, printed
    rc, _, _, session = run_line_fresh_session("magnitudes", setup, "xtmrho")
    var_u, var_e = session.e.scalars["var_u1"], session.e.scalars["var_e"]
    assert session.e.scalars["rho1"] == pytest.approx(var_u / (var_u + var_e))


def test_xtmrho_missing_values_are_dots():
    from mlmcli.commands.community import xtmrho

    assert math.isnan(xtmrho._exp(1000.0)) and xtmrho._exp(1.0) == pytest.approx(math.e)
    assert math.isnan(xtmrho._ratio(1.0, 0.0)) and math.isnan(xtmrho._ratio(1.0, math.nan))
    assert xtmrho._shown(math.nan) == ".      " and xtmrho._shown(0.25) == "0.25000"


@pytest.mark.parametrize("line,rc", [("capture noisily by g, nosuch: summarize y", 198),
                                     ("capture by g, nosuch: summarize y", 198),
                                     ("cap noi by g, sort nosuch: summarize y", 198),
                                     ("capture quietly bysort g, nosuch: summarize y", 198)])
def test_capture_catches_a_by_prefix_whose_options_do_not_parse(line, rc):
    # the known one (cheap): the by prefix's option error was raised while splitting the
    # prefixes, before capture could catch it, and stopped the do-file
    session = fresh_session("full")
    runner = Runner(session)
    got = runner.run_text(f"{line}\ndisplay \"after \" _rc", echo=False)
    printed = session.out.stream.getvalue()
    assert got == 0 and f"after {rc}" in printed, printed
    assert ("option nosuch not allowed" in printed) == (" noi" in line or "noisily" in line)


def test_a_by_prefix_whose_options_do_not_parse_still_fails_uncaptured():
    session = fresh_session("full")
    rc = Runner(session).run_text("quietly by g, nosuch: summarize y\ndisplay \"after\"", echo=False)
    assert rc == 198 and "after" not in session.out.stream.getvalue()


# ------------------------------------------------------------------ the driver
def test_the_driver_reports_a_file_written_without_replace(folder, monkeypatch):
    real = fc.run_case

    def writing(case, where):
        out = real(case, where)
        with open(os.path.join(where, "out.txt"), "w") as fh:
            fh.write("overwritten")
        return out

    monkeypatch.setattr(fc, "run_case", writing)
    rc, findings, _ = r16.run_case(Case("x", "full", (), "display 1"), folder)
    assert rc == 0 and [f.kind for f in findings] == ["file-written"]
    rc, findings, _ = r16.run_case(Case("x", "full", (), "nosuch"), folder)
    assert rc == 199 and [f.kind for f in findings] == ["file-written"]
    rc, findings, _ = r16.run_case(Case("x", "full", (), "display 1 // replace"), folder)
    assert rc == 0 and not findings


def test_the_walk_is_seeded_and_covers_every_family():
    first = r16.cases(3, 30)
    assert first == r16.cases(3, 30)
    assert {case.command for case in first} == set(r16.FAMILIES)
    bases = {r16.split_prelude(family, line)[1] for family, (_, lines) in r16.FAMILIES.items() for line in lines}
    walked = r16.cases(3, 3, mutated_only=True)
    assert len(walked) == 3 * len(r16.FAMILIES) and sum(case.line not in bases for case in walked) > len(walked) // 2


def test_generated_lines_find_nothing():
    count = int(os.environ.get("MLM_R16_FUZZ_COUNT", "4"))
    budget = float(os.environ.get("MLM_R16_FUZZ_BUDGET", "15"))
    rng_cases = r16.cases(16, count, mutated_only=True)
    lines, findings, _ = r16.run_all(rng_cases, budget=budget, out=open(os.devnull, "w"))
    assert lines > 0
    assert not findings, "\n".join(f"{f.kind}: {f.case.line!r}: {f.detail}" for f in findings)


@pytest.mark.parametrize("using,rc,message", [('ou"t.txt', 132, "too few quotes"), ('"abc', 132, "too few quotes"),
                                              ('`"abc', 132, "too few quotes"),
                                              ('o""t.txt', 198, "invalid file specification")])
def test_tabout_refuses_a_file_name_with_a_stray_quote_before_writing(folder, using, rc, message):
    # found: tabout f using ou"t.txt wrote the file ou"t.txt, then typing it failed (r(132)) --
    # a failing line that wrote a file; "abc (no closing quote) named the file "ab"
    got, printed = _case(folder, f"tabout f using {using}, replace")
    assert got == rc and message in printed, printed


def test_tabout_still_takes_a_quoted_name_with_a_blank(folder):
    got, printed = _case(folder, 'tabout f using "a b.txt", replace show(none)')
    assert got == 0 and os.path.exists(os.path.join(folder, "a b.txt")), printed
    os.remove(os.path.join(folder, "a b.txt"))


@pytest.mark.parametrize("spec", ["[", "varlist(numeric ts fv default=empty", "[varlist] [if", "anything(name=a"])
def test_syntax_spec_with_an_unmatched_bracket_is_refused(spec):
    # found: syntax [ matched no element and was silently dropped (rc 0, nothing checked)
    session = fresh_session("full")
    rc = Runner(session).run_text(f"program define p\nsyntax {spec}\nend\np x1", echo=False)
    printed = session.out.stream.getvalue()
    assert rc == 197 and "invalid syntax specification" in printed, printed


def test_syntax_spec_with_brackets_and_options_still_reads():
    session = fresh_session("full")
    rc = Runner(session).run_text('program define p\nsyntax [varlist] [if] [in] [fw aw/] [, a(string) *]\n'
                                  'display "`varlist'"'"'|`exp'"'"'|`a'"'"'|`options'"'"'"\nend\np x1 if 1 [fw=w], a(b) c',
                                  echo=False)
    assert rc == 0 and "x1|w|b|c" in session.out.stream.getvalue()


@pytest.mark.parametrize("line", ["mi estimate, vartable: regress y m x1", "mi estimate: regress y m x1"])
def test_mi_estimate_of_coefficients_near_1e150(folder, line):
    # found: Rubin's between-imputation variance B = D'D overflowed in numpy (r(9999) under the
    # suite's warning filter); past the largest double the variance is missing, as Mata's
    setup = ("generate double m1 = cond(missing(m), x1, m)\ngenerate double m2 = cond(missing(m), x2, m)",
             "mi import wide, imputed(m = m1 m2)")
    rc, printed = _case(folder, line, setup, "magnitudes")
    assert rc == 0, printed


def test_pooling_keeps_finite_variances_and_marks_overflow_missing():
    import numpy as np

    from mlmcli.mi.combination import pool

    pooled = pool([[1.0, 1e200], [2.0, -1e200]], [np.eye(2), np.eye(2)])
    assert pooled.B[0, 0] == pytest.approx(0.5) and np.isnan(pooled.B[1, 1]) and np.isnan(pooled.T[1, 1])


@pytest.mark.parametrize("line", ["forvalues i = 1/3", "foreach v in a b", "while 1", "forv i = 1/3 display 1"])
def test_a_loop_without_its_brace_is_brace_required(line):
    # found: "forvalues i = 1/3" with no { was "unrecognized command:  forvalues" r(199); Stata
    # says "{ required" r(100) (Statalist 2003-02, Nick Cox on foreach ... of local r(list) {)
    session = fresh_session("full")
    rc = Runner(session).run_text(f"{line}\ndisplay 1\n}}", echo=False)
    assert rc == 100 and "{ required" in session.out.stream.getvalue()


def test_forvalues_counts_as_it_goes():
    # found: forvalues i = 1/1e9 { ... continue, break } was "too many values" r(134): the range
    # was expanded first, as a numlist; Stata's forvalues is not (a step that cannot move still is)
    session = fresh_session("full")
    rc = Runner(session).run_text("forvalues i = 1/1e9 {\nif `i' > 2 continue, break\ndisplay \"at `i'\"\n}\n"
                                  "forvalues i = 5/1e300 {\ncontinue, break\n}\ndisplay \"last `i'\"", echo=False)
    printed = session.out.stream.getvalue()
    assert rc == 0 and "at 1\nat 2\n" in printed and "at 3" not in printed and "last 5" in printed
    assert Runner(session).run_text("forvalues i = 1(1e-300)2 {\n}", echo=False) == 134


def test_capture_with_the_shortest_noisily_before_a_broken_by():
    session = fresh_session("full")
    rc = Runner(session).run_text("capture n by g, nosuch: summarize y\ndisplay \"after \" _rc", echo=False)
    printed = session.out.stream.getvalue()
    assert rc == 0 and "option nosuch not allowed" in printed and "after 198" in printed


def test_a_failing_by_sort_under_a_short_noisily_is_not_a_data_change(folder):
    # the driver: by ..., sort sorts before its command fails (Stata's too); capture no by ...
    # is the same line behind noisily's shortest abbreviations
    rc, _ = _case(folder, "capture no by m, sort: summarize nosuch")
    assert rc == 111


def test_repest_variances_past_the_largest_double_are_missing():
    # found: repest's replicate variance factor * D'D overflowed in numpy for estimates near
    # 1e150 (r(9999) under the suite's warning filter); as Mata's, past c(maxdouble) is missing
    import numpy as np

    from mlmcli.survey.repest_design import combine_plausible_values, sampling_variance

    v = sampling_variance(np.array([[1.0, 1e200], [2.0, -1e200]]), 0.5)
    assert v[0, 0] == pytest.approx(2.5) and np.isnan(v[1, 1])
    b, total = combine_plausible_values([np.array([1.0, 1e200]), np.array([3.0, -1e200])], [np.eye(2), np.eye(2)])
    assert total[0, 0] == pytest.approx(1 + 1.5 * 2) and np.isnan(total[1, 1])


def test_repest_of_a_regression_near_1e150_runs(folder):
    rc, printed = _case(folder, "repest SVY, estimate(stata: regress pv@ x1) svyparms(" + SVYPARMS + ")", PV,
                        "magnitudes")
    assert rc == 0, printed
