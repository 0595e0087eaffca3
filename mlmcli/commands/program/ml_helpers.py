"""The commands an ``ml`` evaluator program uses ([R] ml): ``mleval``, ``mlsum``, ``mlvecsum``,
``mlmatsum`` and ``mlmatbysum``, over the problem ``ml maximize`` is evaluating
(``session.ml_problem``, its ``current_b`` the vector the evaluator's ``b`` names; commands/estimation/ml_evaluator.py).
Outside an evaluator they are refused (r(198)).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax

def _active_problem(session, command: str):
    p = getattr(session, "ml_problem", None)
    if p is None or getattr(p, "current_b", None) is None:
        raise StataError(f"{command} may only be used by an ml evaluator program", 198)
    return p


def _equation_option(opts: dict, p, default: int = 1) -> int:
    text = opts.get("eq")
    if text is None:
        return default - 1
    text = str(text).strip()
    if text.isdecimal() and 1 <= int(text) <= len(p.equations):
        return int(text) - 1
    names = [eq.name for eq in p.equations]
    if text in names:
        return names.index(text)
    raise StataError(f"equation {text} not found", 303)


def _vector(session, name: str, p) -> np.ndarray:
    m = session.matrices.get(name)
    if m is None:
        raise StataError(f"matrix {name} not found", 111)
    values = np.asarray(m.values, float).ravel()
    if values.size != len(p.names):
        raise StataError("conformability error", 503)
    return values


def cmd_mleval(session, cmd) -> None:
    """``mleval newvar = vecname [, eq(#) ]`` and ``mleval scalarname = vecname, scalar [eq(#)]``."""
    from mlmcli.syntax.options import OptionSpec, resolve_options

    p = _active_problem(session, "mleval")
    opts = resolve_options(cmd.options, [OptionSpec("eq", 2, takes_arg=True), OptionSpec("scalar", 3)])
    m = re.fullmatch(r"\s*(\w+)\s*=\s*(\w+)\s*", cmd.args)
    if not m:
        raise invalid_syntax()
    target, vec = m.groups()
    b = _vector(session, vec, p)
    j = _equation_option(opts, p)
    if opts.get("scalar"):
        eq = p.equations[j]
        if eq.xvars or not eq.constant or eq.offset is not None:
            raise StataError(f"mleval: equation {j + 1} is not a constant-only equation", 498)
        session.scalars[target] = float(b[p.positions[j]][0])
        return
    values = np.full(session.data.nobs, np.nan)
    values[p.sample] = p.linear_predictor(b, j)
    session.data.set_variable(target, values, "double")


def _sum_rows(session, p, cmd):
    """The expression's values on the sample rows (and ``if``) and the rows' weights."""
    from mlmcli.expr import evaluate_condition

    rows = p.sample.copy()
    if cmd.if_exp:
        rows &= np.asarray(evaluate_condition(session, cmd.if_exp), bool)
    return rows


def _split_assignment(cmd, count: int):
    m = re.fullmatch(r"\s*((?:\w+\s+){%d}\w+)\s*=\s*(.+?)\s*" % (count - 1), cmd.args)
    if not m:
        raise invalid_syntax()
    return m.group(1).split(), m.group(2)


def _values(session, p, cmd, expression: str):
    from mlmcli.expr import evaluate

    rows = _sum_rows(session, p, cmd)
    values = np.asarray(evaluate(session, expression), float)
    if values.ndim == 0:
        values = np.full(session.data.nobs, float(values))
    w = np.ones(session.data.nobs) if p.weights is None else p.weights_over_rows()
    return values[rows], w[rows], rows


def cmd_mlsum(session, cmd) -> None:
    """``mlsum scalarname_lnf = exp [if] [, noweight]``: the weighted sum (``noweight``: the
    plain sum) over the estimation sample; missing when the expression is missing anywhere there."""
    from mlmcli.syntax.options import OptionSpec, resolve_options

    p = _active_problem(session, "mlsum")
    opts = resolve_options(cmd.options, [OptionSpec("noweight", 5)])
    (name,), expression = _split_assignment(cmd, 1)
    values, w, _ = _values(session, p, cmd, expression)
    if opts.get("noweight"):
        w = np.ones_like(values)
    session.scalars[name] = float(np.sum(w * values)) if np.all(np.isfinite(values)) else np.nan


def _summed(compute):
    """The sum ``compute`` makes, or None when it passes the double range (a covariate near
    1e300 times a score): [R] ml's helpers then set lnf missing, as for a missing exp."""
    with np.errstate(over="ignore", invalid="ignore"):
        total = compute()
    return total if np.all(np.isfinite(total)) else None


def cmd_mlvecsum(session, cmd) -> None:
    """``mlvecsum scalarname_lnf rowvecname = exp [if] [, eq(#)]``: sum of w exp x over the
    equation's covariates (and constant)."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import OptionSpec, resolve_options

    p = _active_problem(session, "mlvecsum")
    opts = resolve_options(cmd.options, [OptionSpec("eq", 2, takes_arg=True)])
    (lnf, vec), expression = _split_assignment(cmd, 2)
    j = _equation_option(opts, p)
    values, w, rows = _values(session, p, cmd, expression)
    X = p.design(j)[rows[p.sample]]
    if not np.all(np.isfinite(values)):
        session.scalars[lnf] = np.nan
        return
    total = _summed(lambda: (w * values) @ X)
    if total is None:
        session.scalars[lnf] = np.nan
        return
    names = tuple(p.names[k] for k in p.positions[j])
    session.matrices[vec] = Matrix(total[None, :], ("r1",), names)


def cmd_mlmatsum(session, cmd) -> None:
    """``mlmatsum scalarname_lnf matrixname = exp [if] [, eq(#[,#])]``: sum of w exp x_i x_j'."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import OptionSpec, resolve_options

    p = _active_problem(session, "mlmatsum")
    opts = resolve_options(cmd.options, [OptionSpec("eq", 2, takes_arg=True)])
    (lnf, mat), expression = _split_assignment(cmd, 2)
    parts = str(opts.get("eq", "1")).split(",")
    i = _equation_option({"eq": parts[0]}, p)
    j = _equation_option({"eq": parts[-1]}, p)
    values, w, rows = _values(session, p, cmd, expression)
    if not np.all(np.isfinite(values)):
        session.scalars[lnf] = np.nan
        return
    keep = rows[p.sample]
    Xi, Xj = p.design(i)[keep], p.design(j)[keep]
    total = _summed(lambda: (Xi * (w * values)[:, None]).T @ Xj)
    if total is None:
        session.scalars[lnf] = np.nan
        return
    session.matrices[mat] = Matrix(total, tuple(p.names[k] for k in p.positions[i]),
                                   tuple(p.names[k] for k in p.positions[j]))


def cmd_mlmatbysum(session, cmd) -> None:
    """``mlmatbysum scalarname_lnf matrixname varname_a varname_b [varname_c] [if], by(varname)
    [eq(#[,#])]``: sum over the by() groups i of (sum_t a_it) (sum_t b_it x_it)' (sum_t c_it z_it),
    x the first equation's design, z the second's (c = b when not typed).  A missing a counts as
    0 ([R] ml: a may be set in one observation per group); a missing b or c sets lnf missing.
    Each group's term is weighted by its first observation's weight ($ML_w)."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import OptionSpec, resolve_options

    p = _active_problem(session, "mlmatbysum")
    opts = resolve_options(cmd.options, [OptionSpec("eq", 2, takes_arg=True), OptionSpec("by", 2, takes_arg=True)])
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    words = cmd.args.split()
    if len(words) not in (4, 5):
        raise invalid_syntax()
    lnf, mat = words[:2]
    data = session.data
    a_name, b_name = data.resolve(words[2]), data.resolve(words[3])
    c_name = data.resolve(words[4]) if len(words) == 5 else b_name
    parts = str(opts.get("eq", "1")).split(",")
    i = _equation_option({"eq": parts[0]}, p)
    j = _equation_option({"eq": parts[-1]}, p)
    rows = _sum_rows(session, p, cmd)
    keep = rows[p.sample]
    by = data.numeric(data.resolve(str(opts["by"]).strip()))[rows]
    a = np.nan_to_num(data.numeric(a_name)[rows], nan=0.0)
    bv, cv = data.numeric(b_name)[rows], data.numeric(c_name)[rows]
    if not (np.all(np.isfinite(bv)) and np.all(np.isfinite(cv))):
        session.scalars[lnf] = np.nan
        return
    w = (np.ones(data.nobs) if p.weights is None else p.weights_over_rows())[rows]
    _, first, group = np.unique(by, return_index=True, return_inverse=True)
    n_groups = first.size
    Xi, Xj = p.design(i)[keep], p.design(j)[keep]

    def by_group(values):  # G x columns: the groups' sums
        out = np.zeros((n_groups, values.shape[1]))
        np.add.at(out, group, values)
        return out

    total = _summed(lambda: (by_group(bv[:, None] * Xi) * (by_group(a[:, None])[:, 0] * w[first])[:, None]).T
                    @ by_group(cv[:, None] * Xj))
    if total is None:
        session.scalars[lnf] = np.nan
        return
    session.matrices[mat] = Matrix(total, tuple(p.names[k] for k in p.positions[i]),
                                   tuple(p.names[k] for k in p.positions[j]))
