"""``teoverlap`` (Stata 14) and ``teffects overlap`` (Stata 13) after teffects ipw, ipwra, aipw
(_teffects_overlap.ado): kernel densities of the estimated propensity score of ``ptlevel()``
(default the lowest level), one line per treatment level, drawn as kdensity's estimate is
(``smoothers.kernel_density``): kernel ``triangle`` by default, n(e(N)) points, each level's own
bandwidth; y title ``density``, x title ``Propensity score, tvar=level``, legend ``tvar=level``.
r(bwidth#), r(n#), r(scale#), r(kernel).  ``at()``, ``line#opts()`` and ``addplot()`` are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import build_with_series, take_options
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import TwowayCall
from mlmcli.syntax.options import OptionSpec

HELP = {"teoverlap": "teoverlap [, ptlevel(#) tlevels(numlist) kernel() bwidth(#) n(#) nolabel twoway_options] : "
                     "overlap plot of propensity scores after teffects"}
_SPECS = [OptionSpec("ptlevel", 2, True), OptionSpec("tlevels", 2, True), OptionSpec("kernel", 1, True),
          OptionSpec("bwidth", 2, True), OptionSpec("at", None, True), OptionSpec("n", None, True),
          OptionSpec("nolabel", 5), OptionSpec("addplot", None, True)]


def cmd_teoverlap(session, cmd) -> None:
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.fitted_plots import kernel_name
    from mlmcli.graphs.spec import Series
    from mlmcli.treatment_effects import models

    e = session.e
    if e is None or e.cmd != "teffects":
        raise StataError("last estimates not found", 301)
    if e.macros.get("subcmd") in ("ra", "nnmatch"):
        raise StataError(f"teffects overlap not supported after {e.macros['subcmd']} estimation", 321)
    if e.model is None:  # psmatch keeps no treatment model mlm can predict from
        raise StataError(f"teoverlap after teffects {e.macros.get('subcmd', '')} is not implemented in mlmcli", 199)
    opts, rest = take_options(cmd.options, _SPECS)
    for refused in ("at", "addplot"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with teoverlap", 198)
    if any(o.name.startswith("line") and o.name.endswith("opts") for o in rest):
        raise StataError("option line#opts() not supported by mlmcli with teoverlap", 198)
    kernel = kernel_name(opts["kernel"]) if opts.get("kernel") else "triangle"
    h_typed = None
    if opts.get("bwidth") is not None:
        h_typed = float(opts["bwidth"])
        if h_typed <= 0:
            raise StataError("bwidth() must be positive", 498)
    m, data = e.model, session.data
    levels = sorted(m.levels)
    label = not opts.get("nolabel")

    def text(v):
        lab = data.value_label_text(m.tvar, v) if label else None
        return lab or f"{v:g}"

    def level_of(t: str, option: str) -> float:
        try:
            v = float(t)
        except ValueError:
            match = [lev for lev in levels if data.value_label_text(m.tvar, lev) == t]
            v = match[0] if match else float("nan")
        if v not in levels:
            raise StataError(f"{t} invalid argument to {option}()" if option == "ptlevel" else
                             f"tlevels() must contain valid treatment level; {t} is not a valid treatment level", 198)
        return v

    pt = level_of(str(opts["ptlevel"]).strip(), "ptlevel") if opts.get("ptlevel") else levels[0]
    shown = [level_of(t, "tlevels") for t in str(opts["tlevels"]).split()] if opts.get("tlevels") else levels
    sample = e.sample_mask(data)
    code = {m.levels[j]: c for c, j in enumerate(m.order)}
    probs = models.level_probabilities(m.tmodel, m.treatment_index(data))[:, code[pt]]
    t_all = data.numeric(m.tvar)
    n = int(float(opts["n"])) if opts.get("n") else int(e.scalars["N"])
    abtvar = m.tvar if len(m.tvar) <= 8 else m.tvar[:7] + "~"
    series, r = [], {}
    for i, lev in enumerate(shown, start=1):
        values = probs[sample & (t_all == lev)]
        h = h_typed or smoothers.silverman_bandwidth(values, None, "fweight")
        points = min(n, data.nobs) if n > 1 else 50
        at = smoothers.density_grid(values, h, points)
        density = smoothers.kernel_density(values, at, h, kernel, None)
        key = f"{lev:g}"
        r[f"bwidth{key}"], r[f"n{key}"] = h, float(points)
        r[f"scale{key}"] = 1.0 / (points * float(np.mean(density))) if np.mean(density) else float("nan")
        order = np.argsort(at, kind="stable")
        series.append(Series("line", np.asarray(at)[order], np.asarray(density)[order],
                             label=f"{abtvar}={text(lev)}", style=i))
    r["kernel"] = kernel
    defaults = {"ytitle": "density", "xtitle": f"Propensity score, {abtvar}={text(pt)}", "legend_cols": 2}
    graph, builder = build_with_series(session, cmd, TwowayCall((), None, None, tuple(rest)), defaults, series)
    session.set_r(r)
    finish(session, graph, builder.graph_options)
