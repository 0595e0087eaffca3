"""``mlt2stage`` (mlt package): per-unit regress/logit coefficients kept as float variables and
listed with divider/subvarname.  Coefficients from numpy least squares / Newton-Raphson logit
computed here; layout from the ado-file's display lines and list's divider layout."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(21)
    n = 60
    d = pd.DataFrame({"id": np.repeat([3, 5, 9], 20), "x1": rng.normal(size=n), "x2": rng.normal(size=n)})
    d["y"] = 1 + d.id * 0.3 * d.x1 - 0.5 * d.x2 + rng.normal(size=n)
    d["b"] = (0.5 * d.x1 + rng.normal(size=n) > 0).astype(float)
    return d


def _ols(d):
    X = np.column_stack([d.x1, d.x2, np.ones(len(d))])
    return np.linalg.lstsq(X, d.y.to_numpy(), rcond=None)[0]


def _logit(d):
    X = np.column_stack([d.x1, d.x2, np.ones(len(d))])
    y = d.b.to_numpy()
    b = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ b))
        b = b + np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p))
    return b


def test_table_and_variables(do, df):
    rc, out, s = do("mlt2stage y x1 x2, l2id(id)", df=df)
    assert rc == 0, out
    lines = out.rstrip("\n").split("\n")
    assert lines[:8] == [" ", "Two-stage values calculated for the dependent variable y ",
                         "and the independent variables  x1 x2 ", " ", "Level 2 variable is id ", " ", " ",
                         "Coefficients of the id-seperated regressions for  x1 x2 on y:"]
    cells = [[str(unit)] + [f"{v:.3f}" for v in np.float32(_ols(df[df.id == unit]))[[2, 0, 1]]]
             for unit in (3, 5, 9)]
    heads = ["id", "Constant", "x1", "x2"]
    widths = [max(len(h), *(len(r[k]) for r in cells)) for k, h in enumerate(heads)]
    inner = sum(widths) + 3 * 3 + 2
    assert lines[9:] == ["  +" + "-" * inner + "+",
                         "  | " + " | ".join(h.rjust(w) for h, w in zip(heads, widths)) + " |",
                         "  |" + "+".join("-" * (w + 2) for w in widths) + "|",
                         *["  | " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |" for r in cells],
                         "  +" + "-" * inner + "+"]
    ds = s.data
    assert ds.format_of("coef_y_x1") == "%9.3f" and ds.chars["cons_y[varname]"] == "Constant"
    b9 = _ols(df[df.id == 9])
    got = ds.numeric("coef_y_x2")[df.id.to_numpy() == 9]
    assert np.all(got == np.float32(b9[1]))  # a float variable, on every observation of the unit
    assert not {"L2ID_mlt", "n_mlt", "mltl2idstr"} & set(ds.varnames) and s.r == {}


def test_logit_if_taboff_drop_and_string_id(do, df):
    d = df.assign(sid=df.id.map({3: "c", 5: "a", 9: "b"}))
    rc, out, s = do("mlt2stage b x1 x2 if x1 > -2, l2id(sid) logit taboff", df=d)
    assert rc == 0, out
    assert "Coefficients" not in out
    sub = d[(d.sid == "a") & (d.x1 > -2)]
    assert s.data.numeric("cons_b")[d.sid.to_numpy() == "a"][0] == pytest.approx(_logit(sub)[2], rel=1e-5)
    assert "mltl2idstr" not in s.data.varnames
    rc, out, s = do("mlt2stage y x1 x2, l2id(id) taboff drop", df=df)
    assert rc == 0 and not [v for v in s.data.varnames if v.startswith(("cons_", "coef_"))]


def test_errors_leave_the_data(do, df):
    d = df.assign(y=np.where(df.id == 5, 2.0, df.y))
    rc, out, s = do("mlt2stage y x1, l2id(id)", df=d)
    assert rc == 2000 and "y is constant in id=5" in out
    assert list(s.data.varnames) == list(d.columns)
    d = df.assign(x1=np.where(df.id == 9, np.nan, df.x1))
    rc, out, s = do("mlt2stage y x1, l2id(id)", df=d)
    assert rc == 2000 and "Model estimation failed in id=9 due to Stata-error 2000" in out
    assert list(s.data.varnames) == list(d.columns)
    assert do("mlt2stage y, l2id(id)", df=df)[0] == 102
    assert do("mlt2stage y x1", df=df)[0] == 198
    assert do("mlt2stage y x1 [pw=x2], l2id(id)", df=df)[0] == 101
