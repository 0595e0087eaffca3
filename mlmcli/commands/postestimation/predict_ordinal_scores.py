"""``predict ..., scores`` after ologit and oprobit (ologit_p's GenScores/CompScores).

    predict [type] {stub*|newvar1 ... newvarK} [if] [in], scores      (x*b and each cutpoint)
    predict [type] newvar [if] [in], scores [outcome(#j)]              (equation j, default #1)

With F the logistic or normal distribution, f its density, k the category of the row (the rank
of y among the distinct values of y on the if/in rows with y known -- ologit_p's ``by doit
depvar`` numbering, done on those rows, not on e(sample)), U = kappa_k - xb and L = kappa_(k-1)
- xb (missing beyond the ends) and P = F(U) - F(L):

    score of x*b:     -(f(U) - f(L)) / P       (-f(U)/F(U) in the first category, f(L)/F(-L) in the last)
    score of cut j:   f(U)/P when k == j, -f(L)/P when k == j + 1, 0 otherwise

on the if/in rows with y known (missing elsewhere), computed quietly (no missing-values note).
Labels ``equation-level score for x*b from ologit``, ``equation-level score for _cut1 from ologit``
(Stata 13's e(version) 2: ``_cut``).  The offset is included in xb.
"""
from __future__ import annotations

import numpy as np
from scipy import special, stats

from mlmcli.commands.postestimation.predict import store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist


def _cdf_pdf(link: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if link == "logit":
        F = special.expit(x)
        return F, F * special.expit(-x)
    return special.ndtr(x), stats.norm.pdf(x)


def ordinal_scores(link: str, xb: np.ndarray, cuts: np.ndarray, cat: np.ndarray, with_xb: bool) -> list:
    """The score columns of the module docstring (x*b first when ``with_xb``); ``cat`` 1-based, 0 = none."""
    n_cut = len(cuts)
    padded = np.concatenate([[np.nan], cuts, [np.nan]])
    k = np.where(cat > 0, cat, 0).astype(int)
    U = np.where((k >= 1) & (k <= n_cut), padded[np.clip(k, 0, n_cut + 1)], np.nan) - xb
    L = np.where((k >= 2) & (k <= n_cut + 1), padded[np.clip(k - 1, 0, n_cut + 1)], np.nan) - xb
    FU, fU = _cdf_pdf(link, np.nan_to_num(U, nan=np.inf))
    FL, fL = _cdf_pdf(link, np.nan_to_num(L, nan=-np.inf))
    upper_missing, lower_missing = np.isnan(U), np.isnan(L)
    FU, fU = np.where(upper_missing, 1.0, FU), np.where(upper_missing, 0.0, fU)
    FL, fL = np.where(lower_missing, 0.0, FL), np.where(lower_missing, 0.0, fL)
    bad = np.isnan(xb) | (k == 0) | (k > n_cut + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        P = FU - FL
        out = []
        if with_xb:
            out.append(np.where(bad, np.nan, -(fU - fL) / P))
        for j in range(1, n_cut + 1):
            col = np.zeros(len(xb))
            col = np.where(k == j, fU / P, col)
            col = np.where(k == j + 1, -fL / P, col)
            out.append(np.where(np.isnan(xb) & ((k == j) | (k == j + 1)), np.nan, col))
    return out


def predict_ordinal_scores(session, e, cmd, opts: dict, rows: np.ndarray) -> None:
    fit = e.model
    cuts = np.asarray(fit.anc, float)
    with_xb = fit.model.p > 0
    n_eq = len(cuts) + (1 if with_xb else 0)
    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        names = [f"{stub}{k + 1}" for k in range(n_eq)]
    equations = list(range(1, n_eq + 1))
    if len(names) == 1:
        equations = [_equation(opts.get("outcome", "#1"), n_eq)]
    elif "outcome" in opts:
        raise StataError("option outcome() is not allowed when multiple new variables are specified", 198)
    elif len(names) != n_eq:
        few = len(names) < n_eq
        raise StataError(f"{'too few' if few else 'too many'} variables specified", 102 if few else 103)
    for name in names:
        check_new_name(session.data, name)
    prows = PredictionRows(session, e)
    y = prows.depvar()
    doit = rows & ~np.isnan(y)
    cat = np.zeros(len(y))
    values = np.unique(y[doit])
    cat[doit] = np.searchsorted(values, y[doit]) + 1
    xb = fit.predict("xb", prows)
    columns = ordinal_scores(fit.spec.link, xb, cuts, cat, with_xb)
    for name, eq in zip(names, equations):
        j = eq - 1 if with_xb else eq
        what = "x*b" if j == 0 else f"_cut{j}"
        store_prediction(session, name, np.where(doit, columns[eq - 1], np.nan), vtype,
                         f"equation-level score for {what} from {e.cmd}", report_missing=False)


def _equation(typed, n_eq: int) -> int:
    """outcome(#j) with scores: equation j (ologit_p passes it on as equation())."""
    text = str(typed).strip()
    if text.startswith("#") and text[1:].isdecimal() and 1 <= int(text[1:]) <= n_eq:
        return int(text[1:])
    raise StataError(f"equation {text} not found", 303)
