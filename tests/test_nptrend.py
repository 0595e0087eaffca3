"""``nptrend``: Cuzick's trend test against R (tests/power_reference/nptrend_reference.R, the
formulas written out with R's rank()), nptrend.ado's list of groups and its z / Prob > |z|
lines, string and labelled groups, score(), r() and refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF: dict = {}
for line in (Path(__file__).parent / "power_reference" / "nptrend_reference.txt").read_text().splitlines():
    name, stat, value = line.split()
    REF.setdefault(name, {})[stat] = float(value)


@pytest.fixture
def data():
    i = np.arange(1, 31)
    g = 1 + i % 4
    return pd.DataFrame({"y": ((i * 7) % 11).astype(float), "g": g.astype(float), "g2": (g * g).astype(float),
                         "s": np.array(["a", "b", "c", "d"])[g - 1]})


def test_against_r(do, data):
    rc, out, s = do("nptrend y, by(g)", data)
    ref = REF["groups"]
    assert rc == 0 and s.r["N"] == ref["N"] and s.r["T"] == ref["T"], out
    assert abs(s.r["z"] - ref["z"]) < 1e-10 and abs(s.r["p"] - ref["p"]) < 1e-10
    for k in range(1, 5):
        assert f"{ref[f'ranksum{k}']:g}" in out
    lines = out.splitlines()
    assert lines[-2:] == ["          z  = -0.67", "  Prob > |z| = 0.503"], out


def test_scores_and_string_groups(do, data):
    rc, out, s = do("nptrend y, by(g) score(g2)", data)
    assert rc == 0 and abs(s.r["z"] - REF["squared"]["z"]) < 1e-10
    rc, out, s = do("nptrend y, by(s)", data)      # a string by(): scored 1, 2, ... in sorted order
    assert rc == 0 and abs(s.r["z"] - REF["groups"]["z"]) < 1e-10 and "           a" in out


def test_list_layout_labels_and_nodetail(do, data):
    rc, out, _ = do("label define gl 1 one 2 two 3 three 4 four\nlabel values g gl\nnptrend y, by(g)", data)
    assert "\n           g        score          obs   sum of ranks  \n         one            1            7          109.5  " in out, out
    rc, out, _ = do("label define gl 1 one\nlabel values g gl\nnptrend y, by(g) nolabel", data)
    assert "\n           1            1            7          109.5  " in out
    rc, out, _ = do("nptrend y, by(g) nodetail", data)
    assert "sum of ranks" not in out and "Prob > |z| = 0.503" in out


@pytest.mark.parametrize("command, message, code", [
    ("nptrend y", "option by() required", 198),
    ("nptrend s, by(g)", "type mismatch", 109),
    ("nptrend y, by(g) nodetail nolabel", "may not be combined", 198),
    ("nptrend y if y > 100, by(g)", "no observations", 2000),
    ("bysort g: nptrend y, by(g2)", "nptrend may not be combined with by", 190),
])
def test_refusals(do, data, command, message, code):
    rc, out, _ = do(command, data)
    assert rc == code and message in out, out


def test_one_observation_is_missing(do):
    rc, out, s = do("nptrend y in 1, by(g)", pd.DataFrame({"y": [1.0, 2.0], "g": [1.0, 2.0]}))
    assert rc == 0 and "          z  =     ." in out and np.isnan(s.r["z"]), out
