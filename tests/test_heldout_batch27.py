"""Fixes from the twenty-seventh held-out batch (tests/realworld/README.md):

* ``xtmixed mfq_t ... || number:c.time##c.time, cov(uns)`` (heldout/anon-alspac-smfq-autism):
  products of ``c.`` variables in a mixed/xtmixed random-effects equation are columns of Z
  (Stata 16's _mixed_parsecmd reads the equation as ``varlist(ts fv numeric)`` for mixed and
  xtmixed; _xtmixed_estimate fvexpands and fvrevars it).  Checked against the same model with
  the square made by ``generate``: same log likelihood, estimates and BLUPs.  Factor terms
  fit too (tests/test_mixed_re_factor_variables.py).
* ``estimates use`` + ``estimates esample:`` + ``margins``/``predict, reffects`` (the same file):
  a declared e(sample) is taken as the sample margins averages over, and the random effects
  are placed on the declared rows.  Checked against margins and BLUPs of the live fit.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _growth(seed=27, n=60, waves=6):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(1, n + 1):
        u0, u1, u2 = rng.normal(0, 1.5), rng.normal(0, 0.3), rng.normal(0, 0.04)
        g = int(rng.random() < 0.3)
        for w in range(waves):
            t = 10 + 2 * w
            c = t - 15
            y = 4 + 0.8 * g + 0.3 * c - 0.02 * c * c + u0 + u1 * c + u2 * c * c + rng.normal(0, 1.2)
            if w > 0 and rng.random() < 0.15:
                y = np.nan
            rows.append({"id": i, "time": float(t), "g": g, "y": y})
    return pd.DataFrame(rows)


FIT_PRODUCT = "xtmixed y c.time##c.time##g || id:c.time##c.time, cov(uns) var"
FIT_MADE = "generate t2 = time^2\nmixed y c.time##c.time##g || id: time t2, cov(uns) var"


def test_continuous_product_in_random_equation_is_the_generated_square(do):
    df = _growth()
    made_gen, made_fit = FIT_MADE.splitlines()
    rc, out, s = do(f"quietly {FIT_PRODUCT}\nmatrix b1 = e(b)\nscalar ll1 = e(ll)\npredict a1 a2 a0, reffects\n"
                    f"{made_gen}\nquietly {made_fit}\nmatrix b2 = e(b)\nscalar ll2 = e(ll)\n"
                    "predict b1_ b2_ b0_, reffects", df)
    assert rc == 0, out
    assert s.scalars["ll1"] == pytest.approx(s.scalars["ll2"], rel=1e-9)
    np.testing.assert_allclose(s.matrices["b1"].values, s.matrices["b2"].values, rtol=1e-5, atol=1e-7)
    for a, b in (("a1", "b1_"), ("a2", "b2_"), ("a0", "b0_")):
        np.testing.assert_allclose(s.data.numeric(a), s.data.numeric(b), rtol=1e-4, atol=1e-7)


def test_product_terms_are_named_as_fvexpand_writes_them(do):
    rc, out, s = do(FIT_PRODUCT, _growth())
    assert rc == 0, out
    assert "var(time)" in out and "var(c.tim~me)" in out and "cov(time,c.tim~me)" in out


@pytest.mark.parametrize("equation", ["|| id: i.g", "|| id: c.time#i.g"])
def test_factor_terms_in_random_equation_fit(do, equation):
    """mixed reads factor terms there too (tests/test_mixed_re_factor_variables.py)."""
    rc, out, s = do(f"mixed y time {equation}", _growth())
    assert rc == 0, out
    assert "var(1.g" in out


def test_declared_sample_margins_and_reffects_match_the_live_fit(do, tmp_path):
    ster = tmp_path / "growth"
    rc, out, s = do(f"quietly {FIT_PRODUCT}\nmargins g, at(time=(10 20))\nmatrix m1 = r(b)\n"
                    "predict a1 a2 a0, reffects\n"
                    f'estimates save "{ster}", replace\nestimates clear\nereturn clear\n'
                    f'estimates use "{ster}"\nestimates esample: y time g\n'
                    "margins g, at(time=(10 20))\nmatrix m2 = r(b)\nscalar n2 = r(N)\n"
                    "predict c1 c2 c0, reffects", _growth())
    assert rc == 0, out
    np.testing.assert_allclose(s.matrices["m1"].values, s.matrices["m2"].values, rtol=1e-8)
    assert s.scalars["n2"] == int(_growth()["y"].notna().sum())
    for a, b in (("a1", "c1"), ("a2", "c2"), ("a0", "c0")):
        np.testing.assert_allclose(s.data.numeric(a), s.data.numeric(b), rtol=1e-6, atol=1e-9)


def test_declared_sample_without_varlist_is_every_row(do, tmp_path):
    ster = tmp_path / "growth"
    df = _growth()
    rc, out, s = do(f"quietly {FIT_PRODUCT}\n"
                    f'estimates save "{ster}", replace\nestimates use "{ster}"\nestimates esample:\n'
                    "margins, at(time=(12))\nscalar n = r(N)", df)
    assert rc == 0, out
    assert s.scalars["n"] == len(df)  # estimates esample: with no varlist marks every observation


def test_estimates_esample_without_colon_says_who_set_it(do, tmp_path):
    """estimates_sample.ado: SetEsample posts e(_estimates_sample) "user"; CheckEsample (no
    colon) reports user / estimation command / not set, in r(who)."""
    ster = tmp_path / "growth"
    rc, out, s = do(f"quietly {FIT_PRODUCT}\nestimates esample\nlocal w1 `r(who)'\n"
                    f'estimates save "{ster}", replace\nestimates use "{ster}"\nestimates esample\n'
                    "local w2 `r(who)'\nestimates esample: y time g\nestimates esample\nlocal w3 `r(who)'\n"
                    "local m `e(_estimates_sample)'", _growth())
    assert rc == 0, out
    assert "e(sample) set by estimation command" in out
    assert "e(sample) not set (0 assumed)" in out and "e(sample) set by user" in out
    assert [s.locals[k] for k in ("w1", "w2", "w3", "m")] == ["cmd", "zero'd", "user", "user"]
