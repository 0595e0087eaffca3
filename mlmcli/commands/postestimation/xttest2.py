"""``xttest2`` (C. F. Baum's SSC command, xttest2.ado 1.0.5): the Breusch-Pagan LM test of
cross-sectional independence after ``xtreg, fe`` (residuals e_it, predict's ``e``) or
``xtgls`` (depvar - xb); the statistic is ``mlmcli.panel.cross_section_dependence``'s.  The
correlation matrix's rows and columns are named ``__e<panel id>`` as the ado's ``reshape
wide __e`` names them.  r(chi2_bp), r(df_bp), r(n_bp).  After a weighted fit it is refused
(as xttest3 in mlm)."""
from __future__ import annotations

from mlmcli.errors import StataError


def cmd_xttest2(session, cmd) -> None:
    from mlmcli.commands.postestimation.panel_residuals import fe_or_fgls_residuals
    from mlmcli.panel.time_settings import time_setting
    from mlmcli.panel.cross_section_dependence import breusch_pagan_lm
    from mlmcli.render.panel_tests import render_xttest2

    e, resid, panel, sample = fe_or_fgls_residuals(session, cmd, "xttest2")
    tvar = time_setting(session.data)
    if not tvar:  # the ado runs tsset for the time variable
        raise StataError("time variable not set, use tsset varname ...", 111)
    time = session.data.numeric(tvar)[sample]
    result = breusch_pagan_lm(resid, panel, time, int(e.scalars["N_g"]), int(e.scalars["g_min"]))
    session.print(render_xttest2(result))
    session.set_r({"chi2_bp": result.lm, "df_bp": float(result.df), "n_bp": float(result.n_complete)})
