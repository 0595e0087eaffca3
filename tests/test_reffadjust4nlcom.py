"""``reffadjust4nlcom`` (community command): the expressions, their values against
Sigma_xx^-1 Sigma_xy, nlcom on them, and the package's errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.commands.community.reffadjust4nlcom import _betas


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_expressions_solve_the_normal_equations(do, k):
    rng = np.random.default_rng(k)
    a = rng.normal(size=(k + 1, k + 1))
    sigma = a @ a.T + np.eye(k + 1)  # y first, then x1..xk
    names = ["y"] + [f"x{i}" for i in range(1, k + 1)]
    idx = {n: i for i, n in enumerate(names)}

    def var(n):
        return f"({float(sigma[idx[n], idx[n]])!r})"

    def cov(m, n):
        return f"({float(sigma[idx[m], idx[n]])!r})"

    texts = _betas("y", names[1:], var, cov)
    expected = np.linalg.solve(sigma[1:, 1:], sigma[1:, 0])
    for text, value in zip(texts, expected):
        rc, out, _ = do(f"display %20.15g {text}")
        assert rc == 0 and float(out) == pytest.approx(value, rel=1e-10)


def _data(n_groups=150, seed=3):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(n_groups), 8)
    t = np.tile(np.arange(8.0), n_groups)
    u0 = rng.normal(scale=0.8, size=n_groups)
    u1 = 0.5 * u0 + rng.normal(scale=0.3, size=n_groups)
    y = 1 + u0[g] + (1 + u1[g]) * t + rng.normal(size=g.size)
    return pd.DataFrame({"id": g.astype(float), "t": t, "y": y})


def test_after_mixed_unstructured(do):
    rc, out, s = do("mixed y t || id: t, cov(uns)\nreffadjust4nlcom _cons t, eqn(id)\n"
                    "local beta `r(beta_t)'\nestat recovariance\nmatrix S = r(cov1)\nnlcom `beta'", df=_data())
    assert rc == 0, out
    assert s.locals["beta"] == ("tanh([atr1_1_1_2]_cons)*exp([lns1_1_1]_cons + [lns1_1_2]_cons)"
                                "/exp(2*[lns1_1_1]_cons)")
    S = s.matrices["S"].values  # t, _cons
    assert s.r["b"].values[0, 0] == pytest.approx(S[0, 1] / S[0, 0], rel=1e-8)
    rc, out, s = do("mixed y t || id: t, cov(uns)\nreffadjust4nlcom t _cons, eqn(id) sf(2)", df=_data())
    assert s.r["beta__cons"].startswith("2*tanh([atr1_1_1_2]_cons)")


def test_errors(do):
    base = "mixed y t || id: t, cov(uns)\n"
    assert do("reffadjust4nlcom _cons t, eqn(id)", df=_data())[0] == 301
    assert do("regress y t\nreffadjust4nlcom _cons t, eqn(id)", df=_data())[0] == 322
    assert do(base + "reffadjust4nlcom _cons t, eqn(nope)", df=_data())[0] == 322
    assert do(base + "reffadjust4nlcom _cons u, eqn(id)", df=_data())[:2][0] == 197
    assert do(base + "reffadjust4nlcom _cons _cons, eqn(id)", df=_data())[0] == 197
    assert do(base + "reffadjust4nlcom _cons t, eqn(id) sub(1)", df=_data())[0] == 197
    assert do(base + "reffadjust4nlcom _cons t, eqn(id) sf(1 2)", df=_data())[0] == 197
    assert do(base + "reffadjust4nlcom _cons, eqn(id)", df=_data())[0] == 198
    assert do("mixed y t || id: t\nreffadjust4nlcom _cons t, eqn(id)", df=_data())[0] == 322


def test_equation_bracket_forms_in_expressions(do):
    rc, out, s = do("mixed y t || id:\ndisplay [y]t - _b[t]\ndisplay [lns1_1_1]_cons - _b[lns1_1_1:_cons]\n"
                    "capture noisily display _b[/var(_cons[id])]", df=_data())
    assert rc == 0, out
    assert out.splitlines()[-3:] == ["0", "0", "[/var(_cons[id])] not found"]
