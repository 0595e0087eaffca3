"""The interactive prompt (``mlm`` on a terminal).

Prompt ``. ``; a line ending in ``///`` continues on a ``> `` prompt, a ``{``
block on numbered prompts.  Line editing, persistent history
(``~/.mlm_history``), syntax colouring (``repl_highlight``) and tab completion
of commands, options, variables, macros and file names (``repl_completion``)
come from prompt_toolkit.  ``#review`` lists the lines typed so far.  Ctrl-C cancels the line being
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
from mlmcli.repl_completion import completions, make_completer  # noqa: F401 (the REPL's API)

HISTORY_FILE = "~/.mlm_history"


def run_repl(runner, read_line: Callable[[str], str] | None = None) -> int:
    """Read-eval-print loop; returns the exit code (``exit #`` sets it)."""
    session = runner.session
    out = session.out
    if read_line is None:
        read_line = _terminal_reader(session)
        if sys.stdout.isatty():
            runner.error_style = red
    typed: list[str] = []  # the #review buffer: the lines typed at the prompt
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
        listing = review(typed, text)
        typed += text.split("\n")
        if listing is not None:
            out.write(listing)
            out.line("")
            out.flush()
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
    from mlmcli.repl_highlight import make_lexer

    lexer, style = make_lexer()
    prompt_session = PromptSession(history=history, completer=make_completer(session),
                                   complete_while_typing=False, lexer=lexer, style=style)
    return lambda prompt: prompt_session.prompt(prompt)


def review(typed: list[str], text: str) -> str | None:
    """Stata's ``#review [#1 [#2]]`` (abbreviated down to ``#r``): the last #1 lines typed at
    the prompt (default 20), or #2 of them starting at the #1-th previous line, numbered
    backwards from the oldest shown.  None when ``text`` is not a ``#review``."""
    m = re.fullmatch(r"\s*#r(?:e(?:v(?:i(?:e(?:w)?)?)?)?)?(?:\s+(\d+))?(?:\s+(\d+))?\s*", text)
    if not m:
        return None
    first = int(m.group(1)) if m.group(1) else 20
    count = int(m.group(2)) if m.group(2) else first
    first = min(first, len(typed))
    shown = [(k, typed[-k]) for k in range(first, max(first - count, 0), -1)]
    if not shown:
        return ""
    width = len(str(shown[0][0]))
    return "".join(f"{k:>{width}} {line}\n" for k, line in shown)
