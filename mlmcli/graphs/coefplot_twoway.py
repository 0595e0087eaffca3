"""``coefplot``'s plotted data and the ``twoway`` command coefplot.ado (1.8.7) runs on them.

The data (``coefplot_dataset``): a row per plotted coefficient -- ``__by``, ``__plot``,
``__at``, ``__mlbl``, ``__mlpos``, ``__b``, ``__V``, ``__se``, ``__t``, ``__df``, ``__pval``,
``__ll#``/``__ul#``, ``__aux#`` -- the variables ``generate()`` leaves and ``@b``, ``@at`` ...
name in ``if()``, ``weight()``, ``mlabel()`` and ``addplot()``.

The twoway (``twoway_text``): for each plot an ``rspike`` of the limits (one per level,
widths growing as log2) then a ``scatter`` of the estimates, both ``pstyle(p#)``; the
category axis labelled with the coefficients (grid lines at them for one plot, between them
for several), equation labels and group labels on added axes beside it (the plots on
``yaxis(1 2 ...)``), headings added to its labels, titles empty, a legend of the plots keyed
by their markers (off for one plot).
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.text_bytes import string_storage_type

VARIABLES = ("by", "plot", "at", "mlbl", "mlpos", "b", "V", "se", "t", "df", "pval")
VARIABLE_LABELS = ("subgraph ID", "plot ID", "plot position (category axis)", "marker label",
                   "marker label position", "coefficient", "variance", "standard error",
                   "t or z statistic", "degrees of freedom", "p-value")


def positions(plots, at_of_key: dict, *, offsets: bool = True, horizontal: bool = True,
              recycle: bool = True) -> list[np.ndarray]:
    """Each plot's positions of its coefficients on the category axis.  A typed ``offset()``
    moves its plot (down the axis in horizontal mode, where it runs top to bottom) and no plot
    gets the automatic offsets; these apply when a position is taken twice in a subgraph:
    -0.5 + plot/(plots + 1), plots counted over all subgraphs (with ``norecycle``, within the
    subgraph from its first plot)."""
    typed = any(p.offset is not None for p in plots)
    base = [np.array([at_of_key[(c.eq, c.name)] for c in p.coefs], float) for p in plots]
    spots = [(p.by, a) for p, at in zip(plots, base) for a in at]
    shared = len(spots) > len(set(spots))
    n_all = max((p.number for p in plots), default=1)
    out = []
    for plot, pos in zip(plots, base):
        if plot.offset is not None:
            pos = pos - plot.offset if horizontal else pos + plot.offset
        elif offsets and not typed and n_all > 1 and shared:
            if recycle:
                pos = pos - 0.5 + plot.number / (n_all + 1)
            else:
                mine = [p.number for p in plots if p.by == plot.by]
                pos = pos - 0.5 + (plot.number - min(mine) + 1) / (max(mine) - min(mine) + 2)
        out.append(pos)
    return out


def cismooth_spec(text: str) -> dict:
    """cismooth[(n(#) lwidth(min max) intensity(min max) color() pstyle())] (parse_cismooth):
    n levels 100/2n apart from 100/2n to 100 - 100/2n, taken from the outside in (99, 1, 97, 3
    ... for n = 50), each pair's intensity from min to max and line width from max to min."""
    from mlmcli.errors import StataError
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    opts = resolve_options(read_options(text), [OptionSpec("color", 1, True), OptionSpec("pstyle", 4, True),
                                                OptionSpec("n", None, True), OptionSpec("intensity", 1, True),
                                                OptionSpec("lwidth", 2, True)])

    def pair(name, low, high):
        words = str(opts[name]).split()
        try:
            values = [float(w) for w in words]
        except ValueError:
            values = []
        if len(values) != 2 or any(not low <= v <= high for v in values):
            raise StataError(f"option {name}() incorrectly specified", 198)  # uncertain: the numlist's message
        return values
    try:
        n = int(str(opts.get("n", 50)).strip())
    except ValueError:
        raise StataError("option n() incorrectly specified", 198) from None
    if n < 4:
        raise StataError("cismooth(n()) must be >= 4", 198)
    half = math.ceil(n / 2)
    imin, imax = pair("intensity", 0, 100) if "intensity" in opts else ((1 + 3) / (half + 3) * 100, 100.0)
    wmin, wmax = pair("lwidth", 0, 1000) if "lwidth" in opts else (2.0, 15.0)
    d = 100 / n
    lmax = 100 - d / 2
    levels, intensity, widths = [], [], []
    for i in range(1, n + 1):
        level = d / 2 + (i / 2 - 1) * d if i % 2 == 0 else d / 2 + (n - i / 2 - .5) * d
        levels.append(level)
        intensity.append(_g((imin + (imax - imin) / (half - 1) * (math.ceil(i / 2) - 1)) / 100))
        lw = 100 / (4 + (level - 1) / (lmax - 1) * (100 - 4))
        widths.append(_g(wmin + (lw - 1) / (25 - 1) * (wmax - wmin)))
    return {"n": n, "levels": levels, "intensity": intensity, "lwidth": widths,
            "color": str(opts.get("color") or "").strip().strip('"'), "pstyle": str(opts.get("pstyle") or "").strip()}


def _g(v: float) -> str:
    """A number as Stata's string() gives it (%9.0g's digits)."""
    return f"{v:.8g}"


def _quote(text: str) -> str:
    return '`"' + text + "\"'"


def _number(v: float) -> str:
    """A position as Stata's strofreal() writes it (%9.0g's digits, no leading zero)."""
    text = f"{float(v):.9g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _ci_plot_types(cirecast: str, n: int) -> list[str]:
    """The plot type of each of a plot's ``n`` intervals: ciopts(recast()) / cirecast() take a
    stylelist (coefplot's help: ``recast(rspike rcap ..)`` is rspike for the first interval, rcap
    for the rest; ``.`` the default rspike, ``=`` the previous, a short list padded with the
    default); a single type is every interval's."""
    from mlmcli.graphs.style_lists import expand

    words = str(cirecast or "").split()
    if len(words) <= 1:
        return [words[0] if words and words[0] not in (".", "=", "..", "...") else "rspike"] * max(n, 0)
    return [w or "rspike" for w in expand(words, n)]


def coefplot_dataset(plots, pos: list[np.ndarray], by_labels: dict | None = None, at_of_key: dict | None = None,
                     plot_labels: dict | None = None):
    """The plotted variables (module docstring); ``at_of_key``: the positions before offsets
    (``__at`` holds the offset ones, as the ado's variable once the offsets are added)."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    n_ci = max((len(c.limits) for p in plots for c in p.coefs), default=0)
    n_aux = max((len(c.aux) for p in plots for c in p.coefs), default=0)
    cols: dict[str, list] = {f"__{v}": [] for v in VARIABLES}
    for k in range(1, n_ci + 1):
        cols[f"__ll{k}"], cols[f"__ul{k}"] = [], []
    for k in range(1, n_aux + 1):
        cols[f"__aux{k}"] = []
    for plot, at in zip(plots, pos):
        for c, a in zip(plot.coefs, at):
            se = c.se
            row = {"by": plot.by, "plot": plot.number, "at": a, "mlbl": c.mlbl, "mlpos": c.mlpos, "b": c.b,
                   "V": se * se, "se": se, "t": c.b_raw / se if se else np.nan, "df": c.df, "pval": c.pval}
            for v in VARIABLES:
                cols[f"__{v}"].append(row[v])
            for k in range(1, n_ci + 1):
                lo, hi = c.limits[k - 1] if k <= len(c.limits) else (np.nan, np.nan)
                cols[f"__ll{k}"].append(lo)
                cols[f"__ul{k}"].append(hi)
            for k in range(1, n_aux + 1):
                cols[f"__aux{k}"].append(c.aux[k - 1] if k <= len(c.aux) else np.nan)
    df = pd.DataFrame({k: (np.asarray(v, object).astype(str) if k == "__mlbl" else np.asarray(v, float))
                       for k, v in cols.items()})
    # the ado's `gen` makes float variables (display %9.0g); the values are kept in double here so
    # the markers sit at the estimates (float's rounding is below what a graph shows)
    data = Dataset(df=df, types={k: (string_storage_type(cols["__mlbl"]) if k == "__mlbl" else "float")
                                   for k in df})
    data.formats.update({k: "%9.0g" for k in df if k != "__mlbl"})
    if by_labels:  # the subgraphs' titles
        data.value_labels["__by"] = {float(k): v for k, v in by_labels.items()}
        data.value_label_of["__by"] = "__by"
    if plot_labels:
        data.value_labels["__plot"] = {float(k): v for k, v in plot_labels.items()}
        data.value_label_of["__plot"] = "__plot"
    return data, n_ci


def twoway_text(plots, layout, labels: dict, *, horizontal: bool = True, n_levels: int = 1, grid: str = "",
                legend_typed: bool = False, n_subgraphs: int = 1, byopts: str = "",
                at_mode: bool = False, label_options: str = "", axis_options: dict | None = None,
                n_plots: int = 0, first_key: int = 0, returned: dict | None = None) -> str:
    """The twoway command coefplot.ado runs (module docstring); ``layout``: the category axis
    (graphs.coefplot_layout.Layout; None in at mode); ``labels``: key -> axis text;
    ``label_options``: coeflabels()'s axis-label suboptions; ``axis_options``: the suboptions
    typed in eqlabels(), groups(), headings() and grid() ("eq", "groups", "headings", "grid");
    ``first_key``: the plots drawn before coefplot's (addplot(, below)); ``returned`` gets the
    ado's r(legend), r(labels), r(eqlabels), r(groups), r(headings).
    Plots of the same number in several subgraphs are one twoway plot (drawn in each panel of
    ``by(__by)``) with the options of the first of them."""
    more = axis_options or {}
    cat = "y" if horizontal else "x"
    groups = layout.groups if layout is not None else []
    eqlabels = layout.eqlabels if layout is not None else []
    add_axes = ["1"] + (["2"] if groups else [])
    eq_axis = 3 if groups else 2
    if eqlabels:
        add_axes.append(str(eq_axis))
    addaxis = f" {cat}axis({' '.join(add_axes)})" if len(add_axes) > 1 else ""
    value = "x" if horizontal else "y"
    parts, legend_labels, legend_order = [], [], []
    j = first_key  # addplot(, below): its plots come first
    firsts = {}
    for p in plots:
        firsts.setdefault(p.number, p)
    for i, plot in sorted(firsts.items()):
        if not any(p.coefs for p in plots if p.number == i):
            continue
        pstyle = f"pstyle({plot.pstyle or f'p{i}'})"
        axis = f" {value}axis({plot.axis})" if plot.axis else ""
        cond = f"__plot == {i}" + (f" & ({plot.ifopt})" if plot.ifopt else "")
        spikes, cis_spikes = [], []
        cis = plot.cis
        n_cis = cis["n"] if cis else 0
        own = max((p.n_ci for p in plots if p.number == i), default=0) if cis or plot.n_ci else n_levels - n_cis
        turn_ci = " horizontal" if horizontal else ""
        if any(c.limits for p in plots if p.number == i for c in p.coefs):
            for k in range(1, n_cis + 1):  # cismooth: behind the other intervals, ciopts() not applied
                look = f"pstyle({cis['pstyle']})" if cis["pstyle"] else pstyle
                cis_spikes.append(f"(rspike __ll{k} __ul{k} __at if {cond},{addaxis} {look} "
                                  f"lwidth(*{cis['lwidth'][k - 1]}){axis} "
                                  f'lcolor("{cis["color"]}*{cis["intensity"][k - 1]}"){turn_ci})')
            kinds = _ci_plot_types(plot.cirecast, own)
            for l in range(1, own + 1) if plot.ci else ():
                k = l + n_cis
                width = "" if plot.cirecast or "lwidth(" in plot.ci_options.lower() or "recast(" in \
                    plot.ci_options.lower() else f"lwidth(*{1 + math.log10(l) / math.log10(2):g})"
                kind = kinds[l - 1]
                spikes.append(f"({kind} __ll{k} __ul{k} __at if {cond},{addaxis} {pstyle} {width}{axis} "
                              f"{plot.ci_options}{turn_ci})")
        marker = ""
        if not plot.cionly:
            recast = f" recast({plot.recast})" if plot.recast else ""
            # plot types with a horizontal option of their own keep (b, at) and are turned
            own = plot.recast.strip().lower() in ("area", "bar", "spike", "dropline", "dot")
            xy = "__at __b" if horizontal and not own else "__b __at"
            turn = " horizontal" if horizontal and own else ""
            weight = f" [aw={plot.weight}]" if plot.weight else ""
            marker = (f"(scatter {xy} if {cond}{weight},{addaxis} {pstyle}{axis}{recast} {plot.mlabel} "
                      f"{plot.marker_options}{turn})")
        key = None
        ci_pieces = cis_spikes + spikes
        pieces = [marker] + ci_pieces if plot.citop else ci_pieces + [marker]
        for piece in pieces:
            if not piece:
                continue
            parts.append(piece)
            j += 1
            if piece is marker and not plot.key_ci:
                key = j
            elif plot.key_ci and plot.key_ci <= len(spikes) and piece is spikes[plot.key_ci - 1]:
                key = j
        if plot.key and key is not None:
            legend_labels.append(f"label({key} {_quote(plot.label)})")
            legend_order.append(str(key))
    opts = []
    if layout is not None:
        opts += _category_axis(layout, labels, horizontal, grid, label_options, more)
    opts.insert(min(2, len(opts)), 'ytitle("") xtitle("")')
    several = (n_plots or len(firsts)) > 1
    if legend_order:
        off = " off" if not several and n_subgraphs == 1 and not legend_typed else ""
        legend = f"{' '.join(legend_labels)} all order({' '.join(legend_order)}){off}"
    else:
        legend = "off"
    opts.append(f"legend({legend})")
    if returned is not None:
        returned["legend"] = legend
        if layout is not None:
            returned.update(labels=_ticks((layout.at[k], labels[k]) for k in layout.keys if k in labels),
                            eqlabels=_ticks(layout.eqlabels), groups=_ticks(layout.groups),
                            headings=_ticks(layout.headings))
    if n_subgraphs > 1:
        off = " legend(off)" if not several or not legend_order else ""
        opts.append(f'by(__by, note(""){off} {byopts})')
    return " ".join(parts) + ", " + " ".join(opts)


def _ticks(pairs) -> str:
    return " ".join(f"{_number(pos)} {_quote(text)}" for pos, text in pairs)


def _category_axis(layout, labels: dict, horizontal: bool, grid: str, label_options: str, more: dict) -> list[str]:
    """The category axis's options (not in at mode): a label per coefficient, the range, the
    grid lines, the plot region; equation and group labels on added axes, headings added."""
    cat = "y" if horizontal else "x"
    ticks = _ticks((layout.at[k], labels[k]) for k in layout.keys if k in labels)
    # coefplot.ado passes coeflabels()'s axis-label suboptions after its own (the later angle() wins)
    extra = f" {label_options}" if label_options else ""
    lo, hi = layout.range
    span = f"range({_number(lo)} {_number(hi)})"
    opts = [f"{cat}label({ticks}, nogrid angle(horizontal){extra})", f"{cat}scale({span})"]
    if layout.headings:
        # the ado types tlstyle(none): no tick at a heading (a zero-length tick here)
        opts.append(f"{cat}label({_ticks(layout.headings)}, custom add tlength(0) {more.get('headings', '')})")
    if grid not in ("", "none"):
        lines = " ".join(_number(v) for v in layout.grid)
        if lines:
            opts.append(f"{cat}tick({lines}, notick grid {more.get('grid', '')})")
    # coefplot.ado types margin(t=0 b=0) (l=0 r=0 vertical), keeping the other sides' default; mlm
    # reads a marginexp's unnamed sides as 0, so the default (5, mlm's plot region margin) is typed
    if horizontal:
        opts += ["yscale(reverse)", "plotregion(margin(l=5 r=5 t=0 b=0))"]
    else:
        opts.append("plotregion(margin(l=0 r=0 b=5 t=5))")
    # the added axes: alt (the other side) unless both are drawn; mlm's added axis takes its
    # own range and direction, so the category axis's are typed on it (Stata lines them up)
    alt = " alt" if not (layout.groups and layout.eqlabels) else ""
    same = f" {span}" + (" reverse" if horizontal else "")
    number = 2
    for kind, pairs in (("groups", layout.groups), ("eq", layout.eqlabels)):
        if not pairs:
            continue
        opts += [f"{cat}scale(axis({number}){alt} noline{same})", f'{cat}title("", axis({number}))',
                 f"{cat}label({_ticks(pairs)}, axis({number}) noticks {more.get(kind, '')})"]
        number += 1
    return opts
