"""``vioplot varlist [if] [in] [fw aw] [, options]`` (Nick Winter and Austin Nichols'
community command, SSC ``vioplot``): violin plots -- a box plot (the median as a marker, the
interquartile range as a bar, spikes out to the adjacent values) overlaid on a mirrored kernel
density of each variable, optionally by the categories of an ``over()`` variable.  Written from
the package's help file (the ado-file was not at hand):

    vioplot varlist [if] [in] [weight] [, over(varname[, missing total nolabel nofill])
        vertical horizontal obs kernel(kernel) bwidth(#) n(#) barwidth(#) dscale(#) ygap(#)
        noylabel density(area options) bar(bar options) line(line options)
        median(marker options) obsopts(marker label options) twoway_options]

Drawn here as one ``twoway``: per violin an ``rarea`` of position +- its density (scaled so
the widest violin is 0.4 category units wide on each side, times ``dscale()/100``), an
``rspike`` between the adjacent values, an ``rbar`` from the 25th to the 75th centile
(``summarize, detail``'s) and a ``scatter`` of the median; the densities are ``kdensity``'s
(its kernel, default half-width and its ``n()``, default 50) over each violin's own
observations.  Categories sit at 1, 2, ... (variables within over() levels), labelled on the
category axis; ``obs`` adds each violin's N as a second label line.

Decided here (a reviewer should know): the help file's geometry (widths, gaps, colours) is
approximated, not reproduced; a second ``over()`` (the help file allows two) is refused with
r(198) rather than drawn wrongly; ``obs(alt)`` and ``ogap()`` likewise.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"vioplot": "vioplot varlist [if] [in] [fw aw] [, over(varname[, missing total nolabel nofill]) "
                   "vertical horizontal obs kernel() bwidth(#) n(#) barwidth(#) dscale(#) ygap(#) "
                   "noylabel density() bar() line() median() obsopts() twoway_options]"}

OPTIONS = [OptionSpec("over", 4, True, repeatable=True), OptionSpec("vertical", 4), OptionSpec("horizontal", 3),
           OptionSpec("obs", 3, True, True), OptionSpec("kernel", 1, True), OptionSpec("bwidth", 2, True),
           OptionSpec("n", 1, True), OptionSpec("barwidth", 8, True), OptionSpec("dscale", 6, True),
           OptionSpec("ygap", 4, True), OptionSpec("ogap", 4, True), OptionSpec("noylabel", 8),
           OptionSpec("density", 7, True), OptionSpec("bar", 3, True), OptionSpec("line", 4, True),
           OptionSpec("median", 3, True), OptionSpec("obsopts", 7, True)]
_OVER_SUBOPTIONS = ("missing", "total", "nolabel", "nofill")


def _text(opts, name: str) -> str:
    value = opts.get(name)
    return value.strip() if isinstance(value, str) else ""


def _number_option(opts, name: str, default: float) -> float:
    text = _text(opts, name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if not value > 0:
        raise StataError(f"option {name}() incorrectly specified", 198)
    return value


def _split_twoway(options) -> tuple[list, str]:
    """vioplot's own options and the rest as text (twoway options, passed through)."""
    own, rest = [], []
    for opt in options:
        if any(spec.matches(opt.name) for spec in OPTIONS):
            own.append(opt)
        else:
            rest.append(opt.name if opt.arg is None else f"{opt.name}({opt.arg})")
    return own, " ".join(rest)


def _over(session, text: str):
    """over(varname[, missing total nolabel nofill]) -> (variable, suboptions)."""
    var_text, _, subs = text.partition(",")
    names = session.data.expand_varlist(var_text.strip()) if var_text.strip() else []
    if len(names) != 1:
        raise StataError("over() requires one variable", 198)
    chosen = set()
    for word in subs.split():
        match = [s for s in _OVER_SUBOPTIONS if s.startswith(word.lower()) and len(word) >= 3]
        if not match:
            raise StataError(f"over(): option {word} not allowed", 198)
        chosen.add(match[0])
    return names[0], chosen


def _violins(session, cmd, names, opts):
    """One entry per violin: (label, values, weights)."""
    from mlmcli.commands.data.common import value_text

    ds = session.data
    from mlmcli.sample import mark_sample, mark_weight

    touse = mark_sample(session, cmd)
    if cmd.weight is not None and cmd.weight.kind not in ("fw", "fweight", "aw", "aweight"):
        raise StataError(f"{cmd.weight.kind} not allowed", 101)
    touse, weights = mark_weight(session, cmd, touse)
    if weights is not None:
        weights = np.asarray(weights, float)
    over_text = opts.get("over")
    over_var, subs = (None, set())
    if over_text:
        if len(over_text) > 1:
            raise StataError("a second over() is not supported by mlm's vioplot", 198)
        over_var, subs = _over(session, over_text[0])
    columns = {v: np.asarray(ds.numeric(v), float) for v in names}
    groups = [(None, np.ones(ds.nobs, bool))]
    if over_var is not None:
        key = ds.df[over_var].to_numpy()
        is_str = ds.is_string(over_var)
        missing = (key == "") if is_str else pd.isna(key.astype(float))
        base = touse & (~missing | ("missing" in subs))
        levels = sorted(set(key[base].tolist()), key=lambda v: (isinstance(v, float) and np.isnan(v), v))
        groups = [(lv, base & ((key == lv) | (missing & (pd.isna(lv) if not is_str else lv == "")))) for lv in levels]
        if "total" in subs:
            groups.append(("Total", base))
    out = []
    for level, mask in groups:
        for var in names:
            keep = mask & touse & ~np.isnan(columns[var])
            name = var if opts.get("noylabel") or not ds.var_labels.get(var) else ds.var_labels[var]
            if level is None:
                label = name
            else:
                text = level if level == "Total" else value_text(ds, over_var, level, labels="nolabel" not in subs)
                label = text if len(names) == 1 else f"{text}: {name}"
            if not keep.any() and "nofill" in subs:
                continue
            out.append((label, columns[var][keep], None if weights is None else weights[keep]))
    if not any(len(v) for _, v, _ in out):
        raise StataError("no observations", 2000)
    return out


def _summaries(values, weights, kernel_name, bwidth, npoints):
    from mlmcli.graphs.smoothers import density_grid, kernel_density, silverman_bandwidth
    from mlmcli.summary_statistics import stata_percentile

    sx = np.sort(values)
    p25, p50, p75 = (stata_percentile(sx, p) for p in (25, 50, 75))
    iqr = p75 - p25
    inside = sx[(sx >= p25 - 1.5 * iqr) & (sx <= p75 + 1.5 * iqr)]
    lav, uav = (float(inside.min()), float(inside.max())) if inside.size else (p25, p75)
    h = bwidth or silverman_bandwidth(values, weights, "fweight" if weights is None else "aweight")
    grid = density_grid(values, h, npoints)
    dens = kernel_density(values, grid, h, kernel_name, weights)
    return dict(p25=p25, p50=p50, p75=p75, lav=lav, uav=uav, at=grid, dens=dens)


def cmd_vioplot(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner
    from mlmcli.dataset import Dataset
    from mlmcli.graphs.smoothers import KERNEL_ABBREVIATIONS

    own, twoway_opts = _split_twoway(cmd.options or ())
    opts = resolve_options(own, OPTIONS)
    for bad in ("ogap",):
        if bad in opts:
            raise StataError(f"option {bad}() not supported by mlm's vioplot", 198)
    if _text(opts, "obs") == "alt":
        raise StataError("option obs(alt) not supported by mlm's vioplot", 198)
    if opts.get("vertical") and opts.get("horizontal"):
        raise StataError("vertical and horizontal may not be combined", 198)
    names = session.data.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    for v in names:
        if session.data.is_string(v):
            raise StataError(f"string variables not allowed in varlist;\n{v} is a string variable", 109)
    kernel_name = "epanechnikov"
    if _text(opts, "kernel"):
        word = _text(opts, "kernel").lower()
        match = [k for k, n in KERNEL_ABBREVIATIONS if k.startswith(word) and len(word) >= n]
        if not match:
            raise StataError(f"kernel({word}) invalid", 198)
        kernel_name = match[0]
    bwidth = _number_option(opts, "bwidth", 0.0)
    npoints = int(_number_option(opts, "n", 50))
    dscale, barwidth = _number_option(opts, "dscale", 100) / 100, _number_option(opts, "barwidth", 100) / 100
    violins = _violins(session, cmd, names, opts)
    stats = [_summaries(v, w, kernel_name, bwidth, npoints) if len(v) else None for _, v, w in violins]
    top = max((np.nanmax(s["dens"]) for s in stats if s is not None), default=1.0)
    scale = 0.4 * dscale / top if top > 0 else 0.0
    rows, boxes = [], []
    for k, s in enumerate(stats, start=1):
        if s is None:
            continue
        rows.append(pd.DataFrame({"_v": k, "_at": s["at"], "_lo": k - scale * s["dens"], "_hi": k + scale * s["dens"]}))
        boxes.append(dict(_v=k, _pos=float(k), _p25=s["p25"], _p50=s["p50"], _p75=s["p75"], _lav=s["lav"], _uav=s["uav"]))
    frame = pd.concat(rows + [pd.DataFrame(boxes)], ignore_index=True)
    horizontal = bool(opts.get("horizontal"))
    hz = " horizontal" if horizontal else ""
    plots = [f"(rarea _lo _hi _at if _v=={k} & _pos>=., pstyle(p1) fintensity(50) {_text(opts, 'density')}"
             f"{'' if horizontal else ' horizontal'})" for k in frame["_v"].unique()]
    plots.append(f"(rspike _lav _uav _pos,{hz} lcolor(black) {_text(opts, 'line')})")
    plots.append(f"(rbar _p25 _p75 _pos,{hz} barwidth({0.1 * barwidth:g}) color(black) {_text(opts, 'bar')})")
    med = "_pos _p50" if horizontal else "_p50 _pos"
    plots.append(f"(scatter {med}, msymbol(O) mcolor(white) {_text(opts, 'median')})")
    labels = []
    for k, (label, values, _) in enumerate(violins, start=1):
        text = f'"{label}"' + (f' "N={len(values)}"' if "obs" in opts else "")
        labels.append(f"{k} `{chr(34)}{text}{chr(34)}'" if '"' in label else f"{k} {text}")
    axis = "y" if horizontal else "x"
    value_axis = "x" if horizontal else "y"
    title = session.data.var_labels.get(names[0]) or names[0] if len(names) == 1 else ""
    graph = (f"{axis}label({' '.join(labels)}, noticks) {axis}scale(range(0.5 {len(violins) + 0.5:g})) "
             f"{axis}title(\"\") {value_axis}title(\"{title}\") legend(off)")
    line = f"twoway {' '.join(plots)}, {graph} {twoway_opts}".strip()
    runner = current_runner(session) or Runner(session)
    before = session.data
    types = {c: "double" for c in frame.columns}
    try:
        session.data = Dataset(df=frame.astype(float), types=types)
        runner.execute(line)
    finally:
        session.data = before
