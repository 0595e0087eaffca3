"""``xttest3`` (C. F. Baum's SSC command, xttest3.ado 1.0.8): the modified Wald test for
groupwise heteroskedasticity after ``xtreg, fe`` (residuals e_it, predict's ``e``) or
``xtgls`` (depvar - xb); the statistic is ``mlmcli.panel.groupwise_het``'s.  r(wald), r(df),
r(p).  After a weighted fit it is refused: how the ado's predict-based residuals weigh the
panel means there was not checked."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require


def cmd_xttest3(session, cmd) -> None:
    from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
    from mlmcli.panel.groupwise_het import modified_wald
    from mlmcli.render.panel_tests import render_xttest3
    from mlmcli.results.panel import GroupwiseHetResult

    e = require(session)
    if e.cmd not in ("xtreg", "xtgls"):
        raise StataError("last estimates not found", 301)
    if e.cmd == "xtreg" and e.macros.get("model") != "fe":
        raise StataError("last estimates not xtreg, fe", 301)
    if cmd.args.strip() or cmd.options or cmd.if_exp or cmd.in_range or cmd.weight:
        raise StataError("invalid syntax", 198)
    if e.macros.get("wtype"):
        raise StataError("xttest3 after a weighted fit is not available in mlm", 198)
    rows = PredictionRows(session, e)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("xttest3: the estimation sample is not in memory", 498)
    from mlmcli.syntax.coefnames import is_base_or_omitted

    names = e.matrices["b"].colnames
    b = np.asarray(e.matrices["b"].values, float).ravel()
    b = b[[not is_base_or_omitted(n) for n in names]]  # the design holds the estimable columns only
    X = rows.fixed_design()
    if X.shape[1] != b.size:  # a fit whose columns mlm cannot rebuild here: refused, not guessed
        raise StataError("xttest3: the fitted model's columns could not be rebuilt", 498)
    resid = (rows.depvar() - X @ b)[sample]
    panel = session.data.numeric(e.macros["ivar"])[sample]
    if e.cmd == "xtreg":  # predict, e: y - xb - u_i, u_i the panel's mean of y - xb
        _, inverse = np.unique(panel, return_inverse=True)
        resid = resid - (np.bincount(inverse, weights=resid) / np.bincount(inverse))[inverse]
    df = int(e.scalars["N_g"])
    wald, p = modified_wald(resid, panel, df)
    session.print(render_xttest3(GroupwiseHetResult(fgls=e.cmd == "xtgls", df=df, chi2=wald, p=p)))
    session.set_r({"wald": wald, "df": float(df), "p": p})
