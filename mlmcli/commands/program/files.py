"""Programming commands that deal with files and the surroundings: ``do``/``run``/``include``,
``cd``/``pwd``, ``tempfile``/``tempvar``/``tempname``, ``sleep``."""
from __future__ import annotations

import itertools
import os
import time

from mlmcli.blocks import split_list
from mlmcli.errors import ExitRequest, StataError, file_not_found, invalid_syntax
from mlmcli.program_trace import file_frame
from mlmcli.session import nesting_level, preserve_scope
from mlmcli.syntax.varlist import NAME_RE
from mlmcli.textscan import is_quote_start, quote_end


# ----- do, run, include -----

def cmd_do(session, cmd) -> None:
    """``do file [args]`` echoes the file's commands; ``run`` runs it silently."""
    from mlmcli.runner import Runner, current_runner

    silent = cmd.name == "run"
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    body, options, _ = split_options(cmd.args)  # do file [arguments] [, nostop]
    nostop = bool(resolve_options(options, [OptionSpec("nostop", 6)]).get("nostop"))
    path, arguments = split_filename(body)
    text = _read_do_file(path)
    parent = current_runner(session)
    child = Runner(session, debug=parent.debug if parent else False)
    child.pending_blank = True  # Stata leaves a blank line after `. do file`
    out = session.out
    echo = not silent and (parent.echo if parent else True)
    rc = run_do_text(child, session, text, arguments, echo=echo, silent=silent, nostop=nostop)
    if rc and not nostop:
        # Stata: "r(199);", blank, "end of do-file", blank, then the caller's "r(199);"
        if echo:
            out.line("")
            out.line("end of do-file")
            out.line("")
        raise StataError("", rc)
    if echo:
        if child.pending_blank:
            out.line("")
        out.line(".")
        out.line("end of do-file")


def _read_do_file(path: str) -> str:
    """The text of a do-file named as typed (``.do`` added when it has no extension)."""
    if not path:
        raise invalid_syntax()
    if not os.path.splitext(path)[1] and not os.path.exists(path):
        path += ".do"
    if not os.path.isfile(path):
        raise file_not_found(path)
    try:
        with open(path, "rb") as fh:
            return decode_do_file(fh.read())
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None


def decode_do_file(raw: bytes) -> str:
    """UTF-8 (Stata 14+, most editors) or else Windows-1252, which Stata 13 do-files
    written on Windows use; a byte-order mark is dropped."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_text_lines(path: str, shown: str) -> list[str]:
    """The lines of a text file (``type``, ``file read``), decoded as do-files are; a line ends
    at \\n, \\r\\n or \\r (files from Windows or old Macs read alike).  ``shown``: the name in
    Stata's errors (not there r(601), unreadable r(603))."""
    if not os.path.isfile(path):
        raise file_not_found(shown)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        raise StataError(f"file {shown} could not be opened", 603) from None
    lines = decode_do_file(raw).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it is no empty line
    return lines


def run_do_text(runner, session, text: str, arguments: str = "", *, echo: bool = True,
                silent: bool = False, nostop: bool = False) -> int:
    """Run do-file text with its own local macros (`0`, `1`, … hold the arguments);
    ``nostop``: a failing command shows its error and the next one runs."""
    saved_locals = session.locals
    session.caller_locals.append(saved_locals)
    session.locals = {"0": arguments} if arguments else {}
    for k, word in enumerate(split_list(arguments), 1):
        session.locals[str(k)] = word
    out = session.out
    if silent:
        out.quiet += 1
    session._do_depth = getattr(session, "_do_depth", 0) + 1
    try:
        with nesting_level(session), preserve_scope(session), file_frame(session):
            return runner.run_text(text, echo=echo, stop_on_error=not nostop)
    except ExitRequest as req:
        if req.rc:
            out.line(f"r({req.rc});")
        return req.rc
    finally:
        session._do_depth -= 1
        if silent:
            out.quiet -= 1
        session.locals = saved_locals
        session.caller_locals.pop()


def split_filename(args: str) -> tuple[str, str]:
    """(the file name, quotes removed; the rest of the text)."""
    args = args.strip()
    if args and is_quote_start(args, 0):
        end = quote_end(args, 0)
        if end < 0:
            raise invalid_syntax()
        mark = 2 if args[0] == "`" else 1  # `"…"' or "…"
        return args[mark:end - mark], args[end:].strip()
    parts = args.split(None, 1)
    if not parts:
        return "", ""
    path = parts[0].rstrip(",")
    return path, parts[1] if len(parts) > 1 else ""


def one_filename(args: str) -> str:
    """The file name of ``args`` (quotes removed), which must be one word: ``log using my log``
    is ``invalid 'log'`` r(198), as ``save my file`` (data/common.one_file_word)."""
    path, extra = split_filename(args)
    if extra:
        raise StataError(f"invalid '{extra.split()[0]}'", 198)
    return path


def cmd_include(session, cmd) -> None:
    """``include file``: run a do-file's lines as if typed here (same local macros)."""
    from mlmcli.runner import Runner, current_runner

    path, _ = split_filename(cmd.args)
    text = _read_do_file(path)
    parent = current_runner(session)
    child = Runner(session, debug=parent.debug if parent else False)
    child.pending_blank = True
    with nesting_level(session):
        rc = child.run_text(text, echo=parent.echo if parent else True)
    if rc:
        raise StataError("", rc)


# ----- working directory, temporary names, sleep -----

def cmd_cd(session, cmd) -> None:
    """``cd [dir]``: change the working directory and show it (Stata on Unix does)."""
    target, _ = split_filename(cmd.args)
    target = os.path.expanduser(target or "~")
    try:
        os.chdir(target)
    except OSError:
        raise StataError(f"unable to change to {target}", 170) from None
    session.print(os.getcwd())


def cmd_pwd(session, cmd) -> None:
    session.print(os.getcwd())


def cmd_mkdir(session, cmd) -> None:
    """``mkdir dir [, public]``: create a folder (``could not create directory`` r(693))."""
    target, rest = split_filename(cmd.args)
    if not target or (rest and rest.lstrip(",").strip() not in ("", "public")):
        raise invalid_syntax()
    try:
        os.mkdir(os.path.expanduser(target))
    except OSError:
        raise StataError(f"could not create directory {target}", 693) from None



def cmd_rmdir(session, cmd) -> None:
    """``rmdir dir``: remove an empty folder (one that is not there, not empty, or cannot be
    removed: ``could not remove directory`` r(693), as mkdir's r(693))."""
    target, rest = split_filename(cmd.args)
    if not target or rest.strip():
        raise invalid_syntax()
    try:
        os.rmdir(os.path.expanduser(target))
    except OSError:
        raise StataError(f"could not remove directory {target}", 693) from None

def cmd_erase(session, cmd) -> None:
    """``erase filename`` (``rm`` on Unix): delete a file; Stata's errors: not there r(601),
    a folder or no permission r(608)."""
    target, rest = split_filename(cmd.args)
    if not target or rest.strip():
        raise invalid_syntax()
    path = os.path.expanduser(target)
    if not os.path.lexists(path):
        raise StataError(f"file {target} not found", 601)
    if os.path.isdir(path) and not os.path.islink(path):
        raise StataError(f"file {target} is read-only; cannot be modified or erased", 608)
    try:
        os.remove(path)
    except OSError:
        raise StataError(f"file {target} is read-only; cannot be modified or erased", 608) from None


def cmd_tempnames(session, cmd) -> None:
    """``tempvar a b`` / ``tempname`` / ``tempfile``: locals holding fresh names
    (``__000000`` …; tempfile names are files in the system temporary folder)."""
    import tempfile

    names = cmd.args.split()
    if not names or not all(NAME_RE.match(n) for n in names):
        raise invalid_syntax()
    counter = getattr(session, "_temp_counter", 0)
    # inside a program, its temporary variables, scalars and matrices go when it ends
    frame = session.return_frames[-1] if session.return_frames else None
    for name in names:
        token = f"__{counter:06X}"
        counter += 1
        if cmd.name == "tempfile":
            token = _fresh_tempfile(tempfile.gettempdir())
            if frame is not None:  # erased when the program ends ([P] macro)
                frame.setdefault("tempfiles", []).append(token)
        elif frame is not None:
            frame.setdefault("temps", []).append(token)
        session.locals[name] = token
    session._temp_counter = counter


_TEMPFILES: list[str] = []
_TEMPFILE_SERIAL = itertools.count()


def _fresh_tempfile(folder: str) -> str:
    """A tempfile name no session of this process has handed out and no file begins with
    (several sessions share a process in the Jupyter kernel and the tests; a reused process id
    meets names an earlier process left, such as a folder made as ``"`t'_folder"``): erased at
    exit."""
    import glob

    while True:
        path = os.path.join(folder, f"St{os.getpid()}.__{next(_TEMPFILE_SERIAL):06X}")
        if not glob.glob(glob.escape(path) + "*"):
            _remove_at_exit(path)
            return path


def _remove_at_exit(path: str) -> None:
    """Stata erases tempfiles when the program that made them ends, and its own temporary
    files when it exits; we erase, when the interpreter exits, the tempfile and every file
    named after it (``"`t'.csv"``, ``"`t'.png"``: no file began with the name when it was
    handed out)."""
    import atexit

    if not _TEMPFILES:
        atexit.register(_erase_tempfiles)
    _TEMPFILES.append(path)


def _erase_tempfiles() -> None:
    import glob

    for path in _TEMPFILES:
        for candidate in glob.glob(glob.escape(path) + "*"):
            # a folder made under the name may hold what the user meant to keep
            if os.path.isdir(candidate) and not os.path.islink(candidate):
                continue
            try:
                os.remove(candidate)
            except OSError:
                pass


def cmd_sleep(session, cmd) -> None:
    """``sleep #``: wait # milliseconds."""
    try:
        ms = float(cmd.args.strip())
    except ValueError:
        raise invalid_syntax() from None
    time.sleep(max(ms, 0) / 1000)


