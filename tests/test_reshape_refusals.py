"""``reshape`` refuses what would make duplicate or invalid names, with the data unchanged
(issue 18: a clash made two variables named ``x``, a j of 1.5 made ``x1.5``; ``save`` then
died), and ``reshape wide`` is vectorised (5 million rows took 229 s)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_state import assert_unchanged, snapshot


def _session(new_session, **columns):
    return new_session(pd.DataFrame(columns))


@pytest.mark.parametrize("columns,command,message,rc", [
    # long: the stub already is a variable, the j variable exists, a stub is an i variable
    (dict(id=[1, 2], x1=[1.0, 2], x2=[3.0, 4], x=[5.0, 6]), "reshape long x, i(id) j(k)",
     "variable x already defined", 110),
    (dict(id=[1, 2], x1=[1.0, 2], k=[0, 0]), "reshape long x, i(id) j(k)", "variable k already defined", 110),
    (dict(id=[1, 1], x1=[1.0, 2]), "reshape long x, i(id) j(k)",
     "variable id does not uniquely identify the observations", 9),
    (dict(id=[1, 2], x1=[1.0, 2], x01=[3.0, 4]), "reshape long x, i(id) j(k)",
     "j values 01 and 1 are the same number; use option string", 198),
    # wide: a new name is taken, j is not an integer, j would make an invalid name
    (dict(id=[1, 2], k=[1, 1], x=[5.0, 6], x1=[3.0, 3]), "reshape wide x, i(id) j(k)",
     "variable x1 already defined", 110),
    (dict(id=[1, 1], k=[1.5, 2.5], x=[5.0, 6]), "reshape wide x, i(id) j(k)",
     "variable k contains noninteger values", 198),
    (dict(id=[1, 1], k=[-1, 2], x=[5.0, 6]), "reshape wide x, i(id) j(k)", "x-1 invalid name", 198),
    (dict(id=[1, 1], k=["a b", "c"], x=[5.0, 6]), "reshape wide x, i(id) j(k) string", "xa b invalid name", 198),
    (dict(id=[1, 1], k=[1, np.nan], x=[5.0, 6]), "reshape wide x, i(id) j(k)",
     "variable k contains missing values", 498),
    (dict(id=[1, 1], k=[1, 1], x=[5.0, 6]), "reshape wide x, i(id) j(k)",
     "values of variable k not unique within id", 9),
    (dict(id=[1, 1], k=[1, 2], x=[5.0, 6], z=[1.0, 2]), "reshape wide x, i(id) j(k)",
     "variable z not constant within id", 9),
    (dict(id=[1, 1], k=[1, 2], x=[5.0, 6]), "reshape wide x, i(id) j(k 1)",
     "j(): a list of j values is not supported; keep or drop the variables first", 198),
    (dict(id=[1, 1], k=[1, 2], x=[5.0, 6]), "reshape wide x k, i(id) j(k)",
     "variable k may not be both j() and in i() or the stubs", 198),
])
def test_refused_reshapes_leave_the_data_unchanged(new_session, run, columns, command, message, rc):
    s = _session(new_session, **columns)
    before = snapshot(s)
    out, got = run(s, command)
    assert (got, out.strip().splitlines()[0]) == (rc, message)
    assert_unchanged(s, before)


def test_wide_matches_a_pivot_on_unsorted_data_with_missing_ids_and_strings(new_session, run):
    rng = np.random.default_rng(5)
    n_units, waves = 300, 4
    rows = [(u, w) for u in range(n_units) for w in range(1, waves + 1) if rng.random() < 0.8]
    rng.shuffle(rows)
    df = pd.DataFrame(rows, columns=["id", "wave"]).astype(float)
    df.loc[df["id"] == 7, "id"] = np.nan  # a missing i is a group of its own, sorted last
    df["x"] = rng.normal(size=len(df))
    df["s"] = [f"t{k}" for k in range(len(df))]
    df["female"] = (df["id"].fillna(-1) % 2).astype(float)
    s = new_session(df.copy())
    out, rc = run(s, "reshape wide x s, i(id) j(wave)")
    assert rc == 0, out
    wide = s.data.df
    expected = df.pivot_table(index="id", columns="wave", values="x", dropna=False, aggfunc="first")
    ids = wide["id"].to_numpy()
    assert np.array_equal(ids[:-1], np.sort(df["id"].dropna().unique())) and np.isnan(ids[-1])
    for w in range(1, waves + 1):
        got = wide[f"x{w}"].to_numpy()[:-1]
        np.testing.assert_array_equal(got, expected[float(w)].reindex(ids[:-1]).to_numpy())
    lookup = {(i, w): t for i, w, t in zip(df["id"].fillna(-1), df["wave"], df["s"])}
    for row in wide.itertuples():
        key = -1 if np.isnan(row.id) else row.id
        assert [getattr(row, f"s{w}") for w in range(1, waves + 1)] == [lookup.get((key, w), "") for w in
                                                                        range(1, waves + 1)]
    assert list(wide.columns) == ["id"] + [f"x{w}" for w in range(1, 5)] + [f"s{w}" for w in range(1, 5)] + ["female"]
    out, rc = run(s, "reshape long")
    assert rc == 0, out
    assert s.data.nobs == df["id"].nunique(dropna=False) * waves  # every (id, wave) cell, empty ones missing


def test_wide_of_a_large_panel_is_fast(new_session, run):
    """main took ~60 s for 100,000 units (a per-unit loop); 25,000 and 100,000 units now cost in
    proportion (tests/scaling.py)."""
    from scaling import assert_not_superlinear

    waves = 5

    def widened(units):
        df = pd.DataFrame({"id": np.repeat(np.arange(units), waves), "wave": np.tile(np.arange(1, waves + 1), units),
                           "x": np.arange(units * waves, dtype=float)})
        s = new_session(df)
        out, rc = run(s, "reshape wide x, i(id) j(wave)")
        assert rc == 0, out
        return s

    units = 100_000
    s = assert_not_superlinear(widened, units // 4, what="reshape wide")[1]
    assert s.data.df["x5"].iloc[-1] == units * waves - 1
