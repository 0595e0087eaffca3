"""The interactive prompt (``mlm`` on a terminal).

Prompt ``. ``; a line ending in ``///`` continues on a ``> `` prompt.  Line
editing, persistent history (``~/.mlm_history``) and tab completion of command
and variable names come from prompt_toolkit.  Ctrl-C cancels the line being
typed or the command running, never the session; an error prints and the
session goes on; ``exit``, ``quit`` or Ctrl-D leave.

``run_repl(runner, read_line=…)`` takes any ``read_line(prompt) -> str``
(raising ``EOFError`` at the end), which is how the tests drive it.
"""
from __future__ import annotations

import os
import re
import sys
from typing import Callable

from mlmcli.errors import ExitRequest

HISTORY_FILE = "~/.mlm_history"


def run_repl(runner, read_line: Callable[[str], str] | None = None) -> int:
    """Read-eval-print loop; returns the exit code (``exit #`` sets it)."""
    session = runner.session
    out = session.out
    if read_line is None:
        read_line = _terminal_reader(session)
        if sys.stdout.isatty():
            runner.error_style = red
    while True:
        try:
            text = _read_command(read_line)
        except KeyboardInterrupt:
            out.line("")
            continue
        except EOFError:
            out.line("")
            return 0
        if not text.strip():
            continue
        try:
            runner.run_text(text, echo=False, stop_on_error=True)
        except ExitRequest as req:
            return req.rc
        except KeyboardInterrupt:
            out.quiet = 0
            out.line("--Break--")
            out.line("r(1);")
        out.line("")
        out.flush()


def red(text: str) -> str:
    """Error text in red for the terminal (rich renders the escape codes)."""
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, color_system="standard", width=10_000).print(
        Text(text.rstrip("\n"), style="red"), end="")
    return buffer.getvalue() + "\n"


def _read_command(read_line: Callable[[str], str]) -> str:
    """One command, joining ``///`` continuation lines (and open ``/* */`` comments); a
    ``{`` block keeps reading on numbered prompts (``  2. ``) until its ``}``."""
    from mlmcli.preprocess import clean_line, block_depth, input_varlist, program_name

    lines: list[str] = []
    depth = 0
    prompt = ". "
    while True:
        line = read_line(prompt)
        lines.append(line)
        _, depth, cont = clean_line(line, depth)
        if cont or depth:
            prompt = "> "
            continue
        text = "\n".join(lines)
        if not block_depth(text):
            return text
        first = 0 if program_name(lines[0]) or input_varlist(lines[0]) else 1  # numbered from 1
        prompt = f"{len(lines) + first:>3}. "


def _terminal_reader(session) -> Callable[[str], str]:
    """prompt_toolkit on a terminal; plain ``input`` otherwise."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return input
    try:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory, InMemoryHistory
    except ImportError:  # pragma: no cover - a dependency, but stay usable without it
        return input
    path = os.path.expanduser(HISTORY_FILE)
    try:
        history = FileHistory(path)
        open(path, "a").close()
    except OSError:
        history = InMemoryHistory()
    prompt_session = PromptSession(history=history, completer=make_completer(session),
                                   complete_while_typing=False)
    return lambda prompt: prompt_session.prompt(prompt)


def make_completer(session):
    """Tab completion: command names for the first word, variable names after it."""
    from prompt_toolkit.completion import Completer, Completion

    class StataCompleter(Completer):
        def get_completions(self, document, complete_event):
            for word, start in completions(session, document.text_before_cursor):
                yield Completion(word, start_position=start)

    return StataCompleter()


_SIMPLE_PREFIXES = {"quietly", "qui", "noisily", "noi", "n", "capture", "cap"}


def completions(session, before: str) -> list[tuple[str, int]]:
    """(candidate, start offset) pairs for the text before the cursor.

    In command position (line start, after a prefix's ``:``, or after
    ``quietly``/``capture``/``noisily``) the candidates are command names;
    elsewhere they are the dataset's variable names.
    """
    from mlmcli.commands import command_names

    current = "" if not before or before[-1].isspace() else re.split(r"[\s(,:\[]", before)[-1]
    head = before[:len(before) - len(current)].rstrip()
    words = head.split()
    command_position = not head or head.endswith(":") or (words[-1] in _SIMPLE_PREFIXES)
    if command_position:
        pool = command_names()
    else:
        pool = list(session.data.varnames) if session.data is not None else []
    return [(w, -len(current)) for w in pool if w.startswith(current)]
