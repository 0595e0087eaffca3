"""Round 12 of the fuzz (tests/fuzz_round12_commands.py: syntax, dataex/input, string duplication,
ustr* and collation, ml's derivative methods and display options, glm irls, xttest1,
eventstudyinteract, the table commands, catplot, khb, coefplot matrix(), asclogit and estat mfx,
margins vce(unconditional) and pwcompare saving(), mlogit, reghdfe interactions, putexcel, frames;
side effects in failing commands): the lines it found, run on the fuzz's own data with its checks,
and a test of each behaviour."""
from __future__ import annotations

import numpy as np
import pytest

from fuzz_round10_commands import BASE

PANEL = ("generate first = cond(g <= 2, 3, cond(g == 3, 5, .))", "generate never = missing(first)",
         "generate rel = t - first", "generate g_2 = rel == -2", "generate g0 = rel == 0", "generate g1 = rel == 1",
         "xtset g t")
TABLE_MATRICES = ("matrix A = (1, 2 \\ 3, 4)", "matrix C = (1, 2, 3 \\ .1, .2, .3)", "matrix colnames C = a b c")

# (shape, setup, line, rc) as the round-12 fuzz ran them (BASE's variables made first)
FOUND = [
    # a failing generate ran filewrite() before its type mismatch (round 11's open case)
    ("full", (), 'generate nv = s + filewrite("fx12.txt", "x")', 109),
    # display's shorter typed prefix ran filewrite() before the rest failed
    ("full", ("set seed 12", "display runiform()"), 'capture noisily display filewrite("fx12.txt", "x", 1) + substr(1, 1, 1)', 109),
    # khb with no observation in the sample: v.min() of an empty column (ValueError)
    ("longnames", TABLE_MATRICES, "quietly khb logit s x1 || x2", 2000),
    ("magnitudes", TABLE_MATRICES, "khb logit b x1 || x2 if 0", 2000),
    # khb's disentangle standard errors on coefficients near 1e150: sqrt of a negative (numpy's warning)
    ("magnitudes", TABLE_MATRICES, "khb logit b x1 || x2 x3", 0),
    ("magnitudes", TABLE_MATRICES, "khb logit b x1 || x2, summary disentangle", 0),
    ("magnitudes", TABLE_MATRICES, "capture noisily khb logit b x1 || x2\nestimates store m1\nesttab", 0),
    # xttest1 and eventstudyinteract on a depvar near 8.98e307: the sums and products overflowed
    ("huge", PANEL + ("xtreg y x1, re",), "xttest1, unadjusted", 0),
    ("huge", PANEL + ("xtreg y x1, re",), "eventstudyinteract y g0 g1, cohort(first) control_cohort(never) absorb(g t) vce(robust)", 0),
    ("huge", PANEL, "eventstudyinteract y g_2 g0 g1, cohort(first) control_cohort(never) absorb(i.g i.t)", 0),
    # predict after xtreg, re with sigma_u near 1e307: sigma ** 2 was a Python OverflowError
    ("huge", PANEL + ("xtreg y x1, re",), "predict nv", 0),
    ("huge", PANEL + ("xtreg y x1, re",), "predict nv, ue", 0),
    # coefplot matrix(C[0]) plotted C's last row (a Python index of -1), C[-1] the one before
    ("full", TABLE_MATRICES, "coefplot matrix(C[0])", 503),
    ("full", TABLE_MATRICES, "coefplot matrix(C[1]), se(C[-1])", 503),
    # glm irls: vce(unbiased) with leverage 1 (0/0) and a pweighted robust V past the double range
    ("one", (), "glm y x1 i.f, irls vce(unbiased)", 0),
    ("magnitudes", (), "glm y x1 [pw=w], irls", 0),
    # replace reading the previous row, with a random function, on no observations: argmin of an empty array
    ("empty", ("set seed 12",), 'capture noisily replace y = y[_n-1] + runiformint(1, 6) + x1 == "a"', 109),
    ("empty", ("set seed 12",), "replace y = y[_n-1] + runiformint(1, 6)", 0),
    # khb with collinear key variables: the omitted one's empty sureg columns (ValueError)
    ("full", TABLE_MATRICES, "khb logit b x1 x3 || x2", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round12_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, BASE + tuple(setup), line, rc)


# ------------------------------------------------------------------ side effects of failing commands
SETUP = 'clear\nset obs 3\ngenerate s = "a"\ngenerate y = _n\n'


@pytest.mark.parametrize("line", [
    'generate nv = s + filewrite("{f}", "x")', 'generate nv = filewrite("{f}", "x") + s',
    'generate nv = filewrite("{f}", "x") if s', 'generate str3 nv = filewrite("{f}", "x")',
    'generate nv = filewrite("{f}", "x") in 5', 'generate y = filewrite("{f}", "x")',
    'replace s = filewrite("{f}", "x")', 'replace y = filewrite("{f}", "x") + nosuch',
    'replace y = y[_n-1] + filewrite("{f}", "x") + s', 'egen nv = total(filewrite("{f}", "x") + s)',
    'local a = filewrite("{f}", "x") + s', 'scalar a = "a" + filewrite("{f}", "x")',
    'count if filewrite("{f}", "x") + s', 'list if s + filewrite("{f}", "x")'])
def test_a_failing_command_writes_no_file(do, tmp_path, line):
    target = tmp_path / "f12.txt"
    rc, out, _ = do(SETUP + "capture noisily " + line.replace("{f}", str(target)) + "\ndisplay _rc")
    assert rc == 0 and "internal error" not in out, out
    assert out.strip().splitlines()[-1] != "0", out
    assert not target.exists(), out


def test_a_failing_command_leaves_an_existing_file_alone(do, tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("kept")
    rc, out, _ = do(SETUP + f'capture generate nv = s + filewrite("{target}", "x", 1)\n'
                    f'capture replace y = filewrite("{target}", "x", 2) in 9')
    assert rc == 0 and target.read_text() == "kept", out


def test_a_successful_command_writes_as_asked(do, tmp_path):
    target = tmp_path / "f12.txt"
    rc, out, s = do(SETUP + f'generate nv = filewrite("{target}", "ab") + filewrite("{target}", "c", 2)\n'
                    f'generate nv2 = filewrite("{target}", "z")\ndisplay fileread("{target}")')
    assert rc == 0 and target.read_text() == "abc", out
    assert s.data.df["nv"].tolist() == [3.0] * 3  # 2 + 1 bytes
    assert s.data.df["nv2"].tolist() == [-602.0] * 3  # queued "ab" makes the file exist: no replace, -602
    assert out.strip().splitlines()[-1] == "abc"


def test_filewrite_to_a_missing_folder_is_minus_603_inside_a_command(do, tmp_path):
    rc, out, s = do(SETUP + f'generate nv = filewrite("{tmp_path}/nosuch/f.txt", "x")')
    assert rc == 0 and s.data.df["nv"].tolist() == [-603.0] * 3, out


def _draws(do, failing: str) -> tuple[list[str], list[str]]:
    """The next three runiform() after a failing line, and the same three without it."""
    after = "\n".join(["display runiform()"] * 3)
    _, with_line, _ = do(SETUP + "set seed 5\ndisplay runiform()\ncapture " + failing + "\n" + after)
    _, without, _ = do(SETUP + "set seed 5\ndisplay runiform()\n" + after)
    return with_line.strip().splitlines()[-3:], without.strip().splitlines()[-3:]


@pytest.mark.parametrize("line", [
    "generate nv = s + runiform()", "generate nv = runiform() + s", "generate nv = rnormal() + nosuch",
    "generate nv = runiform() if s", "generate str3 nv = runiform()", "generate nv = runiform() in 9",
    "replace s = rnormal()", "replace y = runiform() + strlen(1)", "replace y = y[_n-1] + runiform() + s",
    "egen nv = mean(runiform() + s)", "by s: generate nv = runiform() + s", "local a = runiform() + s",
    "scalar a = rbinomial(3, .5) + s", "count if runiform() + s", "assert runiform() + s"])
def test_a_failing_command_leaves_the_random_stream(do, line):
    got, expected = _draws(do, line)
    assert got == expected


def test_a_failing_command_before_the_first_draw_leaves_the_stream(do):
    rc, out, _ = do(SETUP + "set seed 5\ncapture generate nv = s + runiform()\ndisplay runiform()\n"
                    "set seed 5\ndisplay runiform()")
    lines = out.strip().splitlines()
    assert rc == 0 and lines[-1] == lines[-2], out


def test_display_tries_draw_once(do):
    """display's longest typed expression: the failed try (string + number) is undone, the
    value shown is the next draw, as after ``display "a"`` and ``display runiform()``."""
    _, out1, _ = do('set seed 3\ndisplay "a" + runiform()\ndisplay runiform()')
    _, out2, _ = do('set seed 3\ndisplay "a" runiform()\ndisplay runiform()')
    assert out1.strip().splitlines()[-1] == out2.strip().splitlines()[-1]


def test_a_successful_generate_draws_as_before(do):
    _, out, s = do(SETUP + "set seed 5\ngenerate double u = runiform()\nset seed 5\ngenerate double v = runiform()")
    assert s.data.df["u"].tolist() == s.data.df["v"].tolist()


def test_a_failing_display_writes_no_file_and_draws_nothing(do, tmp_path):
    """display builds its line before printing it: a later item's type mismatch fails the whole
    command, so the item before it neither writes its file nor keeps its draw."""
    target = tmp_path / "f12.txt"
    rc, out, _ = do(f'capture noisily display filewrite("{target}", "x", 1) + substr(1, 1, 1)\ndisplay _rc')
    assert rc == 0 and out.strip().splitlines()[-1] == "109" and not target.exists(), out
    got, expected = _draws(do, "display runiform() + substr(1, 1, 1)")
    assert got == expected


# ------------------------------------------------------------------ khb
@pytest.mark.parametrize("line", ["khb logit b x1 || x2 if 0", "khb logit s x1 || x2", "khb regress y x1 || x2 if y > 1e9"])
def test_khb_without_observations_is_r2000(do, line):
    rc, out, _ = do("set obs 20\nset seed 1\ngenerate b = _n > 10\ngenerate y = rnormal()\ngenerate x1 = rnormal()\n"
                    'generate x2 = rnormal()\ngenerate s = "a"\n' + line)
    assert rc == 2000 and "no observations" in out and "internal error" not in out, out


# ------------------------------------------------------------------ frames (Stata 16)
# mlm has carried Stata 16's frames since fr99 (tests/test_frames99.py): on an empty session they
# run or give Stata's own errors
@pytest.mark.parametrize("line, expected", [("frame create f2", 0), ("frames dir", 0), ("pwf", 0), ("cwf default", 0),
                                            ("frlink m:1 g, frame(f2)", 111), ("frget z = y, from(lk)", 111),
                                            ("frame f2: list", 111)])
def test_frame_commands_run_or_give_stata_errors(do, line, expected):
    rc, out, _ = do(line)
    assert rc == expected and "internal error" not in out, out


def test_khb_leaves_out_a_key_variable_the_model_omits(do):
    setup = ("set obs 60\nset seed 4\ngenerate x1 = rnormal()\ngenerate x3 = 2 * x1\ngenerate x2 = x1 + rnormal()\n"
             "generate b = runiform() < invlogit(x1 + x2)\ngenerate k = 1\n")
    rc, out, s = do(setup + "khb logit b x1 x3 || x2, disentangle")
    assert rc == 0 and "internal error" not in out, out
    assert list(s.e.matrices["b"].colnames) == ["x1:Reduced", "x1:Full", "x1:Diff"]
    rc2, out2, s2 = do(setup + "khb logit b x1 || x2, disentangle")
    assert np.allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values)
    rc, out, _ = do(setup + "khb logit b k || x2")
    assert rc == 459 and "internal error" not in out, out


# ------------------------------------------------------------------ xttest1, eventstudyinteract near the double range
PANEL_DATA = ("clear\nset obs 60\nset seed 3\ngenerate id = ceil(_n / 6)\nbysort id: generate t = _n\n"
              "generate first = cond(id <= 3, 3, cond(id <= 6, 4, .))\ngenerate never = missing(first)\n"
              "generate rel = t - first\ngenerate g0 = rel == 0\ngenerate g1 = rel == 1\n"
              "generate x = rnormal()\ngenerate double y = 1e307 * (x + rnormal() + id / 5)\nxtset id t\n")


def test_xttest1_past_the_double_range_shows_missing(do):
    rc, out, s = do(PANEL_DATA + "xtreg y x, re\nxttest1, unadjusted")
    assert rc == 0 and "internal error" not in out, out
    assert np.isnan(s.r["jt_lm"]) and np.isnan(s.r["rets_alm"]), s.r


def test_xttest1_at_ordinary_scale_is_unchanged_by_the_guard(do):
    rc, out, s = do(PANEL_DATA + "replace y = y / 1e307\nxtreg y x, re\nxttest1, unadjusted")
    assert rc == 0 and np.isfinite(s.r["jt_lm"]) and np.isfinite(s.r["rets_alm"])


def test_eventstudyinteract_past_the_double_range_has_missing_variances(do):
    rc, out, s = do(PANEL_DATA + "eventstudyinteract y g0 g1, cohort(first) control_cohort(never) absorb(id t) vce(robust)")
    assert rc == 0 and "internal error" not in out, out
    b, V = s.e.matrices["b_iw"].values, s.e.matrices["V_iw"].values
    assert np.all(np.isfinite(b)) and np.isnan(V).any()


# ------------------------------------------------------------------ str# past str2045
@pytest.mark.parametrize("line", ['generate str2046 z = "a"', 'generate str9999 z = "a"', 'generate str0 z = "a"'])
def test_generate_takes_str1_to_str2045_only(do, line):
    rc, out, s = do("set obs 2\n" + line)
    assert rc == 198 and "z" not in s.data.varnames, out


def test_input_reads_str2046_as_a_variable_name(do):
    """str1 ... str2045 are types (and reserved names); str2046, like str0, is a name: input makes a
    numeric variable of it (the value 'a' is then no number, r(7)), as it did not for str9999 before."""
    rc, out, s = do("clear\ninput str2046 y\n1 2\nend")
    assert rc == 0 and s.data.varnames == ["str2046", "y"] and not s.data.is_string("y"), out
    rc, out, s = do("clear\ninput str2045 y\nab\nend")
    assert rc == 0 and s.data.types["y"] == "str2045", out


# ------------------------------------------------------------------ coefplot matrix() subscripts
@pytest.mark.parametrize("spec", ["matrix(C[0])", "matrix(C[-1])", "matrix(C[,0])", "matrix(C[3])", "matrix(C[1]), se(C[0])",
                                  "matrix(C[1]), se(C[,-2])"])
def test_coefplot_matrix_rows_and_columns_start_at_1(do, spec):
    rc, out, _ = do("matrix C = (1, 2, 3 \\ .1, .2, .3)\nmatrix colnames C = a b c\ncoefplot " + spec)
    assert rc == 503 and "invalid subscript" in out, out


# ------------------------------------------------------------------ asclogit basealternative()
def test_asclogit_empty_basealternative_is_the_default(do):
    """basealternative() is a string option of asclogit.ado: typed empty it is unset (the most
    frequent alternative), not an alternative named ''."""
    from pathlib import Path

    travel = Path(__file__).resolve().parent / "asclogit_reference" / "travel.csv"
    if not travel.exists():
        pytest.skip("travel.csv not in this checkout")
    rc, out, s = do(f'import delimited "{travel}", clear\nquietly asclogit choice cost, case(id) alternatives(mode)\n'
                    "matrix b1 = e(b)\nquietly asclogit choice cost, case(id) alternatives(mode) basealternative()\n"
                    "scalar d = mreldif(b1, e(b))")
    assert rc == 0 and s.scalars["d"] == 0, out


# ------------------------------------------------------------------ reghdfe / eventstudyinteract vce(cluster)
@pytest.mark.parametrize("line", ["reghdfe y x, absorb(id) vce(cluster)", "reghdfe y x, absorb(id) vce(cl)"])
def test_vce_cluster_without_a_variable_is_not_multiway(do, line):
    rc, out, _ = do("set obs 20\ngenerate id = ceil(_n/4)\ngenerate y = mod(_n, 7)\ngenerate x = mod(_n, 5)\n" + line)
    assert rc == 198 and "not allowed" in out and "multi-way" not in out, out


# ------------------------------------------------------------------ estadd matrix name = exp
def test_estadd_matrix_takes_a_matrix_expression(do):
    """estadd.ado's estadd_matrix: ``mat M = exp`` then ``ereturn matrix name = M`` -- a
    subscript, an operator or a literal, not only a matrix name."""
    rc, out, s = do("set obs 20\ngenerate x1 = mod(_n, 7)\ngenerate y = x1 + mod(_n, 3)\nmatrix A = (1, 2 \\ 3, 4)\n"
                    "quietly regress y x1\nestadd matrix B = A[1,1...]\nestadd matrix C = A * 2\nestadd matrix D = (5, 6)\n"
                    "estadd matrix H A")
    assert rc == 0, out
    m = s.e.matrices
    assert m["B"].values.tolist() == [[1, 2]] and m["C"].values.tolist() == [[2, 4], [6, 8]]
    assert m["D"].values.tolist() == [[5, 6]] and m["H"].values.tolist() == [[1, 2], [3, 4]]
    rc, out, _ = do("set obs 20\ngenerate x1 = mod(_n, 7)\ngenerate y = x1\nmatrix A = (1, 2)\nquietly regress y x1\n"
                    "estadd matrix G = nosuch")
    assert rc == 111, out


def test_a_failing_command_leaves_regexs_as_it_was(do):
    rc, out, _ = do('set obs 2\ngenerate s = "abc"\ndisplay regexm("xyz", "(y)")\n'
                    'capture generate n = regexm(s, "(b)") + s\ndisplay regexs(1)\n'
                    'capture generate n = ustrregexm(s, "(c)") + s\ndisplay ustrregexs(1)\n'
                    'generate n = regexm(s, "(b)")\ndisplay regexs(1)')
    assert rc == 0 and out.strip().splitlines()[-3:] == ["y", "", "b"], out


@pytest.mark.parametrize("line,rc", [('replace y = y[_n-1] + runiformint(1, 6) + x1 == "a"', 109),
                                     ('replace y = y[_n-1] + x1 == "a"', 109), ("replace y = y[_n-1] + 1 if s", 109),
                                     ("replace y = y[_n-1] + runiform()", 0), ('replace s = s[_n-1] + "b"', 0)])
def test_replace_reading_other_rows_on_no_observations_still_types(do, line, rc):
    got, out, _ = do('set obs 1\ngenerate y = 1\ngenerate x1 = 2\ngenerate s = "a"\ndrop in 1\n' + line)
    assert got == rc and "internal error" not in out, out


@pytest.mark.parametrize("opts,option", [("case() alternatives(alt)", "case"), ("case(case) alternatives()", "alternatives")])
def test_asclogit_empty_case_or_alternatives_is_required(do, opts, option):
    rc, out, _ = do("set obs 8\ngenerate case = ceil(_n/2)\ngenerate alt = mod(_n, 2)\ngenerate ch = alt\n"
                    "generate x1 = mod(_n, 3)\nasclogit ch x1, " + opts)
    assert rc == 198 and f"option {option}() required" in out, out
