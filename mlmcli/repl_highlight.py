"""Syntax colouring of the line being typed at the REPL prompt (a terminal only: the reader
that uses it exists only when stdin and stdout are terminals, so piped output stays plain).

``stata_fragments(line)`` splits a line into ``(style, text)`` pieces whose texts join back
to the line: ``command`` (the command word, also after ``quietly``/``capture``/``by ...:``),
``string`` (``"..."`` and compound ``\\`"..."'``), ``macro`` (`` `name' ``, ``$name``,
``${name}``; inside strings too, as Stata expands them there) and ``comment`` (``*`` lines,
``//``, ``///``, ``/* */``); everything else has the empty style.  Styles are the Do-file
Editor's colours.
"""
from __future__ import annotations

import re

from mlmcli.syntax.varlist import NAME_PATTERN
from mlmcli.textscan import is_quote_start, quote_end

STYLES = {"command": "ansiblue bold", "string": "ansired", "macro": "ansicyan", "comment": "ansigreen"}

_PREFIXES = {"quietly", "qui", "quie", "quiet", "noisily", "noi", "n", "capture", "cap", "capt", "captu",
             "captur", "by", "bysort", "bys", "xi", "statsby", "version"}
_GLOBAL = re.compile(r"\$(\{[^}]*\}?|[^\W\d]\w*)")
_WORD = re.compile(NAME_PATTERN)


def stata_fragments(line: str) -> list[tuple[str, str]]:
    """``(style, text)`` pieces of one input line (styles: keys of ``STYLES`` or "")."""
    out: list[tuple[str, str]] = []
    if line.lstrip().startswith("*"):
        return [("comment", line)]
    i, n = 0, len(line)
    command_next = True
    while i < n:
        ch = line[i]
        if line.startswith("/*", i):
            end = line.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(("comment", line[i:end]))
            i = end
        elif line.startswith("//", i) and (i == 0 or line[i - 1].isspace()):
            out.append(("comment", line[i:]))
            i = n
        elif is_quote_start(line, i):
            end = quote_end(line, i)
            end = n if end < 0 else end  # an unclosed string runs to the end of the line
            out += _string_pieces(line[i:end])
            i = end
        elif ch == "`" or ch == "$":
            end = _macro_end(line, i)
            out.append(("macro", line[i:end]))
            i = end
        elif command_next and (m := _WORD.match(line, i)):
            word = m.group()
            out.append(("command" if word in _PREFIXES or _is_command(word) else "", word))
            i = m.end()
            command_next = word in _PREFIXES and word not in ("by", "bysort", "bys", "xi", "statsby", "version")
        elif ch == ":":
            out.append(("", ch))
            i += 1
            command_next = True
        else:
            out.append(("", ch))
            if not ch.isspace():
                command_next = False
            i += 1
    return _merge(out)


def _is_command(word: str) -> bool:
    from mlmcli.commands import lookup
    from mlmcli.errors import StataError

    try:
        lookup(word)
    except StataError:  # an unknown word is simply not coloured
        return False
    return True


def _macro_end(line: str, i: int) -> int:
    """End of the macro reference starting at ``line[i]`` (nested `` `a`i'' `` included)."""
    if line[i] == "$":
        m = _GLOBAL.match(line, i)
        return m.end() if m else i + 1
    depth, j = 0, i
    while j < len(line):
        if line[j] == "`":
            depth += 1
        elif line[j] == "'":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(line)


def _string_pieces(text: str) -> list[tuple[str, str]]:
    """A string literal with the macros inside it picked out."""
    out: list[tuple[str, str]] = []
    start = j = 0
    while j < len(text):
        if (text[j] == "`" and not text.startswith('`"', j)) or (text[j] == "$" and _GLOBAL.match(text, j)):
            if j > start:
                out.append(("string", text[start:j]))
            end = _macro_end(text, j)
            out.append(("macro", text[j:end]))
            start = j = end
        else:
            j += 1
    if start < len(text):
        out.append(("string", text[start:]))
    return out


def _merge(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for style, text in pieces:
        if merged and merged[-1][0] == style:
            merged[-1] = (style, merged[-1][1] + text)
        elif text:
            merged.append((style, text))
    return merged


def make_lexer():
    """The prompt_toolkit lexer and style that colour the input line."""
    from prompt_toolkit.lexers import Lexer
    from prompt_toolkit.styles import Style

    class StataLexer(Lexer):
        def lex_document(self, document):
            lines = document.lines

            def get_line(number: int):
                return [(f"class:{style}" if style else "", text)
                        for style, text in stata_fragments(lines[number])]
            return get_line

    return StataLexer(), Style.from_dict(STYLES)
