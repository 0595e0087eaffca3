"""The caps of ``help limits``: deep nesting, memory, macro length, format width, and inputs
that used to take exponential or quadratic time, each a Stata error in bounded time with the
data unchanged (issue 18)."""
from __future__ import annotations

import time

import pandas as pd
import pytest

from data_state import assert_unchanged, snapshot
from mlmcli import limits


@pytest.fixture
def two_obs(new_session):
    return new_session(pd.DataFrame({"x": [1.0, 2.0]}))


def _nested_ifs(n: int) -> str:
    return "if 1 {\n" * n + "display 42\n" + "}\n" * n


# ----- nesting: RecursionError used to escape as a traceback at ~250 levels

def test_nesting_up_to_the_limit_runs(two_obs, run):
    out, rc = run(two_obs, _nested_ifs(limits.NESTING))
    assert rc == 0 and out.strip() == "42"


@pytest.mark.parametrize("levels", [limits.NESTING + 1, 250, 3000])
def test_deeper_nesting_is_r1000(two_obs, run, levels):
    before = snapshot(two_obs)
    t0 = time.perf_counter()
    out, rc = run(two_obs, _nested_ifs(levels))
    assert rc == 1000 and out.startswith("system limit exceeded\n    more than 64 nested")
    assert time.perf_counter() - t0 < 10
    assert_unchanged(two_obs, before)


def test_runaway_recursion_of_a_program_and_a_do_file(two_obs, run, tmp_path):
    out, rc = run(two_obs, "program p\n p\nend\np")
    assert rc == 1000 and "system limit exceeded" in out and "internal error" not in out
    script = tmp_path / "self.do"
    script.write_text(f'do "{script}"\n')
    out, rc = run(two_obs, f'do "{script}"')
    assert rc == 1000 and "system limit exceeded" in out
    out, rc = run(two_obs, 'capture noisily do "{0}"\ndisplay _rc'.format(script))
    assert rc == 0 and out.strip().endswith("1000")


def test_deep_nesting_through_the_program_is_not_a_traceback(mlm, tmp_path):
    script = tmp_path / "deep.do"
    script.write_text(_nested_ifs(1000))
    done = mlm("-q", str(script))
    assert done.returncode == 1000 % 256 or done.returncode == 1
    assert "Traceback" not in done.stderr and "system limit exceeded" in done.stdout


# ----- memory: set obs 2147483648 used to end in a MemoryError (or the OOM killer)

def test_set_obs_beyond_stata_is_r909(two_obs, run):
    before = snapshot(two_obs)
    out, rc = run(two_obs, "set obs 2147483648")
    assert (rc, out.strip()) == (909, "op. sys. refuses to provide memory\nr(909);")
    assert_unchanged(two_obs, before)


def test_requests_beyond_free_memory_are_r909(two_obs, run, monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 512 * 2 ** 20)  # 512 MB free
    before = snapshot(two_obs)
    out, rc = run(two_obs, "set obs 100000000")  # 100 million rows: 1.6 GB for x and one more
    assert rc == 909 and "op. sys. refuses to provide memory" in out
    assert_unchanged(two_obs, before)
    monkeypatch.setattr(limits, "available_memory", lambda: 10 ** 12)
    out, rc = run(two_obs, "set obs 20000000")
    assert rc == 0, out
    monkeypatch.setattr(limits, "available_memory", lambda: 256 * 2 ** 20)
    before = snapshot(two_obs)
    out, rc = run(two_obs, "generate y = x + 1")  # 20 million rows: 640 MB of temporaries
    assert rc == 909
    assert_unchanged(two_obs, before)


def test_a_memory_error_inside_a_command_is_r909_and_keeps_the_data(two_obs, run, monkeypatch):
    from mlmcli.commands.data import generate

    def exhausted(session, cmd):
        session.data.set_variable("y", session.data.numeric("x"))
        raise MemoryError

    monkeypatch.setattr(generate, "cmd_generate", exhausted)
    before = snapshot(two_obs)
    out, rc = run(two_obs, "generate y = 1")
    assert (rc, out.strip()) == (909, "op. sys. refuses to provide memory\nr(909);")
    assert_unchanged(two_obs, before)
    out, rc = run(two_obs, "capture generate y = 1\ndisplay _rc")
    assert (rc, out.strip()) == (0, "909")
