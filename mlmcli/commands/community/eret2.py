"""``eret2`` (Ben Jann, ``ssc install eret2``): add a scalar, macro or matrix to the current
estimation results from outside an eclass program.  Written from the package's ado-file
(version 1.0.0, 01dec2004):

    eret2 {local|scalar|matrix} name [=] ... [, replace matrix_options]

As the ado-file: the type may be abbreviated to three letters (``loc``, ``sca``, ``mat``), any
other word is ``'word' not allowed`` r(198); without ``replace`` a name e() already holds is
``e(name) already defined`` r(110) (the ado-file's ``confirm existence `e(name)'``: a
non-empty e() macro or scalar -- an e() matrix counts too, uncertain, see the help page); the
rest goes to ``ereturn local|scalar|matrix`` as typed, so its rules and errors apply
(``ereturn matrix``'s ``copy``; b and V refused).
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import split_options

HELP = {"eret2": "eret2 {local|scalar|matrix} name [=] ... [, replace] : add a result to the "
                 "current e() (community command)"}

_TYPES = ("local", "scalar", "matrix")


def _type_of(word: str) -> str:
    for full in _TYPES:
        if full[:max(3, len(word))] == word:
            return full
    raise StataError(f"'{word}' not allowed", 198)


def _defined(e, name: str) -> bool:
    if e is None:
        return False
    macro = e.macros.get(name)
    if macro not in (None, ""):
        return True
    if name == "cmd" and e.cmd:
        return True
    return name in e.scalars or name in e.matrices


def cmd_eret2(session, cmd) -> None:
    from mlmcli.commands.program.returns import ereturn_from_eclass_program

    text = cmd.args.strip()
    parts = text.split(None, 1)
    if not parts:
        raise StataError("'' not allowed", 198)
    kind = _type_of(parts[0])
    rest = parts[1] if len(parts) > 1 else ""
    body, options, _ = split_options(rest, brackets="([")
    replace = [o for o in options if o.name.lower() == "replace" and o.arg is None]
    others = [o.name if o.arg is None else f"{o.name}({o.arg})" for o in options if o not in replace]
    if not body.strip():
        raise invalid_syntax()
    name = re.split(r"[\s=:]", body.strip(), maxsplit=1)[0]
    if not replace and name and _defined(session.e, name):
        raise StataError(f"e({name}) already defined", 110)
    passed = body + (", " + " ".join(others) if others else "")
    ereturn_from_eclass_program(session, kind, passed)
