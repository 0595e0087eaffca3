"""Variable names as typed resolved against a dataset's variables (``Dataset.resolve``,
``Dataset.expand_varlist`` delegate here): abbreviations (unless ``set varabbrev off``),
time-series operators (``L.x``), ``*``/``?``/``~`` wildcards, ``a-b`` ranges and ``_all``, with
Stata's errors (``variable foo not found`` r(111), ``foo ambiguous abbreviation`` r(111),
``varlist required`` r(100)).

``data`` is a ``Dataset`` or a subclass of it: the operated variable and a range's ends are
resolved through ``data.resolve``, so a subclass's own resolution is kept.
"""
from __future__ import annotations

import fnmatch
import re

from mlmcli.errors import StataError, ambiguous_abbreviation, variable_not_found
from mlmcli.syntax.varlist import NAME_RE


def resolve_name(data, name: str, allow_abbrev: bool = True) -> str:
    """Full variable name for a typed name or unambiguous abbreviation; ``L.x``, ``D2.x``
    (time-series operators) resolve to Stata's spelling of the operated variable."""
    frame = data._frame_in_memory()  # noqa: SLF001 (a plain Dataset's frame, None for a subclass)
    if frame is not None and name in frame.columns:
        return name  # (a hashed look-up; varnames builds the list of names)
    cols = data.varnames
    if name in cols:
        return name
    if "." in name:
        from mlmcli.time_series_ops import canonical_operator, split_operated

        parts = split_operated(name)
        if parts:
            op, base = canonical_operator(parts[0]), data.resolve(parts[1], allow_abbrev)
            return f"{op}.{base}" if op else base
    if allow_abbrev and data.varabbrev and NAME_RE.match(name):
        hits = [c for c in cols if c.startswith(name)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ambiguous_abbreviation(name)
    raise variable_not_found(name, cols)


def expand_varlist(data, text: str | list[str], allow_abbrev: bool = True,
                   allow_empty: bool = False) -> list[str]:
    """Expand a varlist: names, abbreviations, ``*``/``?`` wildcards, ``a-b`` ranges, ``_all``."""
    tokens = text.split() if isinstance(text, str) else list(text)
    tokens = join_dashes(tokens)
    if any(tok.endswith(".") for tok in tokens):  # ``L. x`` typed apart: L.x
        from mlmcli.factor_terms import join_operator_words

        tokens = join_operator_words(tokens)
    out: list[str] = []
    cols = data.varnames
    for tok in tokens:
        if "=" in tok:  # no name holds "=": an =exp after a varlist the command's syntax lacks
            raise StataError("=exp not allowed", 101)
        if tok in ("_all", "*"):
            out.extend(cols)
        elif "-" in tok and not tok.startswith("-"):
            a, b = tok.split("-", 1)
            ia, ib = cols.index(data.resolve(a, allow_abbrev)), cols.index(data.resolve(b, allow_abbrev))
            if ia > ib:
                raise StataError(f"{tok}: variables out of order", 111)
            out.extend(cols[ia:ib + 1])
        elif any(ch in tok for ch in "*?~"):
            pat = tok.replace("~", "*")
            hits = [c for c in cols if fnmatch.fnmatchcase(c, pat)]
            if not hits:
                raise variable_not_found(tok)
            out.extend(hits)
        else:
            out.append(data.resolve(tok, allow_abbrev))
    if not out and not allow_empty:
        raise StataError("varlist required", 100)
    return out


def ungroup_parentheses(text: str) -> str:
    """``(a b) c`` -> ``a b c``: parentheses around whole names of a varlist only group them.
    Stata's ``ds`` takes ``ds(a01 sample_type), not`` and ``ds (t2*), not`` so (a public log of
    an LSMS cleaning file lists the other variables); unbalanced parentheses, or parentheses
    inside a name's token (``i.(a b)``, ``x(1)``), are left for the caller's own error."""
    out, depth = [], 0
    for piece in re.split(r"(\s+)", text):
        core = piece
        opened = len(core) - len(core.lstrip("("))
        core = core[opened:]
        closed = len(core) - len(core.rstrip(")"))
        core = core[:len(core) - closed] if closed else core
        if "(" in core or ")" in core:
            return text
        depth += opened - closed
        if depth < 0:
            return text
        out.append(core)
    return text if depth else "".join(out)


def join_dashes(tokens: list[str]) -> list[str]:
    """Join a range typed with spaces -- ``a - b``, ``a- b``, ``a -b`` -- into ``a-b``."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "-" and out and i + 1 < len(tokens):
            out[-1] = f"{out[-1]}-{tokens[i + 1]}"
            i += 2
            continue
        if len(tok) > 1 and tok.endswith("-") and tok.count("-") == 1 and i + 1 < len(tokens) \
                and not tokens[i + 1].startswith("-"):
            out.append(tok + tokens[i + 1])
            i += 2
            continue
        if len(tok) > 1 and tok.startswith("-") and tok.count("-") == 1 and out and "-" not in out[-1]:
            out[-1] += tok
            i += 1
            continue
        out.append(tok)
        i += 1
    return out
