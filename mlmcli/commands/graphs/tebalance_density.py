"""``tebalance density varname [, kernel() n(#) bwidth(*#) twoway_options]`` after ``teffects
ipw|ipwra|aipw`` with a two-level treatment (_tebalance_density.ado's DensityIPW, Stata 16 tree):
per treatment level (e(tlevels) order) kdensity of the covariate in the raw sample (fweights)
and weighted by the treatment model's inverse-probability weights, normalised to sum 1 within
the level and used as iweights (kdensity then takes the bandwidth and grid from the unweighted
summarize); n() points, default the level's number of observations; bwidth(*#) scales each
default bandwidth.  Drawn as the ado draws it: ``twoway (line d z if level) ...,
by(raw-weighted, title(Balance plot) note(" "))``, y "Density", x the variable's label,
panels "Raw" and "Weighted", keys "control" and "treated" (or the treatment's value labels).
r(N#_raw), r(N#_adj) (points), r(bw#_raw), r(bw#_adj), r(kernel) with # c and t.
With fweights, the iweights are fweight x IPW normalised within the level (mlm's reading of
_tebalance_weights, not seen in a log).  psmatch/nnmatch, factor variables and a multivalued
treatment are refused.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

_SPECS = [OptionSpec("kernel", 1, True), OptionSpec("n", None, True), OptionSpec("bwidth", 2, True)]


def tebalance_density(session, e, varlist: str, options) -> None:
    import pandas as pd

    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import compound_quoted, take_options
    from mlmcli.commands.graphs.twoway import build_twoway, session_on
    from mlmcli.dataset import Dataset
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.fitted_plots import kernel_name
    from mlmcli.graphs.syntax import parse_twoway
    from mlmcli.treatment_effects import models
    from mlmcli.treatment_effects.balance import balance_weights

    m, data = e.model, session.data
    if len(m.levels) > 2:
        raise StataError("tebalance density with a multivalued treatment is not supported by mlmcli", 198)
    words = varlist.split()
    if not words:
        raise StataError("varlist required", 100)
    if len(words) > 1:
        raise StataError("too many variables specified", 103)
    if "." in words[0] or "#" in words[0]:
        raise StataError("tebalance density: factor variables are not supported by mlmcli", 198)
    var = data.resolve(words[0])
    if data.is_string(var):
        raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
    opts, rest = take_options(options, _SPECS)
    kernel = kernel_name(opts["kernel"]) if opts.get("kernel") else "epanechnikov"
    points = None
    if opts.get("n") is not None:
        try:
            points = int(str(opts["n"]).strip())
        except ValueError:
            points = 0
        if points <= 0:
            raise StataError(f"option invalid n({opts['n']}); number of points for the kernel density estimate "
                             "must be greater than zero", 198)
    scale = None
    if opts.get("bwidth") is not None:
        text = str(opts["bwidth"]).replace(" ", "")
        try:
            scale = float(text[1:]) if text.startswith("*") else -1.0
        except ValueError:
            scale = -1.0
        if not scale > 0:
            raise StataError(f"invalid bwidth({opts['bwidth']}) specification; use bwidth(*#), where the kernel "
                             "half-width scale # is a positive number", 198)
    sample = e.sample_mask(data)
    probs = models.level_probabilities(m.tmodel, m.columns(m.t_design, data)[sample] @ m.gamma)
    t_all = data.numeric(m.tvar)[sample]
    code = {m.levels[j]: c for c, j in enumerate(m.order)}
    codes = np.array([code[v] for v in t_all])
    fw = np.ones(len(codes))
    if e.macros.get("wtype") == "fweight":
        from mlmcli.commands.estimation.common import evaluate_weight

        fw = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("=").strip()), float)[sample]
    treated_value = e.scalars["treated"]
    ipw = balance_weights(probs, codes, code[treated_value], e.macros["stat"] == "atet", np.ones(len(codes)))
    x_all = data.numeric(var)[sample]
    levels = [float(v) for v in str(e.macros.get("tlevels", "")).split()] or sorted(m.levels)
    frames, r, keys = [], {}, []
    for value in levels:
        rows = (t_all == value) & ~np.isnan(x_all)
        x, w_raw = x_all[rows], fw[rows]
        n = points or int(((t_all == value)).sum())
        n = min(n, data.nobs)
        h_raw = smoothers.silverman_bandwidth(x, None if e.macros.get("wtype") != "fweight" else w_raw, "fweight")
        h_adj = smoothers.silverman_bandwidth(x)  # iweights: kdensity's unweighted summarize
        if scale:
            h_raw, h_adj = h_raw * scale, h_adj * scale
        w_adj = w_raw * ipw[rows]
        w_adj = w_adj / w_adj.sum()
        tag = "t" if value == treated_value else "c"
        for panel, h, w in ((1, h_raw, w_raw if e.macros.get("wtype") == "fweight" else None), (2, h_adj, w_adj)):
            grid = smoothers.density_grid(x, h, n)
            frames.append(pd.DataFrame({"_z": grid, "_d": smoothers.kernel_density(x, grid, h, kernel, w),
                                        "_grp": value, "_rw": float(panel)}))
        r.update({f"N{tag}_raw": float(n), f"N{tag}_adj": float(n), f"bw{tag}_raw": h_raw, f"bw{tag}_adj": h_adj})
        label = data.value_label_text(m.tvar, value) if m.tvar in data.value_label_of else None
        keys.append(label or ("treated" if value == treated_value else "control"))
    stacked = Dataset(df=pd.concat(frames, ignore_index=True), types={"_z": "double", "_d": "double",
                                                                    "_grp": "double", "_rw": "byte"})
    stacked.var_labels.update({"_d": "Density", "_z": data.var_labels.get(var) or var,
                               "_rw": "raw and weighted data"})
    stacked.value_labels["_rwlab"] = {1.0: "Raw", 2.0: "Weighted"}
    stacked.value_label_of["_rw"] = "_rwlab"
    lines = " ".join(f"(line _d _z if _grp == {value!r})" for value in levels)
    legend, byextra = _legend(rest, keys)
    typed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in rest)
    call = parse_twoway(f'{lines}, by(_rw, title(Balance plot) note(" "){byextra}) {legend} {typed}')
    graph, builder = build_twoway(session_on(session, stacked), call, "tebalance density")
    session.set_r({**r, "kernel": kernel})
    finish(session, graph, builder.graph_options)


def _legend(rest, keys) -> tuple[str, str]:
    """The ado's ParseLegend: the keys' labels unless legend() types label(); legend(off) goes
    into by() (so it suppresses the one legend a by() graph draws)."""
    from mlmcli.commands.graphs.ready_series import compound_quoted

    typed = [o for o in rest if o.name.startswith("leg")]
    text = " ".join(str(o.arg or "") for o in typed).lower()
    if typed and re.search(r"(^|\s)off(\s|$)", text):
        rest[:] = [o for o in rest if o not in typed]
        return "", " legend(off)"
    if "label(" in text.replace(" ", ""):
        return "", ""
    return "legend(" + " ".join(f"label({i} {compound_quoted(k)})" for i, k in enumerate(keys, 1)) + ")", ""
