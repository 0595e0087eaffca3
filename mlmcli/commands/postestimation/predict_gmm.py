"""``predict`` after ``gmm`` (gmm_p): ``predict [type] {newvar|stub*|newvarlist} [if] [in] [,
equation(#eqno|eqname) residuals xb]``.

residuals (the default): e(sexp_j) evaluated with the parameters at e(b) in every observation
(out of sample too, as gmm_p does), equation() naming the equation (the first by default); a
stub* or a list of new names takes one variable per equation.  xb: the linear combination that
equation() names (the only one when there is one).  ``scores`` is refused (not built in mlm)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("equation", 2, takes_arg=True), OptionSpec("residuals", 1), OptionSpec("xb", 2),
         OptionSpec("scores", 2)]


def _values(e) -> dict:
    """e(b) by column name (``b1:_cons``, ``xb:x1``)."""
    return dict(zip(e.macros["params"].split(), np.asarray(e.matrices["b"].values, float).ravel()))


def residuals(session, e, j: int) -> np.ndarray:
    """Equation j's residuals (0-based) at e(b) over every observation."""
    from mlmcli.expr import evaluate

    values = _values(e)

    def value(m) -> str:
        name = m.group(1).strip()
        key = name if name in values else f"{name}:_cons"
        return "(" + format(float(values[key]), ".17g") + ")"
    expr = re.sub(r"\{([^{}]+)\}", value, e.macros[f"sexp_{j + 1}"])
    with np.errstate(all="ignore"):
        return np.asarray(evaluate(session, expr), float)


def _equation(e, text: str | None) -> int:
    names = e.macros.get("eqnames", "").split()
    if text is None:
        return 0
    key = text.strip().lstrip("#")
    if key in names:
        return names.index(key)
    if key.isdecimal() and 1 <= int(key) <= len(names):
        return int(key) - 1
    raise StataError(f"equation {text.strip()} not found", 303)


def _xb(session, e, text: str | None) -> np.ndarray:
    cols = e.macros["params"].split()
    combos = list(dict.fromkeys(c.partition(":")[0] for c in cols if not c.endswith(":_cons")))
    name = text.strip().lstrip("#") if text else (combos[0] if len(combos) == 1 else None)
    if name is None or name not in combos:
        raise StataError("option xb requires equation() naming a linear combination"
                         if name is None else f"equation {name} not found", 303 if name else 198)
    b = np.asarray(e.matrices["b"].values, float).ravel()
    out = np.zeros(session.data.nobs)
    for c, v in zip(cols, b):
        eq, _, var = c.partition(":")
        if eq == name:
            out = out + (v if var == "_cons" else v * session.data.numeric(var))
    return out


def predict_gmm(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction

    opts = resolve_options(cmd.options, _OPTS)
    if "scores" in opts:
        raise StataError("predict, scores after gmm is not implemented in mlm", 198)
    if "xb" in opts and "residuals" in opts:
        raise StataError("only one of residuals or xb may be specified", 198)
    n_eq = len(e.macros.get("eqnames", "").split())
    vtype, names = _new_names(session, cmd, n_eq)
    rows = rows_selected(session, cmd)
    if "xb" in opts:
        if len(names) != 1:
            raise StataError("too many variables specified", 103)
        values = [(_xb(session, e, opts.get("equation")), "Linear prediction")]
    elif len(names) == 1:
        j = _equation(e, opts.get("equation"))
        values = [(residuals(session, e, j), f"Residuals of equation {e.macros['eqnames'].split()[j]}")]
    else:
        if opts.get("equation") is not None:
            raise StataError("equation() may not be combined with more than one new variable", 198)
        values = [(residuals(session, e, j), f"Residuals of equation {e.macros['eqnames'].split()[j]}")
                  for j in range(len(names))]
    for name, (v, label) in zip(names, values):
        store_prediction(session, name, np.where(rows & np.isfinite(v), v, np.nan), vtype, label)


def _new_names(session, cmd, n_eq: int) -> tuple[str | None, list[str]]:
    """newvar, stub* (one per equation) or a list of at most n_eq new names."""
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        names = [f"{stub}{j}" for j in range(1, n_eq + 1)]
    if not names:
        raise StataError("varlist required", 100)
    if len(names) > n_eq:
        raise StataError("too many variables specified", 103)
    for name in names:
        check_new_name(session.data, name)
    return vtype, names
