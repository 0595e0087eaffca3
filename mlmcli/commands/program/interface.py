"""Commands about Stata's windows and its other language, which mlm does not have:
``cls`` (clear the Results window), ``browse``/``edit`` (the Data Editor), ``doedit`` (the
Do-file Editor), ``mata``
(one-line Mata; a ``mata:`` ... ``end`` block is refused whole by ``blocks.run_block``),
``about``."""
from __future__ import annotations

import sys

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_cls(session, cmd) -> None:
    """``cls``: clear the screen when mlm writes to a terminal; in a do-file's output or a log
    there is no screen to clear, so nothing is written.  Stata's cls reads nothing after its
    word: ``cls, clear all`` opens a course's dozen do-files that ran in Stata, and clears only
    the screen (the memory is cleared by a ``clear all`` on a line of its own)."""
    stream = session.out.stream
    if session.out.quiet == 0 and getattr(stream, "isatty", lambda: False)() and stream is sys.stdout:
        stream.write("\x1b[2J\x1b[H")
        stream.flush()


def cmd_browse(session, cmd) -> None:
    """``browse``/``edit [varlist] [if] [in] [, nolabel]``: mlm has no Data Editor; the
    variables are checked as Stata checks them and a note says to use ``list``."""
    resolve_options(cmd.options, [OptionSpec("nolabel", 5)])
    if cmd.args.strip():
        session.data.expand_varlist(cmd.args)
    if cmd.if_exp or cmd.in_range:
        from mlmcli.commands.data.common import mark
        mark(session, cmd)
    session.print(f"({cmd.name}: mlm has no Data Editor; use list to see the data)")


def cmd_doedit(session, cmd) -> None:
    """``doedit [filename]``: mlm has no Do-file Editor ([R] doedit opens one, on the file if
    named, a new file if it is not there); a note names the file."""
    from mlmcli.commands.program.files import one_filename

    name = one_filename(cmd.args.strip()) if cmd.args.strip() else ""
    session.print(f"(doedit: mlm has no Do-file Editor{'; ' + name if name else ''})")


def cmd_mata(session, cmd) -> None:
    """``mata: statement`` / ``mata statement``: one Mata statement (mlmcli.mata)."""
    from mlmcli.mata import run_statement
    from mlmcli.runner import Runner, current_runner

    text = cmd.args.strip()
    if text.startswith(":"):
        text = text[1:].strip()
    elif text.split()[:1] in (["clear"], ["drop"], ["describe"]):  # `mata clear`: a Mata command
        text = "mata " + text
    run_statement(session, text, (current_runner(session) or Runner(session)).run_command)


def cmd_about(session, cmd) -> None:
    from importlib import metadata
    try:
        version = metadata.version("mlmcli")
    except metadata.PackageNotFoundError:
        version = "(source checkout)"
    session.print(f"mlm {version}: a free Stata-syntax-compatible interpreter for multilevel models")
    session.print("Stata 13 syntax and output; not Stata, not affiliated with StataCorp")
