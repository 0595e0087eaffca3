"""Writing a file so that a user's file is never lost or half-written.

:func:`atomic_write` is the one way every writer here puts a file on disk:

1. The target is checked first, with Stata's messages: an existing file without
   ``replace`` is r(602); a read-only file (no write bit, or not writable by us)
   is r(608); a folder that does not exist or cannot take a new file is r(603).
2. A symbolic link is followed: the file it points to is rewritten and the link
   stays a link.
3. The content goes to a temporary file in the target's own folder (so the final
   rename never crosses file systems), is flushed and ``fsync``-ed, takes the old
   file's permission bits (or the umask's for a new file), and replaces the
   target with ``os.replace``; the folder is then ``fsync``-ed so the rename is
   durable.
4. On any failure, Ctrl-C, SIGTERM or SIGHUP the temporary file is removed and
   the target is untouched; a signal is then delivered again with its previous
   handler so the process ends as it would have.  (SIGKILL cannot be caught: the
   temporary file, named ``.<name>.mlm-tmp-*``, may then stay behind.)
"""
from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from typing import Callable, Iterator

from mlmcli.errors import StataError
from mlmcli.fileformats import messages

_CAUGHT_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                        if s is not None)


class _Signalled(BaseException):
    """Raised inside a write when SIGTERM/SIGHUP arrives, so the temp file can be removed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def resolve_target(path: str) -> str:
    """The file a write to ``path`` must change: a symbolic link's final target."""
    return os.path.realpath(path) if os.path.islink(path) else path


def check_writable(path: str, replace: bool) -> str:
    """Check that ``path`` may be written (Stata's r(602)/r(603)/r(608)); return the real target."""
    target = resolve_target(path)
    if os.path.isdir(target):
        raise messages.cannot_open(path)
    if os.path.lexists(target):
        if not replace:
            raise messages.already_exists(path)
        mode = os.stat(target).st_mode
        # root may write anything: a file with no write bit is still refused, as a user expects
        if not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(target, os.W_OK):
            raise messages.read_only(path)
    elif os.path.lexists(path) and not replace:  # a dangling symbolic link
        raise messages.already_exists(path)
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK | os.X_OK):
        raise messages.cannot_open(path)
    return target


@contextlib.contextmanager
def _signals_raise() -> Iterator[list]:
    """While active, SIGTERM/SIGHUP raise :class:`_Signalled` (main thread only)."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    previous = {}

    def handler(signum, frame):
        caught.append(signum)
        raise _Signalled(signum)

    for sig in _CAUGHT_SIGNALS:
        if signal.getsignal(sig) is signal.SIG_IGN:  # e.g. SIGHUP under nohup: stays ignored
            continue
        try:
            previous[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):
            pass
    try:
        yield caught
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _mode_for(target: str) -> int:
    """Permission bits for the new file: the old file's, or 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str, write: Callable[[str], None], *, replace: bool) -> None:
    """Create or replace ``path`` with what ``write(tmp_path)`` puts in ``tmp_path``.

    ``write`` gets the path of an empty temporary file in the target's folder and
    fills it (it may reopen it by name).  A :class:`StataError` from ``write``
    passes through; an ``OSError`` becomes r(693) (r(603) when permission is
    denied).  Either way the temporary file is removed and the target unchanged.
    """
    target = check_writable(path, replace)
    folder = os.path.dirname(os.path.abspath(target))
    base = os.path.basename(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.mlm-tmp-", dir=folder)
    except OSError:
        raise messages.cannot_open(path) from None
    os.close(fd)
    signum = None
    try:
        with _signals_raise():
            try:
                write(tmp)
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.chmod(tmp, _mode_for(target))
                os.replace(tmp, target)
            except _Signalled as sig:
                signum = sig.signum
    except StataError:
        _remove_quietly(tmp)
        raise
    except PermissionError:
        _remove_quietly(tmp)
        raise messages.cannot_open(path) from None
    except OSError as exc:
        _remove_quietly(tmp)
        raise messages.write_failed(path, exc.strerror or str(exc)) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise
    if signum is not None:
        _remove_quietly(tmp)
        signal.raise_signal(signum)  # the restored handler now does what it would have done
        raise KeyboardInterrupt  # a handler that returned: stop the command all the same
    _fsync_folder(folder)


def write_bytes_atomic(path: str, data: bytes, *, replace: bool) -> None:
    """:func:`atomic_write` of a ready byte string."""
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)
    atomic_write(path, write, replace=replace)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
