"""predict after sem with latent variables ([SEM] predict after sem; sem_p's checks and labels):
``xb``/``xb(varlist)`` the linear predictions of the observed endogenous variables,
``xblatent``/``xblatent(varlist)`` those of the latent endogenous variables (their paths times
the observed variables' values and the latent variables' predictions), ``latent``/
``latent(varlist)`` the factor scores, the empirical Bayes means E[eta | y] under the fitted
model, each row from its observed variables.  Typed without a list (or without any statistic,
xb) sem_p says ``(xb(...) assumed)``; the new variables must match the predictions in number
(r(102)/r(103)), or ``stub*``.  Labels ``Linear prediction (var)`` and ``Factor score (F)``.
A linear prediction is missing where a variable its equation uses is; if/in select rows.
scores is refused (r(198))."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

_POOL_WORDS = {"xb": "an observed endogenous", "xblatent": "a latent endogenous", "latent": "a latent"}


def new_prediction_names(session, cmd, count: int) -> tuple[str | None, list[str]]:
    """(type, names) of predict's new variables, one per prediction (``stub*`` numbered):
    newvarlist's count (r(102)/r(103)) and names not yet defined (r(110))."""
    from mlmcli.syntax.varlist import parse_new_varlist

    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        names = [f"{stub}{k}" for k in range(1, count + 1)]
    if len(names) != count:
        raise StataError("too few variables specified" if len(names) < count else "too many variables specified",
                         102 if len(names) < count else 103)
    for name in names:
        if name in session.data.df.columns:
            raise StataError(f"variable {name} already defined", 110)
    return vtype, names


def predict_sem_latent(session, e, cmd, stat: str, typed: dict) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    fit = e.model
    built = fit.built
    if stat == "scores":
        raise StataError("predict, scores after sem with latent variables is not available in mlm", 198)
    kind = stat.rstrip("()")
    pools = {"xb": [v for v in built.endogenous if v in built.observed],
             "xblatent": [v for v in built.endogenous if v in built.latent], "latent": list(built.latent)}
    pool = pools[kind]
    if kind == "xblatent" and not pool:
        raise StataError(f"option {stat} not allowed for models without latent endogenous variables", 198)
    arg = typed[stat].arg if stat.endswith("()") else ""
    chosen = arg.split() if arg and arg.strip() else pool
    if stat.endswith("()") and len(set(chosen)) < len(chosen):
        raise StataError(f"{stat} invalid;\nduplicate variables not allowed", 198)
    for w in chosen:
        if w not in pool:
            raise StataError(f"{stat} invalid;\n'{w}' is not {_POOL_WORDS[kind]} variable in the fitted model", 111)
    if not stat.endswith("()"):
        session.print(f"({kind}({' '.join(chosen)}) assumed)")
    vtype, names = new_prediction_names(session, cmd, len(chosen))
    df = session.data.df
    for v in list(built.observed) + ([fit.extra["gvar"]] if "gvar" in fit.extra else []):
        if v not in df.columns:  # dropped since the fit
            raise StataError(f"variable {v} not found", 111)
    Y = np.column_stack([df[v].to_numpy(dtype=float) for v in built.observed])
    ok = np.any(np.isfinite(Y), axis=1) & np.asarray(rows_selected(session, cmd), bool)
    values = np.full((len(Y), len(chosen)), np.nan)
    by_group = {}
    if "gvar" in fit.extra:  # sem with group(): each row by its group's parameters
        by_group["groups"] = df[fit.extra["gvar"]].to_numpy(dtype=float)[ok]
    if ok.any():
        if kind == "latent":
            found = fit.latent_values(Y[ok], **by_group)
            order = list(built.latent)
        else:
            found = fit.linear_prediction(Y[ok], latent=kind == "xblatent", **by_group)
            order = pool
        values[ok] = found[:, [order.index(w) for w in chosen]]
    for k, (name, w) in enumerate(zip(names, chosen)):
        text = session.data.var_labels.get(w) if kind == "xb" else ""
        label = f"Factor score ({w})" if kind == "latent" else f"Linear prediction ({text or w})"
        store_prediction(session, name, values[:, k], vtype, label)
