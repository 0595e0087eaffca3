"""From do-file text to logical commands, and macro expansion.

``split_commands(text)`` handles Stata's comments and line structure:

- ``*`` as the first character of a command: the line is a comment;
- ``//`` at line start or after whitespace: the rest of the line is a comment;
- ``/* … */`` (may span lines, may nest): removed; lines it spans are joined;
- ``///`` (at line start or after whitespace): the rest of the line is a
  comment and the next line continues the command;
- ``#delimit ;`` / ``#delimit cr``: in ``;`` mode a command ends at ``;``.

Double-quoted strings and compound quotes (`` `"…"' ``) protect their contents.
Each logical command keeps the physical lines it came from for the echo.

``expand_macros(text, locals, globals)`` substitutes `` `name' `` (innermost
first, so `` `x`i'' `` works), ``$name`` and ``${name}``; `` `=exp' `` is
evaluated when an evaluator is supplied.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from mlmcli.limits import MACRO_LENGTH, macro_too_long
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

_BLOCK_WORDS = re.compile(
    r"^(foreach|forv|forva|forval|forvalu|forvalue|forvalues|while|if|else|frames?|"
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

    Returns (text kept, /* */ depth at end of line, whether `///` continues it).
    """
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


def split_semicolons(text: str) -> str:
    """``mlm -c 'cmd1; cmd2'``: one command per line (quotes protect ``;``)."""
    lines = []
    for line in text.split("\n"):
        lines.extend(p.strip() for p in split_top(line, ";", brackets=""))
    return "\n".join(p for p in lines if p)


# ----- macros -----

_GLOBAL_NAME = re.compile(r"\{([^\W\d]\w*)\}|([^\W\d]\w*)")


def expand_macros(text: str, locals_: dict[str, str], globals_: dict[str, str],
                  evaluate: Callable[[str], str] | None = None,
                  special: Callable[[str], str | None] | None = None, _depth: int = 0) -> str:
    """Substitute local and global macros in one left-to-right pass, as Stata does.

    `` `name' `` is expanded innermost first (`` `x`i'' ``): each ``'`` closes the
    backtick opened last; a backtick never closed stays as typed.  A macro's contents are
    expanded in turn, as Stata rescans them: ``local m reg y \\`x'`` keeps `` `x' `` in m, and
    `` `m' `` later gives the value x has then (delayed substitution; `` `macval(m)' ``
    does not rescan).  ``\\` `` and ``\\$`` stand for a literal backtick and dollar.
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
        if ch == "\\" and i + 1 < n and text[i + 1] in "`$":
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
