"""predict after sem with latent variables ([SEM] sem postestimation, [SEM] predict after sem):
``xb``/``xb(varlist)`` the linear predictions of the observed endogenous variables (their
paths times the observed variables' values and the latent variables' predictions),
``latent``/``latent(varlist)`` the empirical Bayes means of the latent variables
(E[eta | y] under the fitted model).  One new variable per prediction, or ``stub*``.  Rows
where an observed variable of the model is missing get missing values; if/in select rows.
xblatent and scores are refused (r(198))."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def predict_sem_latent(session, e, cmd, stat: str, typed: dict) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.syntax.varlist import parse_new_varlist

    fit = e.model
    built = fit.built
    if stat.startswith("xblatent") and not any(v in built.latent for v in built.endogenous):
        raise StataError(f"option {stat} not allowed for models without latent endogenous variables", 198)
    if stat.startswith("xblatent") or stat == "scores":
        raise StataError(f"predict, {stat} after sem with latent variables is not available in mlm", 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    if stat.startswith("latent"):
        pool = list(built.latent)
        arg = typed["latent()"].arg if stat == "latent()" else ""
        kind = "latent"
    else:
        pool = [v for v in built.endogenous if v in built.observed]
        arg = typed["xb()"].arg if stat == "xb()" else ""
        kind = "xb"
    chosen = arg.split() if arg and arg.strip() else pool
    for w in chosen:
        if w not in pool:
            raise StataError(f"{kind}() invalid;\n'{w}' is not {'a latent' if kind == 'latent' else 'an observed endogenous'}"
                             " variable in the fitted model", 111 if kind == "xb" else 198)
    if stub is not None:
        names = [f"{stub}{k}" for k in range(1, len(chosen) + 1)]
    if len(names) != len(chosen):
        raise StataError("too few variables specified" if len(names) < len(chosen) else "too many variables specified",
                         102 if len(names) < len(chosen) else 103)
    for name in names:
        if name in session.data.df.columns:
            raise StataError(f"variable {name} already defined", 110)
    df = session.data.df
    Y = np.column_stack([df[v].to_numpy(dtype=float) for v in built.observed])
    ok = np.all(np.isfinite(Y), axis=1) & np.asarray(rows_selected(session, cmd), bool)
    values = np.full((len(Y), len(chosen)), np.nan)
    if ok.any():
        if kind == "latent":
            all_values = fit.latent_values(Y[ok])
            cols = [built.latent.index(w) for w in chosen]
        else:
            all_values = fit.linear_prediction(Y[ok])
            cols = [pool.index(w) for w in chosen]
        values[ok] = all_values[:, cols]
    for k, (name, w) in enumerate(zip(names, chosen)):
        label = f"Empirical Bayes' mean of {w}" if kind == "latent" else f"Linear prediction of {w}"
        store_prediction(session, name, values[:, k], vtype, label)
