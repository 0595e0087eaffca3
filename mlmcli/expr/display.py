"""The text ``display`` prints for its directives (also used by ``local x : display``).

Directives ([P] display): ``"string"``, `` `"string"' ``, ``[%fmt] exp``,
``_skip(#)``, ``_column(#)``/``_col(#)``, ``_newline[(#)]``/``_n[(#)]``,
``_continue``/``_c``, ``_dup(#)``, ``_char(#)``, ``as text|result|error|input``
(colours are ignored in plain text), ``in smcl``, ``,`` (one blank) and ``,,`` (none).

An expression is the longest run of tokens that parses as one expression whose types
agree, so ``display 2+2 "a"`` prints ``4a``, ``display "a" + "b"`` prints ``ab`` and
``display "x = " -2*3`` prints ``x = -6``.
A number without a format prints in ``%10.0g`` with leading blanks removed.

The ``display`` command's text is SMCL ([P] display, "display and SMCL"): its strings'
directives are laid out (``{hline 5}`` is five dashes), ``_column(#)`` and ``_skip(#)`` become
``{col #}`` and ``{space #}`` so columns count the text shown, and ``asis`` shows the strings
that follow as typed until ``in smcl``.  ``local x : display`` keeps the text as typed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from mlmcli.errors import StataError, invalid_syntax

# %d...: Stata 9's name of %td (render/old_date_format.py)
_FMT_RE = re.compile(r"%-?~?0?\d+(?:\.\d+)?(?:gc|fc|g|f|e|s)|%-?t[bcCdwmqhy][^\s\"(]*|%-?d[^\s\"(]*")
_DIRECTIVE_RE = re.compile(
    r"(?P<name>_skip|_column|_col|_newline|_n|_dup|_char|_continue|_c|_request)\b\s*(?:\((?P<arg>[^)]*)\))?")
_AS_RE = re.compile(r"as\s+(text|txt|result|res|error|err|input|inp)\b|(?P<smcl>in\s+smcl\b)|(?P<asis>asis\b)"
                    r"|in\s+(?:gr|ye|wh|bl|red)\w*\b")


def display_output(session, text: str, column: int = 0) -> tuple[str, int]:
    """What ``display`` shows, starting at output column ``column``: the text (its final
    newline included unless ``_continue`` or a closing ``{...}``) and the column it ends at."""
    from mlmcli.help.smcl_text import render_smcl

    smcl, cont = render_display(session, text, smcl=True)
    return render_smcl(smcl if cont else smcl + "\n", session.linesize, column, lambda name: _ccl(session, name))


def _ccl(session, name: str) -> str | None:
    """{ccl name}: c(name) as display shows it; None for a name that is no c() name."""
    from mlmcli.expr import evaluate_scalar
    from mlmcli.render.numfmt import format_number

    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        return None
    value = evaluate_scalar(session, f"c({name})")
    return value if isinstance(value, str) else format_number(value, "%10.0g").strip()


def render_display(session, text: str, smcl: bool = False) -> tuple[str, bool]:
    """The text for ``display``'s arguments and whether a final newline is suppressed; with
    ``smcl`` the SMCL source the display command lays out (``display_output``)."""
    from mlmcli.help.smcl_text import smcl_literal
    from mlmcli.render.numfmt import format_number, is_valid_format
    from mlmcli.textscan import has_unclosed_quote

    if has_unclosed_quote(text):  # Stata's parser, before display reads a directive
        raise StataError("too few quotes", 132)
    out: list[str] = []
    col = [0]  # current column (0-based) on the current output line
    cont = False
    dup = 1
    asis = False  # strings shown as typed (display's asis directive)

    def emit(piece: str, typed: bool = False, markup: bool = False) -> None:
        nonlocal dup
        if smcl and not markup and (typed or asis):
            piece = smcl_literal(piece)  # display's asis mode, _char(123)
        piece = piece * dup
        dup = 1
        out.append(piece)
        if "\n" in piece:
            col[0] = len(piece) - piece.rfind("\n") - 1
        else:
            col[0] += len(piece)

    pos, n = 0, len(text)
    fmt: str | None = None
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        m = _DIRECTIVE_RE.match(text, pos)
        if m and fmt is None:
            name, arg = m.group("name"), m.group("arg")
            pos = m.end()
            k = _int_arg(session, arg, 1)
            if name == "_skip":
                emit(f"{{space {max(k, 0)}}}" if smcl else " " * max(k, 0), markup=True)
            elif name in ("_column", "_col"):
                target = max(k, 1) - 1
                if smcl:
                    emit(f"{{col {target + 1}}}", markup=True)
                elif target > col[0]:
                    emit(" " * (target - col[0]))
            elif name in ("_newline", "_n"):
                emit("\n" * max(k, 0))
            elif name == "_dup":
                dup = max(k, 0)
            elif name == "_char":
                emit(chr(k) if 0 <= k < 0x110000 else "", typed=True)
            elif name in ("_continue", "_c"):
                cont = True
            continue
        m = _AS_RE.match(text, pos)
        if m and fmt is None:
            pos = m.end()
            asis = bool(m.group("asis")) or (asis and not m.group("smcl"))
            continue
        if text[pos] == "," and fmt is None:  # `,` is one blank between directives, `,,` none
            if text.startswith(",,", pos):
                pos += 2
            else:
                emit(" ")
                pos += 1
            continue
        m = _FMT_RE.match(text, pos)
        if m and fmt is None:
            fmt = m.group(0)
            if not is_valid_format(fmt):
                raise StataError("invalid %format", 120)
            pos = m.end()
            continue
        value, end = _longest_typed_expression(session, text, pos)
        if isinstance(value, str):
            emit(format_number(value, fmt) if fmt and _is_string_format(fmt) else value)
        else:
            if fmt is not None and _is_string_format(fmt):
                raise StataError("type mismatch", 109)
            emit(format_number(value, fmt) if fmt else format_number(value, "%10.0g").strip())
        fmt = None
        pos = end
    if fmt is not None:
        raise invalid_syntax()
    return "".join(out), cont


def _is_string_format(fmt: str) -> bool:
    """``%20s``, ``%-9s`` (not a date format whose details end in s, ``%tcHH:MM:SS.sss``)."""
    return not fmt.lstrip("%-").startswith(("t", "d")) and fmt.endswith("s")


def _int_arg(session, arg: str | None, default: int) -> int:
    if arg is None or not arg.strip():
        return default
    from mlmcli.expr import evaluate_scalar

    v = evaluate_scalar(session, arg)
    if isinstance(v, str) or v != v or abs(v) > _MAX_DIRECTIVE:
        raise invalid_syntax()
    return int(v)


_MAX_DIRECTIVE = 1_000_000  # _skip(1e9)/_dup(1e300) would build gigabytes of text


def _longest_typed_expression(session, text: str, pos: int):
    """The value and end of the longest expression at ``pos`` whose types agree: Stata's
    parser knows each operand's type, so ``display "deviance = " -2*e(ll)`` shows the string
    and then the number (string minus number is no expression); public do-files rely on it."""
    from mlmcli.expr import evaluate_scalar

    first: StataError | None = None
    for end in _expression_ends(text, pos):
        expr = text[pos:end]
        if expr.lstrip().startswith("="):
            expr = expr.lstrip()[1:]
        try:
            return evaluate_scalar(session, expr), end
        except StataError as err:
            if first is None and err.rc != 109:
                raise
            first = first or err  # a shorter piece may fail otherwise (`"x" -2*e` of `"x" -2*e(ll)`)
    if first is not None:
        raise first
    raise invalid_syntax()


def longest_expression(text: str, pos: int) -> int:
    """End of the longest prefix of ``text[pos:]`` that is a valid expression."""
    for end in _expression_ends(text, pos):
        return end
    raise invalid_syntax()


def _expression_ends(text: str, pos: int):
    """Ends of the prefixes of ``text[pos:]`` that are valid expressions, longest first.  The
    parser reads a window of the rest that ends at a blank outside quotes and brackets (no
    token spans one), widened while the parser takes every token of it, so each directive
    reads about its own expression and a whole line is linear in its length.  Date literals
    (td(15jan2000)) become numbers first; ends map back."""
    from mlmcli.expr.compiler import compile_expression

    for window_end, last in _windows(text, pos):
        ends, stopped, skip, origin, body = _window_ends(text[pos:window_end])
        if stopped or last:
            break
    for end in reversed(ends):
        try:
            compile_expression(body[:end])
        except StataError as err:
            if err.rc != 198:  # it parsed, but names an unknown function etc.
                raise
            continue
        yield pos + skip + origin[end]


def _window_ends(rest: str):
    """(ends, whether the parser stopped at a token of ``rest`` that cannot continue it, offset
    of the expression, offsets in ``rest`` of its rewritten text, that text) of the expression
    at the start of ``rest``."""
    from mlmcli.expr.compiler import prefix_scan
    from mlmcli.expr.dates import substitute_literals_mapped
    from mlmcli.time_series_ops import has_operator, rewrite_expression_mapped

    skip = 0
    if rest.lstrip().startswith("="):  # display =exp
        skip = len(rest) - len(rest.lstrip()) + 1
    body, origin = substitute_literals_mapped(rest[skip:])
    if has_operator(body):  # L.y: the operated variable (checked first: this runs once per item)
        body, ts_origin = rewrite_expression_mapped(body)
        origin = [origin[k] for k in ts_origin]
    ends, stopped = prefix_scan(body) if body.strip() else ((), False)
    return ends, stopped, skip, origin, body


_FIRST_WINDOW = 80  # characters: most expressions end within it


def _windows(text: str, pos: int):
    """(end, whether it is the end of ``text``) of growing windows ``text[pos:end]``, each
    ending just after a blank outside quotes and brackets."""
    from bisect import bisect_left

    size = _FIRST_WINDOW
    if len(text) - pos <= size:  # a short rest is read whole (no scan of the line for it)
        yield len(text), True
        return
    blanks = _top_level_blanks(text)
    while True:
        k = bisect_left(blanks, pos + size)
        if k == len(blanks):
            yield len(text), True
            return
        yield blanks[k] + 1, False
        size = 2 * (blanks[k] + 1 - pos)


@lru_cache(maxsize=8)
def _top_level_blanks(text: str) -> list[int]:
    """Offsets of the blanks of ``text`` outside quotes and brackets: a display line's
    directives all read this one list (the line object's hash is kept, so a lookup is cheap)."""
    from mlmcli.textscan import top_level_blanks

    return top_level_blanks(text)
