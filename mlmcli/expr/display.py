"""The text ``display`` prints for its directives (also used by ``local x : display``).

Directives ([P] display): ``"string"``, `` `"string"' ``, ``[%fmt] exp``,
``_skip(#)``, ``_column(#)``/``_col(#)``, ``_newline[(#)]``/``_n[(#)]``,
``_continue``/``_c``, ``_dup(#)``, ``_char(#)``, ``as text|result|error|input``
(colours are ignored in plain text), ``in smcl``.

An expression is the longest run of tokens that parses as one expression, so
``display 2+2 "a"`` prints ``4a`` and ``display "a" + "b"`` prints ``ab``.
A number without a format prints in ``%10.0g`` with leading blanks removed.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.textscan import matching_close

_FMT_RE = re.compile(r"%-?~?0?\d+(?:\.\d+)?(?:gc|fc|g|f|e|s)|%-?t[cCdwmqhy][^\s\"(]*")
_DIRECTIVE_RE = re.compile(
    r"(?P<name>_skip|_column|_col|_newline|_n|_dup|_char|_continue|_c|_request)\b\s*(?:\((?P<arg>[^)]*)\))?")
_AS_RE = re.compile(r"as\s+(text|txt|result|res|error|err|input|inp)\b|in\s+smcl\b|in\s+(?:gr|ye|wh|bl|red)\w*\b")


def render_display(session, text: str) -> tuple[str, bool]:
    """The text for ``display``'s arguments and whether a final newline is suppressed."""
    from mlmcli.expr import evaluate_scalar
    from mlmcli.render.numfmt import format_number

    out: list[str] = []
    col = [0]  # current column (0-based) on the current output line
    cont = False
    dup = 1

    def emit(piece: str) -> None:
        nonlocal dup
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
                emit(" " * max(k, 0))
            elif name in ("_column", "_col"):
                target = max(k, 1) - 1
                if target > col[0]:
                    emit(" " * (target - col[0]))
            elif name in ("_newline", "_n"):
                emit("\n" * max(k, 0))
            elif name == "_dup":
                dup = max(k, 0)
            elif name == "_char":
                emit(chr(k) if 0 <= k < 0x110000 else "")
            elif name in ("_continue", "_c"):
                cont = True
            continue
        m = _AS_RE.match(text, pos)
        if m and fmt is None:
            pos = m.end()
            continue
        m = _FMT_RE.match(text, pos)
        if m and fmt is None:
            fmt = m.group(0)
            pos = m.end()
            continue
        end = longest_expression(text, pos)
        expr = text[pos:end]
        if expr.lstrip().startswith("="):
            expr = expr.lstrip()[1:]
        value = evaluate_scalar(session, expr)
        if isinstance(value, str):
            emit(format_number(value, fmt) if fmt and fmt.endswith("s") else value)
        else:
            if fmt is not None and fmt.endswith("s"):
                raise StataError("type mismatch", 109)
            emit(format_number(value, fmt) if fmt else format_number(value, "%10.0g").strip())
        fmt = None
        pos = end
    if fmt is not None:
        raise invalid_syntax()
    return "".join(out), cont


def _int_arg(session, arg: str | None, default: int) -> int:
    if arg is None or not arg.strip():
        return default
    from mlmcli.expr import evaluate_scalar

    v = evaluate_scalar(session, arg)
    if isinstance(v, str) or v != v or abs(v) > _MAX_DIRECTIVE:
        raise invalid_syntax()
    return int(v)


_MAX_DIRECTIVE = 1_000_000  # _skip(1e9)/_dup(1e300) would build gigabytes of text


_TOKEN_RE = re.compile(r"""
    \s+
  | `"(?:[^"]|"(?!'))*"'            # compound-quoted string
  | "[^"]*"                         # string
  | [A-Za-z_][A-Za-z0-9_]*          # name
  | (?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?
  | \.[a-z]?                        # missing
  | ==|!=|~=|<=|>=|[-+*/^<>&|!~=,:]
  | .                               # anything else (brackets are balanced below)
""", re.VERBOSE)


def _boundaries(text: str, pos: int) -> list[int]:
    """Positions after each top-level token from ``pos`` (a bracketed group is one token;
    an unclosed one runs to the end)."""
    out: list[int] = []
    i, n = pos, len(text)
    while i < n:
        m = _TOKEN_RE.match(text, i)
        tok = m.group(0)
        i = m.end()
        if tok in ("(", "["):
            close = matching_close(text, m.start(), "([")
            if close < 0:
                out.append(n)
                break
            i = close + 1
        if not tok.isspace():
            out.append(i)
    return out


def longest_expression(text: str, pos: int) -> int:
    """End of the longest prefix of ``text[pos:]`` that is a valid expression."""
    from mlmcli.expr.compiler import compile_expression

    ends = _boundaries(text, pos)
    for end in reversed(ends):
        piece = text[pos:end]
        if piece.lstrip().startswith("="):
            piece = piece.lstrip()[1:]
        try:
            compile_expression(piece)
        except StataError as err:
            if err.rc != 198:  # it parsed, but names an unknown function etc.
                raise
            continue
        return end
    raise invalid_syntax()
