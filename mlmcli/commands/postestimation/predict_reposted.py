"""predict after ``ereturn repost`` or ``erepost`` put a new e(b) or e(V).

Stata's predict reads e(b) and e(V) ([P] ereturn: repost changes them in place; [R] predict's
xb is the first equation of e(b) times the data, stdp sqrt(x V x')), so after a repost the
linear prediction follows the new coefficients.  mlm's other statistics (mu, pr, fitted,
reffects, residuals, ...) are computed from the fit, which no longer describes e(b): those are
refused rather than computed from the old coefficients.

The linear prediction is built as ``matrix score`` builds it (``_cons`` is 1, ``1.f`` the
indicator, ``a#c.x`` products), plus e(offset) unless ``nooffset``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("nooffset", 7)]
_REGRESS_OPTIONS = [OptionSpec("residuals", 3)]  # regres_p's y - xb follows e(b) as well
_LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction", "residuals": "Residuals"}


def default_statistic(e) -> str:
    """The statistic predict gives without one typed, recorded when e(b) is reposted: "xb" when
    the command's predict defaults to the linear prediction (regress-like), else "" (mu, pr, ...
    come from the fit and are refused)."""
    if e.model is not None and getattr(e.model, "predict_default", "xb") != "xb":
        return ""
    return "xb" if e.macros.get("predict", "") in ("", "regres_p") else ""


def reposted_prediction(session, e, cmd) -> tuple[np.ndarray, str, str]:
    """``predict [type] newvar [if] [in] [, xb stdp nooffset]`` from the reposted e(b), e(V)
    (after regress also ``residuals``): (values on every row, variable label, note to print)."""
    regress = e.macros.get("predict") == "regres_p" and len(e.macros.get("depvar", "").split()) == 1
    try:
        opts = resolve_options(cmd.options, _OPTIONS + (_REGRESS_OPTIONS if regress else []))
    except StataError:
        raise _refused() from None
    stats = [s for s in ("xb", "stdp", "residuals") if opts.get(s)]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = stats[0] if stats else e.reposted_default
    if not stat:
        raise _refused()
    columns, b, V = _first_equation(e)
    X = np.column_stack([_column(session, c) for c in columns]) if columns else np.zeros((session.data.nobs, 0))
    if stat in ("xb", "residuals"):
        values = X @ b
        offset = e.macros.get("offset", "").strip()
        if offset and not opts.get("nooffset"):
            values = values + _values(session, offset)
        if stat == "residuals":
            values = _values(session, e.macros["depvar"].strip()) - values
    else:
        if V is None:
            raise StataError("matrix e(V) not found", 111)
        values = np.sqrt(np.einsum("ij,jk,ik->i", X, V, X))
    label = "Fitted values" if regress and stat == "xb" else _LABELS[stat]  # regres_p's label
    return values, label, "" if stats else "(option xb assumed; fitted values)"


def _refused() -> StataError:
    return StataError("predict after a reposted e(b) is not implemented in mlmcli except xb and stdp "
                      "(mlm's other statistics come from the fit, not from e(b))", 199)


def _first_equation(e):
    """The columns of e(b)'s first equation, their coefficients and their block of e(V)."""
    b = e.matrices.get("b")
    if b is None:
        raise StataError("last estimates not found", 301)
    names = list(b.colnames)
    eqs = [n.rpartition(":")[0] for n in names]
    index = [j for j, q in enumerate(eqs) if q == eqs[0]]
    coef = np.asarray(b.values, float).ravel()[index]
    V = e.matrices.get("V")
    block = np.asarray(V.values, float)[np.ix_(index, index)] if V is not None else None
    return [names[j].rpartition(":")[2] for j in index], coef, block


def _column(session, column: str) -> np.ndarray:
    from mlmcli.commands.program.matrix_score import column_values

    return column_values(session, column, False, None)


def _values(session, expression: str) -> np.ndarray:
    from mlmcli.expr import evaluate

    return np.asarray(evaluate(session, expression), float)
