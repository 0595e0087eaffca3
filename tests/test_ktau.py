"""``ktau``: Kendall's tau-a, tau-b, score, its tie-corrected se and the continuity-corrected
p-value against R (tests/power_reference/ktau_reference.R and its committed output), the
two-variable text and the matrix layout of ktau.ado, r() and refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF: dict = {}
for line in (Path(__file__).parent / "power_reference" / "ktau_reference.txt").read_text().splitlines():
    pair, stat, value = line.split()
    REF.setdefault(pair, {})[stat] = float(value)


@pytest.fixture
def data():
    return pd.DataFrame({"x": [2.0, 4, 1, 3, 0, 2, 4, 1, 3, 0, 2, 4],
                         "y": [2.0, 4, 3, 5, 7, 6, 8, 10, 9, 11, 13, 12],
                         "z": [1.0, 4, np.nan, 2, 4, 1, 0, 1, 4, 2, 2, 4],
                         "s": ["a"] * 12})


# ktau.ado's resupr display for these numbers
PAIR = """
  Number of obs =      12
Kendall's tau-a =      -0.0455
Kendall's tau-b =      -0.0489
Kendall's score =      -3
    SE of score =      14.224   (corrected for ties)

Test of Ho: x and y are independent
     Prob > |z| =       0.8882  (continuity corrected)"""


def test_two_variables_against_r(do, data):
    rc, out, s = do("ktau x y", data)
    assert rc == 0 and PAIR in out, out
    ref = REF["xy"]
    assert s.r["N"] == ref["N"] and s.r["score"] == ref["score"]
    for name, key in (("tau_a", "tau_a"), ("tau_b", "tau_b"), ("se_score", "se"), ("p", "p")):
        assert abs(s.r[name] - ref[key]) < 1e-9, name


@pytest.mark.parametrize("command, pairs", [
    ("ktau x z", "xz"), ("ktau y z", "yz"), ("ktau x y if z < .", "xy_casewise")])
def test_more_pairs_against_r(do, data, command, pairs):
    rc, out, s = do(command, data)
    assert rc == 0 and abs(s.r["tau_b"] - REF[pairs]["tau_b"]) < 1e-9 and abs(s.r["p"] - REF[pairs]["p"]) < 1e-9


MATRIX = """(obs=11)

             |          x          y          z
-------------+---------------------------------
           x |     0.8545
           y |    -0.1273     1.0000
           z |     0.0909     0.0909     0.7818"""


def test_matrix_casewise(do, data):
    rc, out, s = do("ktau x y z", data)
    assert rc == 0 and MATRIX in out, out
    assert abs(s.r["Tau_b"].values[2, 1] - REF["yz"]["tau_b"]) < 1e-9
    assert abs(s.r["Tau_a"].values[1, 0] - REF["xy_casewise"]["tau_a"]) < 1e-9
    assert s.r["Nobs"].values[1, 0] == 11 and abs(s.r["p"] - REF["yz"]["p"]) < 1e-9  # r() of the last pair


def test_matrix_stats_key_star_and_pw(do, data):
    rc, out, s = do("ktau x y z, stats(taub p obs) star(.7)", data)
    assert rc == 0, out
    for text in ("|   tau_b         |", "|   Number of obs |", "|   Sig. level    |"):
        assert text in out
    assert "    -0.1377*" in out and "(obs=" not in out          # y-x p = 0.6306 <= .7
    rc, out, s = do("ktau x y z, pw", data)
    assert "(obs=varies)" in out and abs(s.r["Tau_a"].values[1, 0] - REF["xy"]["tau_a"]) < 1e-9
    rc, out, s = do("ktau x y z, pw bonferroni", data)
    assert abs(s.r["P"].values[1, 0] - min(3 * REF["xy"]["p"], 1)) < 1e-9
    rc, out, s = do("ktau x y z, sidak", data)
    assert abs(s.r["P"].values[2, 0] - (1 - (1 - REF["xz"]["p"]) ** 3)) < 1e-9


def test_string_variables_skipped(do, data):
    rc, out, s = do("ktau x s y", data)
    assert rc == 0 and "(s ignored because string variable)" in out and "Kendall's tau-a" in out


@pytest.mark.parametrize("command, message, code", [
    ("ktau x", "too few variables specified", 102),
    ("ktau x y in 1/2", "insufficient observations", 2001),
    ("ktau x y z, bonferroni sidak", "only one of bonferroni and sidak", 198),
    ("ktau x y z, stats(rho)", "stats() must contain", 198),
    ("ktau x y z, star(2)", "star() must be between 0 and 1", 198),
])
def test_refusals(do, data, command, message, code):
    rc, out, _ = do(command, data)
    assert rc == code and message in out, out
