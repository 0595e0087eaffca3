"""Audit of issue 2: varlist ranges and abbreviations through commands, `#delimit`, by/bysort."""
from __future__ import annotations

import io

from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session
from session_run import run


def fresh() -> Session:
    s = Session(data=Dataset(), out=Output(io.StringIO()))
    out, rc = run(s, "set obs 4\ngen a = _n\ngen x1 = 2*_n\ngen z = 1\ngen x2 = 3*_n\n")
    assert rc == 0, out
    return s


def test_ranges_follow_dataset_order_not_names():
    s = fresh()
    out, rc = run(s, "describe x1-x2, simple")
    assert rc == 0 and out.split() == ["x1", "z", "x2"]
    run(s, "order x2")
    out, rc = run(s, "describe x2 - x1, simple")          # spaces around the dash
    assert rc == 0 and out.split() == ["x2", "a", "x1"]
    out, rc = run(s, "drop a-x1")
    assert rc == 0 and list(s.data.df.columns) == ["x2", "z"]


def test_range_endpoints_take_abbreviations_and_unknown_ends_are_r111():
    s = fresh()
    out, rc = run(s, "describe a-z, simple")
    assert rc == 0 and out.split() == ["a", "x1", "z"]
    out, rc = run(s, "summarize a-nosuch")
    assert rc == 111 and "variable nosuch not found" in out


def test_ambiguous_abbreviation_in_a_command_is_r111():
    s = fresh()
    out, rc = run(s, "summarize x")
    assert rc == 111 and out.startswith("x ambiguous abbreviation\n") and out.rstrip().endswith("r(111);")
    out, rc = run(s, "summarize x2")                   # an exact name is never ambiguous
    assert rc == 0 and "x2 |" in out
    run(s, "drop x1")
    out, rc = run(s, "summarize x")                    # now unique: x2
    assert rc == 0 and "x2 |" in out


def test_wildcards_and_no_match():
    s = fresh()
    out, rc = run(s, "describe x*, simple")
    assert rc == 0 and out.split() == ["x1", "x2"]
    out, rc = run(s, "describe ?, simple")
    assert rc == 0 and out.split() == ["a", "z"]
    out, rc = run(s, "describe q*")
    assert rc == 111 and "variable q* not found" in out


def test_delimit_semicolon_joins_lines_until_the_semicolon():
    s = fresh()
    out, rc = run(s, '#delimit ;\ndisplay\n  "one"\n  + "two" ;\ndisplay 1+\n1;\n#delimit cr\ndisplay 3\n')
    assert rc == 0
    assert "onetwo\n" in out and "\n2\n" in out and out.rstrip().endswith("3")


def test_by_requires_sort_and_bysort_sorts():
    s = fresh()
    run(s, "gsort -a")
    out, rc = run(s, "by a: gen n = _N")
    assert rc == 5 and out.startswith("not sorted\n") and "n" not in s.data.df.columns
    out, rc = run(s, "bysort z: gen k = _n")
    assert rc == 0 and s.data.numeric("k").tolist() == [1, 2, 3, 4]
    out, rc = run(s, "by z, sort: egen t = total(a)")
    assert rc == 0 and s.data.numeric("t").tolist() == [10, 10, 10, 10]


def test_capture_sets_rc_and_resets_it():
    s = fresh()
    out, rc = run(s, "capture summarize nosuch\ndisplay _rc\ncapture summarize a\ndisplay _rc\n")
    assert rc == 0 and out.split() == ["111", "0"]


def test_reshape_alone_goes_back_the_way_it_came():
    s = Session(data=Dataset(), out=Output(io.StringIO()))
    out, rc = run(s, "set obs 3\ngen id = _n\ngen inc1 = 10*_n\ngen inc2 = 20*_n\ngen sex = mod(_n, 2)\n")
    before = s.data.df.copy()
    out, rc = run(s, "reshape long inc, i(id) j(year)")
    assert rc == 0 and s.data.nobs == 6 and list(s.data.df.columns) == ["id", "year", "inc", "sex"]
    out, rc = run(s, "reshape wide")
    assert rc == 0, out
    assert list(s.data.df.columns) == ["id", "inc1", "inc2", "sex"]
    assert s.data.df.astype(float).equals(before.astype(float))
    out, rc = run(s, "reshape long")
    assert rc == 0 and s.data.nobs == 6 and s.data.numeric("inc").tolist() == [10, 20, 20, 40, 30, 60]


def test_reshape_alone_without_a_previous_reshape_is_an_error():
    s = fresh()
    out, rc = run(s, "reshape wide")
    assert rc == 100 and "varlist required" in out


# ---------------------------------------------------------------- the REPL on a real terminal

def _pty_session(home: str, keys: list[bytes], expect: list[bytes]) -> bytes:
    """Run `mlm` on a pseudo-terminal, send each key sequence once the previous output
    arrived, and return everything it printed."""
    import os
    import pty
    import select
    import sys
    import time

    env = dict(os.environ, HOME=home, TERM="xterm")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvpe(sys.executable, [sys.executable, "-m", "mlmcli"], env)
    out = b""

    def read_until(marker: bytes, timeout: float = 20.0) -> None:
        nonlocal out
        end = time.time() + timeout
        while marker not in out and time.time() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    return

    try:
        for key, marker in zip(keys, expect):
            read_until(marker)
            os.write(fd, key)
        read_until(b"\x00", timeout=0.5)  # drain
    finally:
        end = time.time() + 10
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.time() > end:  # never hang the suite on a stuck child
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                break
            time.sleep(0.05)
        os.close(fd)
    return out


def test_repl_on_a_terminal_keeps_history_across_sessions(tmp_path):
    import os
    import pytest
    if not hasattr(os, "fork"):
        pytest.skip("needs a pseudo-terminal")
    home = str(tmp_path)
    out = _pty_session(home, [b"display 40+2\r", b"exit\r"], [b".", b"42"])
    assert b"42" in out and b"Traceback" not in out
    history = (tmp_path / ".mlm_history").read_text()
    assert "+display 40+2" in history
    # a new session recalls the line with the up arrow
    out = _pty_session(home, [b"\x1b[A\x1b[A\r", b"exit\r"], [b".", b"42"])
    assert b"42" in out
