"""A command that fails after it changed something puts everything back: the values, variable
and value labels, formats, notes and other characteristics, the sort order, and the
xtset/svyset/stset settings (the runner's snapshot, session.data_transaction, whose metadata
copies are plain dict copies since sn100).  The failure is injected after the real handler
ran to the end, so every change it makes is there to undo."""
from __future__ import annotations

import importlib
import re

import pandas as pd
import pytest

from data_state import assert_unchanged, snapshot
from mlmcli.commands import lookup
from mlmcli.errors import StataError

SETUP = "\n".join([
    "sort g id", "notes x: the first note", "notes: a note on the data", "char x[source] survey",
    "xtset id t", "svyset g [pw=w]", "stset t, failure(d) id(id)",
])

CHANGES = [
    'label variable x "another label"', 'label define yn 2 "maybe", add', "label values g",
    "label drop yn", "format x %9.3f", "notes x: a second note", "notes drop x", "char x[source]",
    "sort s", "gsort -x", "xtset g t", "xtset, clear", "svyset id", "svyset, clear", "stset t",
    "stset t, failure(g == 2) id(id)", "rename x z", "order s", "drop g", "replace x = 0 if g == 1",
    "generate y = x", "recast double x", "keep in 1/2", "label data \"a label\"",
]


@pytest.fixture
def prepared(new_session, run):
    df = pd.DataFrame({"id": [1.0, 2.0, 3.0, 4.0], "t": [2.0, 3.0, 1.0, 5.0], "g": [1.0, 1.0, 2.0, 2.0],
                       "d": [1.0, 0.0, 1.0, 1.0], "w": [1.0, 2.0, 1.0, 3.0], "x": [1.5, 2.5, 3.5, 4.5],
                       "s": ["b", "a", "b", "c"]})
    session = new_session(df, var_labels={"x": "the x"}, value_labels={"yn": {0.0: "no", 1.0: "yes"}},
                          value_label_of={"g": "yn"}, formats={"x": "%6.2f"})
    out, rc = run(session, SETUP)
    assert rc == 0, out
    return session


def _fail_after(monkeypatch, name: str, error: BaseException) -> None:
    """The command's handler runs to the end, then raises ``error``."""
    module_name, func = lookup(name).target.split(":")
    module = importlib.import_module(module_name)
    real = getattr(module, func)

    def then_fail(session, cmd):
        real(session, cmd)
        raise error

    monkeypatch.setattr(module, func, then_fail)


@pytest.mark.parametrize("line", CHANGES)
def test_each_command_changes_the_data_when_it_succeeds(prepared, run, line):
    """So that the test below has something to undo."""
    before = snapshot(prepared)
    out, rc = run(prepared, line)
    assert rc == 0, out
    with pytest.raises(AssertionError):
        assert_unchanged(prepared, before)


@pytest.mark.parametrize("line", CHANGES)
@pytest.mark.parametrize("error,rc", [(RuntimeError("injected"), 9999), (StataError("injected", 198), 198)])
def test_failure_after_a_change_restores_the_data(prepared, run, monkeypatch, line, error, rc):
    before = snapshot(prepared)
    name = re.match(r"\w+", line).group()
    _fail_after(monkeypatch, lookup(name).name, error)
    out, got = run(prepared, line)
    assert got == rc, out
    assert_unchanged(prepared, before)


# ----- the frame is copied when the command first reads it (Dataset.transaction_snapshot) -----

def _frame_copies(monkeypatch) -> list:
    copies = []
    real = pd.DataFrame.copy

    def counted(self, *args, **kwargs):
        copies.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "copy", counted)
    return copies


@pytest.mark.parametrize("line", ['label variable x "new"', "notes x: more", "char x[a] b", 'label data "d"'])
def test_metadata_commands_and_early_failures_copy_no_frame(prepared, run, monkeypatch, line):
    copies = _frame_copies(monkeypatch)
    run(prepared, line)
    assert copies == []


def test_a_command_that_writes_the_frame_in_place_then_fails(prepared, run, monkeypatch):
    """Every way of changing the frame object itself (a cell, a new column, a deleted one)
    goes through ``df``, which copies the frame for the snapshot first."""
    before = snapshot(prepared)
    frame_before = prepared.data.__dict__["_frame"]

    def write_in_place(session, cmd):
        session.data.df.loc[0, "x"] = 99.0
        session.data.df["extra"] = 1.0
        del session.data.df["w"]
        raise StataError("injected", 198)

    monkeypatch.setattr(importlib.import_module("mlmcli.commands.data.labels"), "cmd_label", write_in_place)
    out, rc = run(prepared, 'label variable x "z"')
    assert rc == 198, out
    assert_unchanged(prepared, before)
    assert prepared.data.__dict__["_frame"] is not frame_before  # the restored data own their frame


def test_a_failure_before_any_read_gives_the_restored_data_their_own_frame(prepared, run, monkeypatch):
    old = prepared.data
    _fail_after(monkeypatch, "label", StataError("injected", 198))
    assert run(prepared, 'label variable x "z"')[1] == 198
    assert prepared.data is not old
    assert prepared.data.__dict__["_frame"] is not old.__dict__["_frame"]
    prepared.data.df.loc[0, "x"] = -1.0  # one changed, the other not
    assert old.df.loc[0, "x"] == 1.5


def test_a_kept_snapshot_is_not_changed_by_later_commands(prepared, run):
    out, rc = run(prepared, "snapshot save\nreplace x = 0\nlabel variable x \"later\"\nsnapshot restore 1")
    assert rc == 0, out
    assert sorted(prepared.data.df["x"]) == [1.5, 2.5, 3.5, 4.5]  # (the data are sorted by g id)
    assert prepared.data.var_labels["x"] == "the x"
