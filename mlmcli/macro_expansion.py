"""Macro expansion: ``expand_macros(text, locals, globals)`` substitutes `` `name' ``
(innermost first, so `` `x`i'' `` works), ``$name`` and ``${name}``; `` `=exp' `` is
evaluated when an evaluator is supplied.  The runner expands each logical command
(``preprocess``) just before it runs.
"""
from __future__ import annotations

import re
from typing import Callable

from mlmcli.limits import MACRO_LENGTH, macro_too_long

_GLOBAL_NAME = re.compile(r"\{([^\W\d]\w*)\}|([^\W\d]\w*)")


def expand_macros(text: str, locals_: dict[str, str], globals_: dict[str, str],
                  evaluate: Callable[[str], str] | None = None,
                  special: Callable[[str], str | None] | None = None, _depth: int = 0) -> str:
    """Substitute local and global macros in one left-to-right pass, as Stata does.

    `` `name' `` is expanded innermost first (`` `x`i'' ``): each ``'`` closes the
    backtick opened last; a backtick never closed stays as typed.  A macro's contents are
    expanded in turn, as Stata rescans them: ``local m reg y \\`x'`` keeps `` `x' `` in m, and
    `` `m' `` later gives the value x has then (delayed substitution; `` `macval(m)' ``
    does not rescan).  ``\\` `` and ``\\$`` stand for a literal backtick and dollar; ``\\\\``
    before one stands for a backslash, the macro expanded.
    Undefined macros expand to nothing.  ``special`` answers the references that are not
    macro names -- `` `:extended function' `` and a characteristic `` `mpg[note1]' `` --
    with their text (None: not such a reference).  One pass with a stack of open backticks, so
    stray backticks cost linear time (a rescan at each used to be exponential); a
    result longer than ``limits.MACRO_LENGTH`` is Stata's r(920).
    """
    if "`" not in text and "$" not in text:
        return text
    buf: list[str] = []  # the text of the innermost open backtick (or the top level)
    size = 0  # characters expanded so far, all levels
    stack: list[list[str]] = []  # enclosing levels' texts while a backtick is open
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        piece = None
        if ch == "\\" and text.startswith("\\", i + 1) and i + 2 < n and text[i + 2] in "`$":
            # \\ before a macro: one backslash, the macro expanded (c:\data\\`f' is c:\data\ and f;
            # Stata's FAQ "Backslashes and macros": the escape character escapes itself)
            piece, i = "\\", i + 2
        elif ch == "\\" and i + 1 < n and text[i + 1] in "`$":
            piece, i = text[i + 1], i + 2
        elif text.startswith('`"', i):  # compound quote: not a macro
            piece, i = '`"', i + 2
        elif ch == "`":
            stack.append(buf)
            buf = []
            i += 1
            continue
        elif ch == "'" and stack:
            name = "".join(buf)
            size -= len(name)
            buf = stack.pop()
            dotted = _DOTTED.fullmatch(name)
            if dotted and name.strip() not in locals_:  # `tmp.dta': the local tmp, then .dta
                piece = _rescan(locals_.get(dotted.group(1), ""), locals_, globals_, evaluate, special, _depth)
                piece, i = piece + dotted.group(2), i + 1
            else:
                piece, i = _local_value(name, locals_, evaluate, special), i + 1
                if _plain_name(name):
                    piece = _rescan(piece, locals_, globals_, evaluate, special, _depth)
        elif ch == "$":
            m = _GLOBAL_NAME.match(text, i + 1)
            close = text.find("}", i + 2) if text.startswith("{", i + 1) else -1
            if m:
                piece, i = globals_.get(m.group(1) or m.group(2), ""), m.end()
                piece = _rescan(piece, locals_, globals_, evaluate, special, _depth)
            elif close > 0 and "`" in text[i + 2:close]:
                # ${x`i'}: the locals inside the braces first, then the global they name ([P] macro)
                name = expand_macros(text[i + 2:close], locals_, globals_, evaluate, special).strip()
                piece, i = globals_.get(name, ""), close + 1
            else:
                piece, i = ch, i + 1
        else:
            j = _next_special(text, i)
            piece, i = text[i:j], j
        size += len(piece)
        if size > MACRO_LENGTH:
            raise macro_too_long(size)
        buf.append(piece)
    while stack:  # backticks never closed: literal, with what followed them
        inner = "".join(buf)
        buf = stack.pop()
        buf.append("`" + inner)
    return "".join(buf)


# a macro whose contents name macros (delayed substitution) is rescanned; a self-reference
# (local a "\\`a'") stops here and keeps the rest as text
_RESCAN_DEPTH = 50
_PLAIN_NAME = re.compile(r"\s*[^\W\d]\w*\s*|\s*\d+\s*")


# `name.ext': a local's name ends at its last name character and the text after it up to the
# quote stays ("tempfile t" then "save `t.dta'" writes the temporary file's name plus .dta);
# a reference that begins with a dot is a class directive and is not this
_DOTTED = re.compile(r"\s*([^\W\d]\w*)(\.[\w.]+)\s*")


def _plain_name(name: str) -> bool:
    """`` `name' `` of a local (not `=exp', `:function', `macval()', `r()' ...)."""
    return _PLAIN_NAME.fullmatch(name) is not None


def _rescan(value: str, locals_, globals_, evaluate, special, depth: int) -> str:
    if ("`" not in value and "$" not in value) or depth >= _RESCAN_DEPTH:
        return value
    return expand_macros(value, locals_, globals_, evaluate, special, depth + 1)


_SPECIAL = re.compile(r"[`'$\\]")


def _next_special(text: str, i: int) -> int:
    """Where the next character macro expansion looks at is (the end when none)."""
    m = _SPECIAL.search(text, i + 1)
    return m.start() if m else len(text)


def _local_value(name: str, locals_: dict[str, str], evaluate, special=None) -> str:
    name = name.strip()
    if name.startswith("="):
        return evaluate(name[1:]) if evaluate is not None else ""
    if special is not None and (name.startswith(":") or name.endswith("]")):
        value = special(name)
        if value is not None:
            return value
    if name.startswith(("++", "--")) or name.endswith(("++", "--")):
        return _increment(name, locals_)
    if evaluate is not None and _STORED_RESULT.match(name):
        return _stored_result_text(name, evaluate)
    if name == "*" and "*" not in locals_:
        return _positional_text(locals_)
    if name.startswith("macval(") and (m := _MACVAL.fullmatch(name)):
        return locals_.get(m.group(1), "")  # the text as it is: an expanded value is never rescanned here
    return locals_.get(name, "")


# `macval(name)': a local's contents without expanding the macros in them ([P] macro)
_MACVAL = re.compile(r"macval\(\s*(\w+)\s*\)")


def _positional_text(locals_: dict[str, str]) -> str:
    """`` `*' ``: the positional macros `` `1' `2' `` ... (each as a token: one holding a blank
    in quotes), so that after ``macro shift`` it is what is left."""
    words, k = [], 1
    while str(k) in locals_:
        word = locals_[str(k)]
        words.append(f'"{word}"' if any(c.isspace() for c in word) and '"' not in word else word)
        k += 1
    return " ".join(words)


# `c(os)', `r(N)', `e(cmd)', `s(varlist)', `return(N)': a stored result's value as text ([P] creturn,
# [U] 18.8)
_STORED_RESULT = re.compile(r"^(?:[cers]|return)\(\s*[^\W\d]\w*\s*\)$")


def _stored_result_text(name: str, evaluate) -> str:
    from mlmcli.errors import StataError
    try:
        text = evaluate(name)
    except StataError:  # a matrix (e(b)) has no text form here
        return ""
    return "" if text == "." and not name.startswith("c") else text  # an unset r()/e() is empty


def _increment(token: str, locals_: dict[str, str]) -> str:
    """`` `++i' `` (increment, then expand) and `` `i++' `` (expand, then increment)."""
    pre = token.startswith(("++", "--"))
    name = token[2:] if pre else token[:-2]
    step = 1 if "++" in token else -1
    try:
        old = float(locals_.get(name, "0") or 0)
    except ValueError:
        old = 0.0
    new = old + step
    locals_[name] = _num_text(new)
    return _num_text(new if pre else old)


def _num_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(v)
