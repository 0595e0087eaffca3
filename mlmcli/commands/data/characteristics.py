"""``char define|list|rename`` ([P] char) and the ``: char`` macro function.

The characteristics live in ``Dataset.chars`` (see ``mlmcli.characteristics``), so ``save``
writes them to the .dta file's characteristics section, ``use`` reads them back,
``preserve``/``restore`` keep them and ``clear`` ends them.
"""
from __future__ import annotations

import re

from mlmcli.characteristics import DTA, char_key, names_of
from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE

# evarname[charname]: the brackets typed; charname may be empty (``mpg[]``) where a list is meant
_REFERENCE = re.compile(r"\s*([^\W\d]\w*)\[\s*(\w*)\s*\]")
_NAME = NAME_RE
LIST_COLUMN = 30  # char list: the text starts in column 31 ([P] char's example)


def cmd_char(session, cmd) -> None:
    """``char [define] evarname[charname] [text]``, ``char list [evarname[[charname]]]``,
    ``char rename oldvar newvar [, replace]``."""
    args = cmd.args
    word = re.match(r"\s*([A-Za-z]+)(?=\s|$|,)", args)
    sub = word.group(1) if word else ""
    if sub == "define":
        _define(session, args[word.end():])
    elif sub == "list":
        _list(session, args[word.end():])
    elif sub == "rename":
        _rename(session, args[word.end():])
    else:
        _define(session, args)


def parse_reference(session, text: str, allow_empty: bool = False) -> tuple[str, str, str]:
    """``evarname[charname]`` at the start of ``text`` -> (evarname, charname, what follows);
    a variable name may be abbreviated (as ``set varabbrev`` allows)."""
    m = _REFERENCE.match(text)
    if not m:
        raise invalid_syntax()
    evar, name = m.group(1), m.group(2)
    if evar != DTA:
        evar = session.data.resolve(evar)  # variable foo not found r(111)
    if not name and not allow_empty:
        raise invalid_syntax()
    if name and not _NAME.match(name):
        raise StataError(f"{name} invalid name", 198)
    return evar, name, text[m.end():]


def _define(session, text: str) -> None:
    """Empty text deletes the characteristic (and is no error when there is none)."""
    evar, name, rest = parse_reference(session, text)
    value = unquote(rest)  # "text" and `"text"' lose their outer quotes
    chars = session.data.chars
    key = char_key(evar, name)
    if value:
        chars[key] = value
    else:
        chars.pop(key, None)
    session.data.changed = True


def listed_names(chars: dict, evar: str) -> list[str]:
    """``evar``'s characteristic names in the order ``char list`` shows them: the one
    defined last first (as [P] char's example lists ``_dta[two]`` before ``_dta[one]``)."""
    return names_of(chars, evar)[::-1]


def _list(session, text: str) -> None:
    ds = session.data
    if text.strip():
        evar, name, rest = parse_reference(session, text, allow_empty=True)
        if rest.strip():
            raise invalid_syntax()
        names = [name] if name else listed_names(ds.chars, evar)
        entries = [(evar, n) for n in names if char_key(evar, n) in ds.chars]
    else:
        entries = [(evar, n) for evar in [DTA, *ds.varnames] for n in listed_names(ds.chars, evar)]
    for evar, name in entries:
        label = f"  {evar}[{name}]:"
        label = label.ljust(LIST_COLUMN) if len(label) < LIST_COLUMN else label + " "
        session.print(label + ds.chars[char_key(evar, name)])


def _rename(session, text: str) -> None:
    """Moves every characteristic of oldvar to newvar; a name newvar has already is
    ``newvar[name] already exists`` r(110) unless ``replace``."""
    body, options, _ = split_options(text)
    opts = resolve_options(options, [OptionSpec("replace")])
    words = body.split()
    if len(words) != 2:
        raise invalid_syntax()
    ds = session.data
    old, new = (ds.resolve(w) for w in words)
    moving = names_of(ds.chars, old)
    if not opts.get("replace"):
        for name in moving:
            if char_key(new, name) in ds.chars:
                raise StataError(f"{new}[{name}] already exists", 110)
    if old == new:
        return
    for name in moving:
        ds.chars[char_key(new, name)] = ds.chars.pop(char_key(old, name))
    if moving:
        ds.changed = True


def char_macro_function(session, spec: str) -> str:
    """``: char evarname[charname]`` (its text, empty when undefined) and ``: char
    evarname[]`` (the names of its characteristics)."""
    evar, name, rest = parse_reference(session, spec, allow_empty=True)
    if rest.strip():
        raise invalid_syntax()
    chars = session.data.chars
    if not name:
        return " ".join(listed_names(chars, evar))
    return chars.get(char_key(evar, name), "")


def char_reference_text(session, reference: str) -> str | None:
    """`` `evarname[charname]' `` in macro expansion: the text, empty when the variable or
    the characteristic does not exist; None when ``reference`` is not of that form."""
    m = _REFERENCE.fullmatch(reference)
    if not m or not m.group(2):
        return None
    evar = m.group(1)
    if evar != DTA:
        try:
            evar = session.data.resolve(evar)
        except StataError:
            return ""
    return session.data.chars.get(char_key(evar, m.group(2)), "")

