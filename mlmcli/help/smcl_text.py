"""SMCL, Stata's output language ([P] smcl), as plain text: the one reader of it in mlm.

``render_smcl`` lays SMCL out as Stata's Results window and a text log show it (line mode,
paragraph mode, as-is mode): ``display``'s text (expr/display.py), log translation and
``type file.smcl`` (commands/program/logs.py, type_file.py), and a user's help file
(``smcl_to_text``: ``help name`` for a command an ado-file defines; [U] 17.2).
"""
from __future__ import annotations

import re

# a text log's box characters: a T on a horizontal rule is part of the rule, a T on a vertical
# one part of it, corners and the cross +  (Stata's logs: a coefficient table's top rule
# {hline 13}{c TT}{hline 64} is all dashes, list's {c LT}{hline}{c RT} separator |---|)
_CHARACTERS = {"|": "|", "-": "-", "+": "+", "TT": "-", "BT": "-", "LT": "|", "RT": "|", "TLC": "+", "TRC": "+",
               "BLC": "+", "BRC": "+", "-(": "{", ")-": "}"}


def smcl_literal(text: str) -> str:
    """SMCL that shows ``text`` as typed: its braces as ``{c -(}`` and ``{c )-}`` (each escape
    holds a brace itself, so "}" is marked first, "{" escaped, then "}"'s escape put in)."""
    return text.replace("}", "\x00").replace("{", "{c -(}").replace("\x00", "{c )-}")


def split_colon(tail: str) -> tuple[str, str | None]:
    """(the arguments, the text after the first ``:`` outside double quotes or None)."""
    quoted = False
    for k, ch in enumerate(tail):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return tail[:k], tail[k + 1:]
    return tail, None


def smcl_to_text(text: str, linesize: int = 80) -> str:
    """A help file (.sthlp, .hlp) as plain text: laid out as SMCL, runs of blank lines made one."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip() != "{smcl}"]
    shown = render_smcl("\n".join(lines), linesize)[0]
    shown = "\n".join(line.rstrip() for line in shown.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", shown).strip("\n")


# ----------------------------------------------------------------------------- output
# SMCL as Stata's Results window and a text log show it ([P] smcl, line mode): ``display``'s
# strings, log translation (commands/program/logs.py), ``type file.smcl``.  One pass over the
# text, so {col #}, {hline} and the aligners see the columns already written.

_STYLES = {"txt", "text", "res", "result", "err", "error", "inp", "input", "com", "cmd", "bf", "it", "sf", "ul",
           "hi", "hilite", "reset", "title", "bind", "opt", "opth", "cmdab", "dlgtab", "ccl"}
# two-column tables of help files ({p2colset a b c d}: columns a, b, c (1-based), right margin d);
# {synoptset #} sets the option tables' (layout approximate: the Viewer's is not documented)
_TABLES = {"p2col", "p2coldent", "synopt", "synopthdr", "syntab", "p2line", "synoptline", "p2colset", "p2colreset",
           "synoptset"}
_P2COL_DEFAULT = (4, 26, 26, 2)
# {var}, {depvar} ... show the word they stand for, followed by their text ({var:1} is varname1)
_WORDS = {"var": "varname", "varname": "varname", "vars": "varlist", "varlist": "varlist", "depvar": "depvar",
          "depvars": "depvarlist", "depvarlist": "depvarlist", "indepvars": "indepvars", "newvar": "newvar",
          "ifin": "[if] [in]", "weight": "[weight]", "dtype": "[type]"}
_LINKS = {"help", "helpb", "help_d", "browse", "view", "view_d", "stata", "search", "net", "net_d", "ado", "ado_d",
          "update", "update_d", "matacmd", "news", "dialog", "back", "clearmore", "marker", "manhelp", "manhelpi",
          "manlink", "manlinki", "mansection", "manpage", "findalias", "vieweralsosee", "viewerjumpto",
          "viewerdialog", "mainhlp", "apphelp", "search_d", "netfrom_d"}
_SILENT_LINKS = {"dialog", "back", "clearmore", "marker", "vieweralsosee", "viewerjumpto", "viewerdialog"}
_PARAGRAPHS = {"p": None, "pstd": (4, 4, 2, 0), "psee": (4, 13, 2, 0), "phang": (4, 8, 2, 0), "pmore": (8, 8, 2, 0),
               "pin": (8, 8, 2, 0), "phang2": (8, 12, 2, 0), "pmore2": (12, 12, 2, 0), "pin2": (12, 12, 2, 0),
               "phang3": (12, 16, 2, 0), "pmore3": (16, 16, 2, 0), "pin3": (16, 16, 2, 0)}
_LAYOUT = {"hline", ".-", "dup", "space", "col", "tab", "c", "char", "ralign", "lalign", "center", "centre",
           "rcenter", "rcentre", "right",
           "break", "p_end", "...", "*", "asis", "smcl", "s6hlp"}
_KNOWN = _STYLES | _LINKS | set(_PARAGRAPHS) | _LAYOUT | set(_WORDS) | _TABLES
_HEAD = re.compile(r"(\*|\.\.\.(?=$)|\.-(?=$)|[A-Za-z_][A-Za-z0-9_]*(?=$|[\s:]))")  # {*comment} needs no blank
_BIND = "\x05"  # a blank that does not break a paragraph line ({bind:...})
_BREAK = "\x06"  # {break} inside a paragraph
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def closing_brace(text: str, start: int) -> int:
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


_ACCENTS = {"'": "\u0301", "'g": "\u0300", "^": "\u0302", "~": "\u0303", ":": "\u0308"}
_LATIN = {"ae": "\u00e6", "AE": "\u00c6", "c,": "\u00e7", "C,": "\u00c7", "o/": "\u00f8", "O/": "\u00d8",
          "ss": "\u00df", "r?": "\u00bf", "r!": "\u00a1", "L-": "\u00a3", "Y=": "\u00a5", "S|": "$", "'g": "`"}


def smcl_character(arg: str) -> str | None:
    """{c name} / {char #}: the character a text log shows ([P] smcl, "Displaying characters"),
    None when SMCL has no such name (then the directive prints as typed)."""
    if arg in _CHARACTERS:
        return _CHARACTERS[arg]
    if arg in _LATIN:
        return _LATIN[arg]
    if len(arg) >= 2 and arg[0].isalpha() and arg[1:] in _ACCENTS:  # {c e'} {c a'g} {c o:}
        import unicodedata
        return unicodedata.normalize("NFC", arg[0] + _ACCENTS[arg[1:]])
    try:
        code = int(arg, 16) if arg.lower().startswith("0x") else int(arg)
    except ValueError:
        return None
    return chr(code) if 1 <= code <= 255 else None  # Latin1 codes


class _SmclLines:
    """The text being laid out, the column it has reached and the paragraph being filled."""

    def __init__(self, linesize: int, column: int, ccl=None):
        self.linesize, self.parts, self.column, self.ccl = linesize, [], column, ccl
        self.paragraph: tuple[int, int, int, int] | None = None  # {p # # # #}
        self.words: list[str] = []  # the paragraph's text, newlines as blanks (SMCL joins its lines)
        self.lead: str | None = None  # a two-column row's first column, leading the paragraph
        self.table = _P2COL_DEFAULT  # {p2colset}/{synoptset}: indents of the columns, right margin

    def put(self, piece: str) -> None:
        if not piece:
            return
        if self.paragraph is not None:
            blank = _BLANK_LINE.search(piece)  # a blank line ends the paragraph
            if blank is None:
                self.words.append(piece)
                return
            self.words.append(piece[:blank.start()])
            self.end_paragraph()
            piece = piece[blank.start() + 1:]
        if "\t" in piece:  # a tab is {tab}: tab stops every eight columns
            head, _, tail = piece.partition("\t")
            self.put(head)
            self.put(" " * (8 - self.column % 8))
            return self.put(tail)
        self.parts.append(piece)
        last = piece.rfind("\n")
        self.column = len(piece) - last - 1 if last >= 0 else self.column + len(piece)

    def start_paragraph(self, margins: tuple[int, int, int, int]) -> None:
        self.end_paragraph()
        self.paragraph = margins

    def end_paragraph(self) -> None:
        """Fill the paragraph: words joined and split into lines at linesize less the right
        margin, the first line indented by the first margin (or led by a two-column table's
        first column), the rest by the second."""
        if self.paragraph is None:
            return
        first, rest, right, total = self.paragraph
        text, lead = "".join(self.words), self.lead
        self.paragraph, self.words, self.lead = None, [], None
        width = max((total or self.linesize) - right, 1)
        lines: list[str] = []
        current, filled = (lead if lead is not None else " " * first), False
        for k, block in enumerate(text.split(_BREAK)):
            if k:
                lines.append(current)
                current, filled = " " * rest, False
            for word in block.split():
                if filled and len(current) + 1 + len(word) > width:
                    lines.append(current)
                    current, filled = " " * rest, False
                current += (" " if filled else "") + word
                filled = True
        lines.append(current)
        if self.column:
            self.put("\n")
        self.put("\n".join(line.rstrip() for line in lines).replace(_BIND, " ") + "\n")

    def two_columns(self, first_column: str, columns: tuple[int, int, int, int]) -> None:
        """A {p2col:first}second{p_end} row: the first column at its indent, the second filled
        as a paragraph from the second column on."""
        indent, second, later, right = columns
        self.start_paragraph((second, later, right, 0))
        lead = " " * indent + first_column
        self.lead = lead.ljust(second) if len(lead) < second else lead + " "


def render_smcl(text: str, linesize: int = 80, column: int = 0, ccl=None) -> tuple[str, int]:
    """``text`` as SMCL output shows it in plain text, starting at ``column`` (0-based): the
    text and the column the output ends at.  What SMCL does not understand (an unknown
    directive, a brace without its pair) prints as typed ([P] smcl); a newline after ``{...}``
    is dropped.  ``ccl(name)`` gives {ccl name}'s text (c(name)), None when there is none."""
    out = _SmclLines(linesize, column, ccl)
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
        end = closing_brace(text, brace)
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
        if name == "...":  # the next line end joins the lines (a blank in a paragraph)
            if text.startswith("\n", pos):
                pos += 1
                if out.paragraph is not None:
                    out.put(" ")
            continue
        if name == "asis":  # as typed until {smcl}
            stop = text.find("{smcl}", pos)
            out.put(text[pos:] if stop < 0 else text[pos:stop])
            pos = n if stop < 0 else stop + len("{smcl}")
            continue
        if name == "p_end" and out.paragraph is not None and text.startswith("\n", pos):  # the paragraph's own line end
            pos += 1
        # {c o:} is a character, not {c o} with text
        args, shown = (body[head.end():], None) if name in ("c", "char") else split_colon(body[head.end():])
        if _directive_output(out, name, args.strip(), shown) is False:
            out.put("{" + body + "}")


def _rendered(out: _SmclLines, text: str) -> str:
    """``text`` laid out on its own (the text of {ralign #:text}, {dup #:text})."""
    inner = _SmclLines(out.linesize, out.column, out.ccl)
    _render_into(inner, text)
    return "".join(inner.parts)


_MAX_COUNT = 1_000_000  # {hline 1e12} would build gigabytes of text: such a directive prints as typed


def _count(args: str, default: int | None) -> int | None:
    if args.isdigit():
        return int(args) if int(args) <= _MAX_COUNT else None
    return default if not args else None


def _directive_output(out: _SmclLines, name: str, args: str, shown: str | None):
    """Write one directive; False when its arguments make it no directive (printed as typed)."""
    if name in _WORDS:
        out.put(_WORDS[name] + (shown or ""))
        return None
    if name == "ccl":
        value = out.ccl(args) if out.ccl is not None and args else None
        if value is None:
            return False
        out.put(value)
        return None
    if name in _TABLES:
        return _table_directive(out, name, args, shown)
    if name in ("opt", "opth") and shown is not None:  # {opt d:etail}: the colon marks the abbreviation
        out.put(args.strip() + shown)
        return None
    if name == "cmdab" and shown is not None:  # {cmdab:d:etail}
        _render_into(out, shown.replace(":", "", 1))
        return None
    if name in _STYLES:
        if shown is not None:
            _render_into(out, shown.replace(" ", _BIND) if name == "bind" else shown)
        elif name in ("opt", "opth"):
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
            numbers = [min(int(a), _MAX_COUNT) for a in args.split() if a.isdecimal()][:4]
            margins = tuple(numbers + [0] * (4 - len(numbers)))
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
        body = " " if name == "space" else _rendered(out, shown)
        if count * len(body) > _MAX_COUNT:
            return False
        out.put(body * count)
        return None
    if name == "col":
        if _count(args, None) is None:
            return False
        out.put(" " * max(int(args) - 1 - out.column, 0))
        return None
    if name == "tab":
        out.put(" " * (8 - out.column % 8))
        return None
    if name in ("c", "char"):
        char = smcl_character(args)
        if char is None:
            return False
        out.put(char)
        return None
    if name in ("ralign", "lalign", "center", "centre", "rcenter", "rcentre", "right"):
        if shown is None or _count(args, None if name in ("ralign", "lalign") else 0) is None:
            return False
        body = _rendered(out, shown)
        width = int(args) if args else out.linesize - out.column  # the rest of the line
        pad = max(width - len(body), 0)
        left = {"ralign": pad, "right": pad, "lalign": 0, "center": pad // 2, "centre": pad // 2}.get(name, (pad + 1) // 2)
        out.put(" " * left + body + ("" if name == "right" else " " * (pad - left)))
        return None
    return None  # {*}, {smcl}, {synoptset}, {p2colset} ...: no text


def _table_directive(out: _SmclLines, name: str, args: str, shown: str | None):
    indent, second, later, right = out.table
    numbers = [min(int(a), _MAX_COUNT) for a in args.split() if a.isdecimal()]
    if name == "p2colset":
        if len(numbers) != 4:
            return False
        out.table = (max(numbers[0] - 1, 0), max(numbers[1] - 1, 0), max(numbers[2] - 1, 0), numbers[3])
    elif name == "synoptset":
        width = numbers[0] if numbers else 20
        out.table = (6 if "tabbed" in args.split() or "notes" in args.split() else 4, width + 6, width + 6, 2)
    elif name == "p2colreset":
        out.table = _P2COL_DEFAULT
    elif name in ("p2line", "synoptline"):
        left, margin = (numbers[0], numbers[1]) if len(numbers) == 2 else (4, right)
        out.end_paragraph()
        out.put(" " * left + "-" * max(out.linesize - left - margin, 0))
    elif name == "synopthdr":
        out.end_paragraph()
        out.put(" " * 4 + (_rendered(out, shown) if shown else "options").ljust(second - 4) + "Description")
    elif name == "syntab":
        out.end_paragraph()
        out.put(" " * 4 + _rendered(out, shown or ""))
    else:  # p2col, p2coldent, synopt: a row, its second column runs to {p_end} or a blank line
        if shown is None:
            return False
        columns = out.table  # {p2col # # # #:...} sets this row's own columns
        if len(numbers) == 4:
            columns = (max(numbers[0] - 1, 0), max(numbers[1] - 1, 0), max(numbers[2] - 1, 0), numbers[3])
        out.end_paragraph()
        out.two_columns(_rendered(out, shown), columns)
    return None
