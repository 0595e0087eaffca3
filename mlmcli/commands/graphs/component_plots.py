"""``cprplot`` and ``acprplot`` ([R] regress postestimation diagnostic plots; cprplot.ado
3.2.2, 07mar2005, acprplot.ado 3.4.0, 17jun2009): (augmented) component-plus-residual plots
after ``regress``.

    cprplot|acprplot indepvar [, rlopts() lowess lsopts() mspline msopts() scatter and twoway
                               options addplot()]

cprplot: r + b x against x; acprplot: the regression refitted with x^2 added, r + b0 x + b1 x^2
(``mlmcli.postest.diagnostic_plot_values``).  The regression line of those values on x
(``lstyle(refline)``, ``rlopts()``), ``lowess`` (or ``lsopts()``) a lowess smooth ("Lowess
smooth"; not with weights: "not possible with weighted fit" r(398)), ``mspline`` (or
``msopts()``) a median spline ("Spline smooth").  x must be in the model (``x is not in the
model`` r(398)); acprplot with x^2 collinear with x prints ``x^2 is collinear with x`` and
draws nothing.  After anova, x must be a continuous term (cprplot: ``x is not a continuous
variable in the model`` r(398)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs import regression_plot_common as common
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

SPECS = [OptionSpec(*row) for row in (
    ("lowess", 3), ("mspline", 3), ("rlopts", 3, True), ("lsopts", 3, True), ("msopts", 3, True))]


def _component_plot(session, cmd: Command, augmented: bool) -> None:
    from mlmcli.commands.graphs.ready_series import parse_options_text
    from mlmcli.postest.diagnostic_plot_values import (augmented_component_plus_residual,
                                                       component_plus_residual)

    common.refuse_prefix(cmd, cmd.name)
    common.refuse_if_in(cmd)
    e = common.check_fit(session)
    var = common.typed_variable(session, cmd, cmd.name)
    opts, rest = common.split_options(cmd.options, SPECS)
    parts = common.fit_parts(session)
    j = parts.column(var)
    if j is None:  # after anova: anova_terms' continuous terms are the columns named by a variable
        raise StataError(f"{var} is not {'a continuous variable ' if e.cmd == 'anova' and not augmented else ''}"
                         f"in the model", 398)
    x = parts.X[:, j]
    if augmented:
        others = parts.others(None)
        k = [n for n in parts.names if n != "_cons"].index(var)
        values, line, b0, b1 = augmented_component_plus_residual(parts.y, others, k, parts.weight, parts.kind)
        if b0 == 0 or b1 == 0 or _collinear(x):
            session.print(f"{var}^2 is collinear with {var}")
            return
        ytitle = "Augmented component plus residual"
    else:
        b = float(np.asarray(parts.e.model.b, float)[j])
        values, line = component_plus_residual(parts.residual, x, b, parts.weight, parts.kind)
        ytitle = "Component plus residual"
    xtitle = session.data.var_labels.get(var) or var
    lowess = opts.get("lowess") or opts.get("lsopts") is not None
    mspline = opts.get("mspline") or opts.get("msopts") is not None
    if lowess and parts.kind:
        raise StataError("not possible with weighted fit", 398)
    r, hat = common.free_names(session, ["cpr", "cprhat"])
    own = [Option("sort"), Option("ytitle", common.quoted(ytitle)), Option("xtitle", common.quoted(xtitle))]
    if not (opts.get("plot") or opts.get("addplot")):
        own.append(Option("legend", "nodraw"))
    plots = [("scatter", f"{r} {var}", own + rest),
             ("line", f"{hat} {var}", [Option("sort"), Option("lstyle", "refline"),
                                         *parse_options_text(opts.get("rlopts"))])]
    if lowess:
        plots.append(("lowess", f"{r} {var}", [Option("sort"), Option("yvarlabel", '"Lowess smooth"'),
                                                 *parse_options_text(opts.get("lsopts"))]))
    if mspline:
        plots.append(("mspline", f"{r} {var}", [Option("sort"), Option("yvarlabel", '"Spline smooth"'),
                                                  *parse_options_text(opts.get("msopts"))]))
    columns = [(r, common.on_data(session, parts, values), ytitle),
               (hat, common.on_data(session, parts, line), "Fitted values")]
    common.draw(session, cmd, columns, plots, opts)


def _collinear(x: np.ndarray) -> bool:
    """x^2 a linear function of x (x takes two values at most)."""
    return np.unique(x).size <= 2


def cmd_cprplot(session, cmd: Command) -> None:
    _component_plot(session, cmd, augmented=False)


def cmd_acprplot(session, cmd: Command) -> None:
    _component_plot(session, cmd, augmented=True)
