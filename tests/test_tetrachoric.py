"""``tetrachoric``: ML and Edwards correlations, Brown's standard errors and Fisher's exact p
against R (tests/power_reference/tetrachoric_reference.R: the same equation solved with
integrate(), fisher.test), tetrachoric.ado's two-variable text and matrix layout, bonferroni,
posdef, fweights, r() and refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF: dict = {}
for line in (Path(__file__).parent / "power_reference" / "tetrachoric_reference.txt").read_text().splitlines():
    pair, stat, value = line.split()
    REF.setdefault(pair, {})[stat] = float(value)

# the 2 x 2 x 2 counts whose pairwise tables are the R script's
CELLS = {(0, 0, 0): 25, (0, 0, 1): 15, (0, 1, 0): 5, (0, 1, 1): 5, (1, 0, 0): 8, (1, 0, 1): 7,
         (1, 1, 0): 14, (1, 1, 1): 21}


@pytest.fixture
def data():
    rows = [key for key, count in CELLS.items() for _ in range(count)]
    return pd.DataFrame(np.array(rows, float), columns=["x", "y", "z"])


PAIR = """
   Number of obs =          100
 Tetrachoric rho =       0.7127
       Std error =       0.0955

Test of Ho: x and y are independent
 2-sided exact P =       0.0000"""

MATRIX = """(obs=100)

             |        x        y        z
-------------+---------------------------
           x |   1.0000
           y |   0.7127   1.0000
           z |   0.2490   0.2752   1.0000"""


def test_two_variables_against_r(do, data):
    rc, out, s = do("tetrachoric x y", data)
    assert rc == 0 and PAIR in out, out
    assert abs(s.r["rho"] - REF["xy"]["rho"]) < 1e-8 and abs(s.r["se_rho"] - REF["xy"]["se"]) < 1e-8
    assert abs(s.r["p"] - REF["xy"]["p"]) < 1e-12 and s.r["N"] == 100 and s.r["method"] == "ml"
    assert abs(s.r["rho"] - REF["xy"]["polychor"]) < 1e-4      # polycor's less precise root


def test_matrix_against_r(do, data):
    rc, out, s = do("tetrachoric x y z", data)
    assert rc == 0 and MATRIX in out, out
    for (i, j), pair in {(1, 0): "xy", (2, 0): "xz", (2, 1): "yz"}.items():
        assert abs(s.r["Rho"].values[i, j] - REF[pair]["rho"]) < 1e-8
        assert abs(s.r["Se_Rho"].values[i, j] - REF[pair]["se"]) < 1e-8
        assert abs(s.r["P"].values[i, j] - REF[pair]["p"]) < 1e-10
    rc, out, s = do("tetrachoric x y z, edwards", data)
    assert s.r["method"] == "Edwards" and abs(s.r["Rho"].values[2, 1] - REF["yz"]["edwards"]) < 1e-10
    assert abs(s.r["Se_Rho"].values[2, 0] - REF["xz"]["edwards_se"]) < 1e-10


def test_stats_key_star_bonferroni(do, data):
    rc, out, s = do("tetrachoric x y z, stats(rho se p obs) star(.15) bonferroni", data)
    assert rc == 0 and "|   2-sided exact P |" in out and "   0.7127*  1.0000" in out, out
    assert abs(s.r["P"].values[2, 0] - min(1, 3 * REF["xz"]["p"])) < 1e-10
    assert "(obs=" not in out and "      100      100      100" in out


def test_fweights_match_expanded_rows(do, data):
    counts = data.groupby(["x", "y", "z"]).size().rename("w").reset_index()
    rc, out, s = do("tetrachoric x y [fw=w]", counts)
    assert rc == 0 and abs(s.r["rho"] - REF["xy"]["rho"]) < 1e-8 and s.r["N"] == 100, out


def test_posdef(do):
    # a perfect negative pair (an empty diagonal) with a third item: the matrix is not PSD
    cells = {(0, 1, 0): 5, (0, 1, 1): 4, (1, 0, 0): 2, (1, 0, 1): 2, (1, 1, 1): 1}
    df = pd.DataFrame(np.array([k for k, n in cells.items() for _ in range(n)], float), columns=["a", "b", "c"])
    rc, out, s = do("tetrachoric a b c, stats(rho p)", df)
    assert rc == 0 and "not positive semidefinite;\n  it has 1 negative eigenvalue" in out, out
    assert s.r["nneg"] == 1 and "P" in s.r
    rc, out, s = do("tetrachoric a b c, posdef stats(rho p)", df)
    R = s.r["Rho"].values
    assert rc == 0 and "    adj-corr |" in out and "(p ignored)" in out, out
    assert np.linalg.eigvalsh(R).min() > -1e-10 and "P" not in s.r and np.allclose(np.diag(R), 1)


@pytest.mark.parametrize("command, message, code", [
    ("tetrachoric x", "too few variables specified", 102),
    ("replace x = 2 in 1\ntetrachoric x y", "variable x is not 0/1 coded", 198),
    ("tetrachoric x y if x == 1", "variable x does not vary", 198),
    ("tetrachoric x y z, bonferroni sidak", "only one of bonferroni and sidak", 198),
    ("tetrachoric x y, stats(tau)", "option tau not allowed", 198),
])
def test_refusals(do, data, command, message, code):
    rc, out, _ = do(command, data)
    assert rc == code and message in out, out
