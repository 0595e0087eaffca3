"""``set trace on``: the trace of the programs mlm runs ([P] trace), in the layout of Stata's logs.

A program (``program define``) that starts while trace is on, at a depth no deeper than
``set tracedepth``, is traced:

```
. myprog a b
  ---------------------------------------------------------------------- begin myprog ---
  - args x y
  - display "`x'"
  = display "a"
a
  - if "`y'" == "" {
  = if "b" == "" {
    display "nothing"
    }
  ------------------------------------------------------------------------ end myprog ---
```

- each line it executes: ``- `` and the line as stored (comments and leading blanks gone,
  ``///`` continuations joined); then ``= `` and the line after macro expansion when expansion
  changed it and ``set traceexpand`` is on;
- the lines of a ``{ }`` block it passes over (an if whose condition is false, the other
  branch of if/else): two blanks in place of ``- ``, the closing ``}`` too; the closing ``}``
  of a block it runs is ``- }`` (once per loop iteration);
- ``begin name`` / ``end name`` lines (``set tracesep``) as wide as the line size, the name
  followed by `` ---``, dashes before it;
- everything indented two blanks per program level (``set traceindent``; a program called
  from a do-file or the command line is level 1), ``set tracenumber`` putting the level
  (``01``, ``02``) before each line of code;
- commands' own output and error messages as without trace, unindented; the trace is shown
  under ``quietly`` and ``capture`` too (Stata's logs show the trace of ``quietly findfile``
  inside ``sysuse``).

mlm's own commands (regress, mixed, ...) have no program text: a line that runs one is traced
and nothing follows it but the command's output, as with Stata's built-in commands.  A do-file
run from a program (``do``, ``run``) is not traced (``do`` echoes its lines), the programs it
calls are.  ``set trace`` set inside a program or do-file lasts until it ends (Stata restores
the setting then).  ``set tracehilite`` highlights in bold on Stata's screen; its logs in text
have no bold, so the trace text is unchanged.  Evidence and what remains uncertain:
docs/set_trace.md.
"""
from __future__ import annotations

from contextlib import contextmanager

PROGRAM, FILE = "program", "file"


def _settings(session) -> dict:
    from mlmcli.syntax.settings import setting_value

    return {name: setting_value(session, name)
            for name in ("trace", "tracedepth", "traceexpand", "tracesep", "traceindent", "tracenumber")}


def program_depth(session) -> int:
    """How many programs are running (the level of the innermost one; 0 outside programs)."""
    return sum(1 for kind, _ in session.trace_frames if kind == PROGRAM)


def _traced_frame(session) -> bool:
    """Whether the innermost running thing is a program traced when it began."""
    return bool(session.trace_frames) and session.trace_frames[-1] == (PROGRAM, True)


def _prefix(settings: dict, depth: int) -> str:
    number = f"{depth:02d}" if settings["tracenumber"] == "on" else ""
    return number + ("  " * depth if settings["traceindent"] == "on" else "")


def emit(session, lines) -> None:
    """Write trace lines whatever ``quietly`` or ``capture`` is in force."""
    out = session.out
    saved, out.quiet = out.quiet, 0
    try:
        for line in lines:
            out.line(line)
    finally:
        out.quiet = saved


def executed_lines(session, typed: str, expanded: str | None, depth: int | None = None) -> list[str]:
    """``- typed`` and, when expansion changed it (traceexpand on), ``= expanded``."""
    settings = _settings(session)
    depth = program_depth(session) if depth is None else depth
    lead = _prefix(settings, depth)
    lines = [f"{lead}- {typed}".rstrip()]
    if expanded is not None and expanded != typed and settings["traceexpand"] == "on":
        lines.append(f"{lead}= {expanded}".rstrip())
    return lines


def trace_line(session, typed: str, expand=None) -> str:
    """Run ``expand()`` (macro expansion of ``typed``; None: the line has none) and return its
    text; in a traced program ``- typed`` first (so a failing expansion follows its line) and
    ``= expanded`` after when it changed and traceexpand is on."""
    if not _traced_frame(session):
        return expand() if expand is not None else typed
    settings = _settings(session)
    lead = _prefix(settings, program_depth(session))
    emit(session, [f"{lead}- {typed}".rstrip()])
    if expand is None:
        return typed
    expanded = expand()
    if expanded != typed and settings["traceexpand"] == "on":
        emit(session, [f"{lead}= {expanded}".rstrip()])
    return expanded


def trace_skipped(session, lines_of) -> None:
    """The lines ``lines_of()`` gives (``block_lines``) of a block the running program passes over."""
    if _traced_frame(session):
        lead = _prefix(_settings(session), program_depth(session))
        emit(session, [f"{lead}  {line}".rstrip() for line in lines_of()])


def block_lines(item) -> list[str]:
    """A stored command as the program's lines: a block's header with its ``{``, its body and
    ``}``, then its else part."""
    if item.body is None:
        return [item.text]
    lines = [f"{item.text} {{"]
    for sub in item.body:
        lines += block_lines(sub)
    lines.append("}")
    if item.orelse is not None:
        lines += block_lines(item.orelse)
    return lines


def separator(settings: dict, depth: int, word: str, name: str, linesize: int) -> str:
    """``  ----...---- begin name ---`` as wide as the line size."""
    lead = "  " * depth if settings["traceindent"] == "on" else ""
    tail = f" {word} {name} ---"
    return lead + "-" * max(linesize - len(lead) - len(tail), 1) + tail


@contextmanager
def program_frame(session, name: str):
    """Run a program's body as one more level: its begin/end lines when it is traced, and
    ``set trace`` restored when it ends.  An error's message is shown before the end line
    (where the failing command printed it) when that line is drawn."""
    from mlmcli.errors import StataError

    settings = _settings(session)
    depth = program_depth(session) + 1
    traced = settings["trace"] == "on" and depth <= int(settings["tracedepth"])
    saved = session.settings.get("trace")
    session.trace_frames.append((PROGRAM, traced))
    sep = traced and settings["tracesep"] == "on"
    if sep:
        emit(session, [separator(settings, depth, "begin", name, session.linesize)])
    try:
        yield
    except StataError as err:
        if not sep or not err.message:
            raise
        _show_error_now(session, err.message)
        raise StataError("", err.rc) from None
    finally:
        session.trace_frames.pop()
        if sep:
            emit(session, [separator(_settings(session), depth, "end", name, session.linesize)])
        _restore_trace(session, saved)


def _show_error_now(session, message: str) -> None:
    """The message as Runner.guarded would print it later: under capture only when output is
    on (capture noisily), otherwise always."""
    if session.capture_depth:
        session.out.line(message)
    else:
        emit(session, [message])


@contextmanager
def file_frame(session):
    """A do-file run by ``do``/``run``: its lines are not traced; ``set trace`` restored at its end."""
    saved = session.settings.get("trace")
    session.trace_frames.append((FILE, False))
    try:
        yield
    finally:
        session.trace_frames.pop()
        _restore_trace(session, saved)


def _restore_trace(session, saved) -> None:
    if saved is None:
        session.settings.pop("trace", None)
    else:
        session.settings["trace"] = saved


def traced_command(session, command: str) -> list[str]:
    """The trace of one command a built-in prefix runs with trace switched on around it
    (jackknife's ``trace``): the command's line one level below the caller's, ``[]`` when
    ``set tracedepth`` is shallower."""
    depth = program_depth(session) + 1
    if depth > int(_settings(session)["tracedepth"]):
        return []
    return executed_lines(session, command, None, depth)
