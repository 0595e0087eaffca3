"""Where coefplot reads a model's numbers (coefplot.ado 1.8's ``coefplot_keepdrop``): the
estimates and their names, the standard errors, the degrees of freedom and the confidence
limits, from e() (a stored model) or, in matrix mode (``matrix(mspec)``), from matrices.

An ``mspec`` is ``name`` (its first row), ``name[#]``/``name[#,]``/``name[#,.]`` (row #) or
``name[,#]``/``name[.,#]`` (column #); in e() mode ``name`` means ``e(name)``.  In matrix mode
``b()`` is ignored, and ``se(#)``, ``ci((# #))`` name rows (or columns, as the main matrix was
given) of the main matrix.  ``se()`` gives the standard errors, ``v(name)`` a variance matrix
whose diagonal gives them (default e(V); none in matrix mode), ``df()`` a number or an mspec
(default e(df_r); none in matrix mode: normal quantiles), ``ci()`` limits read rather than
computed.  Pure: the ado's notes ("(C: se not found)" ...) are returned, not printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlmcli.errors import StataError

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass
class ModelNumbers:
    """One model's columns: names (``eq:name``), estimates, standard errors (None: no
    intervals computed), degrees of freedom (NaN: the normal quantile) and, per level, the
    limits read from ci() (None: computed from the level)."""

    names: tuple[str, ...]
    b: np.ndarray
    se: np.ndarray | None
    df: np.ndarray
    bounds: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    aux: list = field(default_factory=list)  # aux(): one vector per mspec (NaN when not read)
    at: np.ndarray | None = None  # at(mspec): the positions read (None: not asked or not read)


def parse_mspec(model: str, opt: str, text: str) -> tuple[str, int | None, int | None]:
    """coefplot_parse_input: ``mspec`` -> (name, row or None, column or None), 1-based."""
    tokens = re.findall(r"[\[\],]|[^\s\[\],]+", text)
    bad = StataError(f"{model}: invalid syntax in {opt}()", 198)
    if not tokens or len(tokens) > 6 or not _NAME.match(tokens[0]):
        raise bad
    if len(tokens) == 1:
        return tokens[0], 1, None
    if len(tokens) < 4 or tokens[1] != "[" or tokens[-1] != "]":
        raise bad
    if len(tokens) == 4:
        r, c = tokens[2], "."
    elif tokens[2] == ",":
        if len(tokens) != 5:
            raise bad
        r, c = ".", tokens[3]
    else:
        if tokens[3] != ",":
            raise bad
        r, c = tokens[2], "." if len(tokens) == 5 else tokens[4]
    if (r == ".") + (c == ".") != 1:
        raise bad

    def number(s):
        try:
            return int(float(s))
        except ValueError:
            raise bad from None
    return tokens[0], None if r == "." else number(r), None if c == "." else number(c)


def _position(text: str) -> int | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return int(v) if v == int(v) and v > 0 else None


def ci_levels(levels: tuple[float, ...], ci_text: str, default: float) -> list[tuple[float | None, str]]:
    """coefplot.ado's parse_cilevels: ``levels()`` and ``ci()`` paired by position -> (level,
    "") to compute, or (None, cispec) to read.  A number in ci() is a level; ``""`` keeps the
    level of levels() (else the default)."""
    from mlmcli.graphs.syntax import items

    specs = [text for _, text in items(ci_text)] if ci_text else []
    out = []
    for k in range(max(len(levels), len(specs))):
        level = levels[k] if k < len(levels) else default
        spec = specs[k].strip() if k < len(specs) else ""
        if spec.startswith("(") and spec.endswith(")"):
            spec = spec[1:-1].strip()
        if not spec:
            out.append((level, ""))
            continue
        try:
            value = float(spec)
        except ValueError:
            out.append((None, spec))
            continue
        if not 0 < value < 100:
            raise StataError("levels() invalid -- invalid numlist has elements outside of allowed range", 125)
        out.append((value, ""))
    return out or [(default, "")]


class _Reader:
    """Reads vectors for one model: ``lookup(name)`` gives a Matrix (or None) of e() or of
    the matrices; the main matrix's (name, row, col) resolves positional ``#`` in matrix mode."""

    def __init__(self, model: str, lookup: Callable, emode: bool, main: tuple):
        self.model, self.lookup, self.emode, self.main = model, lookup, emode, main
        self.notes: list[str] = []

    def shown(self, name: str) -> str:
        return f"e({name})" if self.emode else name

    def vector(self, opt: str, text: str, r: int):
        """coefplot_parse_cname then the subscripted row/column; None (with the ado's note)
        when the matrix is missing or of another length."""
        pos = None if self.emode else _position(text)
        if pos is not None:
            name, row, col = self.main
            row, col = (pos, None) if row is not None else (None, pos)
        else:
            name, row, col = parse_mspec(self.model, opt, text)
        mat = self.lookup(name)
        if mat is None:
            self.notes.append(f"({self.model}: {self.shown(name)} not found)")
            return None
        values = np.atleast_2d(np.asarray(mat.values, float))
        check_subscript(self.model, opt, values, row, col)
        vec = values[row - 1, :] if row is not None else values[:, col - 1]
        if len(vec) != r:
            self.notes.append(f"({self.model}: {self.shown(name)} not conformable)")
            return None
        return vec


def check_subscript(model: str, opt: str, values: np.ndarray, row, col) -> None:
    if (row is not None and not 1 <= row <= values.shape[0]) or (col is not None and not 1 <= col <= values.shape[1]):
        raise StataError(f"{model}: invalid subscript for {opt}", 503)


def main_vector(model: str, lookup: Callable, spec: str, emode: bool):
    """The estimates and their names: (names, values, (name, row, col)), or None when the
    matrix does not exist (the ado's "no coefficients found")."""
    name, row, col = parse_mspec(model, "b", spec)
    mat = lookup(name)
    if mat is None:
        return None
    values = np.atleast_2d(np.asarray(mat.values, float))
    check_subscript(model, "b", values, row, col)
    if row is not None:
        return tuple(mat.colnames), values[row - 1, :], (name, row, col)
    return tuple(mat.rownames), values[:, col - 1], (name, row, col)


def model_numbers(model: str, lookup: Callable, *, emode: bool, bspec: str = "", sespec: str = "",
                  vname: str = "", dfspec: str = "", levels=(), default_df: float | None = None,
                  default_v: str = "V", auxspecs=(), atspec: str = "", at_lookup: Callable | None = None
                  ) -> ModelNumbers | None:
    """The numbers coefplot plots for one model (module docstring); ``levels``: ci_levels'
    pairs.  None when there are no estimates."""
    if sespec and vname:
        raise StataError("se() and v() not both allowed", 198)
    found = main_vector(model, lookup, bspec or "b", emode)
    if found is None:
        return None
    names, b, main = found
    r = len(b)
    reader = _Reader(model, lookup, emode, main)
    se = None
    if sespec:
        se = reader.vector("se", sespec, r)
    elif vname or emode:
        name = vname or default_v
        V = lookup(name)
        if V is None:
            if vname:
                reader.notes.append(f"({model}: {reader.shown(name)} not found)")
        else:
            values = np.atleast_2d(np.asarray(V.values, float))
            if values.shape == (r, r):
                se = np.sqrt(np.where(np.diag(values) >= 0, np.diag(values), np.nan))
            elif vname:
                reader.notes.append(f"({model}: {reader.shown(name)} not conformable)")
    df = np.full(r, np.nan)
    if dfspec:
        try:  # a number (or .) for every coefficient, else an mspec (no positional # here)
            df = np.full(r, np.nan if dfspec.strip() == "." else float(dfspec))
        except ValueError:
            name, row, col = parse_mspec(model, "df", dfspec)
            vec = reader.vector("df", f"{name}[{row},]" if row is not None else f"{name}[,{col}]", r)
            df = df if vec is None else vec
    elif emode and default_df is not None:
        df = np.full(r, float(default_df))
    bounds = []
    for level, spec in levels:
        if not spec:
            bounds.append(None)
            continue
        words = spec.split()
        if len(words) == 1:
            pair = (spec + "[1]", spec + "[2]")
        elif "[" not in spec:
            if len(words) != 2:
                raise StataError(f"{model}: invalid syntax in ci()", 198)
            pair = tuple(words)
        elif spec.rstrip().endswith("]") and spec.index("]") == len(spec.rstrip()) - 1:
            first, _, rest = spec.partition(" ")
            pair = (first, rest.strip())
        else:
            cut = spec.index("]") + 1
            pair = (spec[:cut].strip(), spec[cut:].strip())
        ll, ul = (reader.vector("ci", p, r) for p in pair)
        bounds.append((np.full(r, np.nan) if ll is None else ll, np.full(r, np.nan) if ul is None else ul))
    aux = []
    for spec in auxspecs:  # as se(): e(name) or, in matrix mode, a matrix or a row of the main one
        vec = reader.vector("aux", spec, r)
        aux.append(np.full(r, np.nan) if vec is None else vec)
    at = None
    if atspec:  # at(mspec): as se(); at(matrix(mspec)) in e() mode: a matrix, not e()
        if at_lookup is None:
            at = reader.vector("at", atspec, r)
        else:
            matrices = _Reader(model, at_lookup, True, main)
            matrices.shown = lambda name: name
            at = matrices.vector("at", atspec, r)
            reader.notes += matrices.notes
    return ModelNumbers(names, b, se, df, bounds, reader.notes, aux, at)
