"""xtserial (Drukker's SSC command: Wooldridge's test) against a first-principles computation
in R (tests/panel_more_reference/xtserial_reference.R: lm on first differences, lm of the
residuals on their lag, sandwich::vcovCL HC1 clustered by panel, F on (1, G-1)); a gap in a
panel and an if qualifier that drops a period (differences still read the dropped period, the
lagged residual does not); the published log's layout; r(); errors."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "panel_more_reference"
REF = json.loads((REF_DIR / "xtserial_reference.json").read_text())


@pytest.fixture
def panels():
    d = pd.read_csv(REF_DIR / "xtrc_panels.csv")
    return d[~((d.company == 4) & (d.time == 7))].reset_index(drop=True)


@pytest.mark.parametrize("key, condition", [("all", ""), ("not5", " if time != 5")])
def test_matches_r(do, panels, key, condition):
    rc, out, s = do("xtset company time\nxtserial invest market stock" + condition, panels)
    assert rc == 0, out
    ref = REF[key]
    assert s.r["corr"] == pytest.approx(ref["corr"], rel=1e-10)
    assert s.r["F"] == pytest.approx(ref["F"], rel=1e-10)
    assert s.r["df_r"] == ref["df_r"] and s.r["df"] == 1
    assert s.r["p"] == pytest.approx(ref["p"], rel=1e-9)
    lines = out.splitlines()
    at = lines.index("Wooldridge test for autocorrelation in panel data")
    assert lines[at - 1] == "" and lines[at + 1] == "H0: no first-order autocorrelation"
    assert lines[at + 2] == f"    F(  1,       9) = {ref['F']:10.3f}"
    assert lines[at + 3] == f"           Prob > F = {ref['p']:11.4f}"


@pytest.mark.parametrize("setup, line, message, rc", [
    ("xtset company", "xtserial invest market", "time variable not specified", 498),
    ("xtset company time", "xtserial invest market, output", "option output is not available", 198),
    ("xtset company time", "xtserial invest", "no observations", 2000),
    ("", "xtserial invest market", "time variable not set", 111),
])
def test_errors(do, panels, setup, line, message, rc):
    got, out, _ = do((setup + "\n" if setup else "") + line, panels)
    assert got == rc and message in out and "Traceback" not in out
