"""``xttest2`` (C. F. Baum's SSC command, xttest2.ado 1.0.5): the Breusch-Pagan LM test of
cross-sectional independence after ``xtreg, fe`` (residuals e_it, predict's ``e``) or
``xtgls`` (depvar - xb); the statistic is ``mlmcli.panel.cross_section_dependence``'s.  The
correlation matrix's rows and columns are named ``__e<panel id>`` as the ado's ``reshape
wide __e`` names them.  r(chi2_bp), r(df_bp), r(n_bp).  After a weighted fit it is refused
(as xttest3 in mlm)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require


def cmd_xttest2(session, cmd) -> None:
    from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
    from mlmcli.panel.cross_section_dependence import breusch_pagan_lm
    from mlmcli.render.panel_tests import render_xttest2
    from mlmcli.syntax.coefnames import is_base_or_omitted

    e = require(session)
    if e.cmd not in ("xtreg", "xtgls"):
        raise StataError("last estimates not found", 301)
    if e.cmd == "xtreg" and e.macros.get("model") != "fe":
        raise StataError("last estimates not xtreg, fe", 301)
    if cmd.args.strip() or cmd.options or cmd.if_exp or cmd.in_range or cmd.weight:
        raise StataError("invalid syntax", 198)
    if e.macros.get("wtype"):
        raise StataError("xttest2 after a weighted fit is not available in mlm", 198)
    from mlmcli.dataset import time_setting

    tvar = time_setting(session.data) if session.data is not None else None
    if not tvar:  # the ado runs tsset for the time variable
        raise StataError("time variable not set, use tsset varname ...", 111)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("xttest2: the estimation sample is not in memory", 498)
    rows = PredictionRows(session, e)
    names = e.matrices["b"].colnames
    b = np.asarray(e.matrices["b"].values, float).ravel()
    b = b[[not is_base_or_omitted(n) for n in names]]
    X = rows.fixed_design()
    if X.shape[1] != b.size:
        raise StataError("xttest2: the fitted model's columns could not be rebuilt", 498)
    resid = (rows.depvar() - X @ b)[sample]
    panel = session.data.numeric(e.macros["ivar"])[sample]
    if e.cmd == "xtreg":  # predict, e: y - xb - u_i
        _, inverse = np.unique(panel, return_inverse=True)
        resid = resid - (np.bincount(inverse, weights=resid) / np.bincount(inverse))[inverse]
    time = session.data.numeric(tvar)[sample]
    result = breusch_pagan_lm(resid, panel, time, int(e.scalars["N_g"]), int(e.scalars["g_min"]))
    session.print(render_xttest2(result))
    session.set_r({"chi2_bp": result.lm, "df_bp": float(result.df), "n_bp": float(result.n_complete)})
