"""Regression tests from using mlmcli as a demanding Stata user: odd inputs, odd orders."""
from __future__ import annotations

import io

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def no_internal_error(out: str) -> None:
    assert "internal error" not in out and "Traceback" not in out


# ----- preserve is restored when the do-file / program that preserved ends -----

def test_do_file_end_restores_its_preserved_data(do, tmp_path):
    inner = tmp_path / "inner.do"
    inner.write_text("preserve\ndrop in 1/3\ncount\n")
    rc, out, s = do(f"set obs 5\ngenerate x = _n\ndo {inner}\ncount\n")
    assert rc == 0
    assert out.split()[-1] == "5" and s.data.nobs == 5 and s.preserved is None


def test_do_file_ending_in_error_still_restores(do, tmp_path):
    inner = tmp_path / "inner.do"
    inner.write_text("preserve\ndrop in 1/3\nnosuchcommand\n")
    rc, _, s = do(f"set obs 5\ngenerate x = _n\ncapture do {inner}\n")
    assert rc == 0 and s.data.nobs == 5


def test_program_restores_and_callers_preserve_survives(do, tmp_path):
    text = ("set obs 5\ngenerate x = _n\npreserve\ndrop in 1\n"
            "program define dropper\n preserve\n drop in 1/3\nend\n"
            "dropper\ncount\nrestore\ncount\n")
    rc, out, s = do(text)
    assert rc == 0
    assert out.split()[5:] == ["(1", "observation", "deleted)", "(3", "observations", "deleted)", "4", "5"]


# ----- use varlist [if] [in] using file -----

@pytest.fixture
def small_dta(do, tmp_path):
    path = tmp_path / "small file.dta"
    _, out, _ = do(f'set obs 6\ngenerate x = _n\ngenerate y = 10*_n\nsave "{path}"\n')
    return path


@pytest.mark.parametrize("tail,nobs,names", [
    ("x in 2/4 using {p}", 3, ["x"]),
    ("in 1/5 using {p}, clear", 5, ["x", "y"]),
    ("y if x > 4 using {p}", 2, ["y"]),
    ("x in 1/5 if x > 1 using {p}, clear", 4, ["x"]),
    ("{p} in 1/2", 2, ["x", "y"]),
    ("{p}, clear", 6, ["x", "y"]),
])
def test_use_varlist_if_in_using(do, small_dta, tail, nobs, names):
    rc, out, s = do("use " + tail.format(p=f'"{small_dta}"'))
    assert rc == 0, out
    assert s.data.nobs == nobs and list(s.data.df.columns) == names


def test_use_errors(do, small_dta):
    assert do(f'use nosuch using "{small_dta}"')[0] == 111
    assert do("use x using")[0] == 198
    assert do(f'use "{small_dta}", clera')[0] == 198


# ----- corrupt or foreign files given to use -----

@pytest.mark.parametrize("content", [b"", b"a,b\n1,2\n", b"\x00" * 3000, bytes(range(256)) * 40,
                                     b"<stata_dta><header><release>117</release>" + b"\xff" * 500])
def test_use_of_a_file_that_is_not_stata_format(do, tmp_path, content):
    path = tmp_path / "bad.dta"
    path.write_bytes(content)
    rc, out, _ = do(f'use "{path}"')
    no_internal_error(out)
    assert rc == 610 and "not Stata format" in out


def test_use_of_a_truncated_dta(do, tmp_path, small_dta):
    path = tmp_path / "trunc.dta"
    path.write_bytes(small_dta.read_bytes()[:200])
    rc, out, _ = do(f'use "{path}"')
    assert rc == 610, out


def test_use_of_a_directory_named_like_a_dataset(do, tmp_path):
    (tmp_path / "d.dta").mkdir()
    rc, out, _ = do(f'use "{tmp_path / "d.dta"}"')
    no_internal_error(out)
    assert rc == 610


# ----- postestimation options with bad numbers or formats -----

@pytest.fixture(scope="module")
def fitted_session():
    import numpy as np
    import pandas as pd

    from mlmcli.dataset import Dataset

    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(20), 6)
    x = rng.normal(size=g.size)
    y = x + rng.normal(size=20)[g] + rng.normal(size=g.size)
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"y": y, "x": x, "g": g.astype(float)}))
    rc = Runner(s).run_text("quietly mixed y x || g:\nestimates store a\nquietly mixed y x || g: x\n"
                            "estimates store b", echo=False)
    assert rc == 0
    return s


@pytest.mark.parametrize("command,rc", [
    ("estimates stats a b, n(abc)", 198), ("estimates stats a b, n(1e400)", 198),
    ("estimates stats a b, n()", 198), ("estat ic, n(nan)", 198), ("estat ic, n(-5)", 198),
    ("estat ic, n(1e400)", 198), ("estat ic, n(120)", 0), ("estimates stats a b, n(50)", 0),
    ("estimates table a b, b(%abc)", 120), ("estimates table a b, se(%9.2q)", 120),
    ("estimates table a b, b(%9.3f) se(%8.2f)", 0), ("matrix list e(b), format(%abc)", 120),
])
def test_postestimation_option_values(fitted_session, command, rc):
    fitted_session.out.stream.truncate(0)
    fitted_session.out.stream.seek(0)
    got = Runner(fitted_session).run_text(command, echo=False)
    no_internal_error(fitted_session.out.stream.getvalue())
    assert got == rc


# ----- error exp -----

@pytest.mark.parametrize("command,rc,message", [
    ("error 198", 198, "invalid syntax"), ("error 2000", 2000, "no observations"),
    ("error 0", 0, ""), ("error 12345", 12345, ""), ("error abc", 197, ""), ("error -1", 197, ""),
    ("error 1.5", 197, ""), ("error 40000", 197, ""), ('error "a"', 197, ""), ("error", 198, "invalid syntax"),
])
def test_error_command(do, command, rc, message):
    got, out, _ = do(command)
    assert got == rc
    assert out == (f"{message}\n" if message else "") + (f"r({rc});\n" if rc else "")


def test_error_rethrows_a_captured_rc(do):
    text = "set obs 1\ncapture {\n  summarize nosuch\n}\nlocal rc = _rc\ndisplay \"cleanup\"\nerror `rc'\n"
    rc, out, s = do(text)
    assert rc == 111
    assert out.endswith("cleanup\n__ not found\nr(111);\n")
    rc, _, s = do("capture error 459\ndisplay _rc")
    assert rc == 0 and s.rc == 459


# ----- errors inside quietly / capture blocks -----

def test_quietly_block_does_not_hide_an_error(do):
    rc, out, _ = do("set obs 1\nquietly {\n display \"hidden\"\n summarize nosuch\n}\ndisplay \"after\"\n")
    assert rc == 111
    assert out.endswith("variable nosuch not found\nr(111);\n") and "hidden" not in out and "after" not in out


def test_capture_noisily_block_shows_the_message_without_rc_line(do):
    rc, out, s = do("set obs 1\ncapture noisily {\n display \"in\"\n summarize nosuch\n display \"no\"\n}\n")
    assert rc == 0 and s.rc == 111
    assert out == "obs was 0, now 1\nin\nvariable nosuch not found\n"


def test_capture_block_is_silent_and_inline_capture_noisily_shows_the_message(do):
    rc, out, s = do("set obs 1\ncapture {\n summarize nosuch\n}\n")
    assert rc == 0 and s.rc == 111 and out == "obs was 0, now 1\n"
    rc, out, s = do("capture noisily summarize nosuch\ndisplay _rc\n")
    assert rc == 0 and out == "variable nosuch not found\n111\n"


# ----- testparm -----

@pytest.fixture(scope="module")
def factor_fit():
    import numpy as np
    import pandas as pd

    from mlmcli.dataset import Dataset

    rng = np.random.default_rng(11)
    g = np.repeat(np.arange(25), 8)
    f = rng.integers(0, 3, size=g.size).astype(float)
    x = rng.normal(size=g.size)
    y = 0.5 * x + 0.3 * (f == 2) + rng.normal(size=25)[g] + rng.normal(size=g.size)
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"y": y, "x": x, "f": f, "g": g.astype(float), "z": x * 2}))
    assert Runner(s).run_text("quietly mixed y i.f##c.x || g:", echo=False) == 0
    return s


def _run_on(s, text):
    s.out.stream.truncate(0)
    s.out.stream.seek(0)
    rc = Runner(s).run_text(text, echo=False)
    return rc, s.out.stream.getvalue()


def test_testparm_equals_test_of_the_non_base_levels(factor_fit):
    rc, out = _run_on(factor_fit, "testparm i.f")
    assert rc == 0 and "[y]1.f = 0" in out and "[y]2.f = 0" in out and "0b.f" not in out
    chi2 = factor_fit.r["chi2"]
    rc, _ = _run_on(factor_fit, "test 1.f 2.f")
    assert rc == 0 and factor_fit.r["chi2"] == pytest.approx(chi2)
    rc, out = _run_on(factor_fit, "testparm i.f#c.x x")
    assert rc == 0 and factor_fit.r["df"] == 3 and "[y]2.f#c.x = 0" in out
    rc, out = _run_on(factor_fit, "testparm i.f, equal")
    assert rc == 0 and factor_fit.r["df"] == 1


@pytest.mark.parametrize("text,rc", [("testparm nosuch", 111), ("testparm z", 111), ("testparm", 100),
                                     ("testparm x, equal", 102), ("testparm x, bad", 198)])
def test_testparm_errors(factor_fit, text, rc):
    got, out = _run_on(factor_fit, text)
    no_internal_error(out)
    assert got == rc


# ----- predict after the model's variables were dropped or renamed -----

@pytest.mark.parametrize("change,command", [
    ("drop _all", "predict p"), ("rename x x2", "predict p"), ("drop f", "predict p"),
    ("drop x", "predict p, fitted"), ("drop y", "predict p, residuals"),
])
def test_predict_needs_the_model_variables(change, command):
    import numpy as np
    import pandas as pd

    from mlmcli.dataset import Dataset

    rng = np.random.default_rng(5)
    g = np.repeat(np.arange(10), 5)
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"y": rng.normal(size=50), "x": rng.normal(size=50),
                                      "f": rng.integers(0, 2, 50).astype(float), "g": g.astype(float)}))
    assert Runner(s).run_text("quietly mixed y x i.f || g:", echo=False) == 0
    rc = Runner(s).run_text(f"{change}\n{command}", echo=False)
    no_internal_error(s.out.stream.getvalue())
    assert rc in (111, 459)


@pytest.mark.parametrize("value", ["1e400", "nan", "inf", "-inf"])
def test_label_define_rejects_non_finite_values(do, value):
    rc, out, _ = do(f'label define a {value} "x"')
    no_internal_error(out)
    assert rc == 198


# ----- huge numbers where a count or a position is expected -----

@pytest.mark.parametrize("command,rc", [
    ("set seed 1e400", 198), ('display _dup(1e300) "a"', 198), ('display _col(1e300) "a"', 198),
    ('display _skip(1e9) "a"', 198), ('display _dup(3) "ab"', 0),
    ("forvalues i = -1e308(1e-308)1e308 {\n}", 134), ("foreach i of numlist 1/1e400 {\n}", 198),
    ("set obs 3\ngen x = _n\negen z = anycount(x), values(1/1e300)", 134),
    ("set obs 3\ngen x = _n\negen z = anycount(x), values(1/2 3)", 0),
    ("set obs 3\ngen x = _n\negen z = anycount(x), values(abc)", 121),
])
def test_huge_counts_are_clean_errors(do, command, rc):
    got, out, _ = do(command)
    no_internal_error(out)
    assert got == rc and len(out) < 10_000


def test_rnormal_with_a_negative_sd_is_missing(do):
    rc, out, s = do("display rnormal(0, -1)\nset obs 4\ngen z = rnormal(0, -2)\ngen w = rnormal(3, 0)")
    assert rc == 0 and out.splitlines()[0] == "."
    assert s.data.df["z"].isna().all() and (s.data.df["w"] == 3).all()


@pytest.mark.parametrize("command,text", [("display %td 0", "01jan1960"), ("display %td 21929", "15jan2020"),
                                          ("display %tm 600", "2010m1"), ("display %tq 200", "2010q1"),
                                          ("display %td .", ".")])
def test_display_with_date_formats(do, command, text):
    rc, out, _ = do(command)
    assert rc == 0 and out == text + "\n"


# ----- test/lincom when e(V) has a missing variance elsewhere (component on its boundary) -----

def test_wald_and_lincom_ignore_missing_variances_they_do_not_use():
    import numpy as np

    from mlmcli.errors import StataError
    from mlmcli.postest.wald import Constraint, linear_combination, wald_test

    b = np.array([2.0, 1.0, np.nan])
    V = np.array([[0.25, 0.0, np.nan], [0.0, 1.0, np.nan], [np.nan, np.nan, np.nan]])
    res = wald_test([Constraint(np.array([1.0, 0.0, 0.0]), 0.0)], b, V, ["x = 0"])
    assert res.chi2 == pytest.approx(16.0) and res.df == 1
    lc = linear_combination(Constraint(np.array([1.0, 1.0, 0.0]), 0.0), "(1)", b, V)
    assert lc.estimate == pytest.approx(3.0) and lc.se == pytest.approx(np.sqrt(1.25))
    with pytest.raises(StataError) as err:
        wald_test([Constraint(np.array([0.0, 0.0, 1.0]), 0.0)], b, V, ["z = 0"])
    assert err.value.rc == 504


@pytest.mark.parametrize("command", ["lincom 1/0", "lincom x/0", "test x/0 = 1", "test 2*x = 1/0",
                                     "lincom 1e400*x", "lincom x/1e-320"])
def test_linear_expressions_with_missing_constants(factor_fit, command):
    rc, out = _run_on(factor_fit, command)
    no_internal_error(out)
    assert rc == 198
    assert _run_on(factor_fit, "lincom x/2")[0] == 0


def test_not_identified_variance_components_have_missing_not_zero_se():
    import numpy as np

    from mlmcli.mixed.inference import invert_negative_hessian

    H = -np.array([[1.0, 1.0], [1.0, 1.0]])  # only the sum is identified
    V = invert_negative_hessian(H)
    assert np.isfinite(V).all()  # pinv: both directions keep a positive variance here
    H0 = -np.array([[2.0, 0.0], [0.0, 0.0]])  # the second parameter does not move the likelihood
    V0 = invert_negative_hessian(H0)
    assert V0[0, 0] == pytest.approx(0.5) and np.isnan(V0[1, 1]) and np.isnan(V0[0, 1])
    Hpd = -np.array([[2.0, 0.5], [0.5, 1.0]])
    assert np.allclose(invert_negative_hessian(Hpd), np.linalg.inv(-Hpd))


def test_groups_of_one_do_not_print_zero_standard_errors(do):
    text = "set obs 30\ngen g = _n\ngen y = mod(_n * 7, 11) / 3\nmixed y || g:\nestat icc\nestat recovariance"
    rc, out, _ = do(text)
    no_internal_error(out)
    assert rc == 0
    for line in out.splitlines():
        if line.strip().startswith(("var(_cons)", "var(Residual)")):
            assert line.split("|")[1].split()[1] != "0", line


def test_import_delimited_out_of_range_numbers_are_missing_and_inf_text_is_a_string(do, tmp_path):
    path = tmp_path / "inf.csv"
    path.write_text("a,b,c,d\n1e400,1,inf,1_0\n2,-1e400,nan,2\n3,3,3,4\n")
    rc, out, s = do(f'import delimited using "{path}", clear\nsummarize a b')
    assert rc == 0
    df = s.data.df
    assert df["a"].isna().tolist() == [True, False, False] and df["b"].isna().tolist() == [False, True, False]
    assert s.data.is_string("c") and s.data.is_string("d")
    assert s.r["N"] == 2  # summarize b: the overflowing value is missing, not an infinite number


def test_import_delimited_never_creates_reserved_variable_names(do, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("in,_all,byte,_n,str1,ok\n1,2,3,4,5,6\n")
    rc, _, s = do(f'import delimited using "{path}", clear')
    assert rc == 0
    assert list(s.data.df.columns) == ["v1", "v2", "v3", "v4", "v5", "ok"]
    assert s.data.var_labels["v1"] == "in"


@pytest.mark.parametrize("command", ["gen str5 = 1", "set obs 1\ngen x = 1\nrename x str5", "gen str2045 = 1"])
def test_str_type_names_are_reserved(do, command):
    rc, out, _ = do(command)
    no_internal_error(out)
    assert rc == 198


@pytest.mark.parametrize("wrapper", ["capture do {f}", "capture run {f}", "capture {{\n do {f}\n}}",
                                     "capture quietly do {f}"])
def test_capture_around_a_failing_do_file_is_silent(do, tmp_path, wrapper):
    inner = tmp_path / "fails.do"
    inner.write_text("summarize nosuch\n")
    rc, out, s = do("set obs 1\n" + wrapper.format(f=inner) + "\n")
    assert rc == 0 and s.rc == 111
    assert "nosuch" not in out and "r(111)" not in out


def test_capture_noisily_do_shows_the_message_once(do, tmp_path):
    inner = tmp_path / "fails.do"
    inner.write_text("summarize nosuch\n")
    rc, out, s = do(f"set obs 1\ncapture noisily do {inner}\n")
    assert rc == 0 and s.rc == 111
    assert out.count("variable nosuch not found") == 1 and "r(111)" not in out
