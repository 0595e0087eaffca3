"""``tabulate varname1 [varname2] [if] [in] [fw aw], summarize(varname3) [[no]means
[no]standard [no]freq [no]obs nolabel wrap missing]``: one- and two-way tables of the mean,
standard deviation and frequency of ``varname3`` (Stata's built-in tabsum).

Each cell's figures are summarize's (``mlmcli.summary_statistics.weighted_moments``): the
mean and standard deviation with aweights rescaled to sum to the cell's observations;
``Freq.`` is the sum of the weights (the number of observations unweighted) and ``Obs.``,
shown by default only when weighted, the number of observations.  Observations whose
``varname3`` is missing are left out, as are those missing a row or column variable unless
``missing``.  tabsum stores nothing in r().
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, weights
from mlmcli.commands.data.tabulate_report import tabulated_categories
from mlmcli.errors import StataError
from mlmcli.results.data import SummaryBreakdown, SummaryCell
from mlmcli.summary_statistics import weighted_moments
from mlmcli.syntax.options import OptionSpec, resolve_options

_FIGURES = ("means", "standard", "freq", "obs")
_SPECS = [OptionSpec("summarize", 2, takes_arg=True), OptionSpec("means", 2), OptionSpec("nomeans", 4),
          OptionSpec("standard", 2), OptionSpec("nostandard", 4), OptionSpec("freq", 1), OptionSpec("nofreq", 3),
          OptionSpec("obs", 1), OptionSpec("noobs", 3), OptionSpec("nolabel", 3), OptionSpec("wrap", 1),
          OptionSpec("missing", 2)]


def asks_summary(options) -> bool:
    """Does a tabulate's option list hold ``summarize()`` (abbreviated to ``su`` at least)?"""
    return any(len(o.name) >= 2 and "summarize".startswith(o.name) for o in options)


def _shown(opts: dict, weighted: bool) -> tuple[str, ...]:
    """Which figures each cell shows: those named if any is named (``means standard``),
    else all but those suppressed; ``obs`` by default only with weights."""
    named = [f for f in _FIGURES if opts.get(f)]
    if named:
        return tuple(f for f in _FIGURES if f in named and not opts.get("no" + f))
    default = ("means", "standard", "freq") + (("obs",) if weighted else ())
    return tuple(f for f in default if not opts.get("no" + f))


def _cell(y: np.ndarray, w: np.ndarray, kind: str | None) -> SummaryCell:
    if y.size == 0:
        return SummaryCell(np.nan, np.nan, 0.0, 0)
    m = weighted_moments(y, w, kind or "fweight")
    sd = m["sd"] if (kind is None and y.size > 1) or (kind is not None and m["sum_w"] > 0) else np.nan
    if kind is None and y.size == 1:
        sd = 0.0  # a single observation: summarize's sd is missing; tabsum prints 0 (decided, see docs)
    return SummaryCell(float(m["mean"]), float(sd), float(m["sum_w"]), int(y.size))


def tabulate_summarize(session, cmd, names: list[str]) -> None:
    from mlmcli.render.summary_breakdown import render_summary_breakdown
    opts = resolve_options(cmd.options, _SPECS)
    if opts.get("summarize") in (None, True) or not str(opts["summarize"]).strip():
        raise StataError("summarize() invalid", 198)
    ds = session.data
    target = ds.expand_varlist(str(opts["summarize"]))
    if len(target) != 1:
        raise StataError("too many variables specified", 103)
    target = target[0]
    if ds.is_string(target):
        raise StataError("type mismatch", 109)
    rows = mark(session, cmd, names if not opts.get("missing") else (), strok=True)
    rows &= ~np.isnan(ds.numeric(target))
    rows, w, kind = weights(session, cmd, rows, ("fweight", "aweight"), default="fweight")
    if not opts.get("missing"):
        for n in names:
            if ds.is_string(n):
                rows &= ds.df[n].to_numpy(dtype=object) != ""
    if not rows.any():
        raise StataError("no observations", 2000)
    labels = not opts.get("nolabel")
    y = ds.numeric(target)[rows]
    wsel = w[rows] if w is not None else np.ones(y.size)
    rtexts, rcodes = tabulated_categories(ds, names[0], rows, bool(opts.get("missing")), labels)
    if len(names) == 1 and not ds.is_string(names[0]):
        rtexts = [t[:9] for t in rtexts]  # value labels cut to 9 characters (published logs)
    if len(names) == 2:
        ctexts, ccodes = tabulated_categories(ds, names[1], rows, bool(opts.get("missing")), labels)
    else:
        ctexts, ccodes = [], np.zeros(y.size, dtype=int)
    ok = (rcodes >= 0) & (ccodes >= 0)
    y, wsel, rcodes, ccodes = y[ok], wsel[ok], rcodes[ok], ccodes[ok]
    ncol = max(len(ctexts), 1)

    def cell(sel) -> SummaryCell:
        return _cell(y[sel], wsel[sel], kind)

    cells = tuple(tuple(cell((rcodes == i) & (ccodes == j)) for j in range(ncol)) for i in range(len(rtexts)))
    title = lambda n: ds.var_labels.get(n) or n  # noqa: E731
    table = SummaryBreakdown(
        variable_label=title(target), row_title=title(names[0]), row_labels=tuple(rtexts),
        col_title=title(names[1]) if len(names) == 2 else None, col_labels=tuple(ctexts), cells=cells,
        row_totals=tuple(cell(rcodes == i) for i in range(len(rtexts))),
        col_totals=tuple(cell(ccodes == j) for j in range(len(ctexts))),
        total=cell(np.ones(y.size, dtype=bool)), show=_shown(opts, kind is not None))
    session.set_r({})
    session.print(render_summary_breakdown(table, linesize=session.linesize, wrap=bool(opts.get("wrap"))))
