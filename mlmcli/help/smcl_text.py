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


# ----------------------------------------------------------------------------- output
# SMCL as Stata's Results window and a text log show it ([P] smcl, line mode): ``display``'s
# strings, log translation (commands/program/logs.py), ``type file.smcl``.  One pass over the
# text, so {col #}, {hline} and the aligners see the columns already written.

_STYLES = {"txt", "text", "res", "result", "err", "error", "inp", "input", "com", "cmd", "bf", "it", "sf", "ul",
           "hi", "hilite", "reset", "title", "bind", "var", "varname", "vars", "depvar", "indepvars", "ifin",
           "weight", "dtype", "newvar", "opt", "opth", "cmdab", "synopt", "p2col", "syntab", "ccl"}
_LINKS = {"help", "helpb", "help_d", "browse", "view", "view_d", "stata", "search", "net", "net_d", "ado", "ado_d",
          "update", "update_d", "matacmd", "news", "dialog", "back", "clearmore", "marker", "manhelp", "manhelpi",
          "manlink", "manlinki", "mansection", "manpage", "findalias", "vieweralsosee", "viewerjumpto",
          "viewerdialog", "mainhlp", "apphelp"}
_SILENT_LINKS = {"dialog", "back", "clearmore", "marker", "vieweralsosee", "viewerjumpto", "viewerdialog"}
_PARAGRAPHS = {"p": None, "pstd": (4, 4, 2), "psee": (4, 13, 2), "phang": (4, 8, 2), "pmore": (8, 8, 2),
               "pin": (8, 8, 2), "phang2": (8, 12, 2), "pmore2": (12, 12, 2), "pin2": (12, 12, 2),
               "phang3": (12, 16, 2), "pmore3": (16, 16, 2), "pin3": (16, 16, 2)}
_LAYOUT = {"hline", ".-", "dup", "space", "col", "tab", "c", "char", "ralign", "lalign", "center", "rcenter",
           "break", "p_end", "...", "*", "asis", "smcl", "s6hlp", "synoptset", "p2colset", "p2colreset",
           "p2line", "synoptline"}
_KNOWN = _STYLES | _LINKS | set(_PARAGRAPHS) | _LAYOUT
_HEAD = re.compile(r"(\.\.\.|\.-|\*|[A-Za-z_][A-Za-z0-9_]*)(?=$|[\s:])")
_BIND = "\x05"  # a blank that does not break a paragraph line ({bind:...})
_BREAK = "\x06"  # {break} inside a paragraph


def _closing_brace(text: str, start: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``start`` (directives nest: {bf:{c |}}), or -1."""
    depth = 0
    for k in range(start, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _character(arg: str) -> str | None:
    """{c name} / {char #}: the character a text log shows, None when SMCL has no such name."""
    if arg in _CHARACTERS:
        return {"\x00": "{", "\x01": "}"}.get(_CHARACTERS[arg], _CHARACTERS[arg])
    extra = {"S|": "$", "'g": "`", "'": "'", "-": "-", "!": "|"}
    if arg in extra:
        return extra[arg]
    try:
        code = int(arg, 16) if arg.lower().startswith("0x") else int(arg)
    except ValueError:
        return None
    return chr(code) if 0 < code < 0x110000 else ""


class _SmclLines:
    """The text being laid out, the column it has reached and the paragraph being filled."""

    def __init__(self, linesize: int, column: int):
        self.linesize, self.parts, self.column = linesize, [], column
        self.paragraph: tuple[int, int, int] | None = None
        self.words: list[str] = []  # the paragraph's text, newlines as blanks (SMCL joins its lines)

    def put(self, piece: str) -> None:
        if not piece:
            return
        if self.paragraph is not None:
            self.words.append(piece)
            return
        self.parts.append(piece)
        last = piece.rfind("\n")
        self.column = len(piece) - last - 1 if last >= 0 else self.column + len(piece)

    def start_paragraph(self, margins: tuple[int, int, int]) -> None:
        self.end_paragraph()
        self.paragraph = margins

    def end_paragraph(self) -> None:
        """Fill the paragraph: words joined and split into lines at linesize less the right
        margin, the first line indented by the first margin, the rest by the second."""
        if self.paragraph is None:
            return
        first, rest, right = self.paragraph
        self.paragraph, text, self.words = None, "".join(self.words), []
        width = max(self.linesize - right, 1)
        lines: list[str] = []
        for block in text.split(_BREAK):
            line, indent = "", first if not lines else rest
            for word in block.split():
                if line and indent + len(line) + 1 + len(word) > width:
                    lines.append(" " * indent + line)
                    line, indent = "", rest
                line = f"{line} {word}" if line else word
            lines.append(" " * indent + line)
        if self.column:
            self.put("\n")
        self.put("\n".join(lines).replace(_BIND, " ") + "\n")


def render_smcl(text: str, linesize: int = 80, column: int = 0) -> tuple[str, int]:
    """``text`` as SMCL output shows it in plain text, starting at ``column`` (0-based): the
    text and the column the output ends at.  Unknown directives and unmatched braces print as
    typed; a newline after ``{...}`` is dropped."""
    out = _SmclLines(linesize, column)
    _render_into(out, text)
    out.end_paragraph()
    return "".join(out.parts).replace(_BIND, " "), out.column


def _render_into(out: _SmclLines, text: str) -> None:
    pos, n = 0, len(text)
    while pos < n:
        brace = text.find("{", pos)
        if brace < 0:
            out.put(text[pos:])
            return
        out.put(text[pos:brace])
        end = _closing_brace(text, brace)
        if end < 0:
            out.put(text[brace:])
            return
        body = text[brace + 1:end]
        pos = end + 1
        head = _HEAD.match(body)
        if head is None or head.group(1) not in _KNOWN:
            out.put("{" + body + "}")  # not a directive: shown as typed
            continue
        name = head.group(1)
        if name == "...":
            if text.startswith("\n", pos):
                pos += 1
            continue
        if name == "asis":  # as typed until {smcl}
            stop = text.find("{smcl}", pos)
            out.put(text[pos:] if stop < 0 else text[pos:stop])
            pos = n if stop < 0 else stop + len("{smcl}")
            continue
        if name == "p_end" and out.paragraph is not None and text.startswith("\n", pos):  # the paragraph's own line end
            pos += 1
        args, shown = _split_colon(body[head.end():])
        if _directive_output(out, name, args.strip(), shown) is False:
            out.put("{" + body + "}")


def _rendered(out: _SmclLines, text: str) -> str:
    """``text`` laid out on its own (the text of {ralign #:text}, {dup #:text})."""
    inner = _SmclLines(out.linesize, out.column)
    _render_into(inner, text)
    return "".join(inner.parts)


def _count(args: str, default: int | None) -> int | None:
    return int(args) if args.isdigit() else (default if not args else None)


def _directive_output(out: _SmclLines, name: str, args: str, shown: str | None):
    """Write one directive; False when its arguments make it no directive (printed as typed)."""
    if name in _STYLES:
        if shown is not None:
            _render_into(out, shown.replace(" ", _BIND) if name == "bind" else shown)
        elif name in ("opt", "var", "varname", "vars", "depvar", "indepvars", "newvar"):
            out.put(args)
        return None
    if name in _LINKS:
        if shown is not None:
            _render_into(out, shown)
        elif name in ("manhelp", "manhelpi", "manlink", "manlinki") and len(args.split()) >= 2:
            topic, section = args.split()[:2]
            out.put(f"[{section}] {topic}")
        elif name not in _SILENT_LINKS:
            out.put(args.split(" ", 1)[0].strip('"') if args else "")
        return None
    if name in _PARAGRAPHS:
        margins = _PARAGRAPHS[name]
        if margins is None:
            numbers = [int(a) for a in args.split() if a.isdigit()][:3]
            margins = tuple(numbers + [0] * (3 - len(numbers)))
        out.start_paragraph(margins)
        return None
    if name == "p_end":
        out.end_paragraph()
        return None
    if name == "break":
        out.put(_BREAK if out.paragraph is not None else "\n")
        return None
    if name in ("hline", ".-"):
        count = _count(args, max(out.linesize - out.column, 0))
        if count is None:
            return False
        out.put("-" * count)
        return None
    if name in ("space", "dup"):
        count = _count(args, 1)
        if count is None or (name == "dup" and shown is None):
            return False
        out.put(" " * count if name == "space" else _rendered(out, shown) * count)
        return None
    if name == "col":
        if not args.isdigit():
            return False
        out.put(" " * max(int(args) - 1 - out.column, 0))
        return None
    if name == "tab":
        out.put(" " * (8 - out.column % 8))
        return None
    if name in ("c", "char"):
        char = _character(args)
        if char is None:
            return False
        out.put(char)
        return None
    if name in ("ralign", "lalign", "center", "rcenter"):
        if not args.isdigit() or shown is None:
            return False
        body, width = _rendered(out, shown), int(args)
        if name == "rcenter":
            pad = width - len(body)
            body = " " * ((pad + 1) // 2) + body + " " * (pad // 2) if pad > 0 else body
        else:
            body = {"ralign": body.rjust, "lalign": body.ljust, "center": body.center}[name](width)
        out.put(body)
        return None
    return None  # {*}, {smcl}, {synoptset}, {p2colset} ...: no text
