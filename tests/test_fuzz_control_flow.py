"""Do-file-level property fuzz over control flow (tests/fuzz_control_flow.py): loops with
continue/break, nested programs, capture/error/exit, preserve/restore across failures,
tempfile/tempvar/tempname and extended macro functions never print a traceback, never hang,
never change the data when a command fails (at any depth) and never overwrite a file without
replace; a program that starts with preserve leaves the data as they were.

Bounded for CI: ``MLM_FUZZ_EXAMPLES`` programs (25 by default, derandomized: the same ones
every run; about 15 s on an idle machine).  ``make fuzz`` runs 2,000 fresh ones.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

import fuzz_control_flow as fcf
import fuzz_programs as fz
from test_fuzz_programs import check_in_a_folder

EXAMPLES = int(os.environ.get("MLM_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize="MLM_FUZZ_EXAMPLES" not in os.environ,
                    database=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(program=fcf.flow_programs(), files=fz.folder_files())
def test_control_flow_keeps_every_promise(program, files):
    check_in_a_folder(program, files, fcf.run_flow_checked)


@pytest.mark.parametrize("program,complaint", [
    # a failing command inside a loop made to change the data
    (["foreach v in a {\n    summarize nosuch\n}"], "a failing command changed the data"),
    # a preserving program whose preserve is made to do nothing
    (["program define keep1\n    preserve\n    drop x\nend", "keep1"], "a program that preserved lost the data"),
])
def test_the_checks_can_fail(tmp_path, monkeypatch, program, complaint):
    from mlmcli.runner import Runner

    original = Runner.execute

    def broken(self, text):
        if text.strip() == "preserve":
            return
        if "nosuch" in text:
            self.session.data.df["x"] = 0.0
        return original(self, text)

    monkeypatch.setattr(Runner, "execute", broken)
    fz.prepare_folder(str(tmp_path), {"ro.dta": b"", "good.dta": fz.good_dta_bytes()})
    monkeypatch.setattr(fz, "_warm", True)
    try:
        with pytest.raises(AssertionError, match=complaint):
            fcf.run_flow_checked(program, str(tmp_path))
    finally:
        os.chmod(tmp_path / "ro.dta", 0o644)


def test_the_programs_cover_the_constructs():
    seen = []

    @settings(max_examples=100, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(program=fcf.flow_programs())
    def collect(program):
        seen.append("\n".join(program))

    collect()
    text = "\n".join(seen)
    for construct in ("foreach", "forvalues", "while", "continue", "program define", "preserve", "restore",
                      "tempfile", "tempvar", "capture {", "else", "local a :", "exit"):
        assert construct in text, construct
