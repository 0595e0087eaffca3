"""Mata, Stata's matrix language: the subset that do-files use around a fitted model.

``mata: statement`` (or ``mata statement``) runs one statement; a ``mata`` / ``mata:`` line
opens a block that runs up to ``end``.  In a do-file the block echoes as Stata's does: the
rule ``mata (type end to exit)``, each statement after ``: `` (its further lines after
``> ``), what it displays, a blank line, ``: end`` and a closing rule.  After ``mata:`` an
error ends the block and the do-file (Stata's rc); after ``mata`` without the colon Mata
reports the error and goes on with the next statement, as at Stata's Mata prompt.

What runs (grammar/mata.lark; mlmcli.mata.interpreter, operators, library): real and string
scalars and matrices in global variables kept by the session (``clear mata`` /
``mata clear`` drops them); the arithmetic, colon, join, range, comparison, logical,
transpose and subscript operators; ``=`` (also into subscripts, chained), ``++``/``--``;
``for``, ``while``, ``if``/``else``, ``break``, ``continue``, ``{ }`` blocks; the functions
of ``mlmcli.mata.library`` (``st_matrix``, ``st_numscalar``, ``st_local``, ``stata()``,
``st_data``, ``J``, ``I``, ``diag``, ``invsym``, ``cholesky``, ``sum``, ``exp``,
``invlogit``, ``_gauss_hermite_nodes`` ...).  Not available: defining functions, pointers,
structures and classes, views, complex numbers (Mata's ``unknown function`` or ``invalid
expression`` errors say so).
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError

_COMMAND = re.compile(r"^mata\s+(clear|drop\s+(.+)|describe)\s*$")
_BANNER = " mata (type end to exit) "


def run_statement(session, text: str, run_stata) -> None:
    """One statement (``mata: x = 1``): its display printed, its error raised.
    ``run_stata(command) -> rc`` runs Mata's ``stata()`` calls."""
    _execute(session, text, run_stata)


def run_block(session, lines: list[list[str]], stop_on_error: bool, echo: bool, run_stata) -> None:
    """The lines of a ``mata`` block, each a list of typed lines (continuations joined by
    the preprocessor); statements that span lines (``{ ... }``) are gathered first."""
    linesize = session.linesize
    if echo:
        left = 49
        session.print("-" * left + _BANNER + "-" * max(linesize - left - len(_BANNER), 0))
    pending: list[str] = []
    for typed in lines:
        pending.extend(typed)
        if not _complete("\n".join(pending)):
            continue
        statement, pending = "\n".join(pending), []
        if echo:
            for k, line in enumerate(statement.split("\n")):
                session.print(("> " if k else ": ") + line)
        try:
            _execute(session, statement, run_stata)
        except StataError as err:
            if stop_on_error:  # back to Stata with the error: no `end`
                raise
            session.print(err.message)
            session.print(f"r({err.rc});")
        if echo:
            session.print()
    if echo:
        session.print(": end")
        session.print("-" * linesize)
    if pending:  # the block ended inside a statement: Mata's unexpected end of line
        raise StataError(f"{'<istmt>':>24}:  3000  unexpected end of line", 3000)


def _execute(session, text: str, run_stata) -> None:
    from mlmcli.mata.interpreter import Interpreter, parse_statements
    from mlmcli.render.mata import render_value

    command = _COMMAND.match(text.strip())
    if command:
        _mata_command(session, command)
        return
    linesize = session.linesize

    def show(value) -> None:
        shown = render_value(value, linesize)
        if shown:
            session.print(shown)

    Interpreter(session, show, run_stata).run(parse_statements(text))


def _mata_command(session, match: re.Match) -> None:
    """``mata clear``; ``mata drop names``; ``mata describe`` (names and dimensions)."""
    word = match.group(1).split()[0]
    if word == "clear":
        session.mata.clear()
    elif word == "drop":
        for name in match.group(2).split():
            session.mata.pop(name, None)
    else:
        for name, value in sorted(session.mata.items()):
            kind = "string" if value.dtype == object else "real"
            shape = "scalar" if value.shape == (1, 1) else f"matrix[{value.shape[0]},{value.shape[1]}]"
            session.print(f"    {kind} {shape:<20} {name}")


def _complete(text: str) -> bool:
    """Whether the brackets of ``text`` are balanced (strings and // comments aside)."""
    depth = 0
    in_string = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif text.startswith("//", i):
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        i += 1
    return depth <= 0
