"""power twovariances (the F test of v2 = v1) against tests/power_reference/twovariances_reference.R
(pf and a search for the smallest n) and G*Power's published example (ratio 1.5, alpha .05,
power .8: 193 per group); layout as the other power methods."""
from __future__ import annotations

from pathlib import Path

import pytest

REF = {name: float(value) for name, value in (line.split() for line in (
    Path(__file__).parent / "power_reference" / "twovariances_reference.txt").read_text().splitlines())}


@pytest.mark.parametrize("command, key, nratio", [
    ("power twovariances 25 36", "n1_25_36", 1), ("power twovariances 1 1.5", "n1_1_1.5", 1),
    ("power twovariances 25 36, onesided", "n1_25_36_onesided", 1),
    ("power twovariances 1, ratio(0.5) power(0.9)", "n1_ratio_.5_power_.9", 1),
    ("power twovariances 25 36, nratio(2)", "n1_25_36_nratio2", 2)])
def test_sample_size(do, command, key, nratio):
    rc, out, s = do(command)
    assert rc == 0, out
    assert s.r["N1"] == REF[key] and s.r["N2"] == nratio * REF[key] and s.r["N"] == (1 + nratio) * REF[key]


def test_gpower_published_example(do):
    rc, out, s = do("power twovariances 1 1.5")
    assert s.r["N1"] == 193 and s.r["N2"] == 193


@pytest.mark.parametrize("command, key", [
    ("power twovariances 5 6, sd n(300)", "power_sd_5_6_n300"),
    ("power twovariances 25 36, n1(100) nratio(2) onesided", "power_n1_100_nratio2_onesided"),
    ("power twovariances 10, ratio(.6) n1(40) n2(60)", "power_n1_40_n2_60_ratio_.6")])
def test_power(do, command, key):
    rc, out, s = do(command)
    assert rc == 0, out
    assert s.r["power"] == pytest.approx(REF[key], abs=1e-10)


def test_layout_and_table(do):
    rc, out, s = do("power twovariances 25 36")
    lines = out.splitlines()
    i = lines.index("Estimated sample sizes for a two-sample variances test")
    assert lines[i:i + 16] == [
        "Estimated sample sizes for a two-sample variances test", "F test",
        "Ho: v2 = v1  versus  Ha: v2 != v1", "", "Study parameters:", "",
        "        alpha =    0.0500", "        power =    0.8000", "        delta =    1.4400",
        "           v1 =   25.0000", "           v2 =   36.0000", "", "Estimated sample sizes:", "",
        "            N =       478", "  N per group =       239"]
    assert (s.r["method"], s.r["v1"], s.r["v2"], s.r["delta"]) == ("twovariances", 25, 36, 1.44)
    rc, out, s = do("power twovariances 25 (36(2)42)")
    assert [int(v) for v in s.r["pss_table"].values[:, 3]] == [REF[f"n1_25_{v}"] for v in (36, 38, 40, 42)]
    assert "|   alpha   power       N      N1      N2   delta      v1      v2 |" in out
    rc, out, s = do("power twovariances 5 6, sd n(300)")
    assert "Ho: s2 = s1  versus  Ha: s2 != s1" in out and "           s1 =    5.0000" in out
    assert (s.r["v1"], s.r["v2"], s.r["s1"]) == (25, 36, 5)


@pytest.mark.parametrize("command, message", [
    ("power twovariances 25 36, ratio(2)", "only one of v2 or ratio() may be specified"),
    ("power twovariances 25 -1", "variances and standard deviations must contain positive numbers"),
    ("power twovariances 25", "either v2 or ratio() must be specified"),
    ("power twovariances 25 25", "alternative value must differ"),
])
def test_errors(do, command, message):
    rc, out, _ = do(command)
    assert rc == 198 and message in out, out
