"""xtunitroot llc (Levin-Lin-Chu) against R's plm purtest (tests/unit_root_reference/
llc_purtest.R: how its kernel-lag convention is bridged), the unadjusted t from first
principles; layout of _xturllc.ado; r(); errors and the tests mlm does not have."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent
REF = HERE / "unit_root_reference"


@pytest.fixture(scope="module")
def grunfeld():
    return pd.read_csv(HERE / "xtregar_reference" / "grunfeld.csv")


@pytest.fixture(scope="module")
def purtest():
    return json.loads((REF / "llc_purtest.json").read_text())


@pytest.mark.parametrize("key, text", [
    ("constant", "xtunitroot llc invest"),
    ("trend_lags2_q9", "xtunitroot llc invest, trend lags(2) kernel(bartlett 9)"),
    ("none_demean", "xtunitroot llc invest, noconstant demean"),
    ("mvalue_lags0", "xtunitroot llc mvalue, lags(0)")])
def test_llc_matches_plm(do, grunfeld, purtest, key, text):
    rc, out, s = do("xtset company year\n" + text, grunfeld)
    assert rc == 0, out
    assert s.r["tds"] == pytest.approx(purtest[key]["tds"], rel=1e-9)
    assert s.r["p_tds"] == pytest.approx(purtest[key]["p"], rel=1e-9)


def test_unadjusted_t_from_first_principles(do, grunfeld):
    """t_delta of the pooled regression of the normalised ADF residuals (one lag, constant)."""
    rc, out, s = do("xtset company year\nxtunitroot llc invest", grunfeld)
    E, V = [], []
    for _, g in grunfeld.sort_values(["company", "year"]).groupby("company"):
        y = g["invest"].to_numpy(float)
        dy, ly = np.diff(y), y[:-1]
        Z = np.column_stack([dy[:-1], np.ones(len(dy) - 1)])
        e = dy[1:] - Z @ np.linalg.lstsq(Z, dy[1:], rcond=None)[0]
        v = ly[1:] - Z @ np.linalg.lstsq(Z, ly[1:], rcond=None)[0]
        s2 = np.sum((e - (e @ v) / (v @ v) * v) ** 2) / (len(y) - 2)
        E.append(e / np.sqrt(s2))
        V.append(v / np.sqrt(s2))
    e, v = np.concatenate(E), np.concatenate(V)
    delta = (e @ v) / (v @ v)
    n = len(e)
    se = np.sqrt(np.sum((e - delta * v) ** 2) / (n - 1) / (v @ v)) * np.sqrt((n - 1) / n)
    assert s.r["td"] == pytest.approx(delta / se, rel=1e-10)
    assert (s.r["N"], s.r["N_g"], s.r["N_t"], s.r["ttilde"], s.r["hac_lagm"]) == (180, 10, 20, 18, 8)


def test_layout(do, grunfeld):
    rc, out, _ = do("xtset company year\nxtunitroot llc invest", grunfeld)
    lines = out.splitlines()
    i = lines.index("Levin-Lin-Chu unit-root test for invest")
    assert lines[i:i + 17] == [
        "Levin-Lin-Chu unit-root test for invest",
        "---------------------------------------",
        "Ho: Panels contain unit roots               Number of panels  =     10",
        "Ha: Panels are stationary                   Number of periods =     20",
        "",
        "AR parameter: Common                        Asymptotics: N/T -> 0",
        "Panel means:  Included",
        "Time trend:   Not included",
        "",
        "ADF regressions: 1 lag",
        "LR variance:     Bartlett kernel, 8.00 lags average (chosen by LLC)",
        "-" * 78,
        "                    Statistic      p-value",
        "-" * 78,
        " Unadjusted t        -1.3101",
        " Adjusted t*          2.2049        0.9863",
        "-" * 78]


@pytest.mark.parametrize("text, rc, message", [
    ("xtunitroot foo invest", 198, "test foo not allowed"),
    ("xtunitroot hadri invest, robust kernel(bartlett 2)", 198, "cannot specify both kernel() and robust"),
    ("xtunitroot llc", 100, "varname required"),
    ("xtunitroot llc invest, trend noconstant", 198, "cannot specify both noconstant and trend"),
    ("xtunitroot llc invest, lags(aic 4)", 198, "lag selection by information criteria is not available"),
    ("xtunitroot llc invest if !(company == 3 & year == 1940)", 498, "requires strongly balanced data"),
])
def test_errors(do, grunfeld, text, rc, message):
    got, out, _ = do("xtset company year\n" + text, grunfeld)
    assert got == rc and message in out


@pytest.mark.parametrize("key, text", [
    ("hadri", "xtunitroot hadri invest"), ("hadri_trend_robust", "xtunitroot hadri invest, trend robust"),
    ("hadri_demean", "xtunitroot hadri invest, demean")])
def test_hadri_matches_plm(do, grunfeld, purtest, key, text):
    rc, out, s = do("xtset company year\n" + text, grunfeld)
    assert rc == 0, out
    assert s.r["z"] == pytest.approx(purtest[key]["z"], rel=1e-9)
    assert s.r["p"] == pytest.approx(purtest[key]["p"], rel=1e-6, abs=1e-300)


def test_hadri_kernel_from_first_principles(do, grunfeld):
    """kernel(bartlett 3): the partial sums over the panels' mean Bartlett long-run variance."""
    rc, out, s = do("xtset company year\nxtunitroot hadri invest, kernel(bartlett 3)", grunfeld)
    assert rc == 0, out
    E = np.array([g["invest"].to_numpy(float) - g["invest"].mean()
                  for _, g in grunfeld.sort_values(["company", "year"]).groupby("company")])
    N, T = E.shape
    lr = (E ** 2).sum(axis=1) / T + sum(2 * (1 - j / 4) * (E[:, j:] * E[:, :-j]).sum(axis=1) / T for j in (1, 2, 3))
    lm = (np.cumsum(E, axis=1) ** 2).sum() / lr.mean() / (N * T ** 2)
    assert s.r["z"] == pytest.approx(np.sqrt(N) * (lm - 1 / 6) / np.sqrt(1 / 45), rel=1e-10)
    lines = out.splitlines()
    i = lines.index("Hadri LM test for invest")
    assert lines[i:i + 11] == [
        "Hadri LM test for invest", "-" * 26,  # the ado's hline: 20 + length of the name
        "Ho: All panels are stationary               Number of panels  =     10",
        "Ha: Some panels contain unit roots          Number of periods =     20", "",
        "Time trend:         Not included            Asymptotics: T, N -> Infinity",
        "Heteroskedasticity: Robust                                    sequentially",
        "LR variance:        Bartlett kernel, 3 lags", "-" * 78,
        "                    Statistic      p-value", "-" * 78]
    assert lines[i + 11] == " z" + " " * 18 + f"{s.r['z']:8.4f}" + " " * 8 + "0.0000"


@pytest.fixture(scope="module")
def ips_ref():
    return json.loads((REF / "ips_reference.json").read_text())


@pytest.mark.parametrize("key, options", [("lags0", "lags(0)"), ("trend_lags1", "lags(1) trend"),
                                          ("lags2", "lags(2)")])
def test_ips_wtbar_matches_r(do, grunfeld, ips_ref, key, options):
    rc, out, s = do(f"xtset company year\nxtunitroot ips invest, {options}", grunfeld)
    assert rc == 0, out
    assert s.r["wtbar"] == pytest.approx(ips_ref[key]["wtbar"], rel=1e-9)
    assert s.r["p_wtbar"] == pytest.approx(ips_ref[key]["p"], rel=1e-9)
    assert " W-t-bar" + " " * 12 + f"{s.r['wtbar']:8.4f}        {s.r['p_wtbar']:6.4f}" in out


def test_ips_without_lags(do, grunfeld, ips_ref):
    rc, out, s = do("xtset company year\nxtunitroot ips invest", grunfeld)
    assert rc == 0, out
    for key in ("tbar", "ttildebar", "zttildebar", "p_zttildebar"):
        assert s.r[key] == pytest.approx(ips_ref[key], rel=1e-9), key
    assert [s.r["cv_1"], s.r["cv_5"], s.r["cv_10"]] == ips_ref["critical"]
    lines = out.splitlines()
    i = lines.index("Im-Pesaran-Shin unit-root test for invest")
    assert lines[i:i + 18] == [
        "Im-Pesaran-Shin unit-root test for invest", "-" * 41,
        "Ho: All panels contain unit roots           Number of panels  =     10",
        "Ha: Some panels are stationary              Number of periods =     20", "",
        "AR parameter: Panel-specific                Asymptotics: T,N -> Infinity",
        "Panel means:  Included                                        sequentially",
        "Time trend:   Not included", "",
        "ADF regressions: No lags included", "-" * 78,
        "                                              Fixed-N exact critical values",
        "                    Statistic      p-value         1%      5%      10%", "-" * 78,
        " t-bar               -0.7412                     -2.210  -1.990  -1.890",
        " t-tilde-bar         -0.7017",
        " Z-t-tilde-bar        2.8497        0.9978", "-" * 78]


def test_ips_unbalanced_and_gaps(do, grunfeld):
    rc, out, s = do("xtset company year\ndrop in 1/3\nxtunitroot ips invest", grunfeld)
    assert rc == 0, out
    assert "Ha: Some panels are stationary              Avg. number of periods =  19.70" in out
    assert " t-bar               -0.7694                          (Not available)" in out
    assert "cv_1" not in s.r
    rc, out, _ = do("xtset company year\ndrop in 5\nxtunitroot ips invest", grunfeld)
    assert rc == 498 and "Im-Pesaran-Shin test cannot have gaps in data" in out
    rc, out, _ = do("xtset company year\nxtunitroot ips invest in 1/60, lags(8)", grunfeld)
    assert rc == 498 and "mean and variance of t-statistic not available" in out


@pytest.mark.parametrize("key, options", [("noconstant", "noconstant"), ("constant", ""),
                                          ("trend_altt", "trend altt")])
def test_ht_matches_r(do, grunfeld, key, options):
    ref = json.loads((REF / "ht_reference.json").read_text())[key]
    rc, out, s = do(f"xtset company year\nxtunitroot ht invest, {options}".rstrip(", "), grunfeld)
    assert rc == 0, out
    assert s.r["rho"] == pytest.approx(ref["rho"], rel=1e-10)
    assert s.r["z"] == pytest.approx(ref["z"], rel=1e-9)
    assert " rho" + " " * 16 + f"{s.r['rho']:8.4f}" + " " * 6 + f"{s.r['z']:8.4f}" in out


@pytest.mark.parametrize("key, options", [("constant", ""), ("lags2_demean", "lags(2) demean"),
                                          ("noconstant", "noconstant")])
def test_breitung_matches_r(do, grunfeld, key, options):
    ref = json.loads((REF / "breitung_reference.json").read_text())[key]
    rc, out, s = do(f"xtset company year\nxtunitroot breitung invest, {options}".rstrip(", "), grunfeld)
    assert rc == 0, out
    assert s.r["lambda"] == pytest.approx(ref["lambda"], rel=1e-10)
    assert " lambda" + " " * 13 + f"{s.r['lambda']:8.4f}" + " " * 8 + f"{s.r['p']:6.4f}" in out
    assert "Breitung unit-root test for invest\n" + "-" * 36 in out


def test_breitung_refuses_trend_and_robust(do, grunfeld):
    for option in ("trend", "robust"):
        rc, out, _ = do(f"xtset company year\nxtunitroot breitung invest, {option}", grunfeld)
        assert rc == 198 and f"xtunitroot breitung, {option} is not available in mlmcli" in out
