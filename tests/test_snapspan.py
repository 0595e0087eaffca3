"""snapspan ([ST] snapspan): snapshots to spans as snapspan.ado builds them (checked against a
loop over each subject's sorted records), its notes, errors and the data left alone on errors."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset

RAW = pd.DataFrame({"id": [1, 1, 1, 2, 3, 3.0], "t": [5, 2, 9, 3, 4, 8.0], "x": [10, 11, 12, 20, 30, 31.0],
                    "e": [0, 0, 1, 0, 1, 0.0]})


def _expected():
    rows = []
    for ident, group in RAW.sort_values(["id", "t"]).groupby("id", sort=True):
        recs = group.to_dict("records")
        rows.append((ident, recs[0]["t"], np.nan, recs[0]["e"], np.nan))
        for a, b in zip(recs, recs[1:]):
            rows.append((ident, b["t"], a["x"], b["e"], a["t"]))
    return rows


def test_snapspan_builds_spans(do):
    rc, out, s = do("snapspan id t e, generate(t0) replace", Dataset(df=RAW.copy()))
    assert rc == 0 and out == "note:  1 obs. (33.3%) has only a single record; it will be ignored\n"
    got = list(zip(*(s.data.df[c] for c in ("id", "t", "x", "e", "t0"))))
    want = _expected()
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(np.array(g, dtype=float), np.array(w, dtype=float))
    assert s.data.sortedby == ("id", "t")


def test_snapspan_errors(do):
    dup = RAW.copy()
    dup.loc[1, "t"] = 5.0
    miss = RAW.copy()
    miss.loc[0, "id"] = np.nan
    for df, line, want_rc, msg in ((dup, "snapspan id t e, replace", 459, "1 subject has 2 duplicate t values"),
                                   (miss, "snapspan id t e, replace", 459, "1 observation has id==."),
                                   (RAW, "snapspan id t", 102, "too few variables"),
                                   (RAW, "snapspan id t e, gen(x) replace", 110, "already defined")):
        rc, out, s = do(line, Dataset(df=df.copy()))
        assert rc == want_rc and msg in out, (line, out)
        pd.testing.assert_frame_equal(s.data.df, df)
