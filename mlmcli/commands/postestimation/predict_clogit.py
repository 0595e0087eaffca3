"""``predict`` after ``clogit`` (Stata's clogit_p):

    predict [type] newvar [if] [in] [, pc1 pu0 xb stdp nooffset]
    predict [type] newvar [if] [in], {residuals|hat|rstandard|dx2|dbeta|gdx2|gdbeta} [nooffset]
    predict [type] {newvar|stub*} [if] [in], scores

pc1 (the default, with clogit_p's note) is exp(xb) over its sum in the group, the sums over the
if/in rows (clogit_p's ``_predict ... if touse`` then ``by group: sum(exp(xb))``), any row of
the data, in or out of e(sample).  The diagnostics (``mlmcli.postest.conditional_diagnostics``) are made
on e(sample) rows of the if/in, with clogit_p's checks in its order: vcetype Robust -> "diagnostics
are not allowed after robust estimation" r(198); a group of the if/in with more than one positive
outcome, or an e(sample) row outside the if/in (the ado's ``assert `mvar' <= 1 if e(sample)``
reads the missing group sum there as greater than 1) -> "diagnostics after clogit are allowed
only for 1-M matched data" r(459); weights other than fweights -> "not possible with pweights"
r(135); hat (and the statistics made from it) with nooffset -> "option nooffset not allowed" and
after constraints() -> "hat predictions not possible with constraints" (r(198)).  scores: the
equation-level score d lnL/d xb_t = y_t - Pr(t among its group's positive outcomes) with the offset
(``_clogit_lf``'s score), on every if/in row with the variables known.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
from mlmcli.syntax.abbreviation import resolve_choice

_OWN = (("pc1", 1), ("pu0", 2), ("residuals", 1), ("hat", 1), ("rstandard", 4), ("dx2", 3), ("dbeta", 2),
        ("gdx2", 4), ("gdbeta", 3))
_NAMES = _OWN + (("xb", 2), ("stdp", 4), ("nooffset", 5), ("scores", 2))
ASSUMED = "(option pc1 assumed; probability of success given one success within group)"
DIAGNOSTICS = ("residuals", "hat", "rstandard", "dx2", "dbeta", "gdx2", "gdbeta")
_LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction", "rstandard": "standardized Pearson residual",
           "dx2": "Lack of fit diagnostic dX^2", "dbeta": "Delta-Beta influence statistic",
           "gdx2": "Lack of fit diagnostic for each group",
           "gdbeta": "Delta-Beta influence statistics for each group"}


def group_codes(session, e) -> np.ndarray:
    """The rows' groups of e(group) in the current data (a missing value is a group of its own,
    as under Stata's ``by``)."""
    import pandas as pd

    codes, _ = pd.factorize(session.data.column(e.macros["group"]), use_na_sentinel=False)
    return np.asarray(codes, np.int64)


def predict_clogit(session, e, cmd) -> None:
    """clogit_p (see the module docstring)."""
    typed, nooffset = [], False
    for option in cmd.options:
        name = resolve_choice(option.name, _NAMES)
        if name is None or option.arg is not None:
            raise option_not_allowed(option.name, option.arg)
        if name == "nooffset":
            nooffset = True
        elif name not in typed:
            typed.append(name)
    if "scores" in typed:
        return _scores(session, e, cmd, typed, nooffset)
    own = [s for s in typed if s in dict(_OWN)]
    if any(s in ("xb", "stdp") for s in typed):  # _pred_se hands everything to _predict
        if own:
            raise option_not_allowed(own[0])
        if len(typed) > 1:
            raise StataError("only one statistic may be specified", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    stat = typed[0] if len(typed) == 1 else ("pc1" if not typed else None)
    prows = PredictionRows(session, e, nooffset=nooffset)
    fit = e.model
    depvar, group = e.macros["depvar"], e.macros["group"]
    if stat in ("xb", "stdp"):
        values = fit.predict(stat, prows)
        return store_prediction(session, name, np.where(rows, values, np.nan), vtype, _LABELS[stat])
    if stat == "pu0":
        values = 1 / (1 + np.exp(-fit.predict("xb", prows)))
        return store_prediction(session, name, np.where(rows, values, np.nan), vtype,
                                f"Pr({depvar}|fixed effect is 0)")
    if stat == "pc1":
        from mlmcli.postest.conditional_diagnostics import pc1

        if not typed:
            session.print(ASSUMED)
        values = pc1(fit.predict("xb", prows), group_codes(session, e), rows)
        return store_prediction(session, name, values, vtype, f"Pr({depvar}|single outcome w/i {group})")
    values, label = _diagnostic(session, e, stat, rows, prows, nooffset)
    store_prediction(session, name, values, vtype, label)


def _diagnostic(session, e, stat, rows, prows, nooffset):
    """(values, label) of residuals ... gdbeta (``stat`` None: two statistics typed, which pass
    the ado's checks before its ``error 198``)."""
    from mlmcli.postest import conditional_diagnostics as cd

    sample = sample_in_current_order(session, e)
    use = rows & (np.zeros(session.data.nobs, bool) if sample is None else np.asarray(sample, bool))
    if e.macros.get("vcetype") == "Robust":
        raise StataError("diagnostics are not allowed after robust estimation", 198)
    codes = group_codes(session, e)
    y = prows.depvar()
    if stat in ("gdx2", "gdbeta"):  # the per-row statistic first, then its group sums over the rows
        values, _ = _diagnostic(session, e, stat[1:], rows, prows, nooffset)
        return np.where(use, cd.group_totals(codes, values, use), np.nan), _LABELS[stat]
    positives = cd.group_totals(codes, y, use)
    in_sample = np.ones(len(y), bool) if sample is None else np.asarray(sample, bool)
    if np.any(in_sample & ~(np.where(use, positives, np.inf) <= 1)):
        raise StataError("diagnostics after clogit are allowed only for 1-M matched data", 459)
    wtype = e.macros.get("wtype", "")
    if wtype and wtype != "fweight":
        raise StataError(f"not possible with {wtype}s", 135)
    if stat is None:
        raise StataError("invalid syntax", 198)
    lead = "weighted " if wtype else ""
    fit = e.model
    p = cd.pc1(fit.predict("xb", prows), codes, use)
    residual = cd.pearson_residuals(y, p)
    if stat == "residuals":
        return np.where(use, residual, np.nan), f"{lead}Pearson residual"
    if nooffset:
        raise option_not_allowed("nooffset")
    cns = e.matrices.get("Cns")
    if cns is not None and cns.values.shape[0] != int(e.scalars.get("k_autoCns", 0)):
        raise StataError("hat predictions not possible with constraints", 198)
    if wtype:
        from mlmcli.commands.estimation.common import evaluate_weight

        w = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)
    else:
        w = np.ones(len(y))
    p_offset = cd.pc1(fit.predict("xb", PredictionRows(session, e)), codes, use)  # hat: with the offset
    hat = cd.leverage(prows.fixed_design(), p_offset, codes, use, w)
    if stat == "hat":
        return hat, f"{lead}Leverage"
    return np.where(use, cd.diagnostic(stat, residual, hat), np.nan), _LABELS[stat]


def _scores(session, e, cmd, typed, nooffset) -> None:
    """``predict {newvar|stub*}, scores``: clogit_p's GenScores (one equation)."""
    from mlmcli.syntax.varlist import equation_score_names

    if nooffset:
        raise option_not_allowed("nooffset")
    others = [s for s in typed if s != "scores"]
    if others:
        raise option_not_allowed(others[0])
    vtype, names = equation_score_names(session.data, cmd.args, 1)
    rows = rows_selected(session, cmd)
    store_prediction(session, names[0], clogit_row_scores(session, e, rows), vtype, "equation-level score from clogit")


def clogit_row_scores(session, e, rows) -> np.ndarray:
    """y_t - Pr(t among its group's positive outcomes) on the ``rows`` with the variables known
    (the groups formed from those rows); missing elsewhere."""
    from mlmcli.conditional_likelihood import group_index
    from mlmcli.conditional_robust import score_index

    prows = PredictionRows(session, e)
    y = prows.depvar()
    codes = group_codes(session, e)
    eta = e.model.predict("xb", prows)
    group_missing = np.asarray(session.data.column(e.macros["group"]).isna(), bool)
    keep = rows & ~np.isnan(y) & ~np.isnan(eta) & ~group_missing
    idx = np.flatnonzero(keep)
    groups = group_index(codes[idx])
    u = score_index(np.zeros((len(idx), 0)), (y[idx] != 0).astype(float), groups, np.zeros(0), eta[idx])
    values = np.full(len(y), np.nan)
    values[idx] = u
    return values
