"""shell (``!``), xshell (``!!``) and winexec: operating-system commands ([D] shell).

``shell cmd`` runs cmd through /bin/sh in the working directory (mlm's ``cd`` moves the
process, so the child starts there), waits for it and shows what it writes to stdout and
stderr in the results, line by line, so a log records it.  As in Stata the command's exit
status is not an error: shell leaves the return code at 0 and r() alone.  The child reads no
input (its stdin is /dev/null: a do-file piped into mlm is not the child's to consume).

``shell`` alone opens an interactive shell, which needs a terminal: without one it is refused.
``winexec`` starts the program without waiting for it.  ``xshell`` (Stata for Unix GUI: an
xterm) runs as ``shell`` here.

A child that hangs is stopped by Ctrl-C: the KeyboardInterrupt reaching the loop below ends
the child's whole process group (the child runs in its own session, so ``sh -c 'sleep 99'``'s
sleep goes too) and then goes on to the runner's ``--Break--``.
"""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys

from mlmcli.errors import StataError

SHELL = "/bin/sh"


def cmd_shell(session, cmd) -> None:
    """``shell [command]``, ``! [command]``, ``xshell [command]``."""
    command = cmd.args.strip()
    if not command:
        _interactive_shell(session)
        return
    session.out.flush()  # what came before shows before the child's lines
    try:
        child = subprocess.Popen([SHELL, "-c", command], cwd=os.getcwd(), stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as exc:
        raise StataError(f"shell: could not run {SHELL}: {exc.strerror}", 693) from None
    try:
        _show_output(session, child)
    except BaseException:  # Ctrl-C (or anything else): the child does not outlive the command
        _stop(child)
        raise
    finally:
        child.stdout.close()


def _show_output(session, child: subprocess.Popen) -> None:
    """The child's lines as they come, until it has exited and its pipe is drained.  A process
    it left running in the background (``shell viewer file &``) may hold the pipe open: once
    the child itself is gone, what is not already written is not waited for."""
    pending = b""
    fd = child.stdout.fileno()
    exited = False
    while True:
        ready, _, _ = select.select([fd], [], [], 0 if exited else 0.1)
        chunk = os.read(fd, 65536) if ready else b""
        if ready and not chunk:  # end of file
            break
        if not ready:
            if exited:  # drained after the child's exit (what it wrote just before is not lost)
                break
            exited = child.poll() is not None
            continue
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            session.print(line.decode("utf-8", errors="replace").rstrip("\r"))
        if lines:
            session.out.flush()
    if pending:
        session.print(pending.decode("utf-8", errors="replace").rstrip("\r"))
    child.wait()


def cmd_winexec(session, cmd) -> None:
    """``winexec program [args]``: start it and go on without waiting (its output is not shown:
    nothing is left to read it once the command has returned)."""
    command = cmd.args.strip()
    if not command:
        raise StataError("winexec: a program name is required", 198)
    try:
        subprocess.Popen([SHELL, "-c", command], cwd=os.getcwd(), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise StataError(f"winexec: could not run {SHELL}: {exc.strerror}", 693) from None


def _interactive_shell(session) -> None:
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise StataError("shell: an interactive shell needs a terminal, and mlm's input is not one "
                         "(a do-file, a pipe or a notebook); type the operating-system command after "
                         "shell, as in shell ls", 198)
    session.out.flush()
    program = os.environ.get("SHELL") or SHELL
    try:
        subprocess.call([program], cwd=os.getcwd())
    except OSError as exc:
        raise StataError(f"shell: could not run {program}: {exc.strerror}", 693) from None


def _stop(child: subprocess.Popen) -> None:
    """End the child's process group: SIGTERM, then SIGKILL if it is still there after a moment."""
    for sig, grace in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(child.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            child.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
