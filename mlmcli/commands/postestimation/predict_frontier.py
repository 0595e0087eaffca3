"""``predict`` after frontier (Stata's fron_p, [R] frontier postestimation).

    predict [type] newvar [if] [in] [, xb | stdp | u | m | te]

xb (the default, "(option xb assumed; fitted values)") and stdp are the frontier equation's;
u is E(u|e) (Jondrow et al. 1982), m the mode M(u|e), te E{exp(-S u)|e} (Battese and Coelli
1988), S = 1 for a production and -1 for a cost frontier (``mlmcli.glm.stochastic_frontier``), on the
rows where depvar and the regressors are known.  scores and other statistics: r(198).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_rreg import chosen_statistics
from mlmcli.estimation.rows import PredictionRows

_NAMES = (("xb", 2), ("stdp", 4), ("u", 1), ("m", 1), ("te", 2))
_LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction",
           "u": "Technical inefficiency via E(u|e)", "m": "Technical inefficiency via M(u|e)",
           "te": "Technical efficiency via E(exp(-su)|e)"}


def predict_frontier(session, e, cmd) -> None:
    from mlmcli.glm.stochastic_frontier import conditional_inefficiency

    chosen = chosen_statistics(cmd.options, _NAMES, "not allowed")
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    m = e.model
    het = getattr(m, "het_designs", None) or {}
    n_het = sum(d.X.shape[1] - 1 for d in het.values() if d is not None)
    p = len(m.theta) - n_het - (2 if m.dist != "tnormal" else 4 if getattr(m, "tvd", False) else 3)
    X = PredictionRows(session, e).fixed_design()  # the estimable columns, as theta[:p]
    xb = X @ m.theta[:p]
    if stat == "xb":
        values = xb
    elif stat == "stdp":
        values = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, m.V[:p, :p], X), 0.0))
    else:
        y = session.data.numeric(e.macros["depvar"])
        if m.dist == "tnormal":
            u, mode, te = _time_invariant(session, e, m, y, X)
        else:
            lnv, lnu = _log_variances(session, m, p)
            u, mode, te = conditional_inefficiency(m.dist, m.sign, y - xb, lnv, lnu)
        values = {"u": u, "m": mode, "te": te}[stat]
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, _LABELS[stat])


def _time_invariant(session, e, m, y, X):
    """The truncated-normal model's u_i | e_i: per observation after frontier; after xtfrontier per
    panel from its estimation-sample rows, given to every row of the panel."""
    from scipy import special

    from mlmcli.glm.truncated_frontier import PanelFrontierData, conditional_moments, panel_inefficiency
    from mlmcli.estimation.rows import sample_in_current_order

    n = len(y)
    known = ~np.isnan(y) & ~np.isnan(X).any(axis=1)
    out = [np.full(n, np.nan) for _ in range(3)]
    ivar = e.macros.get("ivar")
    if not ivar:
        rows = np.flatnonzero(known)
        values = panel_inefficiency(PanelFrontierData(y[rows], X[rows], np.arange(len(rows)), m.sign), m.theta)
        for o, v in zip(out, values):
            o[rows] = v
        return out
    sample = np.asarray(sample_in_current_order(session, e), bool) & known
    panel = session.data.numeric(ivar)
    rows = np.flatnonzero(sample)
    levels, codes = np.unique(panel[rows], return_inverse=True)
    time = last = None
    if getattr(m, "tvd", False):  # u_it = exp(-eta (t - T_i)) u_i, T_i the panel's last period in the sample
        t = session.data.numeric(e.macros["tvar"])
        last = np.full(len(levels), -np.inf)
        np.maximum.at(last, codes, t[rows])
        time = t[rows] - last[codes]
    data = PanelFrontierData(y[rows], X[rows], codes, m.sign, time)
    mu_star, s_star, *_ = conditional_moments(data, m.theta)
    where = np.searchsorted(levels, panel)
    hit = (where < len(levels)) & (levels[np.minimum(where, len(levels) - 1)] == panel)
    g = where[hit]
    h = np.ones(hit.sum()) if time is None else np.exp(-m.theta[-3] * (t[hit] - last[g]))
    a = mu_star[g] / s_star[g]
    with np.errstate(over="ignore", invalid="ignore"):
        mills = np.exp(-0.5 * a * a - 0.5 * np.log(2 * np.pi) - special.log_ndtr(a))
        out[0][hit] = h * (mu_star[g] + s_star[g] * mills)
        out[1][hit] = h * np.maximum(mu_star[g], 0.0)
        out[2][hit] = np.exp(special.log_ndtr(a - m.sign * h * s_star[g]) - special.log_ndtr(a)
                             - m.sign * h * mu_star[g] + 0.5 * (h * s_star[g]) ** 2)
    return out


def _log_variances(session, m, p):
    """lnsig2v and lnsig2u on every row: constants, or vhet()/uhet()'s linear predictions."""
    out, at = [], p
    for part in ("v", "u"):
        d = (getattr(m, "het_designs", None) or {}).get(part)
        if d is None:
            out.append(m.theta[at])
            at += 1
        else:
            Z = np.asarray(d.columns(session.data), float).reshape(session.data.nobs, -1)
            out.append(Z @ m.theta[at:at + Z.shape[1]])
            at += Z.shape[1]
    return out
