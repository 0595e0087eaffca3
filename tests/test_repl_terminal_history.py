"""The REPL on a real (pseudo-)terminal: history kept across sessions, recalled with the up arrow."""
from __future__ import annotations

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
