"""xtunitroot fisher (_xturfisher.ado) against tests/unit_root_reference/fisher_reference.R
(lm() ADF fits, plm's MacKinnon 1994 p-values, Phillips-Perron written out); layout of the ado
(checked with published logs); r(); the ado's errors."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def grunfeld():
    return pd.read_csv(HERE / "xtregar_reference" / "grunfeld.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((HERE / "unit_root_reference" / "fisher_reference.json").read_text())


GAP = "drop if company == 3 & year == 1940\n"


@pytest.mark.parametrize("key, text", [
    ("dfuller_lags1", "xtunitroot fisher invest, dfuller lags(1)"),
    ("dfuller_trend_lags2", "xtunitroot fisher invest, dfuller trend lags(2)"),
    ("pperron_trend_lags2_demean", "xtunitroot fisher invest, pperron trend lags(2) demean"),
    ("pperron_lags1", "xtunitroot fisher invest, pp lags(1)"),
    ("dfuller_drift_lags0_gap", GAP + "xtunitroot fisher invest if year > 1936, dfuller drift lags(0)"),
    ("dfuller_lags1_gap_demean", GAP + "xtunitroot fisher invest if year > 1936, dfuller lags(1) demean"),
    ("D_dfuller_drift_lags1_demean", "xtunitroot fisher d.invest, dfuller drift lags(1) demean")])
def test_matches_reference(do, grunfeld, reference, key, text):
    rc, out, s = do("xtset company year\n" + text, grunfeld)
    assert rc == 0, out
    ref = reference[key]
    for name in ("P", "p_P", "Z", "p_Z", "L", "p_L", "Pm", "p_Pm", "N_t"):
        assert s.r[name] == pytest.approx(ref[name], rel=1e-9, abs=1e-12), name
    assert (s.r["N_g"], s.r["df_P"], s.r["df_L"]) == (10, 20, 54)
    if key.startswith("D_"):  # the operated series, named as tsunab names it
        assert "Fisher-type unit-root test for D.invest" in out


def test_layout_and_r(do, grunfeld):
    rc, out, s = do("xtset company year\nxtunitroot fisher invest, dfuller lags(1)", grunfeld)
    lines = out.splitlines()
    i = lines.index("Fisher-type unit-root test for invest")
    assert lines[i:i + 21] == [
        "Fisher-type unit-root test for invest",
        "Based on augmented Dickey-Fuller tests",
        "--------------------------------------",
        "Ho: All panels contain unit roots           Number of panels  =     10",
        "Ha: At least one panel is stationary        Number of periods =     20",
        "",
        "AR parameter: Panel-specific                Asymptotics: T -> Infinity",
        "Panel means:  Included",
        "Time trend:   Not included",
        "Drift term:   Not included                  ADF regressions: 1 lag",
        "-" * 78,
        "                                  Statistic      p-value",
        "-" * 78,
        " Inverse chi-squared(20)   P        13.8730       0.8369",
        " Inverse normal            Z         2.2981       0.9892",
        " Inverse logit t(54)       L*        2.7501       0.9960",
        " Modified inv. chi-squared Pm       -0.9688       0.8337",
        "-" * 78,
        " P statistic requires number of panels to be finite.",
        " Other statistics are suitable for finite or infinite number of panels.",
        "-" * 78]
    assert (s.r["test"], s.r["urtest"], s.r["options"], s.r["N"]) == ("fisher", "dfuller", "lags(1)", 200)


def test_layout_pperron_unbalanced_demean(do, grunfeld):
    rc, out, s = do("xtset company year\n" + GAP + "xtunitroot fisher invest, pperron lags(2) trend demean",
                    grunfeld)
    lines = out.splitlines()
    i = lines.index("Fisher-type unit-root test for invest")
    assert lines[i + 2:i + 10] == [
        "-------------------------------------",
        "Ho: All panels contain unit roots           Number of panels       =     10",
        "Ha: At least one panel is stationary        Avg. number of periods =  19.90",
        "",
        "AR parameter:    Panel-specific             Asymptotics: T -> Infinity",
        "Panel means:     Included",
        "Time trend:      Included                   Cross-sectional means removed",
        "Newey-West lags: 2 lags"]
    assert (s.r["options"], s.r["demean"], s.r["N"]) == ("trend lags(2)", "demean", 199)


@pytest.mark.parametrize("text, rc, message", [
    ("xtunitroot fisher invest, lags(1)", 198, "must specify one of dfuller or pperron"),
    ("xtunitroot fisher invest, dfuller pperron lags(1)", 198, "can specify only one of dfuller or pperron"),
    ("xtunitroot fisher invest, pperron drift lags(1)", 198, "cannot specify drift with pperron"),
    ("xtunitroot fisher invest, dfuller noconstant lags(1)", 498,
     "cannot specify noconstant because p-values are not available in this case"),
    ("xtunitroot fisher invest, dfuller", 198, "must specify lags()"),
    ("xtunitroot fisher invest, dfuller trend drift lags(1)", 198, "cannot specify drift if time trend is included"),
    ("xtunitroot fisher invest, dfuller lags(x)", 198, "option lags() incorrectly specified"),
    ("xtunitroot fisher invest if year < 1938, dfuller lags(2)", 2000, "performing unit-root test on first panel"),
])
def test_errors(do, grunfeld, text, rc, message):
    got, out, _ = do("xtset company year\n" + text, grunfeld)
    assert got == rc and message in out, out


def test_panels_without_a_p_value(do, grunfeld):
    """Two observations per panel and two coefficients: regress runs with no residual degrees of
    freedom, dfuller's p is missing, every panel drops out: P = 0 on 0 df, the rest missing."""
    rc, out, s = do("xtset company year\nxtunitroot fisher invest if year > 1952, dfuller lags(0)", grunfeld)
    assert rc == 0, out
    assert s.r["P"] == 0 and s.r["df_P"] == 0 and s.r["df_L"] == 4
    assert all(s.r[k] != s.r[k] for k in ("p_P", "Z", "L", "Pm"))  # missing
    assert " Inverse chi-squared(0)    P         0.0000            ." in out
