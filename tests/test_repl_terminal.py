"""The REPL on a real (pseudo-)terminal: history kept across sessions and recalled with the up
arrow; syntax colouring; completion of commands, options, variables, macros and file names;
``{ }`` blocks and ``///`` continuation; ``#review`` and ``h``.  Piped input stays plain."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
needs_pty = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")


def _plain(out: bytes) -> str:
    """The terminal output without its escape sequences (colours, cursor moves)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode(errors="replace"))


def _screen(out: bytes) -> bytes:
    """The output as the screen shows it, for the markers a session waits for: prompt_toolkit
    draws a prompt's trailing space as cursor moves (``.\\b\\x1b[2C``, ``  2.\\x1b[4D\\x1b[5C``),
    which are that space here; other escape sequences are dropped."""
    out = out.replace(b"\x08\x1b[2C", b" ")
    out = re.sub(rb"\x1b\[(\d+)D\x1b\[(\d+)C", lambda m: b" " * max(int(m[2]) - int(m[1]), 0), out)
    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", out)


def _pty_session(home: str, keys: list[bytes], expect: list[bytes]) -> bytes:
    """Run `mlm` on a pseudo-terminal, send each key sequence once the previous output
    arrived, and return everything it printed."""
    import os
    import pty
    import select
    import sys
    import time

    env = dict(os.environ, HOME=home, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvpe(sys.executable, [sys.executable, "-m", "mlmcli"], env)
    out = b""

    sent_at = 0  # markers are looked for in what arrived since the last keys were sent

    def read_until(marker: bytes, timeout: float = 90.0) -> bool:
        nonlocal out
        end = time.time() + timeout
        while marker not in _screen(out[sent_at:]):
            if time.time() >= end:
                return False
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    return False
        return True

    never_shown = []  # a marker that never arrives would cost its whole timeout and pace nothing
    try:
        for key, marker in zip(keys, expect):
            if not read_until(marker):
                never_shown.append(marker)
            sent_at = len(out)
            os.write(fd, key)
        read_until(b"\x00", timeout=0.5)  # drain
    finally:
        end = time.time() + 60
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.time() > end:  # never hang the suite on a stuck child
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                break
            time.sleep(0.05)
        os.close(fd)
    assert not never_shown, f"waited in vain for {never_shown} in:\n{_plain(out)}"
    return out


@needs_pty
def test_repl_on_a_terminal_keeps_history_across_sessions(tmp_path):
    home = str(tmp_path)
    out = _pty_session(home, [b"display 40+2\r", b"exit\r"], [b".", b"42"])
    assert b"42" in out and b"Traceback" not in out
    history = (tmp_path / ".mlm_history").read_text()
    assert "+display 40+2" in history
    # a new session recalls the line with the up arrow
    out = _pty_session(home, [b"\x1b[A\x1b[A\r", b"exit\r"], [b".", b"42"])
    assert b"42" in out


@needs_pty
def test_repl_colours_completes_continues_and_reviews(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the child's working folder: samples/data for file-name completion
    steps = [  # (output to wait for, keys to send then); a Tab's completion is awaited
        (b". ", b"use samples/data/hsb_sc\t"),                  # a file name
        (b"schools.dta", b", clear\r"),
        (b"HSB school", b"summarize pra\t"),                     # a variable, then an option
        (b"cad", b", det\t"),
        (b"ail", b"\r"),
        (b"Percentiles", b"local abc 5\r"),
        (b". ", b"display `ab\t"),                               # a local macro
        (b"c'", b" + 2 * 5\r"),
        (b"15", b"global gg 7\r"),
        (b". ", b"display $g\t"),                                # a global macro
        (b"$gg", b" + 1\r"),
        (b"8", b"tabu\t"),                                       # a command name
        (b"late", b' size if "a" == "a" & size < 200\r'),
        (b"Total", b"forvalues i = 1/2 {\r"),                    # a block on numbered prompts
        (b"  2. ", b"display `i' * 100\r"),
        (b"  3. ", b"}\r"),
        (b"200", b"display 1 + ///\r"),                         # /// continues on a > prompt
        (b"> ", b"2\r"),
        (b"3", b"#review 4\r"),
        (b"1 2", b"h tabulate\r"),                      # h abbreviates help
        (b"Title", b"exit, clear\r"),
    ]
    out = _pty_session(str(tmp_path), [k for _, k in steps], [m for m, _ in steps])
    text = _plain(out).replace("\r", "")
    assert "Traceback" not in text
    assert "summarize pracad, detail" in text and "Percentiles" in text
    assert "display `abc' + 2 * 5\n15\n" in text
    assert "display $gg + 1\n8\n" in text
    assert 'tabulate size if "a" == "a"' in text and "Total" in text
    assert "\n100\n200\n" in text and "\n3\n" in text
    assert "\n4 display `i' * 100\n3 }\n2 display 1 + ///\n1 2\n" in text  # the lines typed, newest last
    assert "[R] tabulate" in text
    # colours on the echoed input: the command word, the string, the macro
    assert re.search(rb"\x1b\[[0-9;]*34[0-9;]*mtabulate", out)
    assert re.search(rb'\x1b\[[0-9;]*31m"a"', out)
    assert re.search(rb"\x1b\[[0-9;]*36m`abc'", out)


def test_piped_input_stays_plain():
    p = subprocess.run([sys.executable, "-m", "mlmcli"], input='display "hi `x\'"\nfoo\n', text=True,
                       capture_output=True, timeout=60, env=dict(os.environ, TERM="xterm"))
    assert "\x1b" not in p.stdout + p.stderr
    assert '\nhi \n' in p.stdout and "unrecognized command:  foo" in p.stdout


def test_version_lists_the_main_dependencies():
    from importlib import metadata

    p = subprocess.run([sys.executable, "-m", "mlmcli", "--version"], capture_output=True, text=True, timeout=60)
    lines = p.stdout.splitlines()
    assert p.returncode == 0 and lines[0].startswith("mlm ") and lines[1].startswith("Python ")
    for name in ("numpy", "scipy", "pandas", "lark", "rich", "prompt_toolkit"):
        assert f"{name} {metadata.version(name)}" in lines
