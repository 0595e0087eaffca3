"""``collapse`` and ``egen ..., by()`` on groups computed all at once (eg100): each result is
what the one-group functions give group by group (summary_statistics.statistic, mean_of,
sd_of), bit for bit, on small data with missing values, ties, string and several by keys."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.egen_rowwise import mean_of, sd_of
from mlmcli.summary_statistics import statistic


def _data(n: int = 400) -> Dataset:
    rng = np.random.default_rng(11)
    x = rng.normal(size=n)
    x[rng.random(n) < 0.15] = np.nan
    x[rng.random(n) < 0.1] = 0.0
    x[:3] = 8.9e307  # values near the largest double share group 0
    ds = Dataset(df=pd.DataFrame({
        "g": rng.integers(0, 9, n).astype(float),
        "h": rng.integers(0, 3, n).astype(float),
        "s": pd.Series(rng.choice(["b", "a", "", "cc"], n), dtype=object),
        "x": x,
    }))
    ds.df.loc[:2, ["g", "h"]] = 0.0
    ds.types.update(g="int", h="byte", s="str2", x="double")
    return ds


def _same_bits(got: np.ndarray, want: np.ndarray) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return np.array_equal(np.isnan(got), np.isnan(want)) and np.array_equal(
        got[~np.isnan(got)].view(np.int64), want[~np.isnan(want)].view(np.int64))


def test_collapse_moments_per_group(new_session, run):
    ds = _data()
    frame = ds.df.copy()
    s = new_session(ds)
    out, rc = run(s, "collapse (sd) sd=x (median) med=x (p10) p10=x (iqr) iqr=x (mean) m=x (first) f=x, by(s g h)")
    assert rc == 0, out
    keys = sorted({(a, b, c) for a, b, c in zip(frame.s, frame.g, frame.h)})
    got = s.data.df
    assert [tuple(r) for r in got[["s", "g", "h"]].itertuples(index=False)] == keys
    for name, stat in (("sd", "sd"), ("med", "median"), ("p10", "p10"), ("iqr", "iqr")):
        want = []
        for key in keys:
            rows = (frame.s == key[0]) & (frame.g == key[1]) & (frame.h == key[2])
            v = frame.x[rows].to_numpy()
            want.append(statistic(stat, v[~np.isnan(v)]))
        assert _same_bits(got[name].to_numpy(), want), name
    first = [frame.x[(frame.s == a) & (frame.g == b) & (frame.h == c)].iloc[0] for a, b, c in keys]
    assert _same_bits(got["f"].to_numpy(), first)


def test_collapse_with_a_missing_by_value_keeps_groupby_order(new_session, run):
    ds = _data()
    ds.df.loc[5:20, "g"] = np.nan
    counted = int((~np.isnan(ds.df.x.to_numpy())).sum())
    missing_group = ds.df.x[ds.df.g.isna()].to_numpy()
    s = new_session(ds)
    out, rc = run(s, "collapse (median) med=x (count) n=x, by(g)")
    assert rc == 0, out
    g = s.data.numeric("g")
    assert np.isnan(g[-1]) and np.all(np.diff(g[:-1]) > 0)
    assert s.data.numeric("n").sum() == counted
    assert _same_bits(s.data.numeric("med")[-1:], [statistic("median", missing_group[~np.isnan(missing_group)])])


def test_egen_statistics_by_groups(new_session, run):
    ds = _data()
    frame = ds.df.copy()
    s = new_session(ds)
    out, rc = run(s, "egen double m = mean(x), by(g h)\negen double sd = sd(x), by(s)\n"
                     "egen double t = total(x) if h > 0, by(g)\negen double md = median(x), by(g)")
    assert rc == 0, out
    for name, keys, fn, rows in (("m", ["g", "h"], mean_of, None), ("sd", ["s"], sd_of, None),
                                 ("md", ["g"], lambda v: statistic("median", v) if v.size else np.nan, None),
                                 ("t", ["g"], lambda v: float(v.sum()), frame.h > 0)):
        sample = np.ones(len(frame), dtype=bool) if rows is None else rows.to_numpy()
        want = np.full(len(frame), np.nan)
        for key, part in frame[sample].groupby(keys, sort=True):
            v = part.x.to_numpy()
            with np.errstate(over="ignore"):
                value = fn(v[~np.isnan(v)])
            want[part.index.to_numpy()] = value if abs(value) <= 8.98846567431158e307 else np.nan
        assert _same_bits(s.data.numeric(name), want), name


def test_duplicates_tag_drop_and_contract_on_string_and_numeric_keys(new_session, run):
    ds = _data()
    ds.df.loc[7:12, "g"] = np.nan
    frame = ds.df.copy()
    key = frame.g.fillna(1e308)  # missing values agree with each other
    sizes = frame.assign(k=key).groupby(["s", "k", "h"]).x.transform("size").to_numpy()
    s = new_session(ds)
    out, rc = run(s, "duplicates tag s g h, generate(dup)")
    assert rc == 0, out
    assert s.data.numeric("dup").tolist() == (sizes - 1).tolist()
    out, rc = run(s, "preserve\nduplicates drop s g h, force")
    assert rc == 0, out
    kept = ~frame.assign(k=key).duplicated(["s", "k", "h"]).to_numpy()
    assert np.array_equal(s.data.numeric("x"), frame.x[kept].to_numpy(), equal_nan=True)
    out, rc = run(s, "restore\ncontract s g h")
    assert rc == 0, out
    want = frame.assign(k=key).groupby(["s", "k", "h"], sort=True).size()
    assert s.data.numeric("_freq").tolist() == want.tolist()
    assert s.data.df.s.tolist() == [k[0] for k in want.index]
