"""``xttest3`` (C. F. Baum's SSC command, xttest3.ado 1.0.8): the modified Wald test for
groupwise heteroskedasticity after ``xtreg, fe`` (residuals e_it, predict's ``e``) or
``xtgls`` (depvar - xb); the statistic is ``mlmcli.panel.groupwise_het``'s.  r(wald), r(df),
r(p).  After a weighted fit it is refused: how the ado's predict-based residuals weigh the
panel means there was not checked."""
from __future__ import annotations


def cmd_xttest3(session, cmd) -> None:
    from mlmcli.commands.postestimation.panel_residuals import fe_or_fgls_residuals
    from mlmcli.panel.groupwise_het import modified_wald
    from mlmcli.render.panel_tests import render_xttest3
    from mlmcli.results.panel import GroupwiseHetResult

    e, resid, panel, _ = fe_or_fgls_residuals(session, cmd, "xttest3")
    df = int(e.scalars["N_g"])
    wald, p = modified_wald(resid, panel, df)
    session.print(render_xttest3(GroupwiseHetResult(fgls=e.cmd == "xtgls", df=df, chi2=wald, p=p)))
    session.set_r({"wald": wald, "df": float(df), "p": p})
