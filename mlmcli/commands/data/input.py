"""``input [type] var [[type] var …]`` with data lines up to ``end`` (typed data).

Stata answers ``input`` by repeating the variable names (each right-aligned in
11 columns after a 3-column margin) and numbering the data lines it reads:

    . input x y

                 x          y
      1. 1 2
      2. 3 4
      3. end

Values are separated by blanks; a string with blanks is typed in double
quotes; ``.`` is missing and ``.a`` ... ``.z`` are the extended missing values (stored as
``replace x = .a`` stores them: ``mlmcli.missing``).  The preprocessor collects the data lines; the
runner hands them here.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.storage_types import fit_storage
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.missing import extended
from mlmcli.syntax.varlist import STORAGE_TYPE_RE, is_name

_TYPES = STORAGE_TYPE_RE


def cmd_input(session, cmd) -> None:
    """``input`` with no data lines after it (e.g. as the last line of a file)."""
    run_input(session, cmd.args, [], [], echo=False)


def parse_input_varlist(varlist: str, default: str = "float") -> list[tuple[str, str]]:
    """(name, storage type) pairs; an untyped name takes ``default`` (``set type``'s, float)."""
    out: list[tuple[str, str]] = []
    pending = None
    for word in _ungroup_types(varlist):
        if _TYPES.match(word):
            if pending is not None:
                raise invalid_syntax()
            pending = word
            continue
        if not is_name(word):
            raise invalid_syntax()
        out.append((word, pending or default))
        pending = None
    if pending is not None:
        raise invalid_syntax()
    return out


def _ungroup_types(varlist: str) -> list[str]:
    """The words of the variable list with ``float(x y)`` (one type for several names, as
    dataex writes it) spelled ``float x float y``."""
    words: list[str] = []
    for m in re.finditer(r"(\w+)\s*\(([^()]*)\)|[^\s()]+|[()]", varlist):
        if m.group(1) is None:
            if m.group(0) in "()":
                raise invalid_syntax()
            words.append(m.group(0))
            continue
        if not _TYPES.match(m.group(1)) or not m.group(2).split():
            raise invalid_syntax()
        for name in m.group(2).split():
            words += [m.group(1), name]
    return words


def run_input(session, varlist: str, rows: list[str], echo_lines: list[str], *, echo: bool) -> None:
    """Create the variables (or append observations to existing ones) from the data lines."""
    data = session.data
    if not varlist.strip():
        raise StataError("nothing to input", 104)
    spec = parse_input_varlist(varlist, session.settings.get("type", "float"))
    names = [n for n, _ in spec]
    repeated = next((n for k, n in enumerate(names) if n in names[:k]), None)
    if repeated is not None:  # Stata creates them one by one: the second is already there
        raise StataError(f"{repeated} already defined", 110)
    existing = [n in data.df.columns for n in names]
    if any(existing) and not all(existing):
        raise StataError("input: may not combine new and existing variables", 198)
    if not any(existing) and data.nobs > 0:
        raise StataError("input: data in memory; new variables need as many values as observations", 198)
    out = session.out
    out.line("")
    out.line("   " + "".join(f"{n:>11}" for n in names))
    tokens: list[str] = []
    for row in rows:
        tokens.extend(_split_values(row))
    if echo:
        for k, line in enumerate(echo_lines, 1):
            out.line(f"{k:>3}. {line}".rstrip())
    nvars = len(names)
    nrows = -(-len(tokens) // nvars) if tokens else 0
    tokens += ["."] * (nrows * nvars - len(tokens))
    columns = {}
    for j, (name, vtype) in enumerate(spec):
        is_str = data.is_string(name) if existing[j] else vtype.startswith("str")
        raw = tokens[j::nvars]
        if is_str:
            columns[name] = _string_values(raw, vtype)
        else:  # held as the storage type holds them (a float's 0.1 is float(0.1))
            stored = data.types.get(name, "float") if existing[j] else vtype
            columns[name] = fit_storage(_numbers(raw, name), stored)
    if all(existing):
        _append(data, columns, nrows)
    else:
        for name, vtype in spec:
            data.set_variable(name, columns[name], vtype)
    data.changed = True


def _split_values(line: str) -> list[str]:
    out = []
    for t in re.findall(r'`"(?:.*?)"\'(?=[\s,]|$)|"[^"]*"|[^\s,]+', line):
        if t.startswith('`"'):  # compound quotes: the text may hold double quotes
            out.append(t[2:-2])
        else:
            out.append(t[1:-1] if len(t) >= 2 and t[0] == t[-1] == '"' else t)
    return out


def _numbers(raw: list[str], name: str) -> np.ndarray:
    out = np.empty(len(raw), dtype=float)
    for i, tok in enumerate(raw):
        if re.fullmatch(r"\.[a-z]?", tok):  # . and the extended missing values .a ... .z
            out[i] = extended(tok[1:])
            continue
        try:
            out[i] = float(tok)
        except ValueError:
            raise StataError(f"'{tok}' cannot be read as a number for {name}[{i + 1}]", 7) from None
    return out


def _string_values(raw: list[str], vtype: str) -> np.ndarray:
    width = int(vtype[3:]) if vtype[3:].isdecimal() else None
    from mlmcli.text_bytes import fit_bytes

    return np.array([t if width is None else fit_bytes(t, width) for t in raw], dtype=object)


def _append(data, columns: dict, nrows: int) -> None:
    import pandas as pd

    extra = {}
    for name in data.df.columns:
        if name in columns:
            extra[name] = columns[name]
        elif data.is_string(name):
            extra[name] = np.full(nrows, "", dtype=object)
        else:
            extra[name] = np.full(nrows, np.nan)
    data.append_rows(pd.concat([data.df, pd.DataFrame(extra)], ignore_index=True))
    data.sortedby = ()
