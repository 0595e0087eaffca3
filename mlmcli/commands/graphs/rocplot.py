"""``rocplot [, norefline twoway_options]`` ([R] rocfit postestimation): after rocfit, the empirical
ROC points (scatter, with (0,0) and (1,1)), the fitted binormal curve TPF = Phi(a + b invPhi(FPF))
over rocplot.ado's grid of FPF = 1/300 .. 297/300 closed by (0,0) and (1,1) (line), the reference
line y = x ("Reference", lstyle(refline)), ytitle "Sensitivity", xtitle "1 - Specificity", both
axes labelled 0(.25)1 with grid lines, no legend and the note "Area under curve = #  se(area) = #".
``confband``: the band Phi(a + b z +- k sigma(z)), k = sqrt(-2 ln(1 - level/100)) and
sigma(z)^2 = Var(a) + 2 Cov(a, b) z + Var(b) z^2, over the same grid (rarea, pstyle(ci), "#% CI",
drawn first, so the other plots take the next styles as in Stata's twoway).  r(area), r(se), r(N).
The plotopts()/lineopts()/ciopts()/rlopts()/plot()/addplot() options are not in mlmcli for rocplot
and are refused by name.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

_SPECS = [OptionSpec(*row) for row in (
    ("confband", 4), ("level", 1, True), ("norefline", 5), ("plotopts", 5, True), ("lineopts", 5, True),
    ("ciopts", 3, True), ("rlopts", 3, True), ("plot", None, True), ("addplot", None, True))]


def empirical_points(n0: np.ndarray, n1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(FPF, TPF) of the cutpoints "rating >= category j", j = 2..K (the (1, 1) of j = 1 dropped,
    as rocplot.ado drops lsens's first row)."""
    fpf = 1 - np.cumsum(n0)[:-1] / n0.sum()
    tpf = 1 - np.cumsum(n1)[:-1] / n1.sum()
    return fpf, tpf


def confidence_band(a: float, b: float, V: np.ndarray, fpf: np.ndarray, level: float):
    """rocplot.ado's CONF: (lower, upper) of the fitted TPF at ``fpf``."""
    from scipy.stats import norm

    z = norm.ppf(fpf)
    k = np.sqrt(-2 * np.log(1 - level / 100))
    sigma = np.sqrt(V[0, 0] + 2 * V[0, 1] * z + V[1, 1] * z * z)
    return norm.cdf(a + b * z - k * sigma), norm.cdf(a + b * z + k * sigma)


def cmd_rocplot(session, cmd) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import graph_from_series, refline_color, take_options
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Series
    from mlmcli.render.numfmt import format_number
    from scipy.stats import norm

    e = session.e
    if e is None or e.cmd != "rocfit":
        raise StataError("last estimates not found", 301)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    opts, graph_options = take_options(cmd.options, _SPECS)
    for name in ("plotopts", "lineopts", "ciopts", "rlopts", "plot", "addplot"):
        if opts.get(name) is not None and opts.get(name) is not False:
            raise StataError(f"option {name} not supported by mlmcli for rocplot", 198)
    n0, n1 = e.result.counts  # the rating's category counts rocfit fitted
    b = e.matrices["b"].values.ravel()
    a, slope = float(b[0]), float(b[1])
    area, se = e.scalars["area"], e.scalars["se_area"]
    fpf, tpf = empirical_points(np.asarray(n0, float), np.asarray(n1, float))
    grid = np.arange(1, 298) / 300
    line_x = np.r_[0.0, grid, 1.0]
    line_y = np.r_[0.0, norm.cdf(slope * norm.ppf(grid) + a), 1.0]
    series = []
    if opts.get("confband"):
        from mlmcli.commands.graphs.ready_series import look_of
        from mlmcli.graphs import plot_options as popt
        from mlmcli.syntax.options import confidence_level

        level = confidence_level(opts, getattr(session, "level", 95.0))
        lower, upper = confidence_band(a, slope, e.matrices["V"].values[:2, :2], grid, level)
        look = look_of([Option("pstyle", "ci")], popt.AREA_SPECS + popt.LINE_SPECS + popt.COMMON_SPECS, "rocplot")
        series.append(Series("area", line_x, np.r_[0.0, lower, 1.0], np.r_[0.0, upper, 1.0],
                             label=f"{level:g}% CI", **look.ready_fields("area", 1)))
    first = len(series) + 1
    series += [Series("scatter", np.r_[fpf, 0.0, 1.0], np.r_[tpf, 0.0, 1.0], label="Sensitivity", style=first),
               Series("line", line_x, line_y, label="ML ROC fit", style=first + 1)]
    if not opts.get("norefline"):
        series.append(Series("line", np.array([0.0, 1.0]), np.array([0.0, 1.0]), label="Reference",
                             style=first + 2, color=refline_color()))
    note = (f"Area under curve = {format_number(area, '%6.4f').strip()}  "
            f"se(area) = {format_number(se, '%6.4f').strip()}")
    ticks = ((0.0, "0"), (0.25, ".25"), (0.5, ".5"), (0.75, ".75"), (1.0, "1"))
    defaults = {"ytitle": "Sensitivity", "xtitle": "1 - Specificity", "note": note, "legend": "off",
                "xaxis": Axis(grid=True, ticklabels=ticks), "yaxis": Axis(grid=True, ticklabels=ticks)}
    builder = new_builder(session)
    graph = graph_from_series(builder, tuple(graph_options), cmd.text, defaults, series)
    for line in builder.notes:
        session.print(line)
    finish(session, graph, builder.graph_options)
    session.set_r({"area": area, "se": se, "N": e.scalars["N"]})
