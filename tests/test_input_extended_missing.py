"""``input`` data lines typed with ``.a`` ... ``.z`` store the extended missing values, in the
representation every other command keeps (``mlmcli.missing``: quiet NaNs whose payload is the
letter's number), so they list, compare, sort and tabulate as after ``replace x = .a``."""
from __future__ import annotations

import numpy as np

from mlmcli import missing


def test_extended_missing_values_are_stored(new_session, run):
    s = new_session()
    out, rc = run(s, "input x byte g double d str3 s\n1 .a .b .c\n.z 2 . x\n. .c 3 .\nend")
    assert rc == 0, out
    df = s.data.df
    assert list(missing.code(df["x"].to_numpy())) == [-1, 26, 0]
    assert list(missing.code(df["g"].to_numpy())) == [1, -1, 3]
    assert list(missing.code(df["d"].to_numpy())) == [2, 0, -1]
    assert list(df["s"]) == [".c", "x", "."]  # strings keep the text
    out, rc = run(s, "gen a = .a\ngen c = .c\ncount if g == a\ncount if g == c\ncount if x > .\ncount if x == .")
    assert rc == 0 and [ln.strip() for ln in out.splitlines() if ln.strip()[:1].isdigit()] == ["1", "1", "1", "1"]
    out, rc = run(s, "list x g d, noobs")
    assert rc == 0
    rows = [ln.split("|")[1].split() for ln in out.splitlines() if ln.count("|") == 2 and "x" not in ln and "---" not in ln]
    assert rows == [["1", ".a", ".b"], [".z", "2", "."], [".", ".c", "3"]]


def test_same_values_as_replace(new_session, run):
    s = new_session()
    run(s, "input x\n.q\n.\n4\nend\ngen y = .\nreplace y = .q in 1\nreplace y = 4 in 3")
    x, y = s.data.df["x"].to_numpy(), s.data.df["y"].to_numpy()
    assert x.view(np.uint64)[0] == y.view(np.uint64)[0] == np.float64(missing.extended("q")).view(np.uint64)
    assert list(missing.code(x)) == list(missing.code(y)) == [17, 0, -1]


def test_appended_observations_and_sort_order(new_session, run):
    s = new_session()
    out, rc = run(s, "input x\n2\nend\ninput x\n.b\n.a\n.\n1\nend\nsort x")
    assert rc == 0, out
    assert list(missing.code(s.data.df["x"].to_numpy())) == [-1, -1, 0, 1, 2]  # 1 2 . .a .b
    assert list(s.data.df["x"].to_numpy()[:2]) == [1.0, 2.0]
    out, rc = run(s, "tab x, missing")
    assert rc == 0 and all(f" {v} |" in out for v in (".a", ".b"))
