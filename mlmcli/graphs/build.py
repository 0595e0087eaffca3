"""From a parsed ``twoway`` command and the data to a ``Graph`` (pure data).

The caller supplies the dataset and ``mark(if_exp, in_range, varnames)``, which
returns the boolean sample of a plot (Stata's ``marksample``: the if/in
condition and no missing value in the variables).  Notes Stata would print
(an unknown colour) are returned beside the graph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlmcli.ast import InRange, Option
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.graphs import fits
from mlmcli.graphs.spec import Graph, Panel, Series
from mlmcli.graphs.style import LINE_PATTERNS, parse_color
from mlmcli.graphs.syntax import PlotCall, TwowayCall, split_top, title_text
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec, confidence_level, read_options, resolve_options, split_options

Mark = Callable[[str | None, InRange | None, list[str]], np.ndarray]

# options of the whole graph: honoured ones, then ones accepted and ignored
GRAPH_SPECS = [
    OptionSpec("title", 2, True), OptionSpec("subtitle", 3, True), OptionSpec("note", 4, True),
    OptionSpec("caption", 3, True), OptionSpec("xtitle", 3, True), OptionSpec("ytitle", 3, True),
    OptionSpec("legend", 3, True), OptionSpec("by", 2, True), OptionSpec("xline", 5, True, repeatable=True),
    OptionSpec("yline", 5, True, repeatable=True), OptionSpec("xlabel", 4, True),
    OptionSpec("ylabel", 4, True), OptionSpec("name", 4, True),
]
IGNORED_GRAPH_SPECS = [
    OptionSpec(name, abbrev, True, arg_optional=True, repeatable=True) for name, abbrev in (
        ("scheme", 3), ("saving", 6), ("graphregion", 6), ("plotregion", 5),
        ("xscale", 3), ("yscale", 3), ("xsize", 5), ("ysize", 5), ("aspectratio", 6),
        ("nodraw", 6), ("xtick", 5), ("ytick", 5), ("xmtick", 6), ("ymtick", 6),
        ("xmlabel", 5), ("ymlabel", 5), ("text", 4), ("l1title", 7), ("b1title", 7),
        ("r1title", 7), ("t1title", 7), ("l2title", 7), ("b2title", 7), ("fxsize", 6),
        ("fysize", 6), ("iscale", 6), ("scale", 5), ("play", 4), ("xcommon", 7),
        ("ycommon", 7), ("xvarlabel", 9), ("yvarlabel", 9),
    )
]

_LINE_OPTS = [
    OptionSpec("lcolor", 2, True), OptionSpec("color", 5, True), OptionSpec("lpattern", 2, True),
]
PLOT_SPECS: dict[str, list[OptionSpec]] = {
    "scatter": [OptionSpec("mcolor", 2, True), OptionSpec("sort", 4), OptionSpec("connect", 1, True)]
    + _LINE_OPTS,
    "line": [OptionSpec("sort", 4), OptionSpec("connect", 1, True)] + _LINE_OPTS,
    "lfit": [OptionSpec("range", 1, True), OptionSpec("n", 1, True), OptionSpec("atobs", 5)] + _LINE_OPTS,
}
PLOT_SPECS["connected"] = PLOT_SPECS["scatter"]
PLOT_SPECS["lfitci"] = PLOT_SPECS["lfit"] + [
    OptionSpec("level", 3, True), OptionSpec("stdp", 4), OptionSpec("stdf", 4), OptionSpec("stdr", 4),
    OptionSpec("nofit", 5), OptionSpec("fcolor", 2, True), OptionSpec("acolor", 2, True),
    OptionSpec("clcolor", 3, True), OptionSpec("clpattern", 3, True),
]
IGNORED_PLOT_SPECS = [
    OptionSpec(name, abbrev, True, arg_optional=True, repeatable=True) for name, abbrev in (
        ("msymbol", 2), ("msize", 4), ("mlabel", 4), ("mlabposition", 7), ("mlabsize", 7),
        ("mlabcolor", 7), ("mfcolor", 3), ("mlcolor", 3), ("mlwidth", 3), ("mstyle", 3),
        ("jitter", 6), ("jitterseed", 10), ("pstyle", 4), ("lwidth", 2), ("lstyle", 2),
        ("cmissing", 4), ("yaxis", 5), ("xaxis", 5), ("estopts", 7), ("predopts", 8),
        ("ciplot", 6), ("fitplot", 7), ("alcolor", 3), ("alwidth", 3), ("alpattern", 3),
        ("clwidth", 3), ("fintensity", 4), ("blpattern", 3), ("blcolor", 3),
        ("msangle", 4), ("mlabangle", 7), ("mlabgap", 7), ("lalign", 6),
    )
]

CONNECT_STYLES = {"l": "direct", "direct": "direct", "L": "ascending", "ascending": "ascending",
                  "i": "none", "none": "none", "J": "stairstep", "stairstep": "stairstep",
                  ".": "direct"}


@dataclass
class GraphOptions:
    """The whole-graph options after merging those typed on every plot."""

    values: dict = field(default_factory=dict)

    def add(self, options: dict) -> None:
        for name, value in options.items():
            if isinstance(value, list) and isinstance(self.values.get(name), list):
                self.values[name].extend(value)
            else:
                self.values[name] = value


def _split_plot_options(kind: str, options: tuple[Option, ...]) -> tuple[dict, dict]:
    """Plot options vs whole-graph options typed among a plot's options."""
    plot_opts: list[Option] = []
    graph_opts: list[Option] = []
    specs = PLOT_SPECS[kind]
    for opt in options:
        if any(s.matches(opt.name) for s in specs) or any(s.matches(opt.name) for s in IGNORED_PLOT_SPECS):
            plot_opts.append(opt)
        else:
            graph_opts.append(opt)
    mine = resolve_options(plot_opts, specs + IGNORED_PLOT_SPECS)
    return mine, _resolve_graph_options(graph_opts)


def _resolve_graph_options(options: list[Option] | tuple[Option, ...]) -> dict:
    out = resolve_options(options, GRAPH_SPECS + IGNORED_GRAPH_SPECS)
    return {k: v for k, v in out.items() if any(s.name == k for s in GRAPH_SPECS)}


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise StataError(f"option {what}() incorrectly specified", 198) from None


def _axis_ticks(arg) -> tuple[float, ...] | None:
    """Tick positions from ``xlabel(0(5)20, angle(0))``; None for ``#5``/suboptions only."""
    if not isinstance(arg, str):
        return None
    body, _, _ = split_options(arg)
    body = body.strip()
    if not body or body.startswith("#"):
        return None
    return tuple(numlist(body)) or None


def _keys_and_texts(text: str) -> list[tuple[int, str]]:
    """``1 "Observed" 2 3 "Fit"`` -> [(1, "Observed"), (2, ""), (3, "Fit")]; ``-`` gaps dropped."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r'(-?\d+)|"([^"]*)"|(\S+)', text):
        if m.group(1) is not None:
            out.append((int(m.group(1)), ""))
        elif m.group(2) is not None and out:
            out[-1] = (out[-1][0], (out[-1][1] + "\n" if out[-1][1] else "") + m.group(2))
    return out


_LEGEND_WORDS = (("off", None), ("on", None), ("order", 5), ("label", 3), ("cols", None),
                 ("columns", None), ("col", None), ("rows", None), ("row", None))


def legend_spec(arg) -> dict:
    """``legend(off | on | order(...) label(# "text") cols(#) ...)`` -> Graph fields."""
    out: dict = {}
    if not isinstance(arg, str):
        return out
    options = [o for part in split_top(arg, ",") for o in read_options(part)]
    labels = []
    for opt in options:
        name = resolve_choice(opt.name.lower(), _LEGEND_WORDS)
        if name in ("off", "on"):
            out["legend"] = name
        elif name == "order" and opt.arg is not None:
            out["legend_order"] = tuple(_keys_and_texts(opt.arg))
        elif name == "label" and opt.arg is not None:
            pairs = _keys_and_texts(opt.arg)
            if not pairs:
                raise StataError("option label() incorrectly specified", 198)
            labels.append(pairs[0])
        elif name in ("cols", "col", "columns", "rows", "row") and opt.arg is not None:
            count = max(int(_number(opt.arg, name)), 1)
            out["legend_cols"] = count if name.startswith("c") else -count
    if labels:
        out["legend_labels"] = tuple(labels)
    return out


def graph_name(arg) -> str:
    """``name(gname[, replace])`` -> gname (default ``Graph``)."""
    if not isinstance(arg, str):
        return "Graph"
    name = split_options(arg)[0].strip()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name):
        raise StataError(f"{name} invalid name", 198)
    return name


def var_title(data: Dataset, name: str) -> str:
    """Axis/legend text for a variable: its label when set, else its name."""
    return data.var_labels.get(name) or name


def value_text(data: Dataset, name: str, value: float) -> str:
    """A by-group's panel title: the value label, else the value as Stata shows it."""
    label = data.value_label_text(name, value)
    if label is None and float(value).is_integer():
        label = data.value_label_text(name, int(value))
    if label is not None:
        return label
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.9g}".lstrip("0") if 0 < value < 1 else f"{value:.9g}"


# ------------------------------------------------------------------ one plot
@dataclass
class PlotData:
    """A plot's variables and sample, resolved."""

    call: PlotCall
    ys: list[str]
    x: str
    options: dict
    mask: np.ndarray
    styles: list[int]


def _connect_list(arg, notes: list[str]) -> list[str]:
    """``connect(L l)`` -> connect styles; an unknown one is noted and drawn direct, as Stata does."""
    if not isinstance(arg, str):
        return []
    out = []
    for word in arg.split():
        style = CONNECT_STYLES.get(word) or CONNECT_STYLES.get(word.lower())
        if style is None:
            note = f"(note:  named style {word} not found in class connectstyle, default attributes used)"
            if note not in notes:
                notes.append(note)
            style = "direct"
        out.append(style)
    return out


def _breaks(x: np.ndarray, connect: str) -> tuple[int, ...]:
    """Where new polylines start: ``ascending`` breaks when x decreases; ``none`` everywhere."""
    if connect == "ascending":
        return tuple(int(i) for i in np.flatnonzero(np.diff(x) < 0) + 1)
    if connect == "none":
        return tuple(range(1, len(x)))
    return ()


class TwowayBuilder:
    """Builds the Graph for one ``twoway`` call."""

    def __init__(self, data: Dataset, mark: Mark):
        self.data = data
        self.mark = mark
        self.notes: list[str] = []

    def color(self, arg) -> str | None:
        if not isinstance(arg, str):
            return None
        color = parse_color(arg)
        note = f"(note:  named style {arg.strip()} not found in class color, default attributes used)"
        if color is None and note not in self.notes:  # once, not once per panel
            self.notes.append(note)
        return color

    @staticmethod
    def pattern(arg) -> str:
        if isinstance(arg, str) and arg.strip() in LINE_PATTERNS:
            return arg.strip()
        return "solid"

    def resolve(self, call: TwowayCall) -> tuple[list[PlotData], dict]:
        graph_opts = GraphOptions()
        graph_opts.add(_resolve_graph_options(call.options))
        plots: list[PlotData] = []
        style = 1
        for plot in call.plots:
            mine, theirs = _split_plot_options(plot.kind, plot.options)
            graph_opts.add(theirs)
            names = self.data.expand_varlist(plot.varlist)
            if plot.kind in ("lfit", "lfitci") and len(names) > 2:
                raise StataError("too many variables specified", 103)
            if len(names) < 2:
                raise StataError("too few variables specified", 102)
            for name in names:
                self.data.numeric(name)  # strings: type mismatch
            mask = self.mark(plot.if_exp, plot.in_range, names) & self.mark(call.if_exp, call.in_range, names)
            ys = names[:-1]
            plots.append(PlotData(plot, ys, names[-1], mine, mask, list(range(style, style + len(ys)))))
            style += len(ys)
        return plots, graph_opts.values

    def series(self, plot: PlotData, rows: np.ndarray) -> list[Series]:
        """The series one plot draws over the rows ``rows`` (a panel's sample)."""
        opts, kind = plot.options, plot.call.kind
        x_all = self.data.numeric(plot.x)
        keep = rows & plot.mask
        out: list[Series] = []
        if kind in ("lfit", "lfitci"):
            if not keep.any():
                return out
            y, x = self.data.numeric(plot.ys[0])[keep], x_all[keep]
            span = None
            if isinstance(opts.get("range"), str):
                bounds = opts["range"].split()
                if len(bounds) != 2:
                    raise StataError("option range() incorrectly specified", 198)
                span = tuple(np.nan if b == "." else _number(b, "range") for b in bounds)
            default_n = 100 if kind == "lfitci" else 3
            n = int(_number(opts["n"], "n")) if isinstance(opts.get("n"), str) else default_n
            at = fits.eval_points(x, n, span, bool(opts.get("atobs")))
            se = None
            if kind == "lfitci":
                se = "stdf" if opts.get("stdf") else "stdr" if opts.get("stdr") else "stdp"
            typed = {"level": opts["level"]} if isinstance(opts.get("level"), str) else {}
            level = confidence_level(typed, 95.0)  # a bare `level` is ignored
            fit = fits.linear_fit(y, x, at, se, level)
            line_color = self.color(opts.get("clcolor") or opts.get("lcolor") or opts.get("color"))
            pattern = self.pattern(opts.get("clpattern") or opts.get("lpattern"))
            if kind == "lfitci":
                out.append(Series("area", fit.x, fit.lower, fit.upper, label=f"{level:g}% CI", style=0,
                                  color=self.color(opts.get("fcolor") or opts.get("acolor"))))
                if opts.get("nofit"):
                    return out
            out.append(Series("line", fit.x, fit.fit, label="Fitted values", style=plot.styles[0],
                              color=line_color, pattern=pattern))
            return out
        x = x_all[keep]
        order = np.argsort(x, kind="stable") if opts.get("sort") else np.arange(len(x))
        x = x[order]
        connects = _connect_list(opts.get("connect"), self.notes)
        for i, (yname, style) in enumerate(zip(plot.ys, plot.styles)):
            y = self.data.numeric(yname)[keep][order]
            label = var_title(self.data, yname)
            default = "direct" if kind in ("line", "connected") else "none"
            connect = connects[min(i, len(connects) - 1)] if connects else default
            if kind in ("scatter", "connected"):
                out.append(Series("scatter", x, y, label=label, style=style, color=self.color(opts.get("mcolor") or opts.get("color"))))
            if connect != "none" or kind == "line":
                out.append(Series("line", x, y, breaks=_breaks(x, connect), label=label, style=style,
                                  legend=kind == "line", step=connect == "stairstep",
                                  color=self.color(opts.get("lcolor") or opts.get("color")),
                                  pattern=self.pattern(opts.get("lpattern"))))
        return out

    def build(self, call: TwowayCall, command: str = "") -> Graph:
        plots, gopts = self.resolve(call)
        if not any(p.mask.any() for p in plots):
            raise StataError("no observations", 2000)
        panels, note, cols, by_legend = self.panels(plots, gopts.get("by"))
        legend = {**legend_spec(by_legend), **legend_spec(gopts.get("legend"))}
        first = plots[0]
        # Stata's default y title: the series' legend texts, joined by "/"
        ylabels: list[str] = []
        for panel in panels:
            for s in panel.series:
                if s.legend and s.label not in ylabels:
                    ylabels.append(s.label)
        xtitle = title_text(gopts["xtitle"]) if "xtitle" in gopts else var_title(self.data, first.x)
        ytitle = title_text(gopts["ytitle"]) if "ytitle" in gopts else "/".join(ylabels)
        return Graph(
            panels=tuple(panels), xtitle=xtitle, ytitle=ytitle,
            title=title_text(gopts.get("title")), subtitle=title_text(gopts.get("subtitle")),
            note=title_text(gopts["note"]) if "note" in gopts else note,
            caption=title_text(gopts.get("caption")), cols=cols, **legend,
            xlines=tuple(v for a in gopts.get("xline", []) for v in numlist(split_options(a)[0])),
            ylines=tuple(v for a in gopts.get("yline", []) for v in numlist(split_options(a)[0])),
            xticks=_axis_ticks(gopts.get("xlabel")), yticks=_axis_ticks(gopts.get("ylabel")),
            name=graph_name(gopts.get("name")), command=command,
        )

    def panels(self, plots: list[PlotData], by_arg) -> tuple[list[Panel], str, int, str | None]:
        """One panel, or one per by-group (plus ``total``); the ``Graphs by`` note; columns;
        the ``legend()`` typed inside ``by()``."""
        everything = np.ones(self.data.nobs, dtype=bool)
        if not isinstance(by_arg, str):
            series = [s for p in plots for s in self.series(p, everything)]
            return [Panel(tuple(series))], "", 0, None
        body, sub_opts, _ = split_options(by_arg)
        by_vars = self.data.expand_varlist(body)
        sub = resolve_options(sub_opts, [
            OptionSpec("cols", 3, True), OptionSpec("columns", 3, True), OptionSpec("rows", 3, True),
            OptionSpec("total", 3), OptionSpec("note", 4, True), OptionSpec("missing", 4),
            OptionSpec("legend", 3, True),
        ], allow_unknown=True)
        in_any = np.zeros(self.data.nobs, dtype=bool)
        for p in plots:
            in_any |= p.mask
        coded = [self._by_values(v) for v in by_vars]
        keys = np.column_stack([codes for codes, _ in coded])
        if not sub.get("missing"):
            in_any &= ~np.isnan(keys).any(axis=1)
        groups = sorted({tuple(row) for row in keys[in_any]},
                        key=lambda t: tuple(np.inf if np.isnan(v) else v for v in t))
        panels = []
        for group in groups:
            rows = in_any & np.all((keys == np.array(group)) | (np.isnan(keys) & np.isnan(np.array(group))), axis=1)
            series = [s for p in plots for s in self.series(p, rows)]
            title = ", ".join("." if np.isnan(v) else names[int(v)] if names is not None
                              else value_text(self.data, name, v)
                              for name, v, (_, names) in zip(by_vars, group, coded))
            panels.append(Panel(tuple(series), title=title))
        if sub.get("total"):
            panels.append(Panel(tuple(s for p in plots for s in self.series(p, in_any)), title="Total"))
        note = "Graphs by " + " and ".join(var_title(self.data, v) for v in by_vars)
        if "note" in sub:
            note = title_text(sub["note"])
        cols = 0
        for key in ("cols", "columns"):
            if isinstance(sub.get(key), str):
                cols = int(_number(sub[key], "cols"))
        if isinstance(sub.get("rows"), str) and not cols:
            rows = max(int(_number(sub["rows"], "rows")), 1)
            cols = int(np.ceil(len(panels) / rows))
        return panels, note, cols, sub.get("legend")

    def _by_values(self, name: str) -> tuple[np.ndarray, list[str] | None]:
        """A by() variable as numbers; a string variable as codes of its sorted
        distinct values (returned too; "" is missing)."""
        if self.data.is_string(name):
            col = self.data.column(name).fillna("").astype(str).to_numpy()
            names = sorted(set(col) - {""})
            codes = {v: float(i) for i, v in enumerate(names)}
            return np.array([codes.get(v, np.nan) for v in col], dtype=float), names
        return self.data.numeric(name), None
