"""Abbreviations real do-files use: ``so`` for ``sort`` ([D] sort: so[rt]) and recode's
``l()``, ``copy`` and ``t`` (recode.ado's syntax: ``COPYrest Label(str) Test``)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def xs(new_session):
    return new_session(pd.DataFrame({"x": [3.0, 1.0, 2.0, 1.0], "k": [1.0, 2.0, 3.0, 4.0]}),
                       types={"x": "byte", "k": "byte"})


def test_so_sorts_like_sort(xs, run):
    out, rc = run(xs, "so x k")
    assert rc == 0
    assert list(xs.data.df["x"]) == [1, 1, 2, 3] and list(xs.data.df["k"]) == [2, 4, 3, 1]
    _, rc = run(xs, "s x")  # one letter is not sort
    assert rc != 0 and list(xs.data.df["k"]) == [2, 4, 3, 1]


def test_recode_label_abbreviated(xs, run):
    out, rc = run(xs, 'recode x (1=10 "ten") (3=30 "thirty"), gen(y) l(ylab)')
    assert rc == 0
    assert list(xs.data.df["y"]) == [30, 10, 2, 10]
    assert xs.data.value_labels["ylab"] == {10.0: "ten", 30.0: "thirty"}
    assert xs.data.value_label_of["y"] == "ylab"


def test_recode_copy_and_t_abbreviated(xs, run):
    _, rc = run(xs, "recode x (1=5) if k < 3, gen(z) copy t")
    assert rc == 0
    assert list(xs.data.df["z"]) == [3, 5, 2, 1]  # copyrest: rows outside if keep x
    _, rc = run(xs, "recode x (1=5), gen(w) cop")  # copyrest needs four letters
    assert rc == 198 and "w" not in xs.data.df
