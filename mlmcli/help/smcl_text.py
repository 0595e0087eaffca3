"""A user's help file (.sthlp, .hlp in SMCL) as plain text: ``help name`` for a command an
ado-file defines ([U] 17.2: Stata looks for name.sthlp as it looks for name.ado).

mlm does not lay SMCL out as Stata's Viewer does; it keeps the words and drops the markup:
``{cmd:x}``, ``{it:x}``, ``{opt x}``, ``{help t:x}``, ``{title:x}`` ... keep their text,
paragraph and layout directives (``{pstd}``, ``{p 4 4 2}``, ``{marker x}``, ``{p_end}``) go,
``{hline}`` is a rule, ``{c |}`` and the other ``{c}`` characters their character, ``{col #}``
pads to that column, ``{...}`` joins a line to the next, ``{* comment}`` lines are skipped.
"""
from __future__ import annotations

import re

_INNER = re.compile(r"\{([^{}]*)\}")
_TEXT_DIRECTIVES = {"cmd", "cmdab", "it", "bf", "opt", "opth", "help", "helpb", "hi", "res", "err", "txt", "inp",
                    "sf", "ul", "title", "var", "varname", "vars", "depvar", "indepvars", "ifin", "weight",
                    "dtype", "newvar", "manlink", "manhelp", "browse", "view", "stata", "search", "synopt",
                    "p2col", "ado", "ccl",
                    "result", "error", "text", "input", "matacmd", "mansection"}
_CHARACTERS = {"|": "|", "-": "-", "+": "+", "TT": "+", "BT": "+", "LT": "+", "RT": "+", "TLC": "+", "TRC": "+",
               "BLC": "+", "BRC": "+", "-(": "\x00", ")-": "\x01", "'g": "`", "a'": "'"}
_OMIT = {"marker", "dialog", "back", "clearmore", "net", "update", "smcl"}


_NAME = re.compile(r"(\*|[A-Za-z_][A-Za-z0-9_]*)(.*)$", re.S)


def _split_colon(tail: str) -> tuple[str, str | None]:
    """(the arguments, the text after the first ``:`` outside double quotes or None)."""
    quoted = False
    for k, ch in enumerate(tail):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return tail[:k], tail[k + 1:]
    return tail, None


def _directive(match: re.Match) -> str:
    body = match.group(1)
    if body == "...":
        return "\x02"  # joins this line to the next
    m = _NAME.match(body)
    if m is None:  # not a directive: the braces are text
        return f"\x00{body}\x01"
    word, (args, text) = m.group(1), _split_colon(m.group(2))
    args = args.strip()
    if word == "hline":
        return "-" * (int(args) if args.isdigit() else 60)
    if word == "c":
        return _CHARACTERS.get(args, "")
    if word == "col":
        return f"\x03{args}\x03"
    if word in _OMIT or word == "*":
        return ""
    if text is not None:
        return text  # {cmd:x}, {help name:text}, {browse "url":text}
    if word in _TEXT_DIRECTIVES:
        return args.split(" ", 1)[0].strip('"') if word in ("help", "helpb", "manhelp", "browse") else args
    return ""  # {pstd}, {p 4 4 2}, {p_end}, {synoptset ...} ...


def _columns(line: str) -> str:
    out = ""
    for k, piece in enumerate(line.split("\x03")):
        if k % 2 == 1 and piece.isdigit():
            out = out.ljust(int(piece) - 1)
        elif k % 2 == 0:
            out += piece
    return out


def smcl_to_text(text: str) -> str:
    """The text of an SMCL help file without its markup (see the module docstring)."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith("{*") or line.strip() == "{smcl}":
            continue
        previous = None
        while previous != line:
            previous, line = line, _INNER.sub(_directive, line)
        lines.append(line)
    joined = "\n".join(lines).replace("\x02\n", "").replace("\x02", "")
    joined = "\n".join(_columns(line).rstrip() for line in joined.split("\n"))
    joined = joined.replace("\x00", "{").replace("\x01", "}")
    return re.sub(r"\n{3,}", "\n\n", joined).strip("\n")
