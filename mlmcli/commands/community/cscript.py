"""``cscript`` (Stata's certification-script header, [P] cscript) and ``mkdirp`` (SSC: make
a folder and its parents).

    cscript ["text" ...] [adofile|adofiles progname [progname ...]]

As Stata's cscript does: a rule ending ``BEGIN text`` marks where the script starts, memory
is cleared as by ``clear all`` (data, value labels, results, matrices, scalars, stored
estimates, Mata, programs), and for each program after ``adofile``/``adofiles`` the script
records ``-> which name, all`` with ``which``'s answer (a program mlm lacks stops the
script with ``which``'s r(111), as a missing ado-file stops Stata's).

    mkdirp dirname

creates ``dirname`` with every missing parent folder (an existing folder is fine); a path
that cannot be made is Stata's ``could not create directory`` r(693).
"""
from __future__ import annotations

import os

from mlmcli.errors import StataError, invalid_syntax

HELP = {"cscript": 'cscript ["text"] [adofile progname ...] : start a certification script (header, clear all)',
        "mkdirp": "mkdirp dirname : create a folder and its missing parents (community command)"}

_ADO_WORDS = ("adofile", "adofiles", "adof", "adofi", "adofil")


def header_line(text: str, linesize: int) -> str:
    """The rule then ``BEGIN text``, filling the line (at least a short rule)."""
    tail = f"BEGIN {text}".rstrip()
    return "-" * max(79 - len(tail), 10) + tail if linesize >= 79 else "-" * 10 + tail


def cmd_cscript(session, cmd) -> None:
    from mlmcli.ast import Command
    from mlmcli.commands.program.ado_files import cmd_which
    from mlmcli.commands.data.common import unquote
    from mlmcli.commands.data.files import cmd_clear
    from mlmcli.textscan import find_top, split_words

    comma = find_top(cmd.args, ",")
    if comma >= 0:  # cscript takes no options
        raise StataError(f"option {cmd.args[comma + 1:].strip()} not allowed", 198)
    words = split_words(cmd.args)
    text_words, programs = words, []
    for k, w in enumerate(words):
        if w in _ADO_WORDS:
            text_words, programs = words[:k], words[k + 1:]
            if not programs:
                raise invalid_syntax()
            break
    text = " ".join(unquote(w) for w in text_words)
    session.print(header_line(text, session.linesize))
    cmd_clear(session, Command(name="clear", args="all", text="clear all"))
    session.programs = {}
    for name in programs:
        session.print("")
        session.print(f"-> which {name}, all")
        cmd_which(session, Command(name="which", args=f"{name}, all", text=f"which {name}, all"))


def cmd_mkdirp(session, cmd) -> None:
    from mlmcli.commands.program.files import split_filename

    target, rest = split_filename(cmd.args)
    if rest.strip().startswith(","):
        raise StataError(f"option {rest.strip()[1:].strip()} not allowed", 198)
    if rest.strip():
        raise invalid_syntax()
    if not target:
        raise invalid_syntax()
    path = os.path.expanduser(target)
    if os.path.isdir(path):
        return
    try:
        os.makedirs(path, exist_ok=True)
    except OSError:
        raise StataError(f"could not create directory {target}", 693) from None
