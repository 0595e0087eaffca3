"""``predict {stub*|newvar1 [newvar2]}, scores [nooffset]`` after tobit, cnreg and intreg: one
new variable per equation of e(b) (``model``, then sigma -- tobit and cnreg -- or ln sigma --
intreg), the formulas of ``mlmcli.postest.censored_scores``.

tobit and cnreg follow tobit_p's GenTobitScores: every if/in row, quietly; a row is censored by
the ado's ``(y >= ul) - (y <= ll)`` (a missing y compares as larger than every number, so with
ul() it is right-censored at ul); cnreg's rows by censored()'s value 0, -1 or 1 (another value:
missing).  intreg follows its ``ml score ..., missing`` on the if/in rows with e(b)'s variables
known (the missing-values note).  One name: the first equation's score, or the one
equation() (or score()) names (``score_equation``, _score_spec's reading).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.estimation.rows import PredictionRows
from mlmcli.commands.postestimation.score_equation import equations_of, score_options, score_targets


def predict_censored_scores(session, e, cmd) -> None:
    chosen, typed = score_options(cmd, (("nooffset", 5),))
    equations = equations_of(e.matrices["b"].colnames)
    vtype, targets = score_targets(session.data, cmd.args, equations, chosen.get("equation"),
                                   chosen.get("score"))
    rows = rows_selected(session, cmd)
    scores, known = censored_equation_scores(session, e, "nooffset" not in typed)
    if e.cmd == "intreg":
        keep = rows & known
        het = e.model.het is not None
        labels = ["equation-level score for [model] from intreg",
                  f"equation-level score for {'[lnsigma]' if het else '/lnsigma'} from intreg"]
        for name, k in targets:
            store_prediction(session, name, np.where(keep, scores[k], np.nan), vtype, labels[k],
                             report_missing=False)
        nmiss = int(np.isnan(session.data.numeric(targets[0][0])).sum())
        if nmiss:
            session.print(f"({nmiss:,} missing value{'s' if nmiss != 1 else ''} generated)")
        return
    for name, k in targets:
        store_prediction(session, name, np.where(rows, scores[k], np.nan), vtype,
                         f"equation-level score for {('model', 'sigma')[k]} from {e.cmd}", report_missing=False)


def censored_equation_scores(session, e, offset: bool = True):
    """((score of xb, score of sigma or ln sigma) on every row, the rows whose e(b) variables
    are known -- intreg's ``ml score ..., missing`` keeps only those)."""
    from mlmcli.postest.censored_scores import interval_scores, tobit_scores

    fit = e.model
    prows = PredictionRows(session, e)
    X = prows.fixed_design()
    xb = fit.index(X @ fit.b, prows, offset)
    depvars = e.macros["depvar"].split()
    y = session.data.numeric(depvars[0])
    sigma = fit.sigma_at(session.data)
    known = ~np.isnan(X).any(axis=1) & ~np.isnan(np.broadcast_to(sigma, xb.shape))
    if e.cmd == "intreg":
        return interval_scores(y, session.data.numeric(depvars[1]), xb, sigma), known
    if e.cmd == "cnreg":
        cens = session.data.numeric(fit.censored)
        limit = y
    else:
        ll, ul = fit.limits
        big = np.where(np.isnan(y), np.inf, y)  # Stata: missing > every number
        upper = (big >= ul) if ul is not None else np.zeros(len(y), bool)
        lower = (big <= ll) if ll is not None else np.zeros(len(y), bool)
        cens = upper.astype(float) - lower.astype(float)
        limit = np.select([cens == -1, cens == 1], [ll if ll is not None else np.nan, ul if ul is not None else np.nan],
                          y)
    return tobit_scores(limit, cens, xb, sigma), known
