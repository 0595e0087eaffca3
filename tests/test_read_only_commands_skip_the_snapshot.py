"""Commands that only read the data run without the runner's snapshot (command_call's
_LEAVES_DATA): each of them, succeeding and failing, leaves the data exactly as before, and
takes no copy; a command that writes still takes one and still puts the data back."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_state import assert_unchanged, snapshot
from mlmcli.command_call import _LEAVES_DATA
from mlmcli.dataset import Dataset

READ_ONLY_LINES = [
    ("count if x > 2", 0), ("count if nosuch > 2", 111), ("count x", 101),
    ("summarize x", 0), ("summarize x, meanonly", 0), ("summarize x, detail", 0), ("summarize nosuch", 111),
    ("summarize x [iw=g], detail", 101),
    ("list x s in 1/2", 0), ("list nosuch", 111),
    ("assert x > 0", 0), ("assert x > 2", 9), ("assert nosuch", 111),
    ("levelsof g", 0), ("levelsof s", 0), ("levelsof nosuch", 111),
    ("confirm variable x", 0), ("confirm variable nosuch", 111), ("confirm numeric variable s", 7),
    ("macro list _m", 0), ("error 459", 459),
    ("quietly regress x g\ntest g", 0), ("quietly regress x g\ntest nosuch", 111),
    ("quietly regress x g\ntestparm g", 0), ("quietly regress x g\nlincom g", 0),
    ("quietly regress x g\nlincom nosuch", 111),
]


@pytest.fixture
def labelled(new_session, run):
    df = pd.DataFrame({"id": [1.0, 2.0, 3.0, 4.0], "g": [1.0, 1.0, 2.0, 2.0], "x": [1.5, 2.5, 3.5, 4.5],
                       "s": ["b", "a", "b", "c"]})
    session = new_session(df, var_labels={"x": "the x"}, value_labels={"yn": {0.0: "no", 1.0: "yes"}},
                          value_label_of={"g": "yn"}, formats={"x": "%6.2f"})
    out, rc = run(session, "sort g\nnotes x: a note\nxtset id\n")
    assert rc == 0, out
    return session


def _counted_snapshots(monkeypatch) -> list:
    taken = []
    real = Dataset.transaction_snapshot

    def counted(self):
        taken.append(1)
        return real(self)

    monkeypatch.setattr(Dataset, "transaction_snapshot", counted)
    return taken


@pytest.mark.parametrize("text,rc", READ_ONLY_LINES)
def test_read_only_commands_leave_the_data(labelled, run, monkeypatch, text, rc):
    setup, _, line = text.rpartition("\n")
    if setup:
        assert run(labelled, setup)[1] == 0
    before = snapshot(labelled)
    taken = _counted_snapshots(monkeypatch)
    out, got = run(labelled, line)
    assert got == rc, out
    assert_unchanged(labelled, before)
    assert taken == []  # none of them copies the data


def test_the_read_only_set_names_registered_commands():
    from mlmcli.commands import lookup

    for name in _LEAVES_DATA:
        assert lookup(name).name == name


@pytest.mark.parametrize("line", ["replace x = 0", "generate y = 1", "label variable x \"new\"", "sort s"])
def test_writing_commands_still_take_a_snapshot(labelled, run, monkeypatch, line):
    taken = _counted_snapshots(monkeypatch)
    out, rc = run(labelled, line)
    assert rc == 0, out
    assert taken == [1]


def test_a_failure_inside_a_read_only_command_is_reported_and_keeps_the_data(labelled, run, monkeypatch):
    """A bug in a read-only handler: r(9999), the data as before (it never wrote)."""
    import mlmcli.summary_statistics as stats

    def broken(*args, **kwargs):
        raise RuntimeError("injected")

    before = snapshot(labelled)
    monkeypatch.setattr(stats, "moments", broken)
    import mlmcli.commands.data.tables as tables

    monkeypatch.setattr(tables, "moments", broken)
    out, rc = run(labelled, "summarize x")
    assert rc == 9999 and "injected" in out
    assert_unchanged(labelled, before)


def test_summarize_returns_what_it_computes(new_session, run):
    """meanonly's six r() and the plain table's r() against numpy (summarize no longer computes
    the moments it does not show)."""
    rng = np.random.default_rng(5)
    x = rng.normal(3.0, 2.0, size=1_001)
    x[[4, 50]] = np.nan
    session = new_session(pd.DataFrame({"x": x}))
    valid = x[~np.isnan(x)]
    out, rc = run(session, "summarize x, meanonly")
    assert rc == 0, out
    assert set(session.r) == {"N", "sum_w", "sum", "mean", "min", "max"}
    assert session.r["N"] == valid.size and session.r["sum_w"] == valid.size
    assert session.r["mean"] == pytest.approx(valid.mean(), rel=1e-14)
    assert session.r["sum"] == pytest.approx(valid.sum(), rel=1e-14)
    assert (session.r["min"], session.r["max"]) == (valid.min(), valid.max())
    run(session, "summarize x")
    assert "skewness" not in session.r
    assert session.r["Var"] == pytest.approx(valid.var(ddof=1), rel=1e-13)
    assert session.r["sd"] == pytest.approx(valid.std(ddof=1), rel=1e-13)
    plain = dict(session.r)
    run(session, "summarize x, detail")
    assert session.r["Var"] == plain["Var"] and session.r["sd"] == plain["sd"]  # the same computation
    from scipy import stats

    assert session.r["skewness"] == pytest.approx(stats.skew(valid), rel=1e-12)
    assert session.r["kurtosis"] == pytest.approx(stats.kurtosis(valid, fisher=False), rel=1e-12)


def test_replace_counts_changes_between_missing_codes(new_session, run):
    session = new_session(pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0]}))
    assert run(session, "replace x = .a in 1/2\nreplace x = . in 3")[1] == 0
    out, rc = run(session, "replace x = .a in 1/4")  # .a -> .a none; . -> .a and 4 -> .a: two, both to missing
    assert rc == 0 and "(2 real changes made, 2 to missing)" in out
    out, _ = run(session, "replace x = .b if x == .a")
    assert "(4 real changes made, 4 to missing)" in out
    out, _ = run(session, "replace x = 5 in 5")
    assert "(0 real changes made)" in out
