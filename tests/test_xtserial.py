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
    ("xtset company time", "xtserial invest", "no observations", 2000),
    ("", "xtserial invest market", "time variable not set", 111),
])
def test_errors(do, panels, setup, line, message, rc):
    got, out, _ = do((setup + "\n" if setup else "") + line, panels)
    assert got == rc and message in out and "Traceback" not in out


def test_output_shows_the_first_difference_regression_and_keeps_e(do, panels):
    """``output``: regress D.y D.(x), noconstant clustered by panel, as a published log of
    ``xtserial ..., output`` shows it; the test after it unchanged; e() as before."""
    script = ("xtset company time\nquietly regress invest market\nxtserial invest market stock, output\n"
              "display \"@@\" e(cmd) \" \" e(N)\nregress D.invest D.market D.stock, noconstant vce(cluster company)")
    rc, out, s = do(script, panels)
    assert rc == 0, out
    shown, again = out.split("@@")
    assert "(Std. Err. adjusted for 10 clusters in company)" in shown
    assert "   D.invest |" in shown and "Wooldridge test for autocorrelation in panel data" in shown
    table = [line for line in shown.splitlines() if line.strip().startswith("D1.")]
    assert table and table == [line for line in again.splitlines() if line.strip().startswith("D1.")]
    assert again.splitlines()[0].strip() == f"regress {len(panels)}"  # e() of the regress before it
