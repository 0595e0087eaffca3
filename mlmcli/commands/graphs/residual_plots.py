"""``rvfplot``, ``rvpplot`` and ``lvr2plot`` ([R] regress postestimation diagnostic plots):
the residuals against the fitted values or a predictor, and the leverage against the
normalized residual squared, after ``regress`` (or ``anova``), drawn as rvfplot.ado,
rvpplot.ado and lvr2plot.ado (3.2.0, 29sep2004) draw them:

    rvfplot:  scatter Residuals "Fitted values", <options>
    rvpplot:  scatter Residuals varname, ytitle(Residuals) xtitle(<varname's label>) <options>
    lvr2plot: scatter Leverage "Normalized residual squared", yline((df_m+1)/N) xline(1/N)
              <options>   (after a robust VCE: "leverage plot not available after robust
              estimation" r(198))

each followed by ``plot()``/``addplot()``; the options are the scatter's and twoway's.
"""
from __future__ import annotations

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs import regression_plot_common as common
from mlmcli.errors import StataError
from mlmcli.postest.diagnostic_plot_values import leverage_residual_squared


def cmd_rvfplot(session, cmd: Command) -> None:
    """``rvfplot [, scatter and twoway options addplot()]``."""
    common.refuse_prefix(cmd, "rvfplot")
    common.refuse_if_in(cmd, varlist=True)
    parts = common.fit_parts(session)
    opts, rest = common.split_options(cmd.options)
    r, f = common.free_names(session, ["resid", "fitted"])
    columns = [(r, common.on_data(session, parts, parts.residual), "Residuals"),
               (f, common.on_data(session, parts, parts.fitted), "Fitted values")]
    common.draw(session, cmd, columns, [("scatter", f"{r} {f}", rest)], opts)


def cmd_rvpplot(session, cmd: Command) -> None:
    """``rvpplot varname [, scatter and twoway options addplot()]``: the variable must be one of
    the model's (``<name> is not in the model`` r(398))."""
    common.refuse_prefix(cmd, "rvpplot")
    common.refuse_if_in(cmd)
    common.check_fit(session)
    var = common.typed_variable(session, cmd, "rvpplot")
    parts = common.fit_parts(session)
    in_model = parts.column(var) is not None or (parts.e.cmd == "anova" and any(
        lab.term == var for lab in parts.e.model.coef_labels))  # anova_terms: a factor term too
    if not in_model:
        raise StataError(f"{var} is not in the model", 398)
    opts, rest = common.split_options(cmd.options)
    (r,) = common.free_names(session, ["resid"])
    xtitle = session.data.var_labels.get(var) or var
    own = [Option("ytitle", common.quoted("Residuals")), Option("xtitle", common.quoted(xtitle))]
    columns = [(r, common.on_data(session, parts, parts.residual), "Residuals")]
    common.draw(session, cmd, columns, [("scatter", f"{r} {var}", own + rest)], opts)


def cmd_lvr2plot(session, cmd: Command) -> None:
    """``lvr2plot [, scatter and twoway options addplot()]``."""
    common.refuse_prefix(cmd, "lvr2plot")
    common.refuse_if_in(cmd, varlist=True)
    common.check_fit(session)
    opts, rest = common.split_options(cmd.options)
    if session.e.macros.get("vcetype") == "Robust":
        raise StataError("leverage plot not available after robust estimation", 198)
    parts = common.fit_parts(session)
    nrs, h, xline, yline = leverage_residual_squared(parts.residual, common.leverage(parts),
                                                     int(parts.e.scalars.get("df_m", len(parts.names) - 1)))
    hname, rname = common.free_names(session, ["hat", "nrsq"])
    own = [Option("ytitle", common.quoted("Leverage")), Option("xtitle", common.quoted("Normalized residual squared")),
           Option("yline", repr(float(yline))), Option("xline", repr(float(xline)))]
    columns = [(hname, common.on_data(session, parts, h), "Leverage"),
               (rname, common.on_data(session, parts, nrs), "Normalized residual squared")]
    common.draw(session, cmd, columns, [("scatter", f"{hname} {rname}", own + rest)], opts)
