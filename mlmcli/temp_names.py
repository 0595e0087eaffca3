"""Temporary names abstracted out of a line, so that its parse is cached once.

``tempvar``/``tempname`` (and ml's own working variables) hand out a fresh name on every call
(``__000000``, ``__000001`` ... : ``__`` and six upper-case hex digits), so a program's lines
differ from one call to the next only in those names, and a cache keyed on the text never hits.
``abstract`` rewrites a line's k-th distinct temporary name as the placeholder ``__00000k``;
the parse of that canonical line is cached, and ``rebind`` puts the real names back into the
pieces of text the parse produced.

Why a parse may be shared: a placeholder is a name of the same length and the same lexical
class as the name it stands for, so the parser sees the same tokens at the same offsets, and
the parse never consults the data (a variable that appears later is resolved when the command
runs, not here).  A line where a temporary-looking run of characters is glued to other name
characters (``x__000001``, ``___000001``, ``__0000011``) is not abstracted at all: then every
hex run found in the canonical line, or in any piece of it, is one of the placeholders.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError

_TEMP = re.compile(r"__[0-9A-F]{6}")
_STANDALONE = re.compile(r"(?<![A-Za-z0-9_])__[0-9A-F]{6}(?![A-Za-z0-9_])")


def placeholder(k: int) -> str:
    return f"__{k:06X}"


def abstract(text: str) -> tuple[str, tuple[str, ...]]:
    """(the canonical text, the real names in placeholder order); ``(text, ())`` when the
    line has no temporary name or one that cannot be abstracted safely."""
    if "__" not in text:
        return text, ()
    found = _TEMP.findall(text)
    if not found or len(found) != len(_STANDALONE.findall(text)):
        return text, ()
    names: list[str] = []
    index: dict[str, int] = {}

    def canonical(match: re.Match) -> str:
        name = match.group(0)
        k = index.get(name)
        if k is None:
            k = index[name] = len(names)
            names.append(name)
        return placeholder(k)

    return _TEMP.sub(canonical, text), tuple(names)


def rebind(piece: str, names: tuple[str, ...]) -> str:
    """A piece of the canonical text with the real names put back."""
    if "__" not in piece:
        return piece
    return _TEMP.sub(lambda m: names[int(m.group(0)[2:], 16)], piece)


def read_once(text: str, read, bind):
    """``read(text)`` (a cached reader) done on the canonical text, its result given the real
    names by ``bind(result, names)``; a text that fails is read again as typed, so the error
    names what was typed."""
    canonical, names = abstract(text)
    if not names:
        return read(text)
    try:
        result = read(canonical)
    except StataError:
        return read(text)
    return bind(result, names)


def fresh_names(session, count: int) -> list[str]:
    """``count`` new temporary names (``__00000A`` ...) from the session's counter, as tempvar hands
    them out."""
    start = getattr(session, "_temp_counter", 0)
    session._temp_counter = start + count
    return [placeholder(k) for k in range(start, start + count)]
