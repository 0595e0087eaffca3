"""The residuals Baum's SSC tests after ``xtreg, fe`` or ``xtgls`` use (xttest2.ado 1.0.5,
xttest3.ado 1.0.8): predict's ``e`` after xtreg, fe (y - xb - u_i, u_i the panel's mean of
y - xb) and depvar - xb after xtgls, on the estimation sample; the commands take no arguments,
and a weighted fit is refused (how the ados' predict-based residuals weigh the panel means
there was not checked)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require


def fe_or_fgls_residuals(session, cmd, name: str):
    """(e, residuals, panel codes, estimation sample in the data's order) for ``name``."""
    from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
    from mlmcli.syntax.coefnames import is_base_or_omitted

    e = require(session)
    if e.cmd not in ("xtreg", "xtgls"):
        raise StataError("last estimates not found", 301)
    if e.cmd == "xtreg" and e.macros.get("model") != "fe":
        raise StataError("last estimates not xtreg, fe", 301)
    if cmd.args.strip() or cmd.options or cmd.if_exp or cmd.in_range or cmd.weight:
        raise StataError("invalid syntax", 198)
    if e.macros.get("wtype"):
        raise StataError(f"{name} after a weighted fit is not available in mlm", 198)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError(f"{name}: the estimation sample is not in memory", 498)
    rows = PredictionRows(session, e)
    names = e.matrices["b"].colnames
    b = np.asarray(e.matrices["b"].values, float).ravel()
    b = b[[not is_base_or_omitted(n) for n in names]]  # the design holds the estimable columns only
    X = rows.fixed_design()
    if X.shape[1] != b.size:  # a fit whose columns mlm cannot rebuild here: refused, not guessed
        raise StataError(f"{name}: the fitted model's columns could not be rebuilt", 498)
    resid = (rows.depvar() - X @ b)[sample]
    panel = session.data.numeric(e.macros["ivar"])[sample]
    if e.cmd == "xtreg":  # predict, e: y - xb - u_i
        _, inverse = np.unique(panel, return_inverse=True)
        resid = resid - (np.bincount(inverse, weights=resid) / np.bincount(inverse))[inverse]
    return e, resid, panel, sample
