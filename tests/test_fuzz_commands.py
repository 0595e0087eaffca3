"""Command-level fuzz, bounded (tests/fuzz_commands.py): lines built from every registered
command's help page, run each in a fresh session, print no internal error, hang no longer than
the watchdog allows and leave the data unchanged when they fail.

``MLM_CMD_FUZZ_PER_COMMAND`` lines per command (2 by default: about 560 lines, the same ones
every run); the lines stop after ``MLM_CMD_FUZZ_BUDGET`` seconds (35; a line may run 10 s of CPU
more) so that a loaded machine covers fewer of them rather than timing out.  The long run is
``python3 tests/fuzz_commands.py --per-command 40`` (see its docstring).
"""
from __future__ import annotations

import io
import os
import random

import pytest

import fuzz_commands as fc

PER_COMMAND = int(os.environ.get("MLM_CMD_FUZZ_PER_COMMAND", "2"))
BUDGET = float(os.environ.get("MLM_CMD_FUZZ_BUDGET", "35"))


def test_every_command_line_keeps_its_promises(monkeypatch):
    monkeypatch.setattr(fc, "LIMIT", 10.0)
    cases = fc.all_cases(seed=7, per_command=PER_COMMAND)
    random.Random(7).shuffle(cases)  # a budget cut still leaves a spread of commands
    report = io.StringIO()
    summary = fc.run_all(cases, budget=BUDGET, out=report)
    # a loaded machine (2 cores shared) runs ~60 lines in the budget, an idle one several hundred
    assert summary.lines >= min(len(cases), 40), "too few lines ran"
    assert not [f for f in summary.findings if not f.known], report.getvalue()[-6000:]


ROUND3_COUNT = int(os.environ.get("MLM_CMD_FUZZ_ROUND3", "60"))
ROUND3_BUDGET = float(os.environ.get("MLM_CMD_FUZZ_ROUND3_BUDGET", "20"))


def test_round3_lines_keep_their_promises(monkeypatch):
    """Round 3's generator (tests/fuzz_new_commands.py: svy, suest, coefplot, unique, mdesc,
    extended macro functions, set fv*, margins vce(unconditional); the ``huge`` data shape)."""
    from fuzz_new_commands import round3_cases

    monkeypatch.setattr(fc, "LIMIT", 10.0)
    cases = round3_cases(seed=7, count=ROUND3_COUNT)
    assert cases == round3_cases(seed=7, count=ROUND3_COUNT)  # deterministic
    assert {c.command for c in cases} >= {"svy", "suest", "coefplot", "macro", "margins"}
    report = io.StringIO()
    summary = fc.run_all(cases, budget=ROUND3_BUDGET, out=report)
    assert summary.lines >= min(len(cases), 15), "too few lines ran"
    assert not [f for f in summary.findings if not f.known], report.getvalue()[-6000:]


ROUND4_COUNT = int(os.environ.get("MLM_CMD_FUZZ_ROUND4", "40"))
ROUND4_BUDGET = float(os.environ.get("MLM_CMD_FUZZ_ROUND4_BUDGET", "15"))


def test_round4_lines_keep_their_promises(monkeypatch):
    """Round 4's generator (tests/fuzz_round4_commands.py: estat after regress, mean/ci, the
    tests, alpha/pca/factor, ivregress/nestreg/stepwise, zip/heckman/cnsreg..., inspect/xpose/
    stack/stem/snapshot, weighted tabulate, regress D.y)."""
    from fuzz_round4_commands import round4_cases

    monkeypatch.setattr(fc, "LIMIT", 10.0)
    cases = round4_cases(seed=7, count=ROUND4_COUNT)
    assert cases == round4_cases(seed=7, count=ROUND4_COUNT)  # deterministic
    assert {c.command for c in cases} >= {"estat", "tests", "count", "data"}
    report = io.StringIO()
    summary = fc.run_all(cases, budget=ROUND4_BUDGET, out=report)
    assert summary.lines >= min(len(cases), 10), "too few lines ran"
    assert not [f for f in summary.findings if not f.known], report.getvalue()[-6000:]


def test_lines_are_deterministic_and_cover_the_registry():
    a = fc.all_cases(seed=3, per_command=2)
    assert a == fc.all_cases(seed=3, per_command=2)
    assert a != fc.all_cases(seed=4, per_command=2)
    names = {case.command for case in a}
    assert names == {spec.name for spec in fc.COMMANDS} - fc.SKIPPED


@pytest.mark.parametrize("kind,line,setup", [
    ("internal", "display 1", ()),
    ("data-changed", "summarize nosuch", ()),
])
def test_the_checks_can_fail(monkeypatch, tmp_path, kind, line, setup):
    """Each check reports: a command made to raise, a failing command made to change the data."""
    from mlmcli.runner import Runner

    original = Runner.execute

    def broken(self, text):
        if kind == "internal":
            raise ValueError("planted")
        self.session.data.df["y"] = 0.0
        return original(self, text)

    monkeypatch.setattr(Runner, "execute", broken)
    fc.prepare_folder(str(tmp_path))
    rc, findings, _ = fc.run_case(fc.Case("x", "full", setup, line), str(tmp_path))
    assert [f.kind for f in findings] == [kind]
