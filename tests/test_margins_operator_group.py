"""A contrast operator in parentheses before a factor, ``margins (r).f``, is no marginlist syntax
([R] margins, contrast writes ``r.f``, ``r(1 3).f`` and ``r.(f g)``): refused r(198) instead of
being read as ``margins f``.  Level numlists in parentheses (``i(1 3).f``) and the operator on a
parenthesised group (``r.(f g)``) are honoured."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf


@pytest.fixture
def fitted(new_session, run):
    rng = np.random.default_rng(3)
    n = 240
    df = pd.DataFrame({"f": rng.integers(1, 4, n).astype(float), "g": rng.integers(0, 2, n).astype(float)})
    df["y"] = df["f"] + 0.5 * df["g"] + rng.normal(size=n)
    s = new_session(df)
    assert run(s, "quietly regress y i.f i.g")[1] == 0
    ols = smf.ols("y ~ C(f) + C(g)", df).fit()
    return s, ols


@pytest.mark.parametrize("text", ["margins (r).f", "margins (ar).f", "contrast (r).f"])
def test_an_operator_in_parentheses_is_refused(fitted, run, text):
    s, _ = fitted
    out, rc = run(s, text, stop_on_error=False)
    assert rc == 198 and "operator invalid" in out


def test_the_documented_forms_still_run(fitted, run):
    s, ols = fitted
    out, rc = run(s, "margins r.(f g)")
    assert rc == 0
    rows = re.findall(r"\((\d) vs (\d)\)\s+\|\s+(-?[\d.]+)\s", out.split("Delta-method")[1])
    got = [float(v) for *_, v in rows]
    # for a linear model the r. contrasts are the regression's factor coefficients
    want = [ols.params["C(f)[T.2.0]"], ols.params["C(f)[T.3.0]"], ols.params["C(g)[T.1.0]"]]
    np.testing.assert_allclose(got, want, rtol=1e-5)
    out, rc = run(s, "margins i(1 3).f")
    assert rc == 0 and "Predictive margins" in out
