"""``svylogitgof`` (Archer and Lemeshow 2006, Stata Journal 6(1) 97-105, package st0099;
public do-files ``ssc install`` it and type it alone after ``svy: logit``/``svy: logistic``):
the F-adjusted mean residual goodness-of-fit test on the deciles of risk,

    F = (f - g + 2) W / (f g)  on (g - 1, f - g + 2),  g = 10,

W the Wald statistic of the ten design-based residual means (the weighted deciles of the
predicted probabilities, the svyset design's linearized covariance) and f the design df: the
paper's statistic, which [SVY] estat gof took over (the shared computation is
``commands/postestimation/survey_gof.py``).  The ado-file itself was not found in any public
copy: its lines of output, its r() names and its error texts here are mlmcli's (r(F), r(p),
r(df1), r(df2), as estat gof's) -- see the help page's differences."""
from __future__ import annotations

from mlmcli.errors import StataError

HELP = {"svylogitgof": "svylogitgof : F-adjusted mean residual goodness-of-fit test after svy: logit or svy: logistic "
                       "(Archer and Lemeshow 2006)"}

_DECILES = 10


def cmd_svylogitgof(session, cmd) -> None:
    from mlmcli.commands.postestimation.survey_gof import survey_residual_test, tested_rows
    from mlmcli.estimation.active import active
    from mlmcli.render.binary_fit import render_svylogitgof

    if cmd.args.strip() or cmd.if_exp or cmd.in_range:
        raise StataError("varlist not allowed" if cmd.args.strip() else "if and in not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    if cmd.options:
        raise StataError("options not allowed", 101)
    e = active(session)
    if e.macros.get("prefix") != "svy" or e.cmd not in ("logit", "logistic"):
        raise StataError("svylogitgof is for use after svy: logit or svy: logistic", 301)
    if e.macros.get("subpop"):
        raise StataError("svylogitgof after svy, subpop() is not supported by mlmcli", 198)
    if e.macros.get("vce", "linearized") != "linearized":  # the 2006 ado's behaviour there is unknown
        raise StataError(f"svylogitgof after svy {e.macros.get('vce')} is not supported by mlmcli; estat gof "
                         "computes the test with replicated variances", 198)
    df = float(e.scalars.get("df_r", float("nan")))
    if not df - _DECILES + 2 > 0:  # F's denominator df f - g + 2 would not be positive
        raise StataError("not enough degrees of freedom to perform the test", 322)
    fit = survey_residual_test(session, e, tested_rows(session, cmd, e, every_row=False), _DECILES)
    session.set_r({"F": fit.statistic, "p": fit.p, "df1": fit.df1, "df2": fit.df2})
    session.print(render_svylogitgof(fit))
