"""``confirm``: check that variables, files or numbers are what a do-file expects.

    confirm [new|numeric|string] variable varlist
    confirm [new] file filename
    confirm [integer] number string
    confirm existence string
    confirm names names

Used with ``capture`` (``capture confirm variable x`` then ``if _rc …``).
"""
from __future__ import annotations

import math
import os

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.varlist import RESERVED_NAMES, is_name


_CONFIRM_WHAT = (("variable", 1), ("file", None), ("number", 1), ("existence", 1), ("names", 4))


def cmd_confirm(session, cmd) -> None:
    words = cmd.args.split(None, 1)
    if not words:
        raise invalid_syntax()
    head, rest = words[0], (words[1] if len(words) > 1 else "")
    qualifier = None
    if head in ("new", "numeric", "string", "str", "integer", "int"):
        qualifier = {"str": "string", "int": "integer"}.get(head, head)
        words = rest.split(None, 1)
        if not words:
            raise invalid_syntax()
        head, rest = words[0], (words[1] if len(words) > 1 else "")
    what = resolve_choice(head, _CONFIRM_WHAT)
    if what == "variable":
        _variables(session, qualifier, rest)
    elif what == "file":
        _file(qualifier, rest.strip().strip('"'))
    elif what == "number":
        _number(qualifier, rest.strip())
    elif what == "names":
        _names(rest)
    elif what == "existence":
        if not rest.strip():
            raise StataError("'' found where something expected", 6)
    else:
        raise invalid_syntax()


def _names(text: str) -> None:
    """Each word a valid name (Unicode letters too, Stata 14's rule), not a reserved word."""
    if not text.split():
        raise StataError("'' found where name expected", 7)
    for word in text.split():
        if not is_name(word) or word in RESERVED_NAMES:
            raise StataError(f"{word} invalid name", 7)


def _variables(session, qualifier: str | None, names: str) -> None:
    data = session.data
    if not names.strip():
        raise StataError("varlist required", 100)
    if qualifier == "new":
        for name in names.split():
            if name in data.df.columns:
                raise StataError(f"variable {name} already defined", 110)
        return
    for name in data.expand_varlist(names):
        if qualifier == "numeric" and data.is_string(name):
            raise StataError(f"{name} found where numeric variable expected", 7)
        if qualifier == "string" and not data.is_string(name):
            raise StataError(f"{name} found where string variable expected", 7)


def _file(qualifier: str | None, path: str) -> None:
    if not path:
        raise invalid_syntax()
    if qualifier == "new":
        if os.path.exists(path):
            raise StataError(f"file {path} already exists", 602)
        return
    if not os.path.isfile(path):
        raise StataError(f"file {path} not found", 601)


def number_value(text: str) -> float:
    """``confirm number``'s test: the number ``text`` holds, or r(7)."""
    try:
        value = float(text)
    except ValueError:
        raise StataError(f"{text} found where number expected", 7) from None
    if not math.isfinite(value):
        raise StataError(f"{text} found where number expected", 7)
    return value


def _number(qualifier: str | None, text: str) -> None:
    value = number_value(text)
    if qualifier == "integer" and not value.is_integer():
        raise StataError(f"{text} found where integer expected", 7)
