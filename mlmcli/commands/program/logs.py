"""Logs: ``log using|close|off|on|query`` (SMCL by default, as Stata 13; plain text with
``text`` or a ``.log`` name; up to five logs open at once under ``name()``), ``translate``
(SMCL to text), and ``cmdlog`` (the commands typed, one per line).

A log sees exactly the text the screen gets.  An SMCL log keeps that text with its
braces escaped and each line tagged: ``{com}`` for echoed commands, ``{err}`` for
``r(#);`` and error lines, ``{txt}`` for the rest, so ``translate`` gives back the text a
text log would have held."""
from __future__ import annotations

import os
import re
import time

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.fileformats.safe_write import check_writable
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import is_name

MAX_LOGS = 5  # Stata allows five simultaneous logs
UNNAMED = "<unnamed>"


class LogFile:
    """One open log: where it writes, in which form, and whether ``log off`` paused it."""

    def __init__(self, name: str, path: str, kind: str, handle, appended: bool):
        self.name, self.path, self.kind, self.handle = name, path, kind, handle
        self.active = True
        self.show_msg = True  # the name/type/date block at open and close (nomsg drops it)
        self._pending = ""  # an SMCL log tags whole lines
        if kind == "smcl" and not appended:
            handle.write("{smcl}\n")

    def write(self, text: str) -> None:
        if self.kind == "text":
            self.handle.write(text)
            return
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self.handle.write(smcl_line(line) + "\n")

    def flush(self) -> None:
        self.handle.flush()

    def close(self) -> None:
        if self._pending:
            self.handle.write(smcl_line(self._pending) + "\n")
            self._pending = ""
        self.handle.close()


def smcl_line(line: str) -> str:
    """One output line as SMCL: braces escaped, tagged by what it is."""
    from mlmcli.help.smcl_text import smcl_literal

    text = smcl_literal(line)
    if line.startswith((". ", "> ")) or line == ".":
        return "{com}" + text
    if re.fullmatch(r"r\(\d+\);", line):
        return "{err}" + text
    return "{txt}" + text


class LogSet:
    """The open logs, seen by ``Output`` as one stream (``session.out.log``)."""

    def __init__(self):
        self.logs: dict[str, LogFile] = {}

    def write(self, text: str) -> None:
        for log in self.logs.values():
            if log.active:
                log.write(text)

    def flush(self) -> None:
        for log in self.logs.values():
            log.flush()

    def close(self) -> None:
        for log in self.logs.values():
            log.close()
        self.logs.clear()


def _logset(session) -> LogSet:
    out = session.out
    if not isinstance(out.log, LogSet):
        if out.log is not None:  # a stream someone else put there (the kernel's): keep it writing
            raise StataError("log file already open", 604)
        out.log = LogSet()
    return out.log


def _open_logs(session) -> dict[str, LogFile]:
    """The open logs by name (empty when none is open)."""
    return session.out.log.logs if isinstance(session.out.log, LogSet) else {}


def _release_if_empty(session) -> None:
    if isinstance(session.out.log, LogSet) and not session.out.log.logs:
        session.out.log = None


def _header(session, log: LogFile, verb: str) -> None:
    """Stata's log information block, under a rule when a log opens and over one when it closes."""
    rule = "-" * session.linesize
    if verb == "opened on":
        session.print(rule)
    session.print(f"      name:  {log.name}")
    session.print(f"       log:  {log.path}")
    session.print(f"  log type:  {log.kind}")
    session.print(f" {verb:>9}:  {time.strftime('%e %b %Y, %H:%M:%S').strip()}")
    if verb == "closed on":
        session.print(rule)


_LOG_OPTS = [OptionSpec("replace"), OptionSpec("append"), OptionSpec("text"), OptionSpec("smcl"),
             OptionSpec("name", takes_arg=True), OptionSpec("msg"), OptionSpec("nomsg")]


def cmd_log(session, cmd) -> None:
    """``log using file [, append replace text smcl name() [no]msg]``, ``log close|off|on|query [name|_all]``."""
    from mlmcli.commands.program.files import one_filename
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(cmd.args.strip())
    words = body.split(None, 1)
    sub = words[0] if words else "query"  # `log` alone is `log query` ([R] log)
    rest = words[1].strip() if len(words) > 1 else ""
    if sub == "using":
        return _open(session, one_filename(rest), options)
    if options:
        raise StataError("options not allowed", 101)
    if sub in ("close", "off", "on") or "query".startswith(sub) and len(sub) >= 1:
        return _manage(session, "query" if "query".startswith(sub) else sub, rest)
    raise invalid_syntax()


def _open(session, path: str, options) -> None:
    if not path:
        raise invalid_syntax()
    opts = resolve_options(options, _LOG_OPTS)
    if opts.get("text") and opts.get("smcl"):
        raise StataError("options text and smcl may not be combined", 198)
    if opts.get("append") and opts.get("replace"):
        raise StataError("options append and replace may not be combined", 198)
    if opts.get("msg") and opts.get("nomsg"):
        raise StataError("options msg and nomsg may not be combined", 198)
    ext = os.path.splitext(path)[1].lower()
    default = getattr(session, "settings", {}).get("logtype", "smcl")  # set logtype text|smcl
    if opts.get("text") or (not opts.get("smcl") and (ext == ".log" or (not ext and default == "text"))):
        kind = "text"
    else:
        kind = "smcl"
    if not ext:
        path += ".log" if kind == "text" else ".smcl"
    # name("logfile"): do-files quote the name (a name inside quotes is the same name)
    name = unquote(opts["name"].strip()).strip() if isinstance(opts.get("name"), str) else UNNAMED
    if name != UNNAMED and not is_name(name):
        raise StataError(f"{name} invalid name", 198)
    logs = _open_logs(session)
    if name in logs or (session.out.log is not None and not isinstance(session.out.log, LogSet)):
        raise StataError("log file already open", 604)
    if any(log.path == os.path.abspath(path) for log in logs.values()):
        raise StataError(f"file {path} is already open as a log", 604)
    if len(logs) >= MAX_LOGS:
        raise StataError(f"too many log files open; at most {MAX_LOGS}", 1000)
    if os.path.isdir(path):
        raise StataError(f"file {path} could not be opened", 603)
    handle = _open_for_writing(path, bool(opts.get("append")), bool(opts.get("replace")))
    log = LogFile(name, os.path.abspath(path), kind, handle, appended=bool(opts.get("append")))
    # [R] log: nomsg leaves out the block at the top and bottom of the log; the default
    # is set logmsg's (on unless set off)
    default_msg = str(getattr(session, "settings", {}).get("logmsg", "on")).strip().lower() != "off"
    log.show_msg = bool(opts.get("msg")) or (default_msg and not opts.get("nomsg"))
    _logset(session).logs[name] = log
    if log.show_msg:
        _header(session, log, "opened on")


def _open_for_writing(path: str, append: bool, replace: bool):
    """A log's file, opened to append or (with ``replace``) to start afresh; never overwritten
    without ``replace``."""
    if os.path.exists(path) and not (append or replace):
        raise StataError(f"file {path} already exists", 602)
    check_writable(path, True)  # a read-only file r(608) (even for root, who could open it), no folder r(603)
    try:
        return open(path, "a" if append else "w", encoding="utf-8")
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None


def _targets(session, which: str) -> list[LogFile]:
    logs = _open_logs(session)
    if which == "_all":
        return list(logs.values())
    name = which or (UNNAMED if UNNAMED in logs or len(logs) != 1 else next(iter(logs)))
    if name not in logs:
        if not logs:
            raise StataError("no log file open", 606)
        raise StataError(f"log {name} not found", 111)
    return [logs[name]]


def _manage(session, sub: str, which: str) -> None:
    logs = _open_logs(session)
    if sub == "query":
        if not logs:
            session.print("no log file open")
            return
        for log in _targets(session, which or "_all"):
            if log.active:
                _header(session, log, "opened on")
            else:
                session.print(f"log file {log.path} is off (log on resumes it)")
        return
    if not logs and which == "_all":
        return
    for log in _targets(session, which):
        if sub == "off":
            log.active = False
        elif sub == "on":
            log.active = True
        else:
            log.active = True
            if log.show_msg:
                _header(session, log, "closed on")
            log.close()
            del logs[log.name]
    _release_if_empty(session)


# ----------------------------------------------------------------------------- translate
def smcl_to_text(smcl: str, linesize: int = 80) -> str:
    """The text a log of the same output would hold (SMCL laid out by help/smcl_text.py, the
    reader ``display`` uses)."""
    from mlmcli.help.smcl_text import render_smcl

    body = "\n".join(line for line in smcl.split("\n") if line != "{smcl}")
    return render_smcl(body, linesize)[0]


def cmd_translate(session, cmd) -> None:
    """``translate in.smcl out.log [, replace translator(smcl2log|smcl2txt) linesize(#)]``."""
    from mlmcli.fileformats.safe_write import atomic_write
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("replace"), OptionSpec("translator", takes_arg=True),
                                     OptionSpec("linesize", takes_arg=True), OptionSpec("name", takes_arg=True)])
    files = _file_words(body)
    if len(files) != 2:
        raise invalid_syntax()
    src, dst = files
    if src.lower() == "@graph" and not opts.get("translator") and opts.get("linesize") is None:
        # [R] translate: @Graph is the Graph window (name() picks one), written by its Graph2pdf,
        # Graph2eps ... translators -- graph export's files (a do-file's `translate @Graph
        # "x.pdf", name("Graph")` after marginsplot; the note it prints is graph export's, unverified)
        from mlmcli.commands.graphs.export import graph_export

        name = opts.get("name")
        rest = f'"{dst}"' + (f", name({name})" if isinstance(name, str) else ",") + (" replace" if opts.get("replace") else "")
        return graph_export(session, rest)
    if src.startswith("@") or opts.get("name") is not None:
        # [R] translate: name(windowname) picks the window when translating one (@Results,
        # @Viewer, @Graph); mlm has no windows and translates files only
        raise StataError("translating a window is not implemented in mlm (option name() and @window "
                         "input); translate a .smcl file", 198)
    translator = (opts.get("translator") or "").strip()
    src_ext, dst_ext = os.path.splitext(src)[1].lower(), os.path.splitext(dst)[1].lower()
    if not translator:
        if src_ext != ".smcl" or dst_ext not in (".log", ".txt"):
            raise StataError(f"translator for {src_ext or 'no extension'} to {dst_ext or 'no extension'} not "
                             "found; mlm translates .smcl to .log or .txt", 198)
        translator = "smcl2log"
    if translator not in ("smcl2log", "smcl2txt"):
        raise StataError(f"translator {translator} not found; mlm has smcl2log and smcl2txt", 198)
    linesize = session.linesize
    if isinstance(opts.get("linesize"), str):
        try:
            linesize = int(opts["linesize"])
        except ValueError:
            raise StataError("option linesize() invalid", 198) from None
    if not os.path.exists(src):
        raise StataError(f"file {src} not found", 601)
    try:
        with open(src, encoding="utf-8") as fh:
            smcl = fh.read()
    except (OSError, UnicodeDecodeError):
        raise StataError(f"file {src} could not be opened", 603) from None
    if not smcl.startswith("{smcl}"):
        raise StataError(f"file {src} not SMCL", 610)
    text = smcl_to_text(smcl, linesize)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
    atomic_write(dst, write, replace=bool(opts.get("replace")))
    session.print(f"(file {dst} written in .{dst_ext.lstrip('.') or 'log'} format)")


def _file_words(text: str) -> list[str]:
    words = re.findall(r'"[^"]*"|\S+', text)
    return [os.path.expanduser(w.strip('"')) for w in words]


# ----------------------------------------------------------------------------- cmdlog
class CommandLog:
    """``cmdlog using``: the commands as typed, one per line."""

    def __init__(self, path: str, handle):
        self.path, self.handle, self.active = path, handle, True

    def record(self, lines: list[str]) -> None:
        if self.active:
            for line in lines:
                self.handle.write(line.rstrip("\n") + "\n")
            self.handle.flush()


def cmd_cmdlog(session, cmd) -> None:
    """``cmdlog using file [, append replace]``, ``cmdlog close|off|on|query``."""
    from mlmcli.commands.program.files import one_filename
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(cmd.args)
    words = body.split(None, 1)
    sub = words[0] if words else "query"
    current: CommandLog | None = getattr(session, "command_log", None)
    if sub == "using":
        opts = resolve_options(options, [OptionSpec("append"), OptionSpec("replace")])
        path = one_filename(words[1] if len(words) > 1 else "")
        if not path:
            raise invalid_syntax()
        if not os.path.splitext(path)[1]:
            path += ".txt"
        if current is not None:
            raise StataError("log file already open", 604)
        handle = _open_for_writing(path, bool(opts.get("append")), bool(opts.get("replace")))
        session.command_log = CommandLog(os.path.abspath(path), handle)
        session.print(f"(cmdlog {os.path.abspath(path)} opened)")
        return
    if options:
        raise StataError("options not allowed", 101)
    if "query".startswith(sub):
        session.print(f"cmdlog {current.path} is {'open' if current.active else 'off'}" if current
                      else "no cmdlog open")
        return
    if sub not in ("close", "off", "on"):
        raise invalid_syntax()
    if current is None:
        raise StataError("no cmdlog file open", 606)
    if sub == "close":
        current.handle.close()
        session.command_log = None
        session.print(f"(cmdlog {current.path} closed)")
    else:
        current.active = sub == "on"
