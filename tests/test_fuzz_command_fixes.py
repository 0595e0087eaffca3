"""Internal errors found by the command-level fuzz (tests/fuzz_commands.py), each now Stata's
output or Stata's error with its return code, the data left as they were."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _frame(n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({"y": rng.normal(size=n), "k": np.full(n, 3.0), "x1": np.arange(1.0, n + 1),
                         "g": np.repeat(np.arange(1.0, 5.0), n // 4), "o": (1 + np.arange(n) % 3).astype(float)})


def test_loneway_one_observation_per_group_gives_missing_not_an_error(do):
    # loneway.ado's scalars divide by dfw = 0: Stata's arithmetic gives missing, so the table
    # shows "." for MS within, F, rho, its SE, interval and the SDs
    rc, out, s = do("loneway k x1, mean long", df=_frame())
    assert rc == 0, out
    assert "R-squared =            ." in out
    within = next(line for line in out.splitlines() if line.startswith("Within x1"))
    assert within.split()[-1] == "."
    assert np.isnan(s.r["rho"]) and np.isnan(s.r["sd_w"]) and s.r["N"] == 40


def test_loneway_mean_with_two_within_df_is_truncated_missing(do):
    # mean: Frefpt = dfw/(dfw - 2) is missing at dfw = 2; F < . holds, so rho is 0/(0 + .) = .
    # marked truncated, as the ado computes it
    df = pd.DataFrame({"y": [1.0, 5, 2, 7], "g": [0.0, 0, 1, 1]})
    rc, out, s = do("loneway y g, mean", df=df)
    assert rc == 0, out
    assert np.isnan(s.r["rho"])
    assert "(*) Truncated at zero." in out
    rc, out, s = do("loneway y g", df=df)  # the default reference still gives numbers
    assert rc == 0 and np.isfinite(s.r["rho"]), out


def test_fillin_repeated_variable_crosses_it_once(do):
    df = pd.DataFrame({"a": [1.0, 1, 2], "b": [1.0, 2, 1]})
    rc, out, s = do("fillin a a b", df=df)
    assert rc == 0, out
    assert len(s.data.df) == 4 and s.data.df["_fillin"].tolist() == [0, 0, 0, 1]
    rc, out, s = do("fillin a a", df=df)
    assert rc == 0, out
    assert s.data.df["_fillin"].tolist() == [0, 0, 0]


@pytest.mark.parametrize("arg", ['""', "-1", "0", "abc"])
def test_decode_maxlength_must_be_a_number_from_1_to_2045(do, arg):
    df = pd.DataFrame({"g": [1.0, 2.0]})
    rc, out, s = do(f"label define gl 1 one 2 two\nlabel values g gl\ndecode g, generate(d) maxlength({arg})", df=df)
    assert rc == 198 and "option maxlength() incorrectly specified" in out
    assert list(s.data.df.columns) == ["g"]


@pytest.mark.parametrize("line", ["infile a using dir.dta, clear", "infix a 1-2 using dir.dta, clear"])
def test_infile_of_a_folder_cannot_be_opened(do, tmp_path, monkeypatch, line):
    (tmp_path / "dir.dta").mkdir()
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(line, df=pd.DataFrame({"x": [1.0]}))
    assert rc == 603 and "file dir.dta could not be opened" in out
    assert list(s.data.df.columns) == ["x"]


def _panel() -> pd.DataFrame:
    df = _frame()
    df["t"] = np.tile(np.arange(1.0, 11.0), 4)
    return df


@pytest.mark.parametrize("line", ["sqreg k, nolog", "iqreg k, nolog"])
def test_quantile_regressions_of_a_constant_show_a_missing_pseudo_r2(do, line):
    rc, out, s = do(line, df=_frame())
    assert rc == 0, out
    assert "Pseudo R2 =         ." in out
    assert s.e.scalars["N"] == 40


def test_xtreg_of_a_constant_shows_rho_missing(do):
    # sigma_u = sigma_e = 0: rho = 0/0 is missing in Stata's arithmetic
    rc, out, s = do("xtset g t\nxtreg k", df=_panel())
    assert rc == 0, out
    rho = next(line for line in out.splitlines() if line.strip().startswith("rho"))
    assert rho.split("|")[1].split()[0] == "."
    assert np.isnan(s.e.scalars["rho"]) and s.e.scalars["sigma_u"] == 0


@pytest.mark.parametrize("data", ["no observations", "all missing"])
def test_xi_of_a_variable_without_values_is_too_many_groups(do, data):
    # xi.ado: the top code is r(max) = . and xi_mkun's `ng' < 1000 fails: "too many groups" r(499)
    df = pd.DataFrame({"f": [0.0, 1.0, 0.0], "z": [np.nan] * 3})
    if data == "no observations":
        df = df.iloc[:0]
    rc, out, s = do("xi i.f i.z" if data == "all missing" else "xi i.f", df=df)
    assert rc == 499
    assert ("too many groups for z" if data == "all missing" else "too many groups for f") in out
    assert list(s.data.df.columns) == ["f", "z"]


def test_clogit_without_regressors_reports_the_null_model(do):
    # clogit.ado hands a model without xvars to _clogit: the conditional log likelihood at no
    # coefficients, LR chi2(0) = 0 (R: sum over groups of log choose(n_g, k_g)^-1)
    df = pd.DataFrame({"w": np.repeat([1.0, 2.0, 3.0], 4), "c": [1.0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0]})
    rc, out, s = do("clogit c, group(w)", df=df)
    assert rc == 0, out
    expected = -(np.log(6) + np.log(6) + np.log(4))  # C(4,2), C(4,2), C(4,1)
    assert abs(s.e.scalars["ll"] - expected) < 1e-9
    assert "LR chi2(0)      =       0.00" in out


# Each line the fuzz found raising, on the fuzz's own data (shape, setup, line, Stata's rc).
FOUND = [
    ("full", (), "loneway k x1, mean long", 0),
    ("full", (), 'decode g, generate(nv_1) maxlength("")', 198),
    ("full", (), "fillin x1 x1 t", 0),
    ("one", (), "fillin g g", 0),
    ("full", (), 'infile f double s using dir.dta if s == "a", clear', 603),
    ("holes", (), "sqreg k, nolog", 0),
    ("full", ("xtset g t",), "xtreg k", 0),
    ("empty", (), "xi i.g t", 499),
    ("holes", (), "clogit c, group(w) robust iterate(2)", 0),
    ("full", ("xtset g t",), "by g: xtpoisson o, fe", 0),
    ("full", (), "mlogit w k x1 i.g", 0),
    ("full", (), "glm t2 in 1", 0),
    ("full", (), 'glm c if s == "a" in 1/5, nonrtolerance nolog', 0),
    ("full", (), "rcsgen b, gen(nv) percentiles(1 2 3) orthog", 0),
    ("one", (), "qnorm b if g == 1", 0),
    ("holes", (), "pnorm b if b == 1", 0),
    ("full", ("regress y x1", "estimates store m1", "poisson c x1"), "outreg using dir.dta, drop(x1) addtable se",
     603),
    ("full", ("regress y x1",), "esttab using dir.dta, append", 603),
    ("full", (), "qreg k o,", 0),
    ("full", (), "qreg w f##g w,", 0),
    ("full", ("stset t2, failure(b)",), "stcox i.g f x2 in -5/l", 0),
    ("full", (), "rcsgen t in 1, gen(_new) orthog", 0),
    ("full", (), "lpoly x2 k", 0),
    ("one", (), "dotplot o, ny(0)", 2000),  # the ado's y are all missing: twoway has no observations
    ("one", (), "correlate y k o", 0),
    ("one", (), "pwcorr in l,", 0),
    ("full", (), "oneway y t2, bonferroni", 0),
    ("full", (), "loneway k sid", 0),
    ("holes", (), "icc g t,", 0),
    ("holes", (), "ttesti 2147483648 0 0 3", 0),
    ("one", (), "cnreg k b c [fw=w], censored(c)", 430),  # sigma -> 0: convergence not achieved
    ("one", ("xtset g t",), "xttobit x1 o if b == 1", 1400),  # xtreg, mle start: sigma_e 0, not feasible (dv62)
    ("full", (), "areg b x2, absorb(b)", 0),  # r2 = 1: F of the absorbed missing
    ("holes", (), "ttesti 1 99 0 90 3 10, unequal unequal", 0),
    ("empty", (), "import delimited using data.dta, lazy", 603),  # no text table: could not be loaded
    ("full", (), "export spss t t using out if 0, replace", 0),
    ("one", (), "append using data.dta, keep(x1 x1 z c z)", 0),
    ("full", (), "areg k, absorb(c) cluster(w)", 0),  # rss = 0: ln(0) is missing
    ("full", ("mixed y x1 || g: x1, cov(un)",), "esttab using out.txt", 0),  # atanh(1) = inf shows "."
    ("holes", ("stset t2, failure(b)",), "stsum in 1", 0),  # no failure: S = 1, percentiles missing
    ("empty", ("tsset t",), "tsappend, add(2)", 2000),
    ("full", (), "matrix est = 1/0", 0),
    ("full", (), "oneway t sid in 1, sidak sidak nofreq nomeans nomeans missing", 2000),  # a string group
    ("full", (), "bootstrap e(N), seed(-1): regress y x1", 198),
    ("holes", (), "intreg z w, tolerance(5) noemptycells", 0),
    ("full", ("stset t2, failure(b)",), "reghdfe g if g == 1, absorb(c) robust", 0),
    ("holes", (), "graph pie c, over(y x1)", 103),  # over(varname): too many variables specified
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_fuzz_found_lines_run_as_stata_does(tmp_path, shape, setup, line, rc):
    import fuzz_commands as fc

    fc.prepare_folder(str(tmp_path))
    got, findings, printed = fc.run_case(fc.Case("found", shape, setup, line), str(tmp_path))
    assert not findings, findings[0].detail
    assert got == rc, printed


def test_eform_of_a_diverged_coefficient_is_missing():
    # mlogit's rrr rows: exp(800) overflows; Stata's exp() gives missing, not inf or an error
    from mlmcli.glm.inference import eform_rows
    from mlmcli.results.mixed import CoefRow

    (row,) = eform_rows((CoefRow("x", 800.0, 1.0, 800.0, 0.0, 798.0, 802.0),))
    assert np.isnan(row.coef) and np.isnan(row.ci_lo) and np.isnan(row.ci_hi)


def test_glm_with_as_many_observations_as_coefficients_shows_missing_ratios(do):
    rc, out, s = do("glm t2 in 1", df=pd.DataFrame({"t2": [1.5, 2.5, 3.5]}))
    assert rc == 0, out
    assert "(1/df) Deviance =         ." in out and "Scale parameter =         ." in out
    assert s.e.scalars["df"] == 0 and np.isnan(s.e.scalars["dispers"]) and np.isnan(s.e.scalars["phi"])


def test_rcsgen_with_equal_boundary_knots_gives_missing_splines(do):
    # the ado's lambda = (kmax - k)/(kmax - kmin) is missing, so the spline variables are
    df = pd.DataFrame({"b": [0.0] * 18 + [1.0, 1.0]})
    rc, out, s = do("rcsgen b, gen(nv) percentiles(1 2 3)", df=df)
    assert rc == 0, out
    assert s.data.df["nv1"].tolist() == df["b"].tolist() and s.data.df["nv2"].isna().all()


def test_fillin_of_too_many_combinations_is_refused_before_building_them(do):
    # 40^8 combinations: past Stata's observations, r(909) at once (the fuzz's `fillin _all`
    # tried to build them), the data unchanged
    rng = np.random.default_rng(1)
    df = pd.DataFrame({f"v{i}": rng.random(40) for i in range(8)})
    rc, out, s = do("fillin _all", df=df)
    assert rc == 909 and "op. sys. refuses to provide memory" in out
    assert list(s.data.df.columns) == list(df.columns) and len(s.data.df) == 40


def test_infile_with_a_huge_skip_pads_nothing(do, tmp_path, monkeypatch):
    # _skip(2147483648) made a 2^31-long padding list (24 GB before the OOM killer)
    (tmp_path / "a.raw").write_text("1 2 3\n4 5\n")
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("infile a _skip(2147483648) b using a.raw, clear")
    assert rc == 0, out
    assert s.data.df["a"].tolist() == [1.0] and np.isnan(s.data.df["b"][0])
    rc, out, s = do("infile a b c using a.raw, clear")
    assert s.data.df["c"].tolist()[0] == 3.0 and np.isnan(s.data.df["c"][1])


def test_loneway_string_group_is_grouped_as_the_ado(do):
    # loneway.ado: `egen long grp2 = group(grp)' for a string group variable
    df = pd.DataFrame({"y": [1.0, 2, 4, 5, 7, 9], "s": ["a", "a", "b", "b", "c", "c"], "n": [1.0, 1, 2, 2, 3, 3]})
    rc, out, s = do("loneway y s", df=df)
    assert rc == 0, out
    rc2, out2, s2 = do("loneway y n", df=df)
    assert s.r["rho"] == pytest.approx(s2.r["rho"]) and s.r["sd_w"] == pytest.approx(s2.r["sd_w"])


def test_correlate_of_one_observation_is_missing(do):
    rc, out, s = do("correlate y x", df=pd.DataFrame({"y": [1.0], "x": [2.0]}))
    assert rc == 0, out
    assert "(obs=1)" in out
    assert out.splitlines()[-1].split() == ["x", "|", ".", "."]


def test_ttesti_with_zero_sd_has_missing_t(do):
    rc, out, s = do("ttesti 10 0 0 3")
    assert rc == 0, out
    assert "t =        ." in out and np.isnan(s.r["t"])


def test_oneway_bonferroni_with_one_observation_a_group_has_missing_p(do):
    df = pd.DataFrame({"y": [1.0, 2.0, 4.0], "g": [1.0, 2.0, 3.0]})
    rc, out, s = do("oneway y g, bonferroni", df=df)
    assert rc == 0, out
    assert out.rstrip().splitlines()[-1].split() == ["|", ".", "."]


def test_export_of_a_repeated_variable_writes_one_column(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("export parquet t t y using o", df=pd.DataFrame({"t": [1.0, 2.0], "y": [3.0, 4.0]}))
    assert rc == 0, out
    rc, out, s = do("use o.parquet, clear")
    assert rc == 0 and list(s.data.df.columns) == ["t", "y"], out


def test_ttest_unequal_with_one_observation_has_missing_df(do):
    rc, out, s = do("ttesti 1 99 0 90 3 10, unequal")
    assert rc == 0, out
    assert "Satterthwaite's degrees of freedom =        ." in out


def test_matrix_divided_by_zero_is_missing(do):
    rc, out, s = do("matrix A = 1/0\nmatrix list A")
    assert rc == 0, out
    assert out.rstrip().splitlines()[-1].split() == ["r1", "."]


def test_set_seed_outside_its_range_is_refused(do):
    # [R] set seed: # between 0 and 2^31 - 1; a negative seed crashed the first draw
    rc, out, s = do("set seed -1")
    assert rc == 198 and "seed must be between 0 and 2,147,483,647" in out
    rc, out, s = do("set seed 2147483647\nset obs 2\ngen u = runiform()")
    assert rc == 0, out


def test_oneway_with_a_string_group(do):
    df = pd.DataFrame({"y": [1.0, 2, 4, 5, 7, 9], "s": ["a", "a", "b", "b", "c", "c"]})
    rc, out, s = do("oneway y s, tabulate", df=df)
    assert rc == 0, out
    assert [line.split("|")[0].strip() for line in out.splitlines() if line.strip().startswith(("a ", "b ", "c "))] \
        == ["a", "b", "c"]
