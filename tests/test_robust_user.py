"""Regression tests from using mlmcli as a demanding Stata user: odd inputs, odd orders."""
from __future__ import annotations

import io

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def run(text: str, echo: bool = False, session: Session | None = None):
    s = session or Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text(text, echo=echo)
    return rc, s.out.stream.getvalue(), s


def no_internal_error(out: str) -> None:
    assert "internal error" not in out and "Traceback" not in out


# ----- preserve is restored when the do-file / program that preserved ends -----

def test_do_file_end_restores_its_preserved_data(tmp_path):
    inner = tmp_path / "inner.do"
    inner.write_text("preserve\ndrop in 1/3\ncount\n")
    rc, out, s = run(f"set obs 5\ngenerate x = _n\ndo {inner}\ncount\n")
    assert rc == 0
    assert out.split()[-1] == "5" and s.data.nobs == 5 and s.preserved is None


def test_do_file_ending_in_error_still_restores(tmp_path):
    inner = tmp_path / "inner.do"
    inner.write_text("preserve\ndrop in 1/3\nnosuchcommand\n")
    rc, _, s = run(f"set obs 5\ngenerate x = _n\ncapture do {inner}\n")
    assert rc == 0 and s.data.nobs == 5


def test_program_restores_and_callers_preserve_survives(tmp_path):
    text = ("set obs 5\ngenerate x = _n\npreserve\ndrop in 1\n"
            "program define dropper\n preserve\n drop in 1/3\nend\n"
            "dropper\ncount\nrestore\ncount\n")
    rc, out, s = run(text)
    assert rc == 0
    assert out.split()[5:] == ["(1", "observation", "deleted)", "(3", "observations", "deleted)", "4", "5"]
