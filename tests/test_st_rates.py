"""strate and stptime: rates, person-time and intervals against R's survival::pyears and the
jackknife computed from the records in R (tests/st_tools_reference/rates.R and .json); the
layout strate.ado's list and stptime.ado's MYdisp draw; Stata's errors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent
REF = json.loads((HERE / "st_tools_reference" / "rates.json").read_text())
SETUP = "gen id = _n\nstset time, failure(died) id(id) scale(365.25)\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _table_rows(out: str, ncols: int) -> list[list[float]]:
    """The numbers of the list table's body rows (the last ``ncols`` cells of each)."""
    rows = []
    for line in out.splitlines():
        m = re.fullmatch(r"\s+\|(.*)\|", line)
        if m and not re.search(r"[A-Za-z]", m.group(1).split()[-1]):
            cells = m.group(1).split()
            try:
                rows.append([float(c) for c in cells[-ncols:]])
            except ValueError:
                continue
    return rows


def test_strate_total_layout_and_numbers(do, lung):
    rc, out, _ = do(SETUP + "strate", df=lung)
    assert rc == 0
    expected = """
Estimated rates and lower/upper bounds of 95% confidence intervals
(228 records included in the analysis)

  +----------------------------------------------+
  |   D          Y      Rate     Lower     Upper |
  |----------------------------------------------|
  | 165   190.5352   0.86598   0.74343   1.00873 |
  +----------------------------------------------+
"""
    assert expected in out
    r = REF["total"]
    assert f"{r['Y']:.4f}" == "190.5352" and f"{r['rate']:.5f}" == "0.86598" and f"{r['ub']:.5f}" == "1.00873"


def test_strate_by_groups(do, lung):
    rc, out, _ = do(SETUP + "strate female ph_ecog", df=lung)
    assert rc == 0 and "(227 records included in the analysis)" in out
    rows = _table_rows(out, 5)
    assert len(rows) == len(REF["female_ecog"]) == 7
    for got, ref in zip(rows, REF["female_ecog"]):
        assert got[0] == ref["D"] and f"{ref['Y']:.4f}" == f"{got[1]:.4f}"
        for g, key in zip(got[2:], ("rate", "lb", "ub")):
            assert f"{ref[key]:.5f}" == f"{g:.5f}", key
    # the list's separator after 5 rows, and per() in the heading and the rates
    assert out.count("  |--") == 2
    rc, out, _ = do(SETUP + "strate female, per(1000)", df=lung)
    assert "Estimated rates (per 1000) and lower/upper bounds of 95% confidence intervals" in out
    rows = _table_rows(out, 5)
    assert np.isclose(rows[0][2], REF["female"][0]["rate"] * 1000, atol=0.006)
    assert np.isclose(rows[1][4], REF["female"][1]["ub"] * 1000, atol=0.006)


def test_strate_jackknife(do, lung):
    rc, out, _ = do(SETUP + "strate female, jackknife", df=lung)
    assert rc == 0
    assert "The jackknife was used to calculate confidence intervals" in out
    assert "228    total clusters identified by id and female" in out
    rows = _table_rows(out, 5)
    for got, ref in zip(rows, REF["jack_female"]):
        assert f"{ref['lb']:.5f}" == f"{got[3]:.5f}" and f"{ref['ub']:.5f}" == f"{got[4]:.5f}"


def test_jackknife_notes_when_too_few_clusters_fail(do):
    data = pd.DataFrame({"id": [1, 2, 3, 4, 5], "t": [5, 6, 7, 8, 9], "d": [1, 0, 0, 1, 0], "g": [0, 0, 1, 1, 1]})
    rc, out, _ = do("stset t, failure(d) id(id)\nstrate g, jackknife", df=data)
    assert rc == 0 and "| 0   1   11.0000   0.090909       .       . |" in out
    assert ("Note: Jackknife confidence intervals are missing because of an insufficient\n"
            "      number of failures in the dataset.") in out
    rc, out, _ = do("stset t, failure(d) id(id)\nstptime, jackknife", df=data)
    assert rc == 0 and "Note: The jackknife was used to calculate confidence intervals." in out


def test_strate_value_labels_nolist_and_output(do, lung, tmp_path):
    target = tmp_path / "rates"
    rc, out, s = do(SETUP + 'label define sx 0 "male" 1 "female"\nlabel values female sx\n'
                    f'strate female, output("{target}")', df=lung)
    assert rc == 0 and "|   male   112 " in out
    rc, out, s = do(f'use "{target}", clear', session=s)
    assert rc == 0 and s.data.nobs == 2
    assert np.allclose(s.data.numeric("_Rate"), [r["rate"] for r in REF["female"]])
    assert np.allclose(s.data.numeric("_Lower"), [r["lb"] for r in REF["female"]])
    assert s.data.var_labels["_Y"] == "Person-time observation" and "_dta" not in s.data.chars
    rc, out, s = do(SETUP + f'strate, output("{target}")', df=lung)
    assert rc == 602 and "already exists" in out
    rc, out, _ = do(SETUP + "strate female, nolist", df=lung)
    assert rc == 0 and "Estimated" not in out


def test_strate_smr(do, lung):
    rc, out, _ = do(SETUP + "gen ref = cond(age > 65, 1.2, 0.6)\nstrate female, smr(ref)", df=lung)
    assert rc == 0 and "Estimated SMRs and lower/upper bounds of 95% confidence intervals" in out
    assert "| female     D       E      SMR    Lower    Upper |" in out
    ref = np.where(lung["age"] > 65, 1.2, 0.6)
    for line, f in zip([ln for ln in out.splitlines() if re.match(r"\s+\|\s+[01] ", ln)], (0, 1)):
        sel = lung["female"].to_numpy() == f
        D, E = lung["died"][sel].sum(), (ref[sel] * lung["time"][sel] / 365.25).sum()
        half = 1.959963984540054 / np.sqrt(D)
        expected = [D, round(E, 2), D / E, D / E * np.exp(-half), D / E * np.exp(half)]
        cells = [float(c) for c in line.strip("| ").split()[1:]]
        assert cells[:2] == [expected[0], expected[1]]
        assert np.allclose(cells[2:], expected[2:], atol=0.00006)


@pytest.mark.parametrize("text,message,rc", [
    ("strate female, graph", "option graph not supported by mlmcli", 198),
    ("strate female, bogus", "option bogus not allowed\n(option is invalid or you need to specify graph option, too)",
     198),
])
def test_strate_errors(do, lung, text, message, rc):
    got, out, _ = do(SETUP + text, df=lung)
    assert got == rc and message in out


def test_stptime_bands(do, lung):
    rc, out, s = do(SETUP + "stptime, at(0.5 1 2) per(1000)", df=lung)
    assert rc == 0
    expected = """
Cohort     |  person-time   failures        rate   [95% Conf. Interval]
-----------+-----------------------------------------------------------
(0   -  .5]|    99.355236         66   664.28306   521.8882    845.5297
(.5  -   1]|    53.069815         55   1036.3707   795.6812    1349.867
(1   -   2]|    34.204654         38   1110.9599   808.3795    1526.798
     >   2 |    3.9055441          6   1536.2776   690.1891    3419.568
-----------+-----------------------------------------------------------
     total |    190.53525        165   865.98149   743.4344    1008.729"""
    assert expected in out
    for line, ref in zip(expected.splitlines()[3:7], REF["bands"]):
        cells = [float(c) for c in line.split("|")[1].split()]
        assert np.allclose(cells, [ref["Y"], ref["D"], ref["rate"] * 1000, ref["lb"] * 1000, ref["ub"] * 1000],
                           rtol=1e-6)
    t = REF["total"]
    assert np.isclose(s.r["ptime"], t["Y"]) and np.isclose(s.r["rate"], t["rate"] * 1000)
    assert np.isclose(s.r["lb"], t["lb"] * 1000) and s.r["failures"] == t["D"]


def test_stptime_output(do, lung, tmp_path):
    target = tmp_path / "bands"
    rc, out, s = do(SETUP + f'stptime, at(0.5 1 2) output("{target}")', df=lung)
    assert rc == 0
    rc, out, s = do(f'use "{target}", clear', session=s)
    assert rc == 0 and s.data.nobs == 5
    assert np.allclose(s.data.numeric("_group")[:4], [0, 0.5, 1, 2])
    assert np.allclose(s.data.numeric("_Y"), [b["Y"] for b in REF["bands"]] + [REF["total"]["Y"]])
    assert np.allclose(s.data.numeric("_Rate"), [b["rate"] for b in REF["bands"]] + [REF["total"]["rate"]])


def test_stptime_total_trim_and_by(do, lung):
    rc, out, s = do(SETUP + "stptime", df=lung)
    assert rc == 0 and "     total |    190.53525        165   .86598149   .7434344    1.008729" in out
    assert "(0" not in out
    rc, out, _ = do(SETUP + "stptime, at(0.5 1 2) trim", df=lung)
    b = REF["bands"][1:3]
    D, Y = b[0]["D"] + b[1]["D"], b[0]["Y"] + b[1]["Y"]
    assert "(1   -   2]|" in out and "> " not in out.split("Cohort")[1]
    assert re.search(rf"total \|\s+{Y:.5f}\s+{int(D)}\s+{D / Y:.7f}", out)
    rc, out, _ = do(SETUP + 'stptime, by(female) title("years")', df=lung)
    assert "    female |        years   failures        rate   [95% Conf. Interval]" in out
    for line, ref in zip([ln for ln in out.splitlines() if re.match(r"\s+[01] \|", ln)], REF["female"]):
        cells = [float(c) for c in line.split("|")[1].split()]
        assert np.allclose(cells, [ref["Y"], ref["D"], ref["rate"], ref["lb"], ref["ub"]], rtol=1e-6)


def test_stptime_by_and_at(do, lung):
    rc, out, s = do(SETUP + "stptime, by(female) at(0.1 1 2)", df=lung)
    assert rc == 0
    assert "female     |  person-time   failures        rate   [95% Conf. Interval]" in out
    lines = out.splitlines()
    head = lines.index("0          |")
    assert lines[head + 1].startswith("(0   -  .1]|") and lines[head + 4].startswith("     >   2 |")
    t, d = lung["time"].to_numpy(float) / 365.25, lung["died"].to_numpy()
    male = lung["female"].to_numpy() == 0
    y = np.clip(t[male], 1, 2) - 1  # the male person-time in (1, 2]
    dd = ((t[male] > 1) & (t[male] <= 2) & (d[male] == 1)).sum()
    cells = [float(c) for c in lines[head + 3].split("|")[1].split()]
    assert np.isclose(cells[0], y.sum(), rtol=1e-6) and cells[1] == dd and np.isclose(cells[2], dd / y.sum(), rtol=1e-6)
    assert "     total |    190.53525        165" in out


@pytest.mark.parametrize("text,message,rc", [
    ("stptime, trim", "at() option required when specifying trim option", 198),
    ("stptime, per(0)", "per() should be greater than zero", 198),
    ("stptime, dd(0)", "dd() should be a positive integer", 198),
    ("stptime, by(female) output(x)", "output() option not valid in combination with by() option", 198),
    ("stptime, output(x, bogus)", "option output() invalid", 198),
    ("stptime, at(5 10) trim", "invalid combination of at() and trim options\nno observations remaining", 2000),
])
def test_stptime_errors(do, lung, text, message, rc):
    got, out, _ = do(SETUP + text, df=lung)
    assert got == rc and message in out


def test_stptime_requires_id(do, lung):
    got, out, _ = do("stset time, failure(died)\nstptime", df=lung)
    assert got == 198 and "stptime requires that you have previously stset an id() variable" in out
