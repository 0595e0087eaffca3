"""From do-file text to logical commands.

``split_commands(text)`` handles Stata's comments and line structure:

- ``*`` as the first character of a command: the line is a comment;
- ``//`` at line start or after whitespace: the rest of the line is a comment;
- ``/* … */`` (may span lines, may nest): removed; lines it spans are joined;
- ``///`` (at line start or after whitespace): the rest of the line is a
  comment and the next line continues the command;
- ``#delimit ;`` / ``#delimit cr``: in ``;`` mode a command ends at ``;``.

Double-quoted strings and compound quotes (`` `"…"' ``) protect their contents.
Each logical command keeps the physical lines it came from for the echo.

Macro expansion (``expand_macros``) is ``macro_expansion``'s.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from mlmcli.limits import NESTING as _NESTING
from mlmcli.textscan import balance_error, is_quote_start, quote_end, split_top  # noqa: F401 (balance_error: re-exported)


@dataclass
class LogicalCommand:
    """One command as executed (``text``) and as typed (``echo`` lines)."""

    text: str
    echo: list[str] = field(default_factory=list)
    lineno: int = 0
    message: str | None = None  # printed after the echo (``#delimit``: "delimiter now ;")
    # A `{ … }` block (foreach, forvalues, while, if, capture/quietly/noisily): ``text`` is
    # the header without its brace, ``body`` the commands inside, ``orelse`` the `else` part.
    body: list["LogicalCommand"] | None = None
    orelse: "LogicalCommand | None" = None
    unclosed: bool = False  # the file ended inside the block
    too_deep: bool = False  # nested deeper than mlmcli.limits.NESTING: refused when run
    first_number: int = 2  # echo numbering of the block's second line (program bodies: 1)


_DELIMIT_RE = re.compile(r"^\s*#d(?:e|el|eli|elim|elimi|elimit)?\s*(;|cr)?\s*$")


def split_commands(text: str) -> list[LogicalCommand]:
    """Split do-file text into logical commands (comments removed, continuations joined)."""
    out: list[LogicalCommand] = []
    semi = False  # #delimit ; mode
    depth = 0  # /* */ nesting carried across lines
    parts: list[str] = []  # cleaned pieces of the command being built
    echo: list[str] = []
    start_line = 0
    star_comment = False  # inside a `*` comment (continued with /// or until ; in ; mode)

    def emit(message: str | None = None):
        nonlocal parts, echo, star_comment
        cmd_text = " ".join(p.strip() for p in parts if p.strip()).strip()
        if cmd_text.startswith("*"):  # a `*` comment (in ; mode it runs to the `;`)
            cmd_text = ""
        out.append(LogicalCommand(cmd_text, echo, start_line, message))
        parts, echo, star_comment = [], [], False

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for lineno, line in enumerate(lines, 1):
        building = bool(echo)
        if not building:
            start_line = lineno
        m = _DELIMIT_RE.match(line) if not building and depth == 0 else None
        if m:
            semi = m.group(1) == ";"
            echo.append(line)
            emit(f"delimiter now {'; ' if semi else 'cr'}".rstrip())
            continue
        echo.append(line)
        if not semi:
            if not building and depth == 0 and line.lstrip().startswith("*"):
                star_comment = True
            if star_comment:
                if _ends_with_continuation(line):
                    continue
                emit()
                continue
            clean, depth, cont = clean_line(line, depth)
            parts.append(clean)
            if cont or depth > 0:
                continue
            emit()
        else:
            clean, depth, _cont = clean_line(line, depth)
            # the `;` is looked for in the whole command so far: a string may span lines
            carried = " ".join(p.strip() for p in parts if p.strip())
            pieces = split_top(f"{carried} {clean.strip()}" if carried else clean, ";", brackets="")
            parts = []
            for piece in pieces[:-1]:
                parts.append(piece)
                emit()  # a second command on the same line gets no echo line of its own
            parts.append(pieces[-1])
            if depth == 0 and not "".join(parts).strip() and (echo == [line] or not echo):
                if not line.strip() and echo:
                    emit()  # a blank line
                else:
                    parts, echo = [], []
    if echo:
        emit()
    return out


# ----- { } blocks -----

_LOOP_WORDS = r"foreach|forv|forva|forval|forvalu|forvalue|forvalues|while"
_BLOCK_WORDS = re.compile(
    rf"^({_LOOP_WORDS}|if|else|frames?|"
    r"cap|capt|captu|captur|capture|qui|quie|quiet|quietl|quietly|n|no|noi|nois|noisi|noisil|noisily)\b")
_ELSE_RE = re.compile(r"^}\s*(else\b.*)$")
# `program [define] name [, options]` (not `program drop|dir|list`) … `end`
_PROGRAM_RE = re.compile(
    r"^pr(?:o|og|ogr|ogra|ogram)?(?:\s+(?:de|def|defi|defin|define))?\s+(?!(?:drop|dir|l|li|lis|list)\b)"
    r"([^\W\d]\w*)\s*(?:,.*)?$")


_INPUT_RE = re.compile(r"^inp(?:u|ut)?(?:\s+(.*))?$")


_MATA_RE = re.compile(r"^mata\s*:?\s*$")


def opens_mata(text: str) -> bool:
    """Whether a line opens a Mata block (``mata`` or ``mata:`` alone, up to ``end``)."""
    return bool(_MATA_RE.match(text.strip()))


def input_varlist(text: str) -> str | None:
    """The variable list of an ``input`` line (data lines follow until ``end``), or None."""
    m = _INPUT_RE.match(text.strip())
    return None if m is None else (m.group(1) or "").strip()


def program_name(text: str) -> str | None:
    """The name a ``program define`` line defines, or None for any other line."""
    m = _PROGRAM_RE.match(text.strip())
    return m.group(1) if m else None


def is_loop_word(word: str) -> bool:
    """Whether a command word opens a loop (``forv`` ... ``forvalues``, ``foreach``, ``while``)."""
    return re.fullmatch(_LOOP_WORDS, word) is not None


def opens_block(text: str) -> bool:
    """Whether a command line opens a `{` block (``forvalues i = 1/3 {``, ``capture {``)."""
    t = text.rstrip()
    return t.endswith("{") and bool(_BLOCK_WORDS.match(t[:-1].strip() or "x"))


def group_blocks(items: list[LogicalCommand]) -> list[LogicalCommand]:
    """Nest the commands between a block opener and its ``}`` into the opener's ``body``.

    The opener's echo then also holds the block's lines, numbered as Stata echoes
    them (``  2. display `i'``), because the body runs without being echoed.
    """
    out, _ = _group(items, 0, top=True)
    return out


def _group(items, i, top, depth=0):
    out: list[LogicalCommand] = []
    while i < len(items):
        item = items[i]
        text = item.text.strip()
        if not top and (text == "}" or _ELSE_RE.match(text)):
            return out, i
        i += 1
        if program_name(text) or input_varlist(text) or opens_mata(text):
            block, i = _make_program(item, items, i, depth + 1)
            out.append(block)
        elif opens_block(text):
            block, i = _make_block(item, items, i, depth + 1)
            previous = _last_if(out)
            if re.match(r"else\b", block.text) and previous is not None:
                # `}` and `else {` on separate lines: the else belongs to the if before it
                out[-1].echo = out[-1].echo + block.echo
                previous.orelse = block
            else:
                out.append(block)
        else:
            out.append(item)
    return out, i


def _last_if(out: list[LogicalCommand]) -> LogicalCommand | None:
    """The innermost `if`/`else if` block of the last item still without an else part."""
    node = out[-1] if out and out[-1].body is not None else None
    if node is None or not re.match(r"(else\s+)?if\b", node.text):
        return None
    while node.orelse is not None:
        node = node.orelse
        if not re.match(r"else\s+if\b", node.text):
            return None
    return node


def _make_block(opener: LogicalCommand, items, i, depth=1):
    block = LogicalCommand(opener.text.rstrip()[:-1].strip(), list(opener.echo), opener.lineno)
    if depth > _NESTING:
        return _too_deep(block, items, i)
    block.body, i = _group(items, i, top=False, depth=depth)
    lines = _flat_echo(block.body)
    if i >= len(items):
        block.unclosed = True
    else:
        closer = items[i]
        i += 1
        lines.extend(closer.echo or [closer.text])
        m = _ELSE_RE.match(closer.text.strip())
        if m and m.group(1).rstrip().endswith("{"):
            tail = LogicalCommand(m.group(1), [], closer.lineno)
            block.orelse, i = _make_block(tail, items, i, depth)
            lines.extend(block.orelse.echo)
    block.echo = block.echo + lines
    return block, i


def _make_program(opener: LogicalCommand, items, i, depth=1):
    """``program define name`` … ``end`` (the lines between become the program's body),
    and ``input varlist`` … ``end`` (the lines between are data)."""
    start = i
    while i < len(items) and items[i].text.strip() != "end":
        i += 1
    block = LogicalCommand(opener.text.strip(), list(opener.echo), opener.lineno, first_number=1)
    inner = items[start:i]
    raw = bool(input_varlist(opener.text)) or opens_mata(opener.text)
    block.body = inner if raw else _group(inner, 0, top=True, depth=depth)[0]
    lines = _flat_echo(items[start:i])
    if i >= len(items):
        block.unclosed = True
    else:
        lines.extend(items[i].echo or ["end"])
        i += 1
    block.echo = block.echo + lines
    return block, i


def _too_deep(block: LogicalCommand, items, i):
    """A block nested past the limit: its lines (found by counting braces, without
    recursion) are kept for the echo, and running it is r(1000)."""
    open_blocks = 1
    lines: list[str] = []
    while i < len(items) and open_blocks:
        text = items[i].text.strip()
        m = _ELSE_RE.match(text)
        if m:
            open_blocks += 0 if opens_block(m.group(1)) else -1
        elif text == "}":
            open_blocks -= 1
        elif opens_block(text):
            open_blocks += 1
        lines.extend(items[i].echo or [items[i].text])
        i += 1
    block.body, block.too_deep, block.unclosed = [], True, bool(open_blocks)
    block.echo = block.echo + lines
    return block, i


def _flat_echo(body: list[LogicalCommand]) -> list[str]:
    lines: list[str] = []
    for item in body:
        lines.extend(item.echo or [item.text])
    return lines


def number_block_echo(block: LogicalCommand) -> list[str]:
    """Echo lines of a block: the opener with ``. ``, then ``  2. `` … for the rest."""
    first, *rest = block.echo or [block.text]
    return [". " + first] + [f"{k:>3}. {line}" for k, line in enumerate(rest, block.first_number)]


def block_depth(text: str) -> int:
    """How many `{` blocks the text leaves open (the REPL keeps reading while > 0)."""
    depth = 0
    for item in split_commands(text):
        t = item.text.strip()
        m = _ELSE_RE.match(t)
        if program_name(t) or input_varlist(t) or opens_mata(t):
            depth += 1
        elif t == "end":
            depth = max(depth - 1, 0)
        elif m:  # `} else {` closes one block and opens the next
            depth = depth if opens_block(m.group(1)) else max(depth - 1, 0)
        elif opens_block(t):
            depth += 1
        elif t == "}":
            depth = max(depth - 1, 0)
    return depth


def _ends_with_continuation(line: str) -> bool:
    s = line.rstrip()
    return s.endswith("///") and (len(s) == 3 or s[-4].isspace())


def clean_line(line: str, depth: int) -> tuple[str, int, bool]:
    """Remove comments from one physical line.

    Returns (text kept, /* */ depth at end of line, whether `///` continues it).  A function
    of its arguments alone: lines of ordinary length are cleaned once (a loop's or a
    program's body, a test's commands, are split again on every run).
    """
    if len(line) <= _CACHED_LINE:
        return _clean_line_cached(line, depth)
    return _clean_line(line, depth)


_CACHED_LINE = 400  # longer lines (data, long macros) are not kept


def _clean_line(line: str, depth: int) -> tuple[str, int, bool]:
    buf: list[str] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if depth > 0:
            if line.startswith("*/", i):
                depth -= 1
                i += 2
                if depth == 0:
                    buf.append(" ")
            elif line.startswith("/*", i):
                depth += 1
                i += 2
            else:
                i += 1
            continue
        if is_quote_start(line, i):  # an unclosed quote runs to the end of the line
            j = quote_end(line, i)
            j = n if j < 0 else j
            buf.append(line[i:j])
            i = j
            continue
        if line.startswith("/*", i):
            depth += 1
            i += 2
            continue
        at_word_start = i == 0 or line[i - 1].isspace()
        if at_word_start and line.startswith("///", i):
            return "".join(buf), depth, True
        if at_word_start and line.startswith("//", i):
            return "".join(buf), depth, False
        buf.append(ch)
        i += 1
    return "".join(buf), depth, False


_clean_line_cached = lru_cache(maxsize=4096)(_clean_line)


def split_semicolons(text: str) -> str:
    """``mlm -c 'cmd1; cmd2'``: one command per line (quotes protect ``;``)."""
    lines = []
    for line in text.split("\n"):
        lines.extend(p.strip() for p in split_top(line, ";", brackets=""))
    return "\n".join(p for p in lines if p)
