"""``coefplot`` (Ben Jann's SSC command, version 1.8): estimates and confidence intervals of
one or more models, drawn as coefplot.ado draws them -- a small dataset of the coefficients and
a ``twoway`` of it, so every plot and twoway option works as in ``twoway``.

From each model (``collect``): e(b)'s coefficients, omitted (``o.``) and base (``b.``) ones
left out unless ``omitted``/``baselevels``, ``keep()``/``drop()`` applied and, unless an
equation was named in them, only the first equation left (``keep(*:)`` keeps all).  The
interval at each level is b -/+ q se with se from e(V)'s diagonal and q the normal quantile,
or the t quantile on e(df_r) when the results have it; ``eform`` exponentiates the estimate
and the limits.

Arrangement (``arrange``): the coefficients in the order they are first met, model by model,
``_cons`` last within its equation, at positions 1, 2, ... (top to bottom: the category axis
is reversed in horizontal mode); ``order()`` puts the named ones first.  With several plots
sharing a coefficient each plot is offset by -0.5 + plot/(plots + 1).

The twoway (``twoway_text``): for each plot an ``rspike`` of the limits (one per level,
widths growing as log2) then a ``scatter`` of the estimates, both ``pstyle(p#)``; the
category axis labelled with the coefficients (grid lines at them for one plot, between them
for several), titles empty, a legend of the plots keyed by their markers (off for one plot).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Coef:
    """One plotted coefficient: its equation and name, estimate and (ll, ul) per level."""

    eq: str
    name: str
    b: float
    limits: list[tuple[float, float]] = field(default_factory=list)
    at: float = float("nan")  # its position in at mode (``at``: from margins' e(at))


@dataclass
class PlotSpec:
    """One plot: its label (legend), its options for the markers and the spikes."""

    label: str
    coefs: list[Coef]
    marker_options: str = ""
    ci_options: str = ""
    recast: str = ""
    cirecast: str = ""
    offset: float | None = None
    key: bool = True
    ci: bool = True
    cionly: bool = False
    citop: bool = False
    pstyle: str = ""
    number: int = 1  # the plot's number within its subgraph (its style p#, its legend key)
    by: int = 1      # its subgraph (``||``)


def wildcard(pattern: str) -> re.Pattern:
    """Stata's strmatch(): ``*`` any string, ``?`` one character."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern) + r"\Z")


def coef_list(text: str) -> list[tuple[str, str]]:
    """``keep()``/``drop()``/``order()`` text -> (eq pattern or "", coefficient pattern) pairs;
    an ``eq:`` applies to the names after it until the next one (``eq:`` alone: all of eq)."""
    out: list[tuple[str, str]] = []
    eq = ""
    for word in text.split():
        if ":" in word:
            eq, _, name = word.partition(":")
            eq = eq or "*"
            if not name:
                out.append((eq, "*"))
                continue
            word = name
        out.append((eq, word))
    return out


def matches(pairs, eq: str, name: str) -> bool:
    """Does (eq, name) match one of the (eq pattern, name pattern) pairs?"""
    return any(wildcard(e or "*").match(eq) and wildcard(n).match(name) for e, n in pairs)


def clean_name(name: str) -> tuple[str, bool, bool]:
    """(the name without bn./o./b. markers, was it omitted, was it a base level)."""
    name = name.replace("bn.", ".").replace("bno.", "o.")
    omitted = "o." in name and (name.startswith("o.") or re.search(r"\do\.", name) is not None)
    name = name[2:] if name.startswith("o.") else name
    name = re.sub(r"(\d)o\.", r"\1.", name)
    base = re.search(r"\db\.", name) is not None
    name = re.sub(r"(\d)b\.", r"\1.", name)
    return name, omitted, base


def critical_value(level: float, df: float | None) -> float:
    """coefplot's quantile: the normal one without degrees of freedom, else Student's t."""
    from mlmcli.distributions import norm, t

    p = 1 - (1 - level / 100) / 2
    if df is None or not np.isfinite(df) or df > 2e17:
        return float(norm.ppf(p))
    return float(t.ppf(p, df))


def collect(names, b, se, df, *, levels=(95.0,), bounds=(), keep="", drop="", omitted=False, baselevels=False,
            eform=False, rename=(), ci=True, at=None) -> list[Coef]:
    """The coefficients of one model (module docstring); ``names`` as e(b)'s ``eq:name``; ``se``
    the standard errors (None: no intervals computed), ``df`` each column's degrees of freedom
    (NaN: the normal quantile), ``bounds`` per level the (ll, ul) columns read from ci() or
    None (computed at the level); ``at`` (at mode) each column's position."""
    from mlmcli.syntax.coefnames import split_eq

    rows = []
    for i, full in enumerate(names):
        eq, name = split_eq(full)
        name, was_omitted, was_base = clean_name(name)
        value = float(b[i])
        if was_omitted and value == 0 and not omitted:
            continue
        if was_base and value == 0 and not baselevels:
            continue
        rows.append((i, eq or "_", name, value))
    first_only = True
    if keep:
        pairs = coef_list(keep)
        first_only = all(e == "" for e, _ in pairs)
        rows = [r for r in rows if matches(pairs, r[1], r[2])]
    if drop:
        pairs = coef_list(drop)
        first_only = first_only and all(e == "" for e, _ in pairs)
        rows = [r for r in rows if not matches(pairs, r[1], r[2])]
    if first_only and rows:
        rows = [r for r in rows if r[1] == rows[0][1]]
    out = []
    for i, eq, name, value in rows:
        limits = []
        if ci and (se is not None or any(r is not None for r in bounds)):
            for k, level in enumerate(levels):
                read = bounds[k] if k < len(bounds) else None
                if read is not None:
                    limits.append((float(read[0][i]), float(read[1][i])))
                else:
                    s_i = float(se[i]) if se is not None else float("nan")
                    q = critical_value(level, float(df[i]))
                    limits.append((value - q * s_i, value + q * s_i))
        if eform:
            value = _exp(value)
            limits = [(_exp(lo), _exp(hi)) for lo, hi in limits]
        for old, new in rename:
            if matches(coef_list(old), eq, name):
                name = new
                break
        out.append(Coef(eq, name, value, limits, float(at[i]) if at is not None else float("nan")))
    return out


def _exp(v: float) -> float:
    """exp(v), missing past the double range (exp(710) and up), as Stata's exp()."""
    return math.exp(v) if v < 709.78 else float("nan")


def margins_at(names, at_matrix, at_rows, atstats: list[str], pos: int = 1) -> np.ndarray:
    """coefplot.ado's coefplot_get_margins_at: for each e(b) column ``#._at...`` the value, in
    e(at)'s row #, of the ``pos``-th at() variable whose e(atstats#) word is ``values`` (a
    numlist); NaN where there is none."""
    out = np.full(len(names), np.nan)
    for i, row_name in enumerate(at_rows, 1):
        words = atstats[i - 1].split() if i - 1 < len(atstats) else []
        listed = [j for j, w in enumerate(words) if w == "values"]
        if pos > len(listed):
            continue
        value = float(at_matrix[i - 1, listed[pos - 1]])
        for k, full in enumerate(names):
            name = full.split(":")[-1].replace("1bn._at", "1._at")
            if re.match(rf"{i}\._at", name):
                out[k] = value
    return out


def pool_equations(plots: list[PlotSpec]) -> bool:
    """coefplot.ado's rule: unless some plot holds several equations, the equation names are
    ignored (all made ``_``), so models with different dependent variables share coefficients.
    True when the plots hold several equations."""
    several = any(len({c.eq for c in p.coefs}) > 1 for p in plots)
    if not several:
        for p in plots:
            for c in p.coefs:
                c.eq = "_"
    return several


def arrange(plots: list[PlotSpec], order: str = "") -> list[tuple[str, str]]:
    """The (equation, coefficient) keys on the category axis, top to bottom."""
    seen: list[tuple[str, str]] = []
    for plot in plots:
        for c in plot.coefs:
            if (c.eq, c.name) not in seen:
                seen.append((c.eq, c.name))
    eqs = list(dict.fromkeys(eq for eq, _ in seen))
    keys = []
    for eq in eqs:
        inside = [k for k in seen if k[0] == eq]
        keys += [k for k in inside if k[1] != "_cons"] + [k for k in inside if k[1] == "_cons"]
    if order:
        wanted = []
        for eq, pattern in coef_list(order):
            wanted += [k for k in keys if k not in wanted and wildcard(eq or "*").match(k[0])
                       and wildcard(pattern).match(k[1])]
        keys = wanted + [k for k in keys if k not in wanted]
    return keys


def by_coefficients(plots: list[PlotSpec], keys, coef_labels: dict, by_labels: dict):
    """``bycoefs`` (coefplot.ado's coefplot_bycoefs): subgraphs and coefficients flipped -- a
    subgraph per coefficient (titled with its label), the subgraphs 1, 2, ... on the category
    axis (labelled with their bylabel()), each plot keeping its number.  Returns (plots, keys,
    axis labels, subgraph titles)."""
    from dataclasses import replace

    flipped: dict[tuple[int, int], PlotSpec] = {}
    for plot in plots:
        for c in plot.coefs:
            k = keys.index((c.eq, c.name)) + 1
            spec = flipped.get((k, plot.number))
            if spec is None:
                spec = flipped[(k, plot.number)] = replace(plot, coefs=[], by=k)
            spec.coefs.append(Coef("_", str(plot.by), c.b, list(c.limits)))
    subgraphs = sorted({p.by for p in plots})
    new_keys = [("_", str(b)) for b in subgraphs]
    labels = {("_", str(b)): by_labels.get(b, str(b)) for b in subgraphs}
    titles = {k: coef_labels[key] for k, key in enumerate(keys, 1)}
    return [flipped[key] for key in sorted(flipped)], new_keys, labels, titles


def positions(plots: list[PlotSpec], keys, offsets: bool = True, horizontal: bool = True) -> list[np.ndarray]:
    """Each plot's positions of its coefficients on the category axis (a typed ``offset()``
    is subtracted in horizontal mode, where the axis runs top to bottom, added in vertical)."""
    at = {k: float(i) for i, k in enumerate(keys, 1)}
    # offsets when a position would be taken twice within a subgraph; each subgraph's plots
    # spread over its own number of plots
    shared = sum(len(p.coefs) for p in plots) > len({(p.by, c.eq, c.name) for p in plots for c in p.coefs})
    typed = any(p.offset is not None for p in plots)
    out = []
    for plot in plots:
        n = max(p.number for p in plots if p.by == plot.by)
        pos = np.array([at[(c.eq, c.name)] for c in plot.coefs], float)
        if plot.offset is not None:
            pos = pos - plot.offset if horizontal else pos + plot.offset
        elif offsets and n > 1 and shared and not typed:
            pos = pos - 0.5 + plot.number / (n + 1)
        out.append(pos)
    return out


def grid_positions(keys, between: bool) -> list[float]:
    """coefplot's grid lines: at each coefficient, or halfway between neighbours (and half a
    unit beyond the ends)."""
    k = len(keys)
    if not between:
        return [float(i) for i in range(1, k + 1)]
    return [i + 0.5 for i in range(0, k + 1)] if k else []


def _quote(text: str) -> str:
    return '`"' + text + "\"'"


def _number(v: float) -> str:
    return repr(float(v)) if not float(v).is_integer() else str(int(v))


def coefplot_dataset(plots: list[PlotSpec], pos: list[np.ndarray], by_labels: dict | None = None):
    """The plotted variables: ``__by``, ``__plot``, ``__at``, ``__b``, ``__ll#``/``__ul#``."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    n_ci = max((len(c.limits) for p in plots for c in p.coefs), default=0)
    cols: dict[str, list[float]] = {"__by": [], "__plot": [], "__at": [], "__b": []}
    for k in range(1, n_ci + 1):
        cols[f"__ll{k}"], cols[f"__ul{k}"] = [], []
    for plot, at in zip(plots, pos):
        for c, a in zip(plot.coefs, at):
            cols["__by"].append(float(plot.by))
            cols["__plot"].append(float(plot.number))
            cols["__at"].append(float(a))
            cols["__b"].append(c.b)
            for k in range(1, n_ci + 1):
                lo, hi = c.limits[k - 1] if k <= len(c.limits) else (np.nan, np.nan)
                cols[f"__ll{k}"].append(lo)
                cols[f"__ul{k}"].append(hi)
    df = pd.DataFrame({k: np.asarray(v, float) for k, v in cols.items()})
    data = Dataset(df=df, types={k: "double" for k in df})
    if by_labels:  # the subgraphs' titles
        data.value_labels["__by"] = {float(k): v for k, v in by_labels.items()}
        data.value_label_of["__by"] = "__by"
    return data, n_ci


def twoway_text(plots: list[PlotSpec], keys, labels: dict, *, horizontal: bool = True,
                n_levels: int = 1, grid: str = "", offsets: bool = True, legend_typed: bool = False,
                n_subgraphs: int = 1, byopts: str = "", at_mode: bool = False, label_options: str = "") -> str:
    """The twoway command coefplot.ado runs (module docstring); ``labels``: key -> axis text;
    ``label_options``: coeflabels()'s axis-label suboptions (angle(), labsize(), ...).
    Plots of the same number in several subgraphs are one twoway plot (drawn in each panel of
    ``by(__by)``) with the options of the first of them.  In at mode the positions are values
    (margins' at()), so the axis keeps twoway's own labels, range and margins."""
    parts = []
    legend_labels, legend_order = [], []
    j = 0
    firsts = {}
    for p in plots:
        firsts.setdefault(p.number, p)
    for i, plot in sorted(firsts.items()):
        if not any(p.coefs for p in plots if p.number == i):
            continue
        pstyle = f"pstyle({plot.pstyle or f'p{i}'})"
        spikes = []
        if plot.ci and any(c.limits for p in plots if p.number == i for c in p.coefs):
            for k in range(1, n_levels + 1):
                width = "" if plot.cirecast or "lwidth(" in plot.ci_options.lower() or "recast(" in \
                    plot.ci_options.lower() else f"lwidth(*{1 + math.log10(k) / math.log10(2):g})"
                kind = plot.cirecast or "rspike"
                spikes.append(f"({kind} __ll{k} __ul{k} __at if __plot == {i}, {pstyle} {width} "
                              f"{plot.ci_options}{' horizontal' if horizontal else ''})")
        marker = ""
        if not plot.cionly:
            recast = f" recast({plot.recast})" if plot.recast else ""
            # plot types with a horizontal option of their own keep (b, at) and are turned
            own = plot.recast.strip().lower() in ("area", "bar", "spike", "dropline", "dot")
            xy = "__at __b" if horizontal and not own else "__b __at"
            turn = " horizontal" if horizontal and own else ""
            marker = f"(scatter {xy} if __plot == {i}, {pstyle}{recast} {plot.marker_options}{turn})"
        key = None
        for piece in ([marker] + spikes if plot.citop else spikes + [marker]):
            if not piece:
                continue
            parts.append(piece)
            j += 1
            if piece is marker:
                key = j
        if key is None and spikes:
            key = j - len(spikes) + 1
        if plot.key and key is not None:
            legend_labels.append(f"label({key} {_quote(plot.label)})")
            legend_order.append(str(key))
    axis = [] if at_mode else _category_axis(plots, keys, labels, horizontal, grid, offsets, label_options)
    opts = axis[:2] + ['ytitle("") xtitle("")'] + axis[2:]
    several = len(firsts) > 1
    if legend_order:
        off = " off" if not several and n_subgraphs == 1 and not legend_typed else ""
        opts.append(f"legend({' '.join(legend_labels)} all order({' '.join(legend_order)}){off})")
    else:
        opts.append("legend(off)")
    if n_subgraphs > 1:
        off = " legend(off)" if not several or not legend_order else ""
        opts.append(f'by(__by, note(""){off} {byopts})')
    return " ".join(parts) + ", " + " ".join(opts)


def _category_axis(plots, keys, labels: dict, horizontal: bool, grid: str, offsets: bool,
                   label_options: str = "") -> list[str]:
    """The category axis's options (not in at mode): a label per coefficient, the range, the
    grid lines and the plot region."""
    cat = "y" if horizontal else "x"
    ticks = " ".join(f"{i} {_quote(labels[k])}" for i, k in enumerate(keys, 1))
    # coefplot.ado passes coeflabels()'s axis-label suboptions after its own (the later angle() wins)
    extra = f" {label_options}" if label_options else ""
    opts = [f"{cat}label({ticks}, nogrid angle(horizontal){extra})", f"{cat}scale(range({0.5:g} {len(keys) + 0.5:g}))"]
    if grid != "none" and (horizontal or grid):
        between = grid == "between" or (not grid and len(plots) > 1 and offsets)
        lines = " ".join(_number(v) for v in grid_positions(keys, between))
        if lines:
            opts.append(f"{cat}tick({lines}, notick grid)")
    # coefplot.ado types margin(t=0 b=0) (l=0 r=0 vertical), keeping the other sides' default; mlm
    # reads a marginexp's unnamed sides as 0, so the default (5, mlm's plot region margin) is typed
    if horizontal:
        opts += ["yscale(reverse)", "plotregion(margin(l=5 r=5 t=0 b=0))"]
    else:
        opts.append("plotregion(margin(l=0 r=0 b=5 t=5))")
    return opts


def coefficient_label(name: str, data, interaction: str = " # ") -> str:
    """coefplot's default label of a coefficient: variable labels for variables, value labels
    (else ``label=level``) for factor levels, ``op.label`` for operators, ``#`` between the
    parts of an interaction."""
    parts = []
    for part in name.split("#"):
        text = ""
        if "." not in part:
            text = (data.var_labels.get(part) or part) if data is not None and part in data.varnames else part
        else:
            level, _, var = part.partition(".")
            if data is not None and var and var in data.varnames:
                try:
                    value = float(level)
                except ValueError:
                    value = None
                if value is None:
                    label = data.var_labels.get(var) or var
                    level = level[1:] if level.startswith("c") else level
                    text = f"{level}.{label}" if level else label
                else:
                    table = data.value_labels.get(data.value_label_of.get(var, ""), None)
                    if table is not None:
                        text = table.get(value, table.get(int(value), "")) if value.is_integer() else \
                            table.get(value, "")
                        text = text or level
                    else:
                        text = f"{data.var_labels.get(var) or var}={level}"
            text = text or part
        parts.append(text)
    return interaction.join(parts)


def plot_has_data(plots: list[PlotSpec]) -> bool:
    return any(p.coefs for p in plots)

