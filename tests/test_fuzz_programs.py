"""Fuzz (issue 18): random programs over commands, expressions, macros and files never
print a traceback or an internal error, never run a statement over 10 s, leave the data
unchanged after a failing command and never change or overwrite a file they should not
(the checks: ``fuzz_programs.run_checked``).

Bounded for CI: ``MLM_FUZZ_EXAMPLES`` programs per test, 40 by default and the same ones
every run (derandomized; about 20 s in all on an idle machine).  ``make fuzz`` sets 2,000 a
test, five tests: 10,000 programs, fresh random ones each run.
"""
from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings

import fuzz_programs as fz

EXAMPLES = int(os.environ.get("MLM_FUZZ_EXAMPLES", "40"))
LONG_RUN = "MLM_FUZZ_EXAMPLES" in os.environ

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG_RUN, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def check_in_a_folder(program, files, run=None) -> None:
    """``run(program, folder)`` (fuzz_programs.run_checked by default) in a fresh folder of ``files``."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            fz.prepare_folder(folder, files)
            (run or fz.run_checked)(program, folder)
        finally:
            read_only = os.path.join(folder, "ro.dta")
            if os.path.exists(read_only):  # ``erase ro.dta`` may remove it (unlink needs only the folder)
                os.chmod(read_only, 0o644)


def _family(strategy):
    """One test over programs of one family (a module-level test each, so that
    ``--hypothesis-show-statistics`` counts the programs of every one)."""
    @SETTINGS
    @given(program=fz.programs(strategy), files=fz.folder_files())
    def test(program, files):
        check_in_a_folder(program, files)
    return test


test_commands_keep_every_promise = _family(fz.commands())
test_expressions_keep_every_promise = _family(fz.expression_commands())
test_macros_keep_every_promise = _family(fz.macro_commands())
test_files_keep_every_promise = _family(fz.file_commands())


@SETTINGS
@given(program=fz.programs(max_size=8), files=fz.folder_files())
def test_random_programs_mixing_all_families(program, files):
    check_in_a_folder(program, files)


def _fake_runs(monkeypatch, effect, rc):
    """Runner.run_text replaced by ``effect(session)`` returning ``rc``."""
    from mlmcli.runner import Runner

    def run_text(self, text, echo=True, **_):
        effect(self.session)
        return rc
    monkeypatch.setattr(Runner, "run_text", run_text)


@pytest.mark.parametrize("effect,rc,complaint", [
    (lambda s: s.out.line("internal error: ValueError"), 9999, "internal error"),
    (lambda s: s.data.df.__setitem__("x", 0.0), 198, "changed the data"),
    (lambda s: open("good.dta", "wb").close(), 0, "overwritten without replace"),
    (lambda s: open(".x.mlm-tmp-1", "wb").close(), 0, "temporary files left"),
])
def test_the_checks_can_fail(tmp_path, monkeypatch, effect, rc, complaint):
    fz.prepare_folder(str(tmp_path), {"ro.dta": b"", "good.dta": fz.good_dta_bytes()})
    monkeypatch.setattr(fz, "_warm", True)
    _fake_runs(monkeypatch, effect, rc)
    try:
        with pytest.raises(AssertionError, match=complaint):
            fz.run_checked(["order x"], str(tmp_path))
    finally:
        os.chmod(tmp_path / "ro.dta", 0o644)
