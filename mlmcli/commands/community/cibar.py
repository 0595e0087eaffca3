"""``cibar varname [if] [weight], over(varlist) [options]`` (Alexander Staudt's community
command, SSC ``cibar``): a bar chart of the means of a variable in the cells of up to three
grouping variables, with confidence intervals drawn as capped spikes.  A compatible
implementation written from the package's ado-file (version 1.1.7, 23jun2019; read, not
copied):

    cibar varname [if] [aw fw iw pw], over(varlist) [level(#) vce(vcetype) noisily
        baropts(...) barcolor(colors) bargap(#) gap(#) ciopts(...) graphopts(...)
        barlabel(on) blfmt(%fmt) blposition(clock) blorientation() blsize() blcolor() blgap(#)]

As the ado-file does: ``mean varname [weight], over(varlist) level() vce()`` (quietly unless
``noisily``) gives each cell's mean and interval (r(table)'s b, ll and ul rows; its e() stays,
and the matrices ``results``, ``mean``, ``ll`` and ``ul`` are left defined); each level of the
first grouping variable is one ``bar`` plot (``fintensity(inten100)`` then ``baropts``, the
k-th color of ``barcolor`` on the k-th), followed by one ``rcap lb ub`` plot (``lcolor(gs8)``
then ``ciopts``).  The bars sit at the ado-file's positions: one grouping variable at
1, 2, ... (times 1 + bargap/100) with no x labels; with two, the second variable's levels are
blocks of the first's, ``L1 + gap/100`` apart, labelled at each block's centre; with three, the
(third, second) combinations are the blocks, labelled with the second's labels and the third's
on a lower line.  The graph options are ``legend(order(1 "lab1" ...))`` (the first variable's
value labels) ``xtitle("") ytitle("mean of varname") plotregion(margin(bargraph))
ylabel(, format(%9.3g))`` then ``graphopts``; ``barlabel(on)`` adds each bar's mean as text.
The data are left as they were (the ado-file's preserve); more than three grouping variables
use the first three (with the ado-file's note).

Decided here (a reviewer should know): a cell whose variable is missing in every observation
gets no bar (the ado-file's collapse kept it and its svmat of the means then shifted the
intervals of the later cells by one row); a string grouping variable is refused with r(109),
as the ado-file's ``drop if x == .`` refuses it; r() is cleared (the ado-file leaves its last
internal describe's).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.sorted_codes import unique_rows

HELP = {"cibar": "cibar varname [if] [aw fw iw pw], over(varlist) [level(#) vce() noisily baropts() "
                 "barcolor() bargap(#) gap(#) ciopts() graphopts() barlabel(on) blfmt() ...]"}

OPTIONS = [OptionSpec("over", None, True), OptionSpec("over1", None, True), OptionSpec("over2", None, True),
           OptionSpec("over3", None, True), OptionSpec("vce", 3, True), OptionSpec("level", 1, True),
           OptionSpec("noisily", 5), OptionSpec("baropts", 5, True), OptionSpec("barcolor", 4, True),
           OptionSpec("bargap", 4, True), OptionSpec("gap", 1, True), OptionSpec("ciopts", 2, True),
           OptionSpec("graphopts", 2, True), OptionSpec("barlabel", 4, True), OptionSpec("blfmt", 3, True),
           OptionSpec("blposition", 3, True), OptionSpec("blorientation", 3, True),
           OptionSpec("blsize", 3, True), OptionSpec("blcolor", 3, True), OptionSpec("blgap", 3, True)]

_WEIGHTS = {"aw": "aweight", "aweight": "aweight", "fw": "fweight", "fweight": "fweight",
            "iw": "iweight", "iweight": "iweight", "pw": "pweight", "pweight": "pweight"}


def _text(opts, name: str, default: str = "") -> str:
    value = opts.get(name)
    return value.strip() if isinstance(value, str) else default


def _numeric(opts, name: str, default, kind=int):
    """An integer (``kind=int``) or real option's value, ``default`` when not typed."""
    text = _text(opts, name)
    if not text:
        return default
    try:
        return kind(text)
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None


def _number(value: float) -> str:
    """A position as a macro holds it (``r(mean)`` expanded: up to 17 significant digits)."""
    return format(float(value), ".15g")


def _grouping(session, opts) -> list[str]:
    text = _text(opts, "over")
    if not text:
        text = " ".join(_text(opts, k) for k in ("over1", "over2", "over3")).strip()
    elif any(_text(opts, k) for k in ("over1", "over2", "over3")):
        session.print("Note: grouping variables specified via over(), hence ignoring over1() "
                      "(and over2(), over3() if specified).")
    if not text:
        raise StataError("option over() required", 198)
    names = session.data.expand_varlist(text)
    if len(names) > 3:
        session.print("Note: cibar only supports up to three grouping variables. Any additional "
                      "grouping variable will be ignored.")
        names = names[:3]
    for name in names:
        if session.data.is_string(name):
            raise StataError("type mismatch", 109)
    return names


def _label_of(ds, name: str, value: float) -> str:
    """``: label (name) value``: the value label's text, else the number."""
    lname = ds.value_label_of.get(name)
    text = ds.value_labels.get(lname, {}).get(float(value)) if lname else None
    if text is not None:
        return text
    from mlmcli.render.numfmt import format_number

    return format_number(float(value), "%18.0g").strip()


def cmd_cibar(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    if cmd.in_range is not None:
        raise StataError("in range not allowed", 101)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    if len(names) > 1:
        raise StataError("too many variables specified", 103)
    var = names[0]
    if ds.is_string(var):
        raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
    bylist = _grouping(session, opts)
    weight = ""
    if cmd.weight is not None:
        kind = _WEIGHTS.get(cmd.weight.kind)
        if kind is None:
            raise StataError(f"{cmd.weight.kind} not allowed", 101)
        weight = f" [{kind}={cmd.weight.exp}]"
    level = _text(opts, "level")
    vce = f" vce({_text(opts, 'vce')})" if "vce" in opts else ""
    runner = current_runner(session) or Runner(session)
    condition = f" if {cmd.if_exp}" if cmd.if_exp else ""
    shown = "" if opts.get("noisily") else "quietly "
    runner.execute(f"{shown}mean {var}{weight}{condition}, over({' '.join(bylist)})"
                   + (f" level({level})" if level else "") + vce)
    table = session.r["table"]
    runner.execute("matrix define results = r(table)")
    for row, name in ((1, "mean"), (5, "ll"), (6, "ul")):
        runner.execute(f"matrix define {name} = results[{row}, 1..colsof(results)]'")
    cells = _cells(session, var, bylist, np.asarray(table.values, float))
    overs = len(bylist)
    levels = [np.unique(cells[f"v{k + 1}"]) for k in range(overs)]
    frame = _plot_data(cells, overs)
    bg, gap = _numeric(opts, "bargap", 0) / 100, _numeric(opts, "gap", 67) / 100 - 1
    g1 = _positions(frame, overs, bg, gap)
    line = _twoway(ds, var, bylist, levels, frame, g1, opts)
    before = session.data
    try:
        session.data = _bars_dataset(frame, g1)
        runner.execute(line)
    finally:
        session.data = before
        session.set_r({})


def _bars_dataset(frame: pd.DataFrame, g1: np.ndarray):
    from mlmcli.dataset import Dataset

    df = pd.DataFrame({"mean": frame["mean"].to_numpy(float), "lb": frame["lb"].to_numpy(float),
                       "ub": frame["ub"].to_numpy(float), "g1": g1.astype(float),
                       "over1_n": frame["n1"].to_numpy(float)})
    return Dataset(df=df, types={"mean": "double", "lb": "double", "ub": "double", "g1": "double",
                                 "over1_n": "float"})


def _twoway(ds, var, bylist, levels, frame, g1, opts) -> str:
    """The ado-file's ``twoway (bar ...) ... (rcap ...), xlabel() graph options``."""
    baropts = " ".join(filter(None, ["fintensity(inten100)", _text(opts, "baropts")]))
    ciopts = " ".join(filter(None, ["lcolor(gs8)", _text(opts, "ciopts")]))
    colors = _text(opts, "barcolor").split()
    plots = []
    for j in range(1, len(levels[0]) + 1):
        color = f" color({colors[j - 1]})" if j <= len(colors) else ""
        plots.append(f"(bar mean g1 if over1_n=={j}, {baropts}{color})")
    plots.append(f"(rcap lb ub g1, {ciopts})")
    legend = " ".join(f"{j} {_quoted(_label_of(ds, bylist[0], v))}" for j, v in enumerate(levels[0], start=1))
    graph = (f"legend(order({legend})) xtitle(\"\") ytitle(\"mean of {var}\") "
             f"plotregion(margin(bargraph)) ylabel(, format(%9.3g))")
    extra = _text(opts, "graphopts")
    text = _bar_labels(frame, g1, opts) if _text(opts, "barlabel") == "on" else ""
    return (f"twoway {' '.join(plots)}, {_xlabel(ds, frame, g1, len(bylist), bylist, levels)} {graph}"
            + (f" {extra}" if extra else "") + (f" {text}" if text else ""))


def _bar_labels(frame, g1, opts) -> str:
    """``barlabel(on)``: each bar's mean as text above it (blgap() higher), in blfmt()."""
    from mlmcli.render.numfmt import format_number

    fmt = _text(opts, "blfmt", "%9.2f")
    style = (f"placement({_text(opts, 'blposition', 'n')}) orientation({_text(opts, 'blorientation', 'horizontal')}) "
             f"size({_text(opts, 'blsize', 'medsmall')}) color({_text(opts, 'blcolor', 'black')})")
    blgap = _numeric(opts, "blgap", 0.0, float)
    out = []
    for m, x in zip(frame["mean"].to_numpy(float), g1):
        if np.isnan(m) or m == 0:
            out.append(f'text(0 {_number(x)} "", {style})')
        else:
            out.append(f'text({_number(m + blgap)} {_number(x)} "{format_number(m, fmt).strip()}", {style})')
    return " ".join(out)


def _cells(session, var: str, bylist: list[str], table: np.ndarray) -> pd.DataFrame:
    """The cells of ``mean``'s over() (its e(sample), sorted as its columns) with their
    mean, lower and upper bound."""
    from mlmcli.estimation.rows import sample_in_current_order

    ds = session.data
    sample = np.asarray(sample_in_current_order(session, session.e), bool)
    keys = np.column_stack([ds.numeric(v)[sample] for v in bylist])
    combos = unique_rows(keys)
    if combos.shape[0] != table.shape[1]:
        raise StataError("cibar: the cells of mean's over() could not be matched", 459)
    frame = pd.DataFrame(combos, columns=[f"v{k + 1}" for k in range(len(bylist))])
    frame["mean"], frame["lb"], frame["ub"] = table[0], table[4], table[5]
    return frame


def _plot_data(cells: pd.DataFrame, overs: int):
    """The ado-file's collapsed data: one row per cell (every combination of the levels, the
    empty ones without a mean, for two or three grouping variables) with each variable's level
    number ``n1``, ``n2``, ``n3``."""
    levels = [np.unique(cells[f"v{k + 1}"]) for k in range(overs)]
    index = {f"n{k + 1}": np.searchsorted(levels[k], cells[f"v{k + 1}"]) + 1 for k in range(overs)}
    frame = cells.assign(**index)
    if overs > 1:
        grid = pd.MultiIndex.from_product([np.arange(1, len(lv) + 1) for lv in levels],
                                          names=[f"n{k + 1}" for k in range(overs)]).to_frame(index=False)
        frame = grid.merge(frame, how="left", on=list(grid.columns))
    return frame


def _positions(frame: pd.DataFrame, overs: int, bg: float, gap: float) -> np.ndarray:
    """Each row's x position, as the ado-file computes g1."""
    n1 = frame["n1"].to_numpy(float)
    if overs == 1:
        return n1 * (1 + bg)
    l1 = frame["n1"].max()
    step = l1 + 1 + gap + bg
    if overs == 2:
        return n1 + (n1 - 1) * bg + step * (frame["n2"].to_numpy(float) - 1)
    l2 = frame["n2"].max()
    g2 = (frame["n3"].to_numpy() - 1) * l2 + frame["n2"].to_numpy()
    # sort g2 over1: within a block the cells present by their value, the added (empty) ones last
    order = np.lexsort((np.isnan(frame["v1"].to_numpy(float)), frame["v1"].to_numpy(float), g2))
    slot = np.empty(len(frame))
    slot[order] = np.arange(1, len(frame) + 1) % l1
    slot[slot == 0] = l1
    g1 = slot + (slot - 1) * bg + (g2 - 1) * step
    n3 = frame["n3"].to_numpy()
    for x in range(1, int(l2) + 1):  # the ado-file's loop runs over the second variable's levels
        g1 = np.where(n3 == x, g1 + (1 - gap) * (x - 1), g1)
    return g1


def _quoted(text: str) -> str:
    return f'"{text}"' if '"' not in text else f'`"{text}"\''


def _xlabel(ds, frame: pd.DataFrame, g1: np.ndarray, overs: int, bylist: list[str], levels) -> str:
    if overs == 1:
        return f'xlabel({_number(g1.min() - .75)} " " {_number(g1.max() + .75)} " ", noticks)'
    if overs == 2:
        blocks, label_var, block_levels = frame["n2"].to_numpy(), bylist[1], levels[1]
        names = [_label_of(ds, label_var, v) for v in block_levels]
    else:
        l2 = len(levels[1])
        blocks = (frame["n3"].to_numpy() - 1) * l2 + frame["n2"].to_numpy()
        names = [_label_of(ds, bylist[1], v) for _ in levels[2] for v in levels[1]]
    parts = ['xlabel(0 " "']
    for k, name in enumerate(names, start=1):
        parts.append(f"{_number(g1[blocks == k].mean())} {_quoted(name)}")
    parts.append(f'{_number(g1[blocks == len(names)].max() + 1)} " "')
    if overs == 3:
        for k, value in enumerate(levels[2], start=1):
            parts.append(f"{_number(g1[frame['n3'].to_numpy() == k].mean())} "
                         f"`\"\" \" \" \"{_label_of(ds, bylist[2], value)}\"\"'")
    return " ".join(parts) + ", noticks)"
