"""estat, predict, estimates, lrtest, test, lincom, ereturn/return/matrix list through
their command handlers, on generated data and on the shared reference fits."""
from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.estimation.results import EstimationResults

GOLDEN = Path(__file__).resolve().parent / "golden_postest"


@pytest.fixture(autouse=True)
def _needs_sample_module():
    pytest.importorskip("mlmcli.sample")


# ---------------------------------------------------------------- helpers
def take(buf: io.StringIO) -> str:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text


def two_level(n_groups=30, per=12, seed=3, slope=True, missing=0):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, n_groups + 1), per)
    x = rng.normal(size=g.size)
    w = np.repeat(rng.normal(size=n_groups), per)
    u0 = np.repeat(rng.normal(scale=0.8, size=n_groups), per)
    u1 = np.repeat(rng.normal(scale=0.4, size=n_groups), per) if slope else 0
    y = 1 + 0.5 * x + 0.3 * w + u0 + u1 * x + rng.normal(size=g.size)
    df = pd.DataFrame({"y": y, "x": x, "w": w, "g": g.astype(float)})
    if missing:
        df.loc[: missing - 1, "x"] = np.nan
    return df


def load(shared_dir, name):
    from mlmcli.dta import read_dta
    ds, _ = read_dta(str(shared_dir / "data" / name))
    return ds


# ---------------------------------------------------------------- golden layouts
def golden_body(name: str) -> str:
    lines = (GOLDEN / name).read_text().splitlines()
    if lines[0].startswith("// "):
        lines = lines[1:]
    return "\n".join(lines[1:])  # drop the echoed command; keep Stata's blank line


def test_estat_group_golden_02(new_session, command):
    sizes = {2: 1829, 4: 1027, 7: 1007, 8: 992, 9: 1091, 10: 992, 11: 2058, 12: 1487, 13: 1274,
             14: 1106, 15: 1035, 16: 1568, 17: 1099, 18: 1585, 24: 1221, 25: 1031, 26: 1388}
    rng = np.random.default_rng(0)
    cntry = np.concatenate([[c] * n for c, n in sizes.items()]).astype(float)
    eff = {c: rng.normal(scale=0.4) for c in sizes}
    pbw = np.array([eff[c] for c in cntry]) + rng.normal(size=cntry.size)
    s = new_session(pd.DataFrame({"pbw": pbw, "cntryid": cntry}))
    buf = s.out.stream
    command(s, "mixed", "pbw || cntryid:")
    take(buf)
    command(s, "estat", "group")
    assert take(buf) == golden_body("02_null-model-estat-group.txt") + "\n"


def _hand_mixed(ll, lns, lnsig, V, depvar="pbw", k_rs=1, k_rc=0, names=None, method="ML",
                revars="_cons", redim="1", ivars="cntryid", fixed=("_cons",)):
    from mlmcli.results.matrix import Matrix
    fixed_names = [f"{depvar}:{f}" for f in fixed]
    re_names = names or ["lns1_1_1:_cons"]
    cols = tuple(fixed_names + re_names + ["lnsig_e:_cons"])
    b = np.array([[0.1] * len(fixed_names) + list(lns) + [lnsig]])
    return EstimationResults(
        cmd="mixed",
        scalars={"N": 21790.0, "ll": ll, "rank": float(len(cols)), "k": float(len(cols)),
                 "k_f": float(len(fixed)), "k_rs": float(k_rs), "k_rc": float(k_rc)},
        macros={"cmd": "mixed", "depvar": depvar, "ivars": ivars, "revars": revars, "redim": redim,
                "method": method},
        matrices={"b": Matrix(b, ("y1",), cols), "V": Matrix(np.asarray(V, float), cols, cols)},
        title=f"Mixed-effects {method} regression")


def test_estat_icc_golden_03(new_session, command):
    # golden 01's variance estimates, golden 03's ICC, SE and logit CI
    icc, se, s2e = 0.1460046, 0.04301478, 0.8132404  # se within its printed rounding
    tau = icc * s2e / (1 - icc)
    v_lns = (se / (2 * icc * (1 - icc))) ** 2  # all the uncertainty on ln sd(_cons)
    V = np.diag([0.0082, v_lns, 0.0])
    s = new_session()
    buf = s.out.stream
    s.e = _hand_mixed(-28711.99, [0.5 * math.log(tau)], 0.5 * math.log(s2e), V)
    command(s, "estat", "icc")
    assert take(buf) == golden_body("03_null-model-estat-icc.txt") + "\n"
    assert s.r["icc2"] == pytest.approx(icc) and s.r["label2"] == "cntryid"
    assert s.r["se2"] == pytest.approx(se, rel=1e-6) and s.r["level"] == 95


def test_lrtest_golden_10(new_session, command):
    s = new_session()
    buf = s.out.stream
    s.linesize = 110
    rie = _hand_mixed(-28256.829, [-1.0], -0.1, np.eye(4) * 0.01, fixed=("educgroupc", "_cons"))
    rce = _hand_mixed(-28073.4, [-3.0, -1.0, 0.1], -0.1, np.eye(6) * 0.01, k_rs=2, k_rc=1,
                      fixed=("educgroupc", "_cons"),
                      names=["lns1_1_1:_cons", "lns1_1_2:_cons", "atr1_1_1_2:_cons"])
    s.e = rie
    command(s, "estimates", "store rie")
    s.e = rce
    command(s, "estimates", "store rce")
    command(s, "lrtest", "rce rie")
    assert take(buf) == golden_body("10_rcrm-lrtest.txt") + "\n"
    assert s.r["df"] == 2 and s.r["chi2"] == pytest.approx(2 * (28256.829 - 28073.4))
    # the order typed does not matter; Stata decides the nesting by the parameter count
    command(s, "lrtest", "rie rce")
    assert "(Assumption: rie nested in rce)" in take(buf)


# ---------------------------------------------------------------- reference fits
REFS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "shared" / "reference").glob("*.json")) or [
    "sleepstudy__ri__ml"]


@pytest.mark.parametrize("key", REFS)
def test_estat_icc_ic_group_match_reference(command, fit_reference, shared_dir, key):
    ref, s, buf = fit_reference(key)
    if ref["icc"]:
        command(s, "estat", "icc")
    else:
        with pytest.raises(StataError):
            command(s, "estat", "icc")
    text = take(buf)
    wc = len(ref["icc"])
    for i, want in enumerate(ref["icc"], start=1):
        k = wc - i + 2
        assert s.r[f"label{k}"] == want["level"]
        assert s.r[f"icc{k}"] == pytest.approx(want["icc"], rel=2e-5)
        assert s.r[f"se{k}"] == pytest.approx(want["se"], rel=1e-4)
        ci = s.r[f"ci{k}"].values.ravel()
        assert ci == pytest.approx([want["ci_lo"], want["ci_hi"]], rel=1e-4)
        assert f"{want['level']:>28} |" in text
    command(s, "estat", "ic")
    S = s.r["S"].values[0]
    assert S[0] == ref["nobs"] and S[3] == ref["ic_df"]
    assert S[4] == pytest.approx(ref["aic"], rel=1e-7) and S[5] == pytest.approx(ref["bic"], rel=1e-7)
    command(s, "estat", "group")
    text = take(buf)
    for g in ref["groups"]:
        assert f"{g['level']:>15} |" in text


@pytest.mark.parametrize("key", ["sleepstudy__slope_unstructured__ml", "sleepstudy__slope_unstructured__reml",
                                 "pastes__nested__ml", "hsb__null__ml", "penicillin__crossed__ml"])
def test_predict_reffects_reses_match_reference_blups(command, fit_reference, shared_dir, key):
    ref, s, buf = fit_reference(key)
    levels = []
    for bl in ref["blups"]:
        if bl["level"] not in levels:
            levels.append(bl["level"])
    terms = [n for n in ref["blups"][0]["terms"]]
    nvars = sum(len(b["terms"]) for b in {b["level"]: b for b in ref["blups"]}.values())
    command(s, "predict", "u*", ("reffects",))
    command(s, "predict", "se*", ("reses",))
    df = s.data.df
    col = 1
    for lev in levels:
        first = next(b for b in ref["blups"] if b["level"] == lev)
        names = list(first["terms"])
        for j, nm in enumerate(names):
            for bl in (b for b in ref["blups"] if b["level"] == lev):
                rows = _rows_of_group(s, lev, bl["group"])
                got_u = df[f"u{col + j}"].to_numpy()[rows]
                got_s = df[f"se{col + j}"].to_numpy()[rows]
                assert got_u == pytest.approx(bl["terms"][nm], rel=1e-4, abs=1e-4)
                assert got_s == pytest.approx(bl["se"][nm], rel=1e-3)
        col += len(names)
    assert col - 1 == nvars and terms
    assert s.data.var_labels["u1"].startswith("BLUP r.e. for ")


def _rows_of_group(s, lev, group):
    col = s.data.df[lev]
    lab = s.data.value_label_of.get(lev)
    if lab:
        inv = {v: k for k, v in s.data.value_labels[lab].items()}
        if group in inv:
            return (col == inv[group]).to_numpy()
    return (col.astype(float) == float(group)).to_numpy()


def test_lrtest_between_reference_fits(command, fit_reference, shared_dir):
    ri, s, buf = fit_reference("sleepstudy__ri__ml")
    command(s, "estimates", "store ri")
    command(s, "mixed", "reaction days || subject: days, covariance(unstructured)")
    command(s, "estimates", "store un")
    take(buf)
    un = json.loads((shared_dir / "reference" / "sleepstudy__slope_unstructured__ml.json").read_text())
    command(s, "lrtest", "ri un")
    text = take(buf)
    assert s.r["df"] == 2
    assert s.r["chi2"] == pytest.approx(2 * (un["loglik"] - ri["loglik"]), rel=1e-6)
    assert "(Assumption: ri nested in un)" in text and "boundary of the parameter" in text


def test_three_level_icc_labels_productivity(new_session, command, shared_dir):
    s = new_session()
    buf = s.out.stream
    s.data = load(shared_dir, "stata/productivity.dta")
    command(s, "mixed", "gsp private emp hwy water other unemp || region: || state:")
    take(buf)
    command(s, "estat", "icc")
    text = take(buf)
    assert "Residual intraclass correlation" in text
    # Stata's manual: region .159893 .127627 .0287143 .5506202
    assert s.r["label3"] == "region" and s.r["label2"] == "state|region"
    assert s.r["icc3"] == pytest.approx(0.159893, abs=2e-6)
    assert s.r["se3"] == pytest.approx(0.127627, abs=2e-5)


# ---------------------------------------------------------------- predict on generated data
@pytest.fixture
def fitted_slope(new_session, command):
    s = new_session(two_level(missing=5))
    buf = s.out.stream
    command(s, "mixed", "y x w || g: x, cov(un)")
    take(buf)
    return s, buf


def test_predict_statistics_relations(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "predict", "xb1", ("xb",))
    command(s, "predict", "p")  # default is xb
    assert "(option xb assumed)" in take(buf)
    command(s, "predict", "sd", ("stdp",))
    command(s, "predict", "f", ("fitted",))
    command(s, "predict", "r", ("residuals",))
    command(s, "predict", "rs", ("rstandard",))
    command(s, "predict", "u*", ("reffects",))
    msgs = take(buf)
    assert "(5 missing values generated)" in msgs
    df = s.data.df
    fit = s.e.model
    ok = s.e.sample
    assert ok.sum() == len(df) - 5
    assert np.allclose(df.xb1[ok], df.p[ok])
    assert df.xb1[~ok].isna().all()  # x missing there
    zu = df.u1 * df.x + df.u2
    assert np.allclose(df.f[ok], (df.xb1 + zu)[ok], atol=1e-4)
    assert np.allclose(df.r[ok], (df.y - df.f)[ok], atol=1e-4)
    assert np.allclose(df.rs[ok], df.r[ok] / math.sqrt(fit.sigma2), atol=1e-4)
    assert (df.sd[ok] > 0).all()
    assert s.data.types["f"] == "float"
    assert s.data.var_labels["u1"] == "BLUP r.e. for g: x"
    assert s.data.var_labels["u2"] == "BLUP r.e. for g: _cons"


def test_predict_xb_out_of_sample_and_if(command, fitted_slope):
    s, buf = fitted_slope
    s.data.df.loc[10, "y"] = np.nan  # not in a refit's sample, but xb is still computable
    command(s, "predict", "a", ("xb",))
    assert not math.isnan(s.data.df.a[10])
    command(s, "predict", "b", ("xb",), in_range=__import__("mlmcli.ast", fromlist=["InRange"]).InRange("1", "20"))
    assert s.data.df.b[20:].isna().all() and not s.data.df.b[6:20].isna().any()


@pytest.mark.parametrize("args,options,rc,msg", [
    ("u1", ("reffects",), 102, "too few variables specified\nyou must specify 2 new variable(s)"),
    ("u1 u2 u3", ("reffects",), 103, "too many variables specified\nyou must specify 2 new variable(s)"),
    ("y", ("xb",), 110, "variable y already defined"),
    ("a b", ("xb",), 103, "too many variables specified"),
    ("a", ("xb", "fitted"), 198, "only one of options xb, stdp, fitted, reffects, reses, scores, "
                                 "residuals, or rstandard should be specified"),
    ("u*", ("reffects", "relevel(zz)"), 111, "variable zz not found"),
    ("u*", ("reffects", "relevel(x)"), 198, "x is not a level variable in this model"),
    ("a", ("xb", "relevel(g)"), 198, "option relevel() not allowed with statistic xb"),
    ("a", ("relevel(g)",), 198, "option relevel() not allowed with default statistic xb"),
    ("a", ("nonsense",), 198, "option nonsense not allowed"),
])
def test_predict_errors(command, fitted_slope, args, options, rc, msg):
    s, _ = fitted_slope
    with pytest.raises(StataError) as e:
        command(s, "predict", args, options)
    assert (e.value.rc, e.value.message) == (rc, msg)


def test_predict_without_estimates(new_session, command):
    s = new_session(two_level())
    with pytest.raises(StataError) as e:
        command(s, "predict", "a")
    assert (e.value.rc, e.value.message) == (301, "last estimates not found")


def test_predict_relevel_three_levels(new_session, command):
    rng = np.random.default_rng(5)
    a = np.repeat(np.arange(8), 20)
    b = np.repeat(np.arange(40), 4)
    y = np.repeat(rng.normal(size=8), 20) + np.repeat(rng.normal(size=40), 4) + rng.normal(size=160)
    s = new_session(pd.DataFrame({"y": y, "a": a.astype(float), "b": (b % 5).astype(float)}))
    buf = s.out.stream
    command(s, "mixed", "y || a: || b:")
    command(s, "predict", "r*", ("reffects",))
    command(s, "predict", "rb", ("reffects", "relevel(b)"))
    df = s.data.df
    assert np.allclose(df.rb, df.r2)
    assert s.data.var_labels["r1"] == "BLUP r.e. for a: _cons"


# ---------------------------------------------------------------- estat on generated data
def test_estat_recovariance_and_correlation(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estat", "recovariance")
    text = take(buf)
    assert "Random-effects covariance matrix for level g" in text
    cov = s.r["cov1"].values
    res = s.e.result.random["variance"][0].rows
    var = {r.label: r.estimate for r in res}
    assert cov[0, 0] == pytest.approx(var["var(x)"], rel=1e-6)
    assert cov[1, 1] == pytest.approx(var["var(_cons)"], rel=1e-6)
    assert cov[1, 0] == pytest.approx(var["cov(x,_cons)"], rel=1e-6)
    command(s, "estat", "recov", ("correlation",))
    assert "correlation matrix" in take(buf)
    assert s.r["corr1"].values[0, 0] == pytest.approx(1.0)


def test_estat_icc_titles_and_level_option(new_session, command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estat", "icc", ("level(90)",))
    text = take(buf)
    assert "Conditional intraclass correlation" in text
    assert "[90% Conf. Interval]" in text
    assert text.rstrip().endswith("Note: ICC is conditional on zero values of random-effects covariates.")
    assert s.r["level"] == 90
    with pytest.raises(StataError) as e:
        command(s, "estat", "icc", ("level(5)",))
    assert e.value.rc == 198
    s2 = new_session(two_level(slope=False))
    buf2 = s2.out.stream
    command(s2, "mixed", "y || g:")
    take(buf2)
    command(s2, "estat", "icc")
    assert take(buf2).startswith("\nIntraclass correlation\n")
    command(s2, "mixed", "y x || g:")
    take(buf2)
    command(s2, "estat", "icc")
    assert take(buf2).startswith("\nResidual intraclass correlation\n")


def test_estat_icc_refusals(new_session, command):
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"y": rng.normal(size=60), "a": np.tile(np.arange(6), 10).astype(float),
                       "b": np.repeat(np.arange(10), 6).astype(float)})
    s = new_session(df)
    buf = s.out.stream
    command(s, "mixed", "y || _all: R.a || b:")
    with pytest.raises(StataError) as e:
        command(s, "estat", "icc")
    assert (e.value.rc, e.value.message) == (321, "estat icc not allowed after crossed-effects models")
    command(s, "mixed", "y || b: a, noconstant")
    with pytest.raises(StataError) as e:
        command(s, "estat", "icc")
    assert e.value.rc == 321 and "do not contain random intercepts" in e.value.message
    s.e = EstimationResults(cmd="regress", scalars={"N": 60.0, "ll": -80.0, "rank": 2.0})
    with pytest.raises(StataError) as e:
        command(s, "estat", "icc")
    assert e.value.rc == 321


def test_estat_needs_estimates_and_known_subcommand(new_session, command):
    s = new_session(two_level())
    with pytest.raises(StataError) as e:
        command(s, "estat", "icc")
    assert e.value.rc == 301
    s.e = EstimationResults(cmd="mixed")
    with pytest.raises(StataError) as e:
        command(s, "estat", "frobnicate")
    assert e.value.rc == 321
    with pytest.raises(StataError) as e:
        command(s, "estat")
    assert e.value.rc == 321


def test_estat_sd_prints_standard_deviations(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estat", "sd")
    text = take(buf)
    assert "sd(x)" in text and "corr(x,_cons)" in text and "sd(Residual)" in text


def test_estat_ic_n_option(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estat", "ic", ("n(100)",))
    S = s.r["S"].values[0]
    assert S[0] == 100 and S[5] == pytest.approx(-2 * S[2] + math.log(100) * S[3])


# ---------------------------------------------------------------- beyond Stata
@pytest.fixture
def hsb_session(new_session):
    """``hsb_session() -> (session, output buffer)`` over the sample High School and Beyond data."""
    from mlmcli.dta import read_dta

    def make():
        ds, _ = read_dta(str(Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"))
        s = new_session(ds)
        return s, s.out.stream
    return make


def test_estat_hlmchi2_and_reliability_hsb_null_model(command, hsb_session):
    s, buf = hsb_session()
    command(s, "mixed", "mathach || school:, reml")
    take(buf)
    command(s, "estat", "hlmchi2")
    text = take(buf)
    # Raudenbush & Bryk (2002) Table 4.1: chi2 = 1660.23 with 159 df
    assert s.r["df_cons"] == 159 and s.r["chi2_cons"] == pytest.approx(1660.23, abs=0.3)
    assert "HLM chi-square test" in text
    command(s, "estat", "reliability", ("generate(lam)",))
    text = take(buf)
    # R&B Table 4.1: reliability of the school means .901
    assert s.r["lambda_cons"] == pytest.approx(0.901, abs=5e-4)
    lam = s.data.df["lam"]
    assert lam.notna().all() and "Average" in text
    n = s.data.df.groupby("school")["mathach"].transform("count")
    fit = s.e.model
    tau = s.e.result.random["variance"][0].rows[0].estimate
    assert np.allclose(lam, (tau / (tau + fit.sigma2 / n)).astype(np.float32), rtol=1e-5)
    with pytest.raises(StataError) as e:
        command(s, "estat", "reliability", ("generate(lam)",))
    assert e.value.rc == 110


def test_estat_pve_between_stored_models(command, hsb_session):
    s, buf = hsb_session()
    command(s, "mixed", "mathach || school:, reml")
    command(s, "estimates", "store null")
    command(s, "mixed", "mathach meanses || school:, reml")
    command(s, "estimates", "store means")
    take(buf)
    command(s, "estat", "pve null means")
    text = take(buf)
    # R&B Table 4.2: tau00 8.61 -> 2.59, about 70% explained
    assert s.r["pve_school_cons"] == pytest.approx(0.70, abs=0.01)
    assert "Proportional reduction" in text and "school: var(_cons)" in text
    with pytest.raises(StataError) as e:
        command(s, "estat", "pve nosuch")
    assert (e.value.rc, e.value.message) == (111, "estimation result nosuch not found")


def test_reliability_refuses_three_levels(new_session, command):
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"y": rng.normal(size=80), "a": np.repeat(np.arange(4), 20).astype(float),
                       "b": np.repeat(np.arange(20), 4).astype(float)})
    s = new_session(df)
    command(s, "mixed", "y || a: || b:")
    for sub in ("reliability", "hlmchi2"):
        with pytest.raises(StataError) as e:
            command(s, "estat", sub)
        assert e.value.rc == 321


# ---------------------------------------------------------------- estimates
def test_estimates_store_restore_dir_drop_clear(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estimates", "store m1")
    first = s.e
    command(s, "mixed", "y x || g:")
    command(s, "estimates", "store m2")
    take(buf)
    command(s, "estimates", "dir")
    text = take(buf)
    assert "        name | command      depvar       npar  title " in text
    assert text.split("\n")[1] == "-" * 55
    assert "          m1 | mixed        y               7  " in text
    assert "          m2 | mixed        y               4  " in text
    command(s, "estimates", "restore m1")
    assert take(buf) == "(results m1 are active now)\n"
    assert s.e.scalars["ll"] == first.scalars["ll"]
    command(s, "estimates", "replay")
    text = take(buf)
    assert "Model m1" in text and "Mixed-effects ML regression" in text
    command(s, "estimates", "drop m1")
    assert list(s.estimates) == ["m2"]
    with pytest.raises(StataError) as e:
        command(s, "estimates", "restore m1")
    assert (e.value.rc, e.value.message) == (111, "estimation result m1 not found")
    command(s, "estimates", "clear")
    assert s.estimates == {}
    with pytest.raises(StataError) as e:
        command(s, "estimates", "store 1bad")
    assert e.value.rc == 198


def test_estimates_store_without_results(new_session, command):
    s = new_session()
    with pytest.raises(StataError) as e:
        command(s, "estimates", "store a")
    assert (e.value.rc, e.value.message) == (301, "last estimation results not found, nothing to store")
    command(s, "estimates", "query")
    with pytest.raises(StataError) as e:
        command(s, "estimates", "frob")
    assert (e.value.rc, e.value.message) == (198, "subcommand estimates frob is unrecognized")


def test_estimates_titles_query_and_abbreviations(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estimates", "query")
    assert take(buf) == "(active results produced by mixed; not yet stored)\n"
    command(s, "estimates", "sto full", ("title(random slopes)",))
    command(s, "estimates", "q")
    assert take(buf) == "(active results produced by mixed; also stored as full)\n"
    command(s, "estimates", "dir")
    assert "        full | mixed        y               7  random slopes" in take(buf)
    command(s, "estimates", "r")
    assert "Model full (random slopes)" in take(buf)
    command(s, "estimates", "drop full")
    command(s, "estimates", "query")
    assert "not yet stored" in take(buf)


def test_estimates_stats_and_table(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estimates", "store a")
    command(s, "mixed", "y x || g:")
    command(s, "estimates", "store b")
    take(buf)
    command(s, "estimates", "stats a b")
    text = take(buf)
    assert "           a |" in text and "           b |" in text
    assert s.r["S"].values.shape == (2, 6)
    command(s, "estimates", "table a b", ("b", "se", "stats(N ll aic bic)"))
    text = take(buf)
    for token in ("a", "b", "x", "_cons", "N", "ll", "aic", "bic"):
        assert token in text
    command(s, "estimates", "table a b", ("star",))
    assert "*" in take(buf)
    with pytest.raises(StataError) as e:
        command(s, "estimates", "table a b", ("star", "se"))
    assert e.value.message == "option star may not be combined with se, t, or p"
    command(s, "estimates", "table")  # est_expand: "." is the name the active results are stored under
    text = take(buf)
    assert re.search(r"Variable \|\s+b\s*$", text, re.M) and "active" not in text, text
    command(s, "estimates", "drop b")
    command(s, "estimates", "table")  # not stored: the column is "active"
    assert re.search(r"Variable \|\s+active\s*$", take(buf), re.M)


# ---------------------------------------------------------------- lrtest
def test_lrtest_active_results_and_refusals(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estimates", "store full")
    command(s, "mixed", "y x w || g:")
    take(buf)
    command(s, "lrtest", "full")
    text = take(buf)
    assert "(Assumption: . nested in full)" in text and s.r["df"] == 2
    assert s.r["p"] == pytest.approx(math.exp(-s.r["chi2"] / 2))
    command(s, "lrtest", "full .", ("stats",))
    assert "ll(model)" in take(buf)
    command(s, "mixed", "y x w || g:, reml")
    with pytest.raises(StataError) as e:
        command(s, "lrtest", "full")
    assert (e.value.rc, e.value.message) == (498, "cannot compare a REML model with an ML model")
    command(s, "mixed", "y x w if _n > 20 || g:")
    s.e = _with_n(s.e, 100)
    with pytest.raises(StataError) as e:
        command(s, "lrtest", "full .")
    assert e.value.rc == 498 and e.value.message.startswith("observations differ")
    with pytest.raises(StataError) as e:
        command(s, "lrtest", "full full")
    assert e.value.rc == 198
    with pytest.raises(StataError) as e:
        command(s, "lrtest", "nosuch")
    assert e.value.rc == 111


def _with_n(e, n):
    import dataclasses
    sc = dict(e.scalars)
    sc["N"] = float(n)
    return dataclasses.replace(e, scalars=sc)


def test_lrtest_reml_fixed_effects_differ(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "mixed", "y x w || g:, reml")
    command(s, "estimates", "store a")
    command(s, "mixed", "y x w || g: x, reml")
    command(s, "estimates", "store b")
    take(buf)
    command(s, "lrtest", "a b")
    text = take(buf)
    assert "Note: LR tests based on REML are valid only when the fixed-effects specification" in text
    command(s, "mixed", "y x || g:, reml")
    with pytest.raises(StataError) as e:
        command(s, "lrtest", "b .")
    assert "REML criterion is not comparable" in e.value.message
    command(s, "lrtest", "b .", ("force",))
    assert "Likelihood-ratio test" in take(buf)


# ---------------------------------------------------------------- test / lincom
def test_test_and_lincom_against_closed_form(command, fitted_slope):
    s, buf = fitted_slope
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    command(s, "test", "x w")
    text = take(buf)
    assert " ( 1)  [y]x = 0\n ( 2)  [y]w = 0\n" in text
    want = b[:2] @ np.linalg.solve(V[:2, :2], b[:2])
    assert s.r["chi2"] == pytest.approx(want) and s.r["df"] == 2
    assert "           chi2(  2) =" in text and "         Prob > chi2 =" in text
    command(s, "test", "x = w")
    assert " ( 1)  [y]x - [y]w = 0" in take(buf)
    d = b[0] - b[1]
    assert s.r["chi2"] == pytest.approx(d * d / (V[0, 0] + V[1, 1] - 2 * V[0, 1]))
    command(s, "test", "[y]x")
    assert s.r["df"] == 1
    command(s, "test", "(x = 0) (w = 0)")
    assert s.r["chi2"] == pytest.approx(want)
    command(s, "lincom", "x + 2*w")
    text = take(buf)
    c = np.zeros(len(b))
    c[0], c[1] = 1, 2
    assert s.r["estimate"] == pytest.approx(c @ b)
    assert s.r["se"] == pytest.approx(math.sqrt(c @ V @ c))
    assert " ( 1)  [y]x + 2*[y]w = 0" in text and "         (1) |" in text
    with pytest.raises(StataError) as e:
        command(s, "test", "nosuch")
    assert e.value.rc == 111
    with pytest.raises(StataError) as e:
        command(s, "lincom", "x = 1")
    assert (e.value.rc, e.value.message) == (198, '"=" not allowed in expression')
    command(s, "lincom", "x + 1")
    assert " ( 1)  [y]x = -1" in take(buf)
    assert s.r["estimate"] == pytest.approx(b[0] + 1)
    assert s.r["lb"] < s.r["estimate"] < s.r["ub"] and "z" in s.r


# ---------------------------------------------------------------- ereturn / return / matrix
def test_ereturn_return_matrix_list(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "ereturn", "list")
    text = take(buf)
    assert "\nscalars:\n" in text and "                  e(N) =  355" in text
    assert '                e(cmd) : "mixed"' in text
    assert "                  e(b) :  1 x 7" in text and "             e(sample)   " in text
    command(s, "matrix", "list e(V)")
    text = take(buf)
    assert text.startswith("\nsymmetric e(V)[7,7]\n")
    command(s, "matrix", "list e(b)")
    text = take(buf)
    assert text.startswith("\ne(b)[1,7]\n") and "lnsig_e:" in text
    command(s, "estat", "icc")
    take(buf)
    command(s, "return", "list")
    text = take(buf)
    assert "              r(icc2) =" in text and '            r(label2) : "g"' in text
    with pytest.raises(StataError) as e:
        command(s, "matrix", "list e(nosuch)")
    assert e.value.rc == 111


# ---------------------------------------------------------------- through the parser and runner
def test_commands_through_runner(run, fitted_slope):
    s, buf = fitted_slope
    run(s, "estimates store a\nquietly mixed y x || g:\nestimates store b\n"
              "lrtest a b, stats\nestat icc, level(90)\ntest (x = 0) (_cons = 0)\nlincom x - _cons, level(90)\n"
              "matrix list e(V), format(%8.3f)\nestat recovariance, correlation\n"
              "predict double re*, reffects relevel(g)\nestimates table a b, b(%9.3f) se stats(N aic)\n", echo=True)
    text = take(buf)
    assert "(Assumption: b nested in a)" in text
    assert "[90% Conf. Interval]" in text
    assert "chi2(  2) =" in text and " ( 2)  [y]_cons = 0" in text
    assert "symmetric e(V)[4,4]" in text
    assert s.data.types["re1"] == "double"


def test_regress_predict_residuals_and_rstandard(new_session, command, run):
    rng = np.random.default_rng(11)
    x = rng.normal(size=40)
    y = 1 + 2 * x + rng.normal(size=40)
    s = new_session(pd.DataFrame({"y": y, "x": x}))
    buf = s.out.stream
    run(s, "quietly regress y x\npredict r, residuals\npredict rs, rstandard\npredict p\n", echo=True)
    X = np.column_stack([x, np.ones(40)])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    s2 = e @ e / 38
    h = np.einsum("ij,jk,ik->i", X, np.linalg.inv(X.T @ X), X)
    df = s.data.df
    assert np.allclose(df.r, e, atol=1e-5)
    assert np.allclose(df.rs, e / np.sqrt(s2 * (1 - h)), atol=1e-5)
    assert np.allclose(df.p, X @ beta, atol=1e-5)
    with pytest.raises(StataError) as err:
        command(s, "predict", "f", ("fitted",))
    assert err.value.rc == 198
    command(s, "test", "x")
    assert s.r["F"] == pytest.approx(beta[0] ** 2 / (s2 * np.linalg.inv(X.T @ X)[0, 0]))
    assert "F(  1,    38) =" in take(buf)


def test_test_forms_accumulate_and_dropped_constraints(new_session, run):
    s = new_session(two_level())
    buf = s.out.stream
    run(s, "quietly mixed y x w || g:\ntest [y]: x w\n", echo=True)
    both = s.r["chi2"]
    run(s, "test x\ntest w, accumulate\n", echo=True)
    assert s.r["chi2"] == pytest.approx(both) and s.r["df"] == 2
    take(buf)
    run(s, "test x x\n", echo=True)
    assert "       Constraint 2 dropped" in take(buf) and s.r["df"] == 1 and s.r["drop"] == 1
    run(s, "test _b[x] = 0.5\n", echo=True)
    assert " ( 1)  [y]x = .5" in take(buf)
    run(s, "test [lns1_1_1]_cons\n", echo=True)
    assert " ( 1)  [lns1_1_1]_cons = 0" in take(buf)


def test_estat_icc_long_level_labels():
    from mlmcli.render.estat_tables import render_estat_icc
    from mlmcli.results.postestimation import EstatIccResult, IccRow
    rows = (IccRow("a_rather_long_level_name", .1, .01, .05, .2),
            IccRow("inner_level_name|a_rather_long_level_name", .3, .01, .2, .4))
    lines = render_estat_icc(EstatIccResult(rows)).split("\n")
    assert lines[:5] == ["", "Intraclass correlation", "",
                         "Level 2: inner_level_name|a_rather_long_level_name", ""]
    assert any(ln.startswith("                     Level 2 |") for ln in lines)
    assert any(ln.startswith("    a_rather_long_level_name |") for ln in lines)


def test_lrtest_refuses_pweighted_fits_unless_forced(new_session, command, run):
    df = two_level()
    df["pw"] = np.random.default_rng(1).uniform(0.5, 2, len(df))
    s = new_session(df)
    buf = s.out.stream
    run(s, "quietly mixed y x w [pw=pw] || g:\nestimates store a\nquietly mixed y x [pw=pw] || g:\n"
              "estimates store b\n", echo=True)
    with pytest.raises(StataError) as e:
        command(s, "lrtest", "a b")
    assert (e.value.rc, e.value.message) == (498, "LR test likely invalid for models with robust vce")
    take(buf)
    command(s, "lrtest", "a b", ("force", "dir"))
    text = take(buf)
    assert "(Assumption: b nested in a)" in text and "        name | command" in text


def test_test_multiple_equalities_expand(new_session, run):
    s = new_session(two_level())
    buf = s.out.stream
    run(s, "quietly mixed y x w || g:\ntest x = w = 0\n", echo=True)
    text = take(buf)
    assert " ( 1)  [y]x - [y]w = 0\n ( 2)  [y]x = 0\n" in text
    assert s.r["df"] == 2
    run(s, "test x x\n", echo=True)
    assert s.r["dropped_1"] == 2


# ---------------------------------------------------------------- rows after the fit
def _per_group(df, var, group="g"):
    return df.groupby(group)[var].agg(["min", "max"])


def test_predict_after_sorting_the_data_matches_unsorted(command, run, fitted_slope):
    s, buf = fitted_slope
    command(s, "predict", "u*", ("reffects",))
    command(s, "predict", "f", ("fitted",))
    before = s.data.df[["g", "x", "u1", "u2", "f"]].copy()
    run(s, "drop u1 u2 f\nsort x\n", echo=True)
    assert not np.array_equal(s.data.df["g"].to_numpy(), before["g"].to_numpy())
    command(s, "predict", "u*", ("reffects",))
    command(s, "predict", "f", ("fitted",))
    after = s.data.df.sort_values(["g", "x"]).reset_index(drop=True)
    ref = before.sort_values(["g", "x"]).reset_index(drop=True)
    assert np.allclose(after.u1, ref.u1) and np.allclose(after.u2, ref.u2)
    assert np.allclose(after.f, ref.f, equal_nan=True)


def test_blups_reach_out_of_sample_rows_of_known_groups(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "predict", "u*", ("reffects",))
    command(s, "predict", "f", ("fitted",))
    command(s, "predict", "rs", ("rstandard",))
    df = s.data.df
    out = ~s.e.sample  # x is missing in these rows (two_level(missing=5))
    assert out.sum() == 5
    g = _per_group(df, "u2")
    assert np.allclose(g["min"], g["max"])  # one value per group, in or out of sample
    assert df.u2[out].notna().all()
    assert df.f[out].isna().all() and df.rs[out].isna().all()  # xb needs x; rstandard e(sample) only


def test_predict_new_group_gets_missing_and_changed_data_refused(command, fitted_slope):
    s, buf = fitted_slope
    s.data.df.loc[0, "g"] = 999.0  # a group the fit never saw (this row was out of sample)
    command(s, "predict", "u*", ("reffects",))
    assert math.isnan(s.data.df.u1[0])
    s.data.df["y"] = s.data.df["y"] + 1.0  # the estimation data are gone
    with pytest.raises(StataError) as e:
        command(s, "predict", "v*", ("reffects",))
    assert e.value.rc == 459


def test_fitted_relevel_three_levels(new_session, run):
    rng = np.random.default_rng(8)
    a = np.repeat(np.arange(6), 24)
    b = np.repeat(np.arange(36), 4)
    y = np.repeat(rng.normal(size=6), 24) + np.repeat(rng.normal(size=36), 4) + rng.normal(size=144)
    s = new_session(pd.DataFrame({"y": y, "a": a.astype(float), "b": (b % 6).astype(float)}))
    buf = s.out.stream
    run(s, "quietly mixed y || a: || b:\npredict r*, reffects\npredict fa, fitted relevel(a)\n"
              "predict fb, fitted\npredict xb, xb\n", echo=True)
    df = s.data.df
    assert np.allclose(df.fa, df.xb + df.r1, atol=1e-5)
    assert np.allclose(df.fb, df.xb + df.r1 + df.r2, atol=1e-5)
    assert s.data.var_labels["fa"] == "Fitted values: xb + Zu, level(a)"


def test_lrtest_after_sorting_between_fits(run, fitted_slope):
    s, buf = fitted_slope
    run(s, "estimates store a\nsort x\nquietly mixed y x w || g:\nestimates store b\nlrtest a b\n", echo=True)
    assert "(Assumption: b nested in a)" in take(buf)
    assert s.r["df"] == 2


def test_reliability_and_hlmchi2_refuse_weighted_fits(new_session, command, run):
    df = two_level(slope=False)
    df["fw"] = np.random.default_rng(4).integers(1, 3, len(df)).astype(float)
    s = new_session(df)
    buf = s.out.stream
    run(s, "quietly mixed y x [fw=fw] || g:\n", echo=True)
    for sub in ("reliability", "hlmchi2"):
        with pytest.raises(StataError) as e:
            command(s, "estat", sub)
        assert (e.value.rc, e.value.message) == (321, f"estat {sub} not available after weighted estimation")


def test_reliability_random_slopes_matches_hlm7_sleepstudy(new_session, command, run, shared_dir):
    # HLM7 on lme4's sleepstudy, random intercept and slope (REML):
    # reliability INTRCPT1 0.730, DAYS 0.815
    s = new_session()
    buf = s.out.stream
    s.data = load(shared_dir, "sleepstudy.dta")
    run(s, "quietly mixed reaction days || subject: days, cov(un) reml\n", echo=True)
    command(s, "estat", "reliability", ("nogroups",))
    assert round(s.r["lambda_cons"], 3) == 0.730
    assert round(s.r["lambda_days"], 3) == 0.815


def test_estat_recovariance_of_one_level_is_also_r_cov(command, fitted_slope):
    s, buf = fitted_slope
    command(s, "estat", "recovariance")
    assert s.r["cov"].values.tolist() == s.r["cov1"].values.tolist()
    command(s, "estat", "recov", ("correlation",))
    assert "corr" in s.r and "cov" not in s.r
