"""``avplot`` and ``avplots`` ([R] regress postestimation diagnostic plots; avplot.ado
3.5.0, 17jun2009, avplots.ado 2.4.1, 08jun2009): added-variable plots after ``regress``.

    avplot indepvar|coefficient [, rlopts(cline options) scatter and twoway options addplot()]

e( y | X ) against e( x | X ) (``mlmcli.postest.diagnostic_plot_values.added_variable``),
with the regression line of the one on the other (``lstyle(refline)``) and the note
``coef = #, se = #, t = #`` -- se that of x in ``regress y x <the other regressors>`` with the
fit's weights and, after vce(robust) or vce(cluster), that VCE (``(robust) se``).  A variable
not in the model: its residuals on all the regressors against the model's residuals (it must
have no missing value in e(sample)).  The dependent variable is r(398); a base or omitted
coefficient is ``(name was dropped from model)`` r(399).

``avplots [, combine options, scatter and twoway options]``: one avplot per coefficient of
e(b) (those dropped are skipped), put together by ``graph combine``; _get_gropts' combine
options (rows() cols() holes() imargin() scale() iscale() scheme() name() saving() colfirst
altshrink ycommon xcommon commonscheme nodraw title() subtitle() note() caption() the side
titles xsize() ysize() graphregion() plotregion()) go to the combined graph, the others to
each plot; plot() and addplot() are r(198).
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs import regression_plot_common as common
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

AVPLOT_SPECS = [OptionSpec("rlopts", 3, True)]

# _get_gropts' getcombine list (capitals: the minimal abbreviations)
COMBINE_OPTION_SPECS = [OptionSpec(*row) for row in (
    ("rows", 1, True), ("cols", 1, True), ("holes", 3, True), ("imargins", 2, True), ("scale", None, True),
    ("iscale", None, True), ("scheme", 3, True), ("name", None, True), ("saving", 3, True),
    ("spacers", 5, True), ("colfirst", 4), ("altshrink", None), ("ycommon", 4), ("xcommon", 4),
    ("copies", 3), ("commonscheme", 3), ("nodraw", None), ("r1title", 2, True), ("r2title", 2, True),
    ("l1title", 2, True), ("l2title", 2, True), ("t1title", 2, True), ("t2title", 2, True),
    ("b1title", 2, True), ("b2title", 2, True), ("note", None, True), ("caption", 3, True),
    ("subtitle", 3, True), ("title", 1, True), ("ysize", 4, True), ("xsize", 4, True),
    ("graphregion", 6, True), ("plotregion", 5, True))]


def _coefficient(session, parts, typed: str) -> tuple[str, int | None, np.ndarray]:
    """(the name shown, its column of X or None when not in the model, x on the sample)."""
    e = parts.e
    labels = {lab.name: lab for lab in e.model.coef_labels}
    name = typed
    if name not in labels and "." not in name and "#" not in name:
        name = session.data.resolve(typed)
    if name == e.macros.get("depvar"):
        raise StataError("cannot include dependent variable", 398)
    if name not in labels:  # `0.g` names the base level `0b.g`
        import re

        bare = re.sub(r"(\d+)[bo]*\.", r"\1.", name)
        name = next((n for n in labels if re.sub(r"(\d+)[bo]*\.", r"\1.", n) == bare), name)
    lab = labels.get(name)
    if lab is not None and (lab.base or lab.omitted):
        raise StataError(f"({name} was dropped from model)", 399)
    j = parts.column(name)
    if j is not None:
        return name, j, parts.X[:, j]
    if "." in name or "#" in name:
        raise StataError("invalid syntax", 198)
    x = session.data.numeric(name)[parts.sample]
    if np.isnan(x).any():
        raise StataError(f"{name} has missing values\nyou must reestimate including {name}", 398)
    return name, None, x


def _standard_error(parts, x: np.ndarray, j: int | None) -> float:
    """_se of x in regress y x <others> [wgt], robust|cluster as the fit (avplot.ado)."""
    from mlmcli.ols import fit_ols

    others = parts.others(j)
    X = np.column_stack([x, others, np.ones(len(x))])
    vce = ("cluster" if parts.cluster is not None else "robust") if parts.robust else "ols"
    fit = fit_ols(parts.y, X, weight=parts.weight, weight_kind=parts.kind, vce=vce, cluster=parts.cluster)
    return float(fit.se[0])


def avplot_graph(session, cmd, typed: str, opts: dict, rest: list, parts=None):
    """(Graph, graph options) of ``avplot typed``."""
    from mlmcli.postest.diagnostic_plot_values import added_variable, added_variable_note

    parts = parts or common.fit_parts(session)
    name, j, x = _coefficient(session, parts, typed)
    ey = parts.residual if j is None else None  # not in the model: the model's own residuals
    ey, ex, line, coef = added_variable(parts.y, parts.others(j), x, parts.weight, parts.kind, ey)
    se = _standard_error(parts, x, j)
    lhs = parts.e.macros["depvar"]
    ry, rx, hat = common.free_names(session, ["avy", "avx", "avhat"])
    ytitle, xtitle = f"e( {lhs} | X )", f"e( {name} | X )"
    own = [Option("ytitle", common.quoted(ytitle)), Option("xtitle", common.quoted(xtitle)),
           Option("note", common.quoted(added_variable_note(coef, se, parts.robust)))]
    if not (opts.get("plot") or opts.get("addplot")):
        own.append(Option("legend", "nodraw"))
    line_options = [Option("lstyle", "refline")] + list(_rlopts(opts))
    columns = [(ry, common.on_data(session, parts, ey), ytitle), (rx, common.on_data(session, parts, ex), xtitle),
               (hat, common.on_data(session, parts, line), "Fitted values")]
    values = columns[1][1]
    order = np.argsort(np.where(np.isnan(values), np.inf, values), kind="stable")  # sort `evx', stable
    return common.build_graph(session, cmd, columns, [("scatter", f"{ry} {rx}", own + rest),
                                                       ("line", f"{hat} {rx}", line_options)], opts, order)


def _rlopts(opts: dict):
    from mlmcli.commands.graphs.ready_series import parse_options_text

    return parse_options_text(opts.get("rlopts"))


def cmd_avplot(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.current import finish

    common.refuse_prefix(cmd, "avplot")
    common.refuse_if_in(cmd)
    common.check_fit(session)
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if len(words) > 1:
        raise StataError("too many variables specified", 103)
    opts, rest = common.split_options(cmd.options, AVPLOT_SPECS)
    graph, options = avplot_graph(session, cmd, words[0], opts, rest)
    finish(session, graph, options)


def _option_text(option: Option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"


def cmd_avplots(session, cmd: Command) -> None:
    from dataclasses import replace

    from mlmcli.commands.graphs.manage import combined_graph, keep_combined

    common.refuse_prefix(cmd, "avplots")
    common.refuse_if_in(cmd, varlist=True)
    common.check_fit(session)
    opts, rest = common.split_options(cmd.options)
    for name in ("plot", "addplot"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() not allowed", 198)
    combine = [o for o in rest if any(s.matches(o.name) for s in COMBINE_OPTION_SPECS)]
    each = [o for o in rest if not any(o is c for c in combine)]
    parts = common.fit_parts(session)
    own, each = common.split_options(each, AVPLOT_SPECS)
    graphs = []
    for k, lab in enumerate(parts.e.model.coef_labels):
        if lab.name == "_cons" or lab.base or lab.omitted:  # avplots: avplot's r(399) skips these
            continue
        graph, _ = avplot_graph(session, cmd, lab.name, own, list(each), parts)
        graphs.append(replace(graph, name=f"__avplots{k}"))  # the ado's tempnames, dropped after
    saved = list(session.graphs)
    session.graphs.extend(graphs)
    try:
        text = " ".join(g.name for g in graphs) + ", " + " ".join(_option_text(o) for o in combine)
        combined, copts, replace_it = combined_graph(session, text, cmd)
    finally:
        session.graphs[:] = saved
    keep_combined(session, combined, copts, replace_it)
