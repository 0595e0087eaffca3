"""``inspect`` ([D] inspect): Stata 13's layout against two published logs (``inspect
foreign`` on the r13 auto data; a variable with no values among 15,403 observations), the
counts and r() against numpy on generated data, labels, strings and if/in."""
from __future__ import annotations

import numpy as np
import pandas as pd

FOREIGN_LOG = """
foreign:  Car type                              Number of Observations
------------------                          ------------------------------
                                            Total   Integers   Nonintegers
|  #                         Negative           -         -          -
|  #                         Zero              52        52          -
|  #                         Positive          22        22          -
|  #                                        -----     -----      -----
|  #   #                     Total             74        74          -
|  #   #                     Missing            -
+----------------------                     -----
0                     1                        74
   (2 unique values)

      foreign is labeled and all values are documented in the label.
"""

EMPTY_LOG = """
cmpg:                                           Number of Observations
-------                                     ------------------------------
                                            Total   Integers   Nonintegers
|                            Negative           -         -          -
|                            Zero               -         -          -
|                            Positive           -         -          -
|                                           -----     -----      -----
|                            Total              -         -          -
|                            Missing        15403
+----------------------                     -----
.             -9.0e+307                     15403
   (0 unique value)
"""


def test_published_foreign_log(new_session, run):
    s = new_session(pd.DataFrame({"foreign": np.r_[np.zeros(52), np.ones(22)]}), types={"foreign": "byte"},
                    var_labels={"foreign": "Car type"}, value_label_of={"foreign": "origin"},
                    value_labels={"origin": {0.0: "Domestic", 1.0: "Foreign"}})
    out, rc = run(s, "inspect foreign")
    assert rc == 0
    assert out == FOREIGN_LOG
    assert s.r == {"N": 74, "N_neg": 0, "N_0": 52, "N_pos": 22, "N_negint": 0, "N_posint": 22,
                   "N_unique": 2, "N_undoc": 0}


def test_published_all_missing_log(new_session, run):
    s = new_session(pd.DataFrame({"cmpg": np.full(15403, np.nan)}))
    out, rc = run(s, "inspect cmpg")
    assert rc == 0 and out == EMPTY_LOG
    assert np.isnan(s.r["N_undoc"]) and s.r["N_unique"] == 0


def test_counts_match_numpy(new_session, run):
    rng = np.random.default_rng(5)
    x = np.round(rng.normal(0, 3, 500) * 2) / 2  # halves: integers and not, under 99 values
    x[rng.random(500) < 0.1] = np.nan
    s = new_session(pd.DataFrame({"x": x}), types={"x": "double"})
    out, rc = run(s, "inspect x if _n > 20")
    assert rc == 0
    v = x[20:]
    ok = v[~np.isnan(v)]
    whole = ok == np.floor(ok)
    assert s.r["N"] == ok.size and s.r["N_neg"] == (ok < 0).sum() and s.r["N_0"] == (ok == 0).sum()
    assert s.r["N_pos"] == (ok > 0).sum()
    assert s.r["N_negint"] == (whole & (ok < 0)).sum() and s.r["N_posint"] == (whole & (ok > 0)).sum()
    unique = np.unique(ok).size
    assert unique <= 99 and s.r["N_unique"] == unique
    lines = out.split("\n")
    assert lines[8].endswith(f"{ok.size:>5}{whole.sum():>10}{(~whole).sum():>11}")
    assert lines[9].endswith(f"Missing        {np.isnan(v).sum():>5}")
    assert lines[11].split()[-1] == str(v.size)
    assert lines[12] == f"{'(' + str(unique):>5} unique values)"


def test_many_values_strings_and_undocumented_labels(new_session, run):
    s = new_session(pd.DataFrame({"y": np.arange(150.0), "t": ["a"] * 150, "g": np.arange(150.0) % 4}),
                    value_label_of={"g": "gl"}, value_labels={"gl": {0.0: "zero", 1.0: "one"}})
    out, _ = run(s, "inspect y t g")
    assert "(More than 99 unique values)" in out
    run(s, "inspect y")
    assert np.isnan(s.r["N_unique"]) and np.isnan(s.r["N_undoc"])
    run(s, "inspect t")
    assert s.r["N"] == 0  # a string variable shows as all missing
    run(s, "inspect g")
    assert s.r["N_undoc"] == 2 and "g is labeled but 2 values are NOT documented in the label." in out


def test_histogram_bars(new_session, run):
    # three distinct values: one bar each; heights 6 * count / largest count, rounded down
    s = new_session(pd.DataFrame({"z": np.r_[np.full(12, 1.0), np.full(5, 2.0), np.full(1, 7.0)]}))
    out, _ = run(s, "inspect z")
    rows = [ln[:20].rstrip() for ln in out.split("\n")[4:10]]
    assert rows == ["|  #", "|  #", "|  #", "|  #", "|  #   #", "|  #   #   ."]  # 6*5/12 = 2.5: 2 rows
