"""ltable: the actuarial life table against KMsurv::lifetab (and its log-log interval computed
in R from lifetab's columns; tests/st_tools_reference/ltable.R and .json); the layout of
ltable.ado's tables; Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent
REF = json.loads((HERE / "st_tools_reference" / "ltable.json").read_text())
SETUP = "gen months = time/30.4375\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _rows(out: str) -> list[list[float]]:
    rows = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 9 and all(p.replace(".", "", 1).lstrip("-").isdigit() or p == "." for p in parts):
            rows.append([float("nan") if p == "." else float(p) for p in parts])
    return rows


def _check(rows, ref, columns):
    assert len(rows) == len(ref["start"])
    for i, row in enumerate(rows):
        assert row[2] == ref["start"][i] and row[3] == ref["deaths"][i] and row[4] == ref["lost"][i]
        for cell, key in zip(row[5:], columns):
            if key == "failure":
                value = 1 - ref["survival"][i]
            elif key == "lower_f":
                value = 1 - ref["upper"][i]
            elif key == "upper_f":
                value = 1 - ref["lower"][i]
            else:
                value = ref[key][i]
            assert abs(cell - value) <= 0.00005 + 1e-12, (i, key, cell, value)


def test_survival_table(do, lung):
    rc, out, _ = do(SETUP + "ltable months died, intervals(3)", df=lung)
    assert rc == 0
    head = """
                 Beg.                                 Std.
   Interval     Total   Deaths   Lost    Survival    Error     [95% Conf. Int.]
-------------------------------------------------------------------------------
    0     3       228       27      0     0.8816    0.0214     0.8321    0.9172
    3     6       201       39      6     0.7079    0.0303     0.6439    0.7626"""
    assert head in out
    _check(_rows(out), REF["all3"], ("survival", "se", "lower", "upper"))


def test_failure_table_by_group(do, lung):
    rc, out, _ = do(SETUP + "ltable months died, intervals(6) by(female) failure", df=lung)
    assert rc == 0
    assert ("                 Beg.                      Cum.       Std.\n"
            "   Interval     Total   Deaths   Lost    Failure") \
        in out
    chunks = out.split("female 1")
    assert "female 0" in chunks[0]
    _check(_rows(chunks[0]), REF["female"][0], ("failure", "se", "lower_f", "upper_f"))
    _check(_rows(chunks[1]), REF["female"][1], ("failure", "se", "lower_f", "upper_f"))
    # the survival table heads a labelled group with its label
    rc, out, _ = do(SETUP + 'label define sx 0 "male" 1 "female"\nlabel values female sx\n'
                    "ltable months died, intervals(6) by(female)", df=lung)
    assert "\nmale\n" in out and "\nfemale\n" in out


def test_hazard_table(do, lung):
    rc, out, _ = do(SETUP + "ltable months died, intervals(3) hazard", df=lung)
    assert rc == 0
    assert "   Interval     Total   Failure   Error    Hazard     Error    [95% Conf. Int.]" in out
    ref = REF["all3"]
    lines = [ln.split() for ln in out.splitlines() if len(ln.split()) == 9 and ln.split()[0].isdigit()]
    assert len(lines) == len(ref["hazard"])
    for i, cells in enumerate(lines):
        if ref["deaths"][i] == 0:  # no death: the hazard 0, its standard error missing (0/0)
            assert float(cells[5]) == 0 and cells[6] == "."
            continue
        h, se = float(cells[5]), float(cells[6])
        assert abs(h - ref["hazard"][i]) <= 0.00005 and abs(se - ref["se_hazard"][i]) <= 0.00005
        assert abs(float(cells[7]) - max(ref["hazard"][i] - 1.959963984540054 * ref["se_hazard"][i], 0)) <= 0.00006


def test_options_and_saving(do, lung, tmp_path):
    target = tmp_path / "lt"
    rc, out, s = do(SETUP + f'ltable months died, intervals(3) notable saving("{target}")', df=lung)
    assert rc == 0 and "Interval" not in out
    rc, out, s = do(f'use "{target}", clear', session=s)
    ref = REF["all3"]
    assert np.allclose(s.data.numeric("survival"), ref["survival"])
    assert np.allclose(s.data.numeric("lsurvival"), ref["lower"], atol=1e-6)
    assert s.data.var_labels["hazard"] == "hazard estimates"
    # intervals(numlist): [0,6) [6,12) [12,24) [24,.)
    rc, out, _ = do(SETUP + "ltable months died, intervals(0 6 12 24)", df=lung)
    assert "   24     .        13" in out


@pytest.mark.parametrize("text,message,rc", [
    ("ltable months died, graph", "option graph not supported by mlmcli", 198),
    ("ltable months died, bogus", "option bogus not allowed\n(option is invalid or you need to specify graph)", 198),
    ("ltable months died, intervals(12 6)", "intervals must be ascending", 198),
    ("ltable months died, intervals(0)", "interval() invalid", 198),
    ("replace months = -1 in 1\nltable months died", "time variable has negative values", 411),
])
def test_errors(do, lung, text, message, rc):
    got, out, _ = do(SETUP + text, df=lung)
    assert got == rc and message in out


def test_missing_deadvar_warning(do, lung):
    rc, out, _ = do(SETUP + "replace died = . in 1/3\nltable months died, intervals(12)", df=lung)
    assert rc == 0 and "(warning:  died has missing values; 3 obs not used)" in out
    assert "    0    12       225" in out


def test_frequency_weights_are_copies(do, lung):
    lung["w"] = 1 + np.arange(len(lung)) % 3
    rc, weighted, _ = do(SETUP + "ltable months died [fw=w], intervals(6)", df=lung)
    assert rc == 0
    rc, expanded, _ = do(SETUP + "expand w\nltable months died, intervals(6)", df=lung)
    table = lambda out: out[out.index("   Interval"):]  # noqa: E731
    assert table(weighted) == table(expanded)
