"""shell / ! / xshell / !! / winexec ([D] shell): the command runs through /bin/sh in mlm's
working directory, its output shows in the results (and the log), its exit status is no error,
`!` is shell's synonym only in the command word's place, Ctrl-C stops a hung child."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # `cd` inside a test moves the process: restored afterwards
    return tmp_path


def test_shell_and_bang_show_the_output(in_tmp, do):
    rc, out, _ = do('shell echo hello "a  b"\n!echo bang\n! echo spaced\n!!echo xs\nxshell echo x2\n')
    assert rc == 0
    assert out.splitlines() == ["hello a  b", "bang", "spaced", "xs", "x2"]


def test_stderr_is_shown_and_the_exit_status_is_no_error(in_tmp, do):
    rc, out, s = do("scalar before = 1\nreturn clear\nshell echo to-err 1>&2; exit 3\n"
                    "capture noisily !false\ndisplay _rc\n")
    assert rc == 0
    assert out.splitlines() == ["to-err", "0"]


def test_r_is_left_alone(in_tmp, do):
    rc, out, s = do("set obs 3\ngen x = _n\nsummarize x\nshell exit 7\ndisplay r(N)\n")
    assert rc == 0 and out.splitlines()[-1] == "3"


def test_the_command_runs_in_the_directory_cd_moved_to(in_tmp, do):
    (in_tmp / "sub").mkdir()
    rc, out, _ = do("cd sub\n!pwd\nshell mkdir made\n!touch made/f.txt\n")
    assert rc == 0
    assert out.splitlines()[-1] == str((in_tmp / "sub").resolve())
    assert (in_tmp / "sub" / "made" / "f.txt").is_file()


def test_quoted_arguments_and_macros_reach_the_shell(in_tmp, do):
    rc, out, _ = do('local name "two words"\nshell printf "[%s]\\n" "`name\'" \'single q\'\n'
                    "shell echo \\$0\n")
    assert rc == 0
    assert out.splitlines() == ["[two words]", "[single q]", "/bin/sh"]


def test_output_goes_into_the_log_and_quietly_hides_it(in_tmp, do):
    rc, out, _ = do("log using shell_run, text\nshell echo logged line\nquietly !echo hidden\nlog close\n")
    assert rc == 0
    text = (in_tmp / "shell_run.log").read_text()
    assert "logged line" in text and "hidden" not in text
    assert "hidden" not in out


def test_bang_after_prefixes_and_never_inside_expressions(in_tmp, do):
    rc, out, s = do("set obs 4\ngen y = _n\nreplace y = . in 1\ncount if !missing(y)\n"
                    "count if y != 2\ndisplay !0\ncapture !exit 5\ndisplay _rc\nqui: !echo q\n"
                    "noisily !echo n\n")
    assert rc == 0
    assert [ln.strip() for ln in out.splitlines()][-5:] == ["3", "3", "1", "0", "n"]


def test_shell_alone_without_a_terminal_is_refused(in_tmp, do):
    rc, out, _ = do("shell\n")  # pytest's stdin is not a terminal
    assert rc == 198 and "needs a terminal" in out
    rc, out, _ = do("!\n")
    assert rc == 198


def _long_sleep() -> str:
    """A sleep of over an hour whose command line names this test run alone (pgrep finds it)."""
    return f"sleep {os.getpid() % 1000 + 5000}"


def _stop_sleeps(marker: str, group: bool) -> None:
    """End the sleeps ``marker`` started (and, with ``group``, the shell of their session)."""
    found = subprocess.run(["pgrep", "-f", f"^{marker}$"], capture_output=True, text=True, timeout=60).stdout
    for pid in map(int, found.split()):
        try:
            os.killpg(os.getpgid(pid), signal.SIGKILL) if group else os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_winexec_does_not_wait(in_tmp, do):
    """The child sleeps for over an hour: a winexec that waited would hang the test far beyond
    the minute allowed; a loaded machine cannot make a prompt return take that long."""
    marker = _long_sleep()
    start = time.monotonic()
    try:
        rc, out, _ = do(f"winexec {marker}; touch late.txt\n")
        assert rc == 0 and out == "" and time.monotonic() - start < 60
        assert not (in_tmp / "late.txt").exists()
    finally:
        _stop_sleeps(marker, group=True)  # winexec starts its own session: the shell goes too
    rc, out, _ = do("winexec\n")
    assert rc == 198


def test_ctrl_c_stops_a_hung_child(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    marker = f"sleep {os.getpid() % 1000 + 3000}"  # pgrep's pattern: the sleep, not the mlm asking for it
    child = subprocess.Popen([sys.executable, "-m", "mlmcli", "-c", f"shell {marker}"], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and subprocess.run(["pgrep", "-f", "^" + marker],
                                                             capture_output=True, timeout=60).returncode != 0:
            time.sleep(0.1)
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=15)
    finally:  # a failure must not leave mlm running
        if child.poll() is None:
            child.kill()
            child.communicate(timeout=15)
    assert "--Break--" in out and "r(1);" in out
    time.sleep(0.2)
    # the sleep went too
    assert subprocess.run(["pgrep", "-f", "^" + marker], capture_output=True, timeout=60).returncode != 0


def test_a_background_process_does_not_hold_shell_up(in_tmp, do):
    """The background sleep lasts over an hour (see test_winexec_does_not_wait)."""
    marker = _long_sleep()
    start = time.monotonic()
    try:
        rc, out, _ = do(f"shell echo first; {marker} & echo second\n")
        assert rc == 0 and out.splitlines() == ["first", "second"]
        assert time.monotonic() - start < 60
    finally:
        _stop_sleeps(marker, group=False)


def test_output_without_a_final_newline_and_many_lines(in_tmp, do):
    rc, out, _ = do("shell printf 'no newline'\nshell seq 1 3000\n")
    lines = out.splitlines()
    assert rc == 0 and lines[0] == "no newline" and lines[1:] == [str(k) for k in range(1, 3001)]
