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
