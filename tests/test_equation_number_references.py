"""``[#k]name`` in test and lincom: the k-th equation of e(b) (Stata's equation-number
reference), after single-equation commands too -- it was ``[#1]x not found`` r(111)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    x, x2 = rng.normal(size=(2, 100))
    return pd.DataFrame({"x": x, "x2": x2, "yc": x + rng.normal(size=100),
                         "y": (x + rng.normal(size=100) > 0).astype(float)})


@pytest.mark.parametrize("fit, label", [("regress yc x x2", "x"), ("logit y x x2", "[y]x")])
def test_first_equation_by_number(do, fit, label):
    rc, out, s = do(f"quietly {fit}\ntest [#1]x\nscalar a = r(p)\n"
                    f"test x\nscalar b = r(p)\nlincom [#1]x + x2", _data())
    assert rc == 0, out
    assert f" ( 1)  {label} = 0" in out.splitlines()
    assert s.scalars["a"] == s.scalars["b"]
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    est = sum(v for k, v in b.items() if k.split(":")[-1] in ("x", "x2"))
    assert s.r["estimate"] == pytest.approx(est)


def test_second_equation_of_mlogit_and_a_missing_one(do):
    rc, out, s = do("quietly mlogit y x\ntest [#2]x", _data())
    assert rc == 0 and " ( 1)  [1]x = 0" in out.splitlines()
    rc, out, _ = do("test [#3]x", session=s)
    assert rc == 303 and "equation #3 not found" in out.splitlines()
    rc, out, _ = do("quietly regress yc x\ntest [#2]x", session=s)
    assert rc == 303 and "equation #2 not found" in out.splitlines()
