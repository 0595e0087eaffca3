"""Held-out batch 37 (tests/realworld/README.md, thirty-seventh batch): what its files needed.

- svyset's common options typed in an earlier stage: svyset.ado parses its stages with
  ``_parse expand stage global : 0, common(VCE() SINGLEunit() ...)``, which takes the common
  options from any ``||`` piece, so the DHS Program's published level-weight line
  ``svyset v001, weight(wt2) strata(v022) , singleunit(centered) || _n, weight(wt1)`` (the stray
  comma in stage 1's options included) declares the same design as the options typed last.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def design():
    rng = np.random.default_rng(3701)
    c = np.repeat(np.arange(1, 25), 6)
    s = (c - 1) % 5 + 1
    s[c == 24] = 6  # a stratum of one cluster: singleunit() matters
    w2 = 1.0 + (c % 4)
    return pd.DataFrame({"c": c, "s": s, "w2": w2, "w1": 1.0 + 0.5 * (np.arange(len(c)) % 3),
                         "x": rng.normal(size=len(c)), "y": (rng.random(len(c)) < 0.4).astype(float)})


@pytest.mark.parametrize("typed", [
    "svyset c, weight(w2) strata(s) , singleunit(centered) || _n, weight(w1)",
    "svyset c, weight(w2) strata(s) singleunit(centered) || _n, weight(w1)",
    "svyset c, singleu(centered), weight(w2) strata(s) || _n, weight(w1)",
])
def test_common_option_in_an_earlier_stage(do, design, typed):
    rc, out, s = do("svyset c, weight(w2) strata(s) || _n, weight(w1) singleunit(centered)", design)
    assert rc == 0, out
    expected = dict(s.r)
    rc, out, s = do(typed, design)
    assert rc == 0, out
    assert dict(s.r) == expected
    assert s.r["singleunit"] == "centered" and s.r["weight1"] == "w2" and s.r["strata1"] == "s"
    assert "  Single unit: centered" in out


def test_earlier_stage_singleunit_reaches_the_variance(do, design):
    """svy: logit under the stage-1 singleunit(centered) equals the fit with it typed last (and
    differs from the default, missing, which gives no standard error for the lone unit)."""
    fits = []
    for line in ("svyset c, weight(w2) strata(s) , singleunit(centered) || _n, weight(w1)",
                 "svyset c, weight(w2) strata(s) || _n, weight(w1) singleunit(centered)"):
        rc, out, s = do(f"{line}\nsvy: logit y x", design)
        assert rc == 0, out
        fits.append((np.asarray(s.e.matrices["b"].values, float), np.asarray(s.e.matrices["V"].values, float)))
    np.testing.assert_allclose(fits[0][0], fits[1][0], rtol=1e-12)
    np.testing.assert_allclose(fits[0][1], fits[1][1], rtol=1e-12)
    assert np.all(np.isfinite(np.diag(fits[0][1])))


@pytest.mark.parametrize("typed, rc_expected", [
    ("svyset c, weight(w2) foo(s) || _n, weight(w1)", 198),           # not a stage or common option
    ("svyset c, weight(w2) || _n, weight(w1) strata(s) , singleunit(bogus)", 198),
])
def test_stage_options_still_checked(do, design, typed, rc_expected):
    rc, out, s = do("svyset c, strata(s)\n" + typed, design)
    assert rc == rc_expected, out
    rc, out, s = do("svyset", session=s)
    assert "     Strata 1: s" in out  # the failing svyset left the settings as they were


# ----------------------------------------------------------------------------- egen xtile(), fre by, renpfix
def _stata_pctile(sorted_x, p):
    """_pctile's default definition, by hand: P = n p / 100; an integer P averages x[P], x[P+1]."""
    n = len(sorted_x)
    P = n * p / 100
    k = int(np.floor(P))
    if abs(P - round(P)) < 1e-12 and 1 <= k < n:
        return (sorted_x[k - 1] + sorted_x[k]) / 2
    return sorted_x[min(k, n - 1)]


def test_egen_xtile_by_group_matches_pctile_cuts(do):
    rng = np.random.default_rng(3702)
    df = pd.DataFrame({"g": np.repeat([1, 2, 3], 17), "x": np.round(rng.normal(size=51) * 10, 1)})
    df.loc[[4, 30], "x"] = np.nan
    rc, out, s = do("sort g\nby g: egen q = xtile(x), nq(4)\negen q2 = xtile(x), percentiles(30 60) by(g)", df)
    assert rc == 0, out
    got, got2 = s.data.numeric("q"), s.data.numeric("q2")
    for g in (1, 2, 3):
        rows = np.flatnonzero((df.g == g).to_numpy())
        x = df.x.to_numpy()[rows]
        sx = np.sort(x[~np.isnan(x)])
        for pcts, res in (([25, 50, 75], got), ([30, 60], got2)):
            cuts = np.array([_stata_pctile(sx, p) for p in pcts])
            for i, v in zip(rows, x):
                expected = np.nan if np.isnan(v) else 1 + int(np.sum(v > cuts))
                assert (np.isnan(expected) and np.isnan(res[i])) or res[i] == expected


def test_egen_xtile_options_checked(do):
    df = pd.DataFrame({"x": np.arange(10.0)})
    rc, out, _ = do("egen q = xtile(x), nq(4) percentiles(50)", df)
    assert rc == 198 and "do not specify percentiles and nquantiles" in out
    rc, out, _ = do("egen q = mean(x), nq(4)", df)
    assert rc == 198 and "option nquantiles not allowed" in out
    rc, out, s = do("egen q = xtile(x)", df)  # no option: the median
    assert rc == 0 and list(s.data.numeric("q")) == [1.0] * 5 + [2.0] * 5


def test_fre_is_byable(do):
    df = pd.DataFrame({"g": [1, 1, 1, 2, 2], "y": [1, 2, 2, 3, 3]})
    rc, out, _ = do("by g: fre y", df)
    assert rc == 0, out
    assert "-> g = 1" in out and "-> g = 2" in out
    first, second = out.split("-> g = 2")
    assert "Total |          3" in first and "Total |          2" in second


def test_renpfix(do):
    df = pd.DataFrame({"_mean": [1.0], "_sd": [2.0], "x_mean": [3.0]})
    rc, out, s = do("renpfix _ est", df)
    assert rc == 0, out
    assert s.data.varnames == ["estmean", "estsd", "x_mean"] and s.r["varlist"] == "estmean estsd"
    rc, out, s = do("renpfix est", session=s)
    assert rc == 0 and s.data.varnames[:2] == ["mean", "sd"]
    rc, out, s2 = do("renpfix x_ mean", df)  # x_mean -> meanmean; fine.  A clash is r(110), nothing renamed
    rc, out, s3 = do("gen estmean = 1\nrenpfix _ est", df)
    assert rc == 110 and "_mean" in s3.data.varnames and "_sd" in s3.data.varnames
    rc, out, _ = do("renpfix zz", df)
    assert rc == 111


# ----------------------------------------------------------------------------- mi estimate tables
@pytest.fixture(scope="module")
def mi_data():
    rng = np.random.default_rng(3703)
    n = 120
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    y = 1 + 0.5 * x - 0.3 * z + rng.normal(size=n)
    df = pd.DataFrame({"y": y, "x": x, "z": z})
    for m in (1, 2, 3):
        df[f"x{m}"] = x + (rng.normal(size=n) * 0.3 if m else 0)
    df.loc[::6, "x"] = np.nan
    return df


def _imported(do, df):
    return do("mi import wide, imputed(x = x1 x2 x3) clear\nmi estimate: regress y x z", df)


def test_mi_estimate_dftable_and_nocitable(do, mi_data):
    rc, out, s = _imported(do, mi_data)
    assert rc == 0, out
    rc, out, s = do("mi estimate, dftable", session=s)
    assert rc == 0, out
    assert "% Increase" in out and "[95% Conf. Interval]" not in out
    W = np.diag(np.asarray(s.e.matrices["W_mi"].values, float))
    T = np.diag(np.asarray(s.e.matrices["V_mi"].values, float))
    df_mi = np.asarray(s.e.matrices["df_mi"].values, float).ravel()
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("x |"))
    cells = line.split("|")[1].split()
    assert float(cells[4]) == pytest.approx(df_mi[0], abs=0.06)
    assert float(cells[5]) == pytest.approx(100 * (np.sqrt(T[0] / W[0]) - 1), abs=0.006)
    rc, out, s = do("mi estimate, vartable nocitable", session=s)
    assert rc == 0 and "Variance information" in out and "Conf. Interval" not in out
    rc, out, s = do("mi estimate, citable dftable", session=s)
    assert rc == 0 and "Conf. Interval" in out and "Degrees of freedom" in out
    rc, out, _ = do("mi estimate, citable nocitable", session=s)
    assert rc == 198


def test_mi_estimate_estmetric_note_after_mixed(do):
    rng = np.random.default_rng(3704)
    g = np.repeat(np.arange(12), 8)
    x = rng.normal(size=len(g))
    df = pd.DataFrame({"g": g, "x": x, "y": 0.5 * x + rng.normal(size=12)[g] + rng.normal(size=len(g))})
    for m in (1, 2):
        df[f"x{m}"] = x + rng.normal(size=len(g)) * 0.2
    df.loc[::7, "x"] = np.nan
    rc, out, s = do("mi import wide, imputed(x = x1 x2) clear\nmi estimate, vartable: mixed y x || g:", df)
    assert rc == 0, out
    assert "note: dftable or vartable imply estmetric" in out
    rc, out, _ = do("mi estimate, estmetric: regress y x", session=s)
    assert rc == 198


# ----------------------------------------------------------------------------- mi passive
def test_mi_passive_generate_replace_and_by_egen(do, mi_data):
    rc, out, s = do("mi import wide, imputed(x = x1 x2 x3) clear\n"
                    "gen grp = mod(_n, 4)\n"
                    "mi passive: gen xx = 2*x\n"
                    "mi passive: replace xx = 0 if xx > 2\n"
                    "mi passive: by grp: egen mx = mean(x)", mi_data)
    assert rc == 0, out
    assert out.count("m=0:") == 3 and "m=3:" in out
    ds = s.data
    assert set(ds.chars["_mi_pvars"].split()) == {"xx", "mx"}
    grp = ds.numeric("grp")  # mi passive's by sorted the data by grp, as the ado does
    assert np.all(np.diff(grp) >= 0)
    for m in (1, 2, 3):
        x = ds.numeric(f"_{m}_x")
        observed = ~np.isnan(ds.numeric("x"))
        np.testing.assert_allclose(x[observed], ds.numeric("x")[observed])
        xx = np.where(2 * x > 2, 0, 2 * x)
        np.testing.assert_allclose(ds.numeric(f"_{m}_xx"), xx)
        means = pd.Series(x).groupby(grp).transform("mean").to_numpy()
        np.testing.assert_allclose(ds.numeric(f"_{m}_mx"), means)
    assert sorted(ds.numeric("x")[observed]) == sorted(mi_data["x"].dropna())
    rc, out, _ = do("mi passive: replace y = 1", session=s)
    assert rc == 111 and "existing variable y not passive" in out
    rc, out, _ = do("mi passive: summarize x", session=s)
    assert rc == 198 and "invalid mi passive subcommand" in out
    rc, out, _ = do("mi passive: gen str5 t = \"a\"", session=s)
    assert rc == 198 and "passive variables must be numeric" in out


# ----------------------------------------------------------------------------- mi merge
def test_mi_merge_m1_of_two_mi_files(do, tmp_path):
    rng = np.random.default_rng(3705)
    school = pd.DataFrame({"sid": np.arange(1, 7), "s": rng.normal(size=6)})
    school["s1"], school["s2"] = school.s + 0.1, school.s + 0.2
    school.loc[[1, 4], "s"] = np.nan
    students = pd.DataFrame({"sid": np.repeat(np.arange(1, 7), 3), "v": rng.normal(size=18)})
    students["v1"], students["v2"], students["v3"] = students.v - 1, students.v - 2, students.v - 3
    students.loc[[0, 5, 11], "v"] = np.nan
    path = tmp_path / "school.dta"
    rc, out, s = do(f"mi import wide, imputed(s = s1 s2) clear\nsave \"{path}\"", school)
    assert rc == 0, out
    rc, out, s = do(f"mi import wide, imputed(v = v1 v2 v3) clear\nmi merge m:1 sid using \"{path}\"",
                    students)
    assert rc == 0, out
    assert "(new variable s registered as imputed)" in out and "matched                                18" in out
    ds = s.data
    assert ds.chars["_mi_M"] == "3" and "s" in ds.chars["_mi_ivars"].split() and "_merge" not in ds.varnames
    sid = ds.numeric("sid").astype(int)
    for m in (1, 2, 3):
        s_m = school["s"].to_numpy().copy()
        if m <= 2:
            fill = school[f"s{m}"].to_numpy()
            s_m[np.isnan(s_m)] = fill[np.isnan(s_m)]
        np.testing.assert_allclose(ds.numeric(f"_{m}_s"), s_m[sid - 1])  # m = 3: the using file's m = 0
    assert s.r["M_result"] == 3 and s.r["M_using"] == 2 and s.r["newvars"] == "s s1 s2"


# ----------------------------------------------------------------------------- mi impute chained
def test_savetrace_and_augment_on_divergence(do, tmp_path):
    rng = np.random.default_rng(3706)
    n = 150
    z = rng.normal(size=n)
    b = (z > 0.2).astype(float)  # separated by z: a logit of b on z diverges
    c = z + rng.normal(size=n)
    df = pd.DataFrame({"z": z, "b": b, "c": c})
    df.loc[::9, "b"] = np.nan
    df.loc[3::11, "c"] = np.nan
    trace = tmp_path / "tr.dta"
    text = ("mi set wide\nmi register imputed b c\nset seed 4\n"
            f"mi impute chained (logit) b (regress) c = z, add(2) burnin(3) savetrace(\"{trace}\", replace)")
    rc, out, _ = do(text, df)
    assert rc == 498 and "perfect predictor" in out, out  # without augment: refused
    rc, out, s = do(text.replace("add(2)", "add(2) augment"), df)
    assert rc == 0, out
    rc, out, t = do(f"use \"{trace}\", clear")
    assert rc == 0
    assert t.data.varnames[:2] == ["iter", "m"] and {"b_mean", "b_sd", "c_mean", "c_sd"} <= set(t.data.varnames)
    assert t.data.nobs == 2 * 4 and sorted(set(t.data.numeric("iter"))) == [0, 1, 2, 3]
    last = (t.data.numeric("m") == 2) & (t.data.numeric("iter") == 3)
    imputed_c = s.data.numeric("_2_c")[df.c.isna().to_numpy()]
    assert t.data.numeric("c_mean")[last][0] == pytest.approx(imputed_c.mean(), rel=1e-6)
    rc, out, _ = do(text.replace(", replace", ""), df)
    assert rc == 602


# ----------------------------------------------------------------------------- mi convert
@pytest.mark.parametrize("target", ["flong", "mlong"])
def test_mi_convert_keeps_every_completed_dataset(do, mi_data, target):
    from mlmcli.mi import styles

    rc, out, s = do("mi import wide, imputed(x = x1 x2 x3) drop clear\nmi passive: gen xx = x^2", mi_data)
    assert rc == 0, out
    before = [styles.completed(s.data, m).df.reset_index(drop=True) for m in range(4)]
    rc, out, s = do(f"mi convert {target}, clear", session=s)
    assert rc == 0, out
    assert s.data.chars["_mi_style"] == target and s.data.chars["_mi_pvars"] == "xx"
    for m in range(4):
        after = styles.completed(s.data, m).df.reset_index(drop=True)
        pd.testing.assert_frame_equal(after[before[m].columns], before[m], check_dtype=False)
    rc, out, s = do("mi convert wide, clear", session=s)
    assert rc == 0 and s.data.chars["_mi_style"] == "wide"
    for m in range(4):
        after = styles.completed(s.data, m).df.reset_index(drop=True)
        pd.testing.assert_frame_equal(after[before[m].columns], before[m], check_dtype=False)
    rc, out, _ = do("mi convert flongsep, clear", session=s)
    assert rc == 198
