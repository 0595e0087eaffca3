"""``matrix score [type] newvar = b [if] [in] [, equation(#|eqname) replace forcezero
missval(#)]`` ([P] matrix score): newvar = sum of b's elements times the variables its
columns name (``_cons`` is 1; ``1.f`` the indicator of f == 1; ``a#c.x`` products; ``L.x``
and other operated names evaluated as expressions).  A column naming no variable is r(111)
unless forcezero (it counts 0); missval(#) stands in for missing values of the variables.
b with equations: the first equation's columns, or equation()'s.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE

_TYPES = ("byte", "int", "long", "float", "double")
_LEVEL = re.compile(r"^(\d+)[bno]*\.(.+)$")


def matrix_score(session, rest: str, lookup) -> None:
    """``lookup(session, name)``: the matrix a name refers to (matrix.py's lookup_any)."""
    from mlmcli.parser import parse_arguments
    from mlmcli.sample import mark_sample

    m = re.fullmatch(r"\s*(?:(byte|int|long|float|double)\s+)?([^\W\d]\w*)\s*=\s*([^\s,]+)(.*)", rest or "", re.S)
    if not m:
        raise invalid_syntax()
    vtype, name, bname, tail = m.groups()
    cmd = parse_arguments(tail, "matrix score")
    if cmd.args.strip() or cmd.weight is not None:
        raise invalid_syntax()
    opts = resolve_options(cmd.options, [OptionSpec("equation", 2, takes_arg=True), OptionSpec("replace", 7),
                                         OptionSpec("forcezero", 5), OptionSpec("missval", 4, takes_arg=True)])
    b = lookup(session, bname)
    values = np.atleast_2d(np.asarray(b.values, float))
    if values.shape[0] != 1:
        raise StataError("conformability error", 503)
    data = session.data
    if not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    if data.has_variable(name) and not opts.get("replace"):
        raise StataError(f"variable {name} already defined", 110)
    columns = _equation_columns(list(b.colnames), opts.get("equation"))
    missval = None
    if isinstance(opts.get("missval"), str):
        from mlmcli.expr import evaluate_number

        missval = evaluate_number(session, opts["missval"])
    rows = np.asarray(mark_sample(session, cmd, []), bool)
    score = np.zeros(data.nobs)
    for j, column in columns:
        score += values[0, j] * column_values(session, column, bool(opts.get("forcezero")), missval)
    score = np.where(rows, score, np.nan)
    data.set_variable(name, score, vtype or "float")


def _equation_columns(names: list[str], equation) -> list[tuple[int, str]]:
    eqs = [n.rpartition(":")[0] for n in names]
    order = list(dict.fromkeys(eqs))
    if isinstance(equation, str) and equation.strip():
        wanted = equation.strip()
        if wanted.startswith("#"):
            k = int(wanted[1:]) if wanted[1:].isdecimal() else 0
            if not 1 <= k <= len(order):
                raise StataError(f"equation {wanted} not found", 303)
            wanted = order[k - 1]
        elif wanted not in order:
            raise StataError(f"equation {wanted} not found", 303)
    else:
        wanted = order[0] if order else ""
    return [(j, n.rpartition(":")[2]) for j, n in enumerate(names) if eqs[j] == wanted]


def column_values(session, column: str, forcezero: bool, missval) -> np.ndarray:
    data = session.data
    if column == "_cons":
        return np.ones(data.nobs)
    out = np.ones(data.nobs)
    for part in column.split("#"):
        level = _LEVEL.match(part)
        var = level.group(2) if level else re.sub(r"^c?o?\.", "", part)
        try:
            x = _variable_values(session, var)
        except StataError:
            if forcezero:
                return np.zeros(data.nobs)
            raise StataError(f"variable {var} not found", 111) from None
        if missval is not None:
            x = np.where(np.isnan(x), missval, x)
        out = out * ((x == float(level.group(1))).astype(float) if level else x)
        if level:
            out = np.where(np.isnan(x), np.nan, out)
    return out


def _variable_values(session, var: str) -> np.ndarray:
    data = session.data
    if NAME_RE.match(var):
        if not data.has_variable(var):
            raise StataError(f"variable {var} not found", 111)
        if data.is_string(var):
            raise StataError("type mismatch", 109)
        return data.numeric(var).astype(float)
    from mlmcli.expr import evaluate

    x = evaluate(session, var)
    if x.dtype == object:
        raise StataError("type mismatch", 109)
    return np.asarray(x, float)
