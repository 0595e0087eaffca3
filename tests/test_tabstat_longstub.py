"""tabstat's ``longstub`` ([R] tabstat: "make left table stub wider"): with by() the stub gets a
second column naming each row's statistic (``stats``) or, with columns(statistics), its
variable; ``long``/``lo`` abbreviate it; without by() the table is unchanged."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data():
    rng = np.random.default_rng(5)
    return pd.DataFrame({"g": np.repeat([1.0, 2.0], 25), "x": rng.normal(10, 2, 50), "y": rng.normal(0, 1, 50)})


def _rows(out: str) -> list[list[str]]:
    return [line.replace("|", " ").split() for line in out.splitlines() if "|" in line]


def test_longstub_names_the_statistic_of_each_row(do):
    df = _data()
    rc, out, _ = do("tabstat x y, by(g) stat(mean sd) longstub", df)
    assert rc == 0, out
    rows = _rows(out)
    assert rows[0] == ["g", "stats", "x", "y"]
    first, second = rows[1], rows[2]
    assert first[:2] == ["1", "mean"] and second[0] == "sd"
    g1 = df[df.g == 1]
    assert np.isclose(float(first[2]), g1.x.mean(), rtol=1e-6)
    assert np.isclose(float(second[1]), g1.x.std(ddof=1), rtol=1e-6)  # the blank label is no token
    assert np.isclose(float(second[2]), g1.y.std(ddof=1), rtol=1e-6)
    total = [r for r in rows if r[0] == "Total"][0]
    assert total[1] == "mean" and np.isclose(float(total[3]), df.y.mean(), rtol=1e-5, atol=1e-7)
    # the stub is wider by a space and the 8-wide stats column; every rule agrees
    widths = {line.index("+") for line in out.splitlines() if "+" in line}
    assert len(widths) == 1 and widths.pop() == len("Total") + 1 + 8 + 1


def test_longstub_abbreviations_and_columns_statistics(do):
    df = _data()
    rc, out, _ = do("tabstat x y, by(g) stat(mean) long", df)
    assert rc == 0 and "stats |" in out
    rc, out, _ = do("tabstat x y, by(g) stat(mean n) lo columns(statistics)", df)
    assert rc == 0, out
    rows = _rows(out)
    assert rows[0] == ["g", "variable", "mean", "N"]
    assert rows[1][:2] == ["1", "x"] and rows[2][0] == "y"
    assert np.isclose(float(rows[2][1]), df[df.g == 1].y.mean(), rtol=1e-5, atol=1e-7)


def test_longstub_without_by_leaves_the_table_as_it_is(do):
    df = _data()
    plain = do("tabstat x y, stat(mean sd)", df)[1]
    rc, out, _ = do("tabstat x y, stat(mean sd) longstub", df)
    assert rc == 0 and out == plain
    assert do("tabstat x, l", df)[0] == 198  # one letter abbreviates nothing
