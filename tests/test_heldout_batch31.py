"""Held-out batch 31 (tests/realworld/README.md, thirty-first batch): what its files needed.

- ``mi xeq [numlist]: cmd [; cmd ...]`` (mi_cmd_xeq.ado): each m's completed data in turn,
  ``m=# data:`` and ``-> cmd`` before each command; the numlist sorted, a repeated m r(198),
  an m past M r(125); commands the ado refuses by name r(119); e() and r() of the last command
  kept, the mi data restored; a sequence that changes the data refused (r(198)), data unchanged;
- ``mi update``: silent on consistent data, r(459) (nothing changed) where m > 0 disagrees;
- a numlist ``1 / 5`` with blanks around the slash;
- ``_b[3.g#x]`` and ``_b[1970b.year#x]``: an interaction's continuous part without ``c.``
  and a ``b`` marker on a level that is no base find the coefficient.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset

M = 3


def _mlong(seed=31, n=60):
    """An mlong mi dataset built by hand: x imputed (missing on some rows), y and z complete."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=n)
    x = 0.5 * z + rng.normal(size=n)
    y = 1 + 2 * x - z + rng.normal(size=n)
    x0 = x.copy()
    miss = rng.random(n) < 0.3
    x0[miss] = np.nan
    base = pd.DataFrame({"y": y, "x": x0, "z": z, "_mi_m": 0.0, "_mi_id": np.arange(1, n + 1, dtype=float),
                         "_mi_miss": miss.astype(float)})
    parts, completed = [base], {0: base[["y", "x", "z"]].copy()}
    for m in range(1, M + 1):
        rows = base.loc[miss].copy()
        rows["x"] = x[miss] + rng.normal(0, 0.3, miss.sum())
        rows["_mi_m"], rows["_mi_miss"] = float(m), np.nan
        parts.append(rows)
        full = base[["y", "x", "z"]].copy()
        full.loc[miss, "x"] = rows["x"].to_numpy()
        completed[m] = full
    df = pd.concat(parts, ignore_index=True)
    ds = Dataset(df=df)
    ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "mlong", "_mi_M": str(M), "_mi_ivars": "x",
                     "_mi_pvars": "", "_mi_rvars": "", "_mi_update": "07dec2026 05:00:00"})
    return ds, completed


def _ols(frame):
    rows = frame.dropna()
    X = np.column_stack([rows["x"], rows["z"], np.ones(len(rows))])
    return np.linalg.lstsq(X, rows["y"].to_numpy(), rcond=None)[0], len(rows)


def test_mi_xeq_runs_each_m_on_its_completed_data(do):
    ds, completed = _mlong()
    rc, out, s = do("mi xeq: summarize x", ds)
    assert rc == 0, out
    for m in range(M + 1):
        assert f"m={m} data:\n-> summarize x" in out
    assert float(s.r["N"]) == 60 and float(s.r["mean"]) == pytest.approx(completed[M]["x"].mean())
    for m in (0, 2):
        rc, out, s = do(f"mi xeq {m}: quietly regress y x z; display e(N)", ds)
        assert rc == 0, out
        b, n = _ols(completed[m])
        assert float(s.e.scalars["N"]) == n and f"-> display e(N)\n{n}" in out
        assert np.allclose(np.asarray(s.e.matrices["b"].values, float).ravel(), b)
        assert "-> quietly regress y x z" in out and "Source |" not in out


def test_mi_xeq_numlist_order_and_range(do):
    ds, _ = _mlong()
    rc, out, _ = do("mi xeq 3 1 / 2: count", ds)
    assert rc == 0, out
    assert [line for line in out.splitlines() if line.endswith("data:")] == ["m=1 data:", "m=2 data:", "m=3 data:"]
    rc, out, _ = do("mi xeq 1 1: count", ds)
    assert rc == 198 and "repeated m values not allowed" in out
    rc, out, _ = do("mi xeq 4: count", ds)
    assert rc == 125
    rc, out, _ = do("mi xeq 1 count", ds)
    assert rc == 198 and "colon missing" in out


@pytest.mark.parametrize("cmd,word", [("append using x", "append"), ("mer 1:1 id using x", "merge"),
                                      ("xtset id", "xtset"), ("collapse y", "collapse")])
def test_mi_xeq_refuses_the_ados_commands(do, cmd, word):
    ds, _ = _mlong()
    rc, out, s = do(f"mi xeq: {cmd}", ds)
    assert rc == 119 and f"mi xeq may not be used with {word}" in out
    assert "m=0 data:" not in out and s.data.nobs == ds.nobs


def test_mi_xeq_leaves_the_mi_data_and_refuses_changes(do):
    ds, _ = _mlong()
    before = ds.df.copy()
    rc, out, s = do("mi xeq 1: generate w = 2*x", ds)  # a variable only m=1 has: mi update drops it
    assert rc == 0 and "w" not in s.data.df.columns  # (tests/test_mi_xeq_some_imputations.py)
    assert s.data.chars["_mi_style"] == "mlong" and s.data.nobs == len(before)
    rc, out, s = do("mi xeq 0 1: summarize y\nmi describe", ds)
    assert rc == 0 and "mlong" in out
    pd.testing.assert_frame_equal(s.data.df, before)


def test_mi_xeq_on_unset_data(do):
    rc, out, _ = do("mi xeq: summarize y", pd.DataFrame({"y": [1.0, 2.0]}))
    assert rc == 119 and "not mi set" in out


def test_mi_update(do):
    ds, _ = _mlong()
    rc, out, s = do("mi update", ds)
    assert rc == 0 and out.strip() == ""
    broken = ds.copy()
    broken.df.loc[broken.df["_mi_m"] == 2, "z"] += 1.0
    before = broken.df.copy()
    rc, out, s = do("mi update", broken)
    assert rc == 459 and "z" in out
    pd.testing.assert_frame_equal(s.data.df, before)
    rc, out, _ = do("mi update, force", ds)
    assert rc == 198
    rc, out, _ = do("mi update", pd.DataFrame({"y": [1.0]}))
    assert rc == 119


def test_numlist_slash_with_blanks():
    from mlmcli.syntax.numlist import numlist
    assert numlist("1 / 5") == numlist("1/5") == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert numlist("0 2 / 3 9") == [0.0, 2.0, 3.0, 9.0]


def test_b_of_interaction_without_c_prefix(do):
    rng = np.random.default_rng(7)
    n = 240
    g = rng.integers(1, 5, n).astype(float)
    x = rng.normal(size=n)
    w = rng.normal(size=n)
    y = x * (0.5 * g) + w + rng.normal(size=n)
    df = pd.DataFrame({"y": y, "x": x, "g": g, "w": w})
    X = np.column_stack([x * (g == k) for k in (1, 2, 3, 4)] + [w, np.ones(n)])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    rc, out, s = do("quietly regress y c.x#g w\n"
                    "scalar s1 = _b[3.g#x]\nscalar s2 = _b[3b.g#x]\nscalar s3 = _b[x#3.g]\nscalar s4 = _b[1b.g#c.x]", df)
    assert rc == 0, out
    assert float(s.scalars["s1"]) == pytest.approx(b[2]) and float(s.scalars["s2"]) == pytest.approx(b[2])
    assert float(s.scalars["s3"]) == pytest.approx(b[2]) and float(s.scalars["s4"]) == pytest.approx(b[0])
    rc, out, _ = do("display _b[5.g#x]", session=s)
    assert rc == 111
