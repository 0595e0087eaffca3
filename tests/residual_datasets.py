"""Datasets generated for the residuals() tests, and MixedSpec builders for them.

Generated with numpy's legacy ``RandomState`` (its streams are frozen), so the tests
regenerate exactly the data ``tests/reference_values/make_residuals_nlme.R`` fitted;
``python3 tests/residual_datasets.py DIR`` writes them as CSV for that script, and
each dataset's checksum is stored with the reference values.

- ``growth``: childweight-style growth data (Stata's [ME] mixed by() example):
  68 children, 3-5 weighings at irregular ages (years, real), girl 0/1; the residual
  sd differs by sex, and residuals are serially correlated (0.25 per year).
- ``panel``: 50 subjects at times 1..6 with gaps (integer t), a covariate x, a
  subject-constant group grp (0/1), AR(1)-like errors.
- ``threelevel``: 12 schools x 6 pupils x 3-5 occasions (integer t), for
  residual structures within the lowest level of a three-level model.
"""
from __future__ import annotations

import hashlib
import sys

import numpy as np
import pandas as pd


def growth() -> pd.DataFrame:
    rs = np.random.RandomState(20130613)
    rows = []
    for i in range(68):
        girl = i % 2
        k = 3 + rs.randint(0, 3)
        ages = rs.uniform(0.1, 0.4) + np.cumsum(np.append(0.0, rs.uniform(0.15, 0.7, k - 1)))
        u0, u1 = rs.normal(0, 0.6), rs.normal(0, 0.35)
        sd = 0.45 if girl else 0.8
        e, prev = rs.normal(0, sd), ages[0]
        for a in ages:
            r = 0.25 ** (a - prev)  # serial correlation 0.25 per year
            e, prev = r * e + np.sqrt(1 - r * r) * rs.normal(0, sd), a
            w = 3.8 + 3.3 * a - 0.45 * a * a * 0.5 - 0.35 * girl + u0 + u1 * a + e
            rows.append((i + 1, round(float(a), 4), girl, round(float(w), 4)))
    return pd.DataFrame(rows, columns=["id", "age", "girl", "weight"])


def panel() -> pd.DataFrame:
    rs = np.random.RandomState(4242)
    rows = []
    for i in range(50):
        grp = int(i >= 25)
        u = rs.normal(0, 1.0)
        e_prev = rs.normal(0, 1.0)
        for t in range(1, 7):
            e = 0.6 * e_prev + rs.normal(0, 0.8 if grp else 1.2)
            e_prev = e
            x = rs.normal(0, 1)
            if rs.uniform() < 0.15 and t > 1:
                continue  # a gap
            y = 2.0 + 0.5 * t + 0.8 * x + 0.7 * grp + u + e
            rows.append((i + 1, t, round(float(x), 4), grp, round(float(y), 4)))
    return pd.DataFrame(rows, columns=["id", "time", "x", "grp", "y"])


def threelevel() -> pd.DataFrame:
    rs = np.random.RandomState(77)
    rows = []
    pid = 0
    for s in range(12):
        v = rs.normal(0, 0.8)
        for _ in range(6):
            pid += 1
            u = rs.normal(0, 1.0)
            k = 3 + rs.randint(0, 3)
            e = rs.normal(0, 1)
            for t in range(1, k + 1):
                e = 0.5 * e + rs.normal(0, 0.9)
                y = 10 + 0.4 * t + v + u + e
                rows.append((s + 1, pid, t, round(float(y), 4)))
    return pd.DataFrame(rows, columns=["school", "pupil", "time", "y"])


DATASETS = {"growth": growth, "panel": panel, "threelevel": threelevel}


def checksum(df: pd.DataFrame) -> str:
    return hashlib.md5(df.to_csv(index=False).encode()).hexdigest()


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for name, make in DATASETS.items():
        df = make()
        df.to_csv(f"{out}/{name}.csv", index=False)
        print(name, len(df), checksum(df))


# ----- MixedSpec builders for the reference cases ------------------------------
def _codes(v) -> tuple[np.ndarray, int]:
    codes, uniq = pd.factorize(np.asarray(v), sort=True)
    return codes.astype(np.int64), len(uniq)


def _spec(df, depvar, xvars, terms, method, residuals):
    from mlmcli.mixed.spec import CoefLabel, MixedSpec
    n = len(df)
    X = np.column_stack([df[v].to_numpy(float) for v in xvars] + [np.ones(n)])
    labels = tuple(CoefLabel(v) for v in xvars) + (CoefLabel("_cons"),)
    return MixedSpec(depvar, df[depvar].to_numpy(float), X, labels, tuple(terms), method=method,
                     residuals=residuals)


def _term(df, levelvar, zvars=(), cons=True, cov="identity", group=None):
    from mlmcli.mixed.spec import RandomTerm
    n = len(df)
    g, G = _codes(df[levelvar]) if group is None else group
    cols = [df[v].to_numpy(float) for v in zvars] + ([np.ones(n)] if cons else [])
    Z = np.column_stack(cols) if cols else np.zeros((n, 0))
    names = tuple(zvars) + (("_cons",) if cons else ())
    return RandomTerm(levelvar, g, Z, names, cov, G)


def _res(kind, df, order=None, t=None, by=None):
    from mlmcli.mixed.spec import ResidualSpec
    tv = None if t is None else df[t].to_numpy(float)
    if by is None:
        return ResidualSpec(kind, order, tv, t)
    codes, uniq = pd.factorize(df[by].to_numpy(), sort=True)
    return ResidualSpec(kind, order, tv, t, codes.astype(np.int64), by,
                        tuple(str(int(u)) if float(u).is_integer() else str(u) for u in uniq))


def case_spec(name: str, df: pd.DataFrame, method: str):
    """The MixedSpec of a reference case (``name`` without its _ml/_reml suffix)."""
    if name == "growth_by_girl":
        terms = [_term(df, "id", ["age"], cov="unstructured")]
        return _spec(df, "weight", ["age", "girl"], terms, method, _res("independent", df, by="girl"))
    if name == "growth_exponential":
        return _spec(df, "weight", ["age", "girl"], [_term(df, "id")], method,
                     _res("exponential", df, t="age"))
    if name.startswith("panel"):
        x = ["x", "time", "grp"]
        kind = name.split("_", 1)[1]
        if kind == "unstructured":
            df = df[df["time"] <= 4].reset_index(drop=True)
        if kind in ("exchangeable", "unstructured", "banded0", "toeplitz2"):
            terms = [_term(df, "id", cons=False)]
            res = {"exchangeable": _res("exchangeable", df),
                   "unstructured": _res("unstructured", df, t="time"),
                   "banded0": _res("banded", df, 0, t="time"),
                   "toeplitz2": _res("toeplitz", df, 2, t="time")}[kind]
        else:
            terms = [_term(df, "id")]
            res = (_res("independent", df, by="grp") if kind == "by_grp"
                   else _res(kind[:2], df, int(kind[2:]), t="time"))
        return _spec(df, "y", x, terms, method, res)
    if name == "threelevel_ar1":
        school = _codes(df["school"])
        pupil = _codes(df["pupil"])
        terms = [_term(df, "school", group=school), _term(df, "pupil", group=pupil)]
        return _spec(df, "y", ["time"], terms, method, _res("ar", df, 1, t="time"))
    if name == "pig_ar1":
        return _spec(df, "weight", ["week"], [_term(df, "id")], method, _res("ar", df, 1, t="week"))
    if name == "oxboys_exponential":
        df = df.assign(sc=np.cos(np.pi * df["seas"].to_numpy(float) / 6))
        terms = [_term(df, "id", ["age", "age2"], cov="unstructured")]
        return _spec(df, "height", ["age", "age2", "age3", "age4", "sc"], terms, method,
                     _res("exponential", df, t="age"))
    raise KeyError(name)
