"""``confirm``: check that variables, files or numbers are what a do-file expects.

    confirm [new|numeric|string|type] variable varlist   (type: byte int long float double str# strL)
    confirm [new] file filename
    confirm [numeric|string|date] format string
    confirm [integer] number string
    confirm matrix string
    confirm scalar string
    confirm existence string
    confirm names names

Used with ``capture`` (``capture confirm variable x`` then ``if _rc …``).
"""
from __future__ import annotations

import math
import os
import re

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.varlist import RESERVED_NAMES, is_name


_CONFIRM_WHAT = (("variable", 1), ("file", None), ("number", 1), ("existence", 1), ("names", 4),
                 ("matrix", None), ("scalar", None), ("format", None))
_TYPES = ("byte", "int", "long", "float", "double", "strL")
# qualifier -> the kinds of thing it may qualify ([P] confirm's syntax)
_QUALIFIES = {"new": ("variable", "file"), "numeric": ("variable", "format"), "string": ("variable", "format"),
              "integer": ("number",), "date": ("format",)}


def cmd_confirm(session, cmd) -> None:
    words = cmd.args.split(None, 1)
    if not words:
        raise invalid_syntax()
    head, rest = words[0], (words[1] if len(words) > 1 else "")
    qualifier = None
    if head in ("new", "numeric", "string", "str", "integer", "int", "date") or head in _TYPES \
            or re.fullmatch(r"str\d+", head):
        qualifier = head
        words = rest.split(None, 1)
        if not words:
            raise invalid_syntax()
        head, rest = words[0], (words[1] if len(words) > 1 else "")
    what = resolve_choice(head, _CONFIRM_WHAT)
    if qualifier is not None:
        qualifier = _qualifier(qualifier, what)
    if what == "variable":
        _variables(session, qualifier, rest)
    elif what == "file":
        _file(qualifier, rest.strip().strip('"'))
    elif what == "number":
        _number(qualifier, rest.strip())
    elif what == "names":
        _names(rest)
    elif what == "matrix":
        if rest.strip() not in session.matrices:
            raise StataError(f"matrix {rest.strip()} not found", 111)
    elif what == "scalar":
        if rest.strip() not in session.scalars:
            raise StataError(f"scalar {rest.strip()} not found", 111)
    elif what == "format":
        _format(qualifier, rest.strip())
    elif what == "existence":
        if not rest.strip():
            raise StataError("'' found where something expected", 6)
    else:
        raise invalid_syntax()


def _qualifier(word: str, what: str) -> str:
    """The qualifier's full name, or r(198) when it does not go with ``what``: ``int`` and
    ``str`` are storage types before ``variable``, integer and string elsewhere."""
    if what == "variable" and (word in _TYPES or re.fullmatch(r"str\d+", word)):
        return word
    full = {"str": "string", "int": "integer"}.get(word, word)
    if what == "variable" and word == "str":
        return "string"
    if what in _QUALIFIES.get(full, ()):
        return full
    raise invalid_syntax()


def _format(qualifier: str | None, text: str) -> None:
    """A display format; numeric (not %s, not %t), string (%s) or date (%t, %d) when asked."""
    from mlmcli.render.numfmt import is_valid_format

    if not text or " " in text or not is_valid_format(text):
        raise StataError(f"'{text}' found where format expected", 7)
    body = text.lstrip("%").lstrip("-~")
    is_string, is_date = body.rstrip("s").isdigit() and body.endswith("s"), body[:1] in ("t", "d")
    if qualifier == "string" and not is_string:
        raise StataError(f"'{text}' found where string format expected", 7)
    if qualifier == "numeric" and (is_string or is_date):
        raise StataError(f"'{text}' found where numeric format expected", 7)
    if qualifier == "date" and not is_date:
        raise StataError(f"'{text}' found where date format expected", 7)


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
        if qualifier in _TYPES or (qualifier and re.fullmatch(r"str\d+", qualifier)):
            if data.types.get(name, "float") != qualifier:  # describe's default too
                raise StataError(f"{name} found where {qualifier} variable expected", 7)
            continue
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
