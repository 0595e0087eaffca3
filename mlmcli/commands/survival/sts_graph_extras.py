"""``sts graph``'s options that add to the drawing (Stata 13's [ST] sts graph; sts.ado's
Graph_wrk): ``lost``/``lostopts()``, ``enter``, ``atrisk``/``atriskopts()``,
``censored(number|multiple)``, ``addplot()``, ``risktable[()]`` (``sts_risk_table``),
``outfile()`` (``sts_graph_outfile``) and ``byopts()``; their checks in the ado's order and the
scratch data they are drawn from (the step points, the labels, and with ``addplot()`` the data
in memory, which the ado's ``graph addplot`` draws from)."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec
from mlmcli.text_bytes import string_storage_type

# the ado's abbreviations (lost, Enter, ATRisk, LOSTOPts, ATRISKOPts, OUTfile) and the help file's
EXTRA_SPECS = [OptionSpec(*row) for row in (
    ("lost", None), ("enter", 1), ("atrisk", 3), ("lostopts", 6, True), ("atriskopts", 8, True),
    ("addplot", None, True), ("outfile", 3, True), ("byopts", 4, True),
    ("risktable", 5, True, True, True),
)]


@dataclass
class Drawn:
    """What the typed options ask to be drawn besides the curves."""

    lost: bool = False
    enter: bool = False
    atrisk: bool = False
    lostopts: str | None = None
    atriskopts: str | None = None
    censored: str | None = None  # single, number, multiple
    addplot: str | None = None
    outfile: str | None = None
    risk: list = field(default_factory=list)  # the risktable() options typed, in order


def read(opts: dict, by_vars: list, censored: str | None, typed_names: list[str]) -> Drawn:
    """The options, checked as Graph_wrk checks them (r(198) unless said)."""
    risk = opts.get("risktable") or []
    has_table = bool(risk)
    if opts.get("byopts") is not None and not by_vars:
        raise StataError("option byopts() requires either by() or strata()", 198)
    for name in ("atrisk", "lost", "enter"):
        if opts.get(name) and has_table:
            raise StataError(f"options {name} and risktable may not be combined", 198)
    if any(abbrev_of(n, "aspectratio", 6) for n in typed_names) and has_table:
        raise StataError("options aspectratio and risktable may not be combined", 198)
    drawn = Drawn(lost=bool(opts.get("lost")), enter=bool(opts.get("enter")), atrisk=bool(opts.get("atrisk")),
                  lostopts=opts.get("lostopts"), atriskopts=opts.get("atriskopts"), censored=censored,
                  addplot=opts.get("addplot"), outfile=opts.get("outfile"), risk=list(risk))
    if opts.get("byopts") is not None:
        _by_options(str(opts["byopts"]))
    if drawn.atriskopts is not None:  # atriskopts() implies atrisk, lostopts() lost
        drawn.atrisk = True
    if drawn.lostopts is not None:
        drawn.lost = True
    if drawn.enter:  # enter shows the number lost too
        drawn.lost = True
    if censored and (drawn.lost or drawn.enter or drawn.atrisk):
        raise StataError("censored() not possible with lost, enter, or atrisk", 198)
    if censored == "multiple" and has_table:
        raise StataError("options censored(multiple) and risktable may not be combined", 198)
    if drawn.enter and drawn.atrisk:
        raise StataError("atrisk and enter not possible at the same time", 198)
    return drawn


def abbrev_of(typed: str, name: str, minimum: int) -> bool:
    from mlmcli.syntax.abbreviation import abbreviates

    return abbreviates(typed, name, minimum)


def _by_options(text: str) -> None:
    """ParseByOpts: ``total`` and ``missing`` r(191).  The rest go to the by() graph of
    ``separate`` (without it, the ado does not use them)."""
    from mlmcli.syntax.options import read_options

    for opt in read_options(text):
        name = opt.name
        if abbrev_of(name, "total", 5):
            raise StataError("byopts(total) not allowed with sts graph", 191)
        if abbrev_of(name, "missing", 4):
            raise StataError("byopts(missing) not allowed with sts graph", 191)


def mark_plots(drawn: Drawn, rows, n_groups: int, cumhaz: bool, censopts):
    """(columns, string columns, variable labels, plots) of the labels and marks, drawn after
    the curves in the ado's order: lost/entered labels, then the censoring marks (one rspike of
    every group's, with ``number`` each group's counts after it).  ``rows``: the graph's rows
    (sts_graph_outfile_rows.graph_rows, what outfile() saves), None when there are none."""
    from mlmcli.commands.survival import sts_graph_marks as marks

    columns, strings, labels, plots = {}, {}, {}, []
    if rows is None:
        return columns, strings, labels, plots
    if drawn.lost or drawn.atrisk:
        cols, strs, found = marks.count_labels(rows, drawn.lost, drawn.enter or drawn.atrisk)
        columns.update(cols)
        strings.update(strs)
        for kind, text in (("lost", "Number lost"), ("enter", "Number entered")):
            labels.update({f"_{kind}y{k}": text for k, _, _ in found.get(kind, [])})
        plots += marks.label_plots(found, drawn.lostopts, drawn.atriskopts)
    if drawn.censored:
        lift = marks.spike_lift(rows, cumhaz)
        groups = marks.censor_marks(rows, n_groups)
        cols, more = marks.tick_spikes([(x, y) for x, y, _ in groups], lift, censopts)
        columns.update(cols)
        if drawn.censored == "multiple":  # (the single and numbered spikes' variables keep no label)
            labels.update({name: "Censored" for name in cols if name != "_ctx"})
        plots += more
        for k, group in enumerate(groups if drawn.censored == "number" else [], start=1):
            cols, strs, more = marks.censor_number(group, k, lift, censopts)
            columns.update(cols)
            strings.update(strs)
            labels.update({name: "Censored" for name in cols if name[3] == "y"})
            plots += more
    return columns, strings, labels, plots


def added(drawn: Drawn):
    """(plots, twoway options typed after ``||`` ``,``, below) of ``addplot()``: drawn last, or
    with ``below`` first, beneath the curves ([G-3] addplot_option)."""
    from mlmcli.commands.graphs.ready_series import added_plots

    if not drawn.addplot or not str(drawn.addplot).strip():
        return [], [], False
    return added_plots(str(drawn.addplot))


def extend_scratch(scratch, session, strings: dict, labels: dict, user_data: bool):
    """The scratch session with the label columns (strings) and the variables' labels added, and
    with ``addplot()`` the data in memory too (its rows first, so ``in`` ranges keep their rows)."""
    import pandas as pd

    from dataclasses import replace

    data = scratch.data
    df = data.df
    types, var_labels = dict(data.types), dict(data.var_labels)
    formats, value_label_of, value_labels = dict(data.formats), {}, {}
    if user_data:
        mine = df
        user = session.data
        n = max(len(mine), user.nobs)
        base = user.df.reindex(range(n)).copy()
        for name in user.df.columns:
            if user.is_string(name):
                base[name] = base[name].fillna("")
        mine = mine.reindex(range(n))
        base = base.drop(columns=[c for c in mine.columns if c in base.columns])
        df = pd.concat([base, mine], axis=1)
        types = {**user.types, **types}
        var_labels = {**user.var_labels, **var_labels}
        formats = {**user.formats, **formats}
        value_label_of = dict(user.value_label_of)
        value_labels = dict(user.value_labels)
    n = len(df)
    for name, texts in strings.items():
        df[name] = list(texts) + [""] * (n - len(texts))
        types[name] = string_storage_type(texts)
    var_labels.update(labels)
    out = copy.copy(scratch)
    out.data = replace(data, df=df, types=types, var_labels=var_labels, formats=formats,
                       value_label_of=value_label_of, value_labels=value_labels)
    return out


def with_risk_table(graph, drawn: Drawn, session, by_vars, group_list, kms, tmin: float, tmax: float):
    """``graph`` with its at-risk table (``risktable``) when one is asked for."""
    if not drawn.risk:
        return graph
    from mlmcli.commands.survival.sts_risk_table import attach_risk_table

    return attach_risk_table(graph, drawn.risk, session, by_vars, group_list, kms, tmin, tmax)
