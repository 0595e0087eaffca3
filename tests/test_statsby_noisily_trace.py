"""``statsby ..., noisily`` and ``trace`` print what statsby.ado prints (Stata 12's 3.4.0 and
Stata 16's 3.6.0 agree; ``commands/data/statsby_noisily.py``): the first call's heading and
output, _prefix_legend's "statsby legend:", the title alone, and before each group's output
PostGroups's "running (command) on group #" and echo; ``trace`` is noisily with each group's run
traced after its echo; ``total``'s run has no heading; subsets are run in SubSets's order."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

SIX = pd.DataFrame({"y": [1.0, 3, 2, 5, 4, 7], "g": [1.0, 0, 1, 0, 1, 0], "h": [0.0, 0, 0, 0, 1, 1]})


def _summary(do, y: np.ndarray) -> str:
    """summarize's own output over ``y`` (the text each run prints)."""
    _, out, _ = do("summarize y", pd.DataFrame({"y": y}))
    return out


def test_noisily_layout(do):
    rc, out, s = do("statsby m=r(mean), by(g) clear noisily: summarize y", SIX)
    assert rc == 0
    y = SIX.y.to_numpy()
    expected = ("statsby: First call to summarize with data as is:\n\n. summarize y\n" + _summary(do, y)
                + "\nstatsby legend:\n\n      command:  summarize y\n            m:  r(mean)\n"
                + "           by:  g\n\nStatsby groups\n")
    for count, g in enumerate((0.0, 1.0), start=1):
        expected += f"\nrunning (summarize y) on group {count}\n\n. summarize y\n" + _summary(do, y[SIX.g == g])
    assert out == expected
    assert s.data.df["m"].tolist() == pytest.approx([y[SIX.g == 0].mean(), y[SIX.g == 1].mean()], rel=1e-7)


def test_trace_is_noisily_with_each_group_run_traced(do):
    _, noisy, _ = do("statsby m=r(mean), by(g) clear noisily total: summarize y", SIX)
    rc, traced, s = do("statsby m=r(mean), by(g) clear trace total: summarize y", SIX)
    assert rc == 0
    lines = traced.splitlines()
    # the total's run (first, silent) and each group's are traced; the first call is not
    assert lines.count("  - summarize y") == 3
    assert lines[lines.index("Statsby groups") + 1] == "  - summarize y"
    echoes = [k for k, line in enumerate(lines) if line == ". summarize y"]
    assert all(lines[k + 1] == "  - summarize y" for k in echoes[1:]) and lines[echoes[0] + 1] != "  - summarize y"
    assert [line for line in lines if line != "  - summarize y"] == noisy.splitlines()
    assert noisy.count("running (summarize y) on group") == 2  # the total has no heading
    assert np.isnan(s.data.df["g"].iloc[-1]) and s.data.df["m"].iloc[-1] == pytest.approx(SIX.y.mean(), rel=1e-7)


def test_subsets_are_run_in_statsbys_order(do):
    rc, out, s = do("statsby n=r(N), by(g h) clear noisily subsets: summarize y", SIX)
    assert rc == 0 and "Statsby subsets\n" in out
    # SubSets: {}, {h}, {g}, {g h}; the groups of each sorted
    sizes = [6, 4, 2, 3, 3, 2, 1, 2, 1]
    runs = out.split("running (summarize y) on subset ")[1:]
    assert [int(r.split("\n", 1)[0]) for r in runs] == list(range(1, 10))
    obs = [int(r.split("           y |")[1].split()[0]) for r in runs]
    assert obs == sizes


def test_a_failing_group_shows_its_message_and_statsbys(do):
    frame = SIX.assign(x=[1.0, 4, 2, 6, 3, 5], g=[1.0, 0, 1, 0, 1, 2])  # group 2: one observation
    rc, out, s = do("set linesize 40\nstatsby _b, by(g) clear noisily: regress y x", frame)
    assert rc == 0
    failed = out.split("running (regress y x) on group 3\n\n. regress y x\n")[1]
    assert failed == "insufficient observations\ncaptured error running (regress y x),\nposting missing values\n"
    assert np.isnan(s.data.df["_b_x"].iloc[2]) and not np.isnan(s.data.df["_b_x"].iloc[1])


def test_quietly_keeps_the_noisily_runs(do):
    _, loud, _ = do("statsby m=r(mean), by(g) clear noisily: summarize y", SIX)
    rc, quiet, _ = do("quietly statsby m=r(mean), by(g) clear noisily: summarize y", SIX)
    assert rc == 0
    kept = loud.split("\nstatsby legend:")[0].split(". summarize y\n", 1)[1]
    assert quiet.startswith(kept) and "statsby legend" not in quiet and "Statsby groups" not in quiet
    assert quiet.count("running (summarize y) on group") == 2
