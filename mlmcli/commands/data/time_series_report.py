"""``tsreport [varlist] [if] [in] [, detail casewise panel]`` ([TS] tsreport, Stata 13's
tsreport.ado 1.2.4): the first and last period, the observations and the number of gaps of
a ``tsset`` series, with r(start), r(end), r(N_obs), r(N_gaps), r(tsfmt), r(timevar),
r(panelvar); ``detail`` adds the "Gap report" list and r(table).

A gap is an observation whose next period (t + delta, same panel) is not in the sample;
without ``panel`` each panel's end counts too ("Gap count includes panel changes").  With a
varlist each variable has its own sample (its nonmissing observations): the "Gap summary
report" table (or, with ``detail``, one report per variable) and r(var#), r(start#),
r(end#), r(N_obs#), r(N_gaps#) [r(table#)]; ``casewise`` reports the observations where
none of them is missing.  Stata 12's ``report``, ``report0`` and ``list`` are "option report
not allowed" as in Stata 13; under ``version 12`` (or lower) tsreport is tsreport_12.ado
6.0.7: ``report``/``report0`` print "Number of gaps in sample:  #" and set only r(N_gaps)
(its ``list``/``detail`` table, a ``tabdisp``, is refused).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.panel.time_settings import panel_setting, time_setting
from mlmcli.errors import StataError
from mlmcli.panel.time_series_gaps import count_gaps
from mlmcli.panel.time_settings import from_hex21
from mlmcli.render import time_series_report as show
from mlmcli.syntax.options import OptionSpec, resolve_options

_CASEWISE = "casewise can only be specified with two or more variables"


def cmd_tsreport(session, cmd) -> None:
    if getattr(session, "version", 13.0) < 13:
        _tsreport_12(session, cmd)
        return
    opts = resolve_options(cmd.options, [OptionSpec("detail", 1), OptionSpec("casewise", 1),
                                         OptionSpec("nopanel"), OptionSpec("panel", 1)])
    if opts.get("panel") and opts.get("nopanel"):
        raise StataError("cannot specify both panel and nopanel", 198)
    ds = session.data
    names = _varlist(ds, cmd.args)
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel = panel_setting(ds) or ""
    if (opts.get("panel") or opts.get("nopanel")) and not panel:
        raise StataError("must specify panelvar; use tsset or xtset", 321)
    if opts.get("casewise") and len(names) < 2:
        raise StataError(_CASEWISE, 198)
    delta = from_hex21(ds.chars.get("_TSdelta"))
    fmt = _report_format(ds.format_of(tvar), delta)
    t = ds.numeric(tvar)
    p = ds.numeric(panel) if panel else np.zeros(len(t))
    chosen = mark(session, cmd)  # the ado's otouse: if and in only
    use = chosen & ~np.isnan(t) & ~np.isnan(p)
    ctx = _Context(session, ds, tvar, panel, fmt, t, p, delta, bool(opts.get("panel")),
                   bool(opts.get("detail")))
    if not names:
        ctx.report(use)
        return
    if opts.get("casewise"):
        complete = np.logical_and.reduce([~np.isnan(ds.numeric(n)) for n in names])
        width = ctx.report(use & complete, any_vars=names)
    elif ctx.detail:
        width = ctx.report_each(names, use)
    else:
        width = ctx.summary(names, use)
    ctx.notes(names, chosen, width)


def _varlist(ds, text: str) -> list[str]:
    """``syntax [varlist(default=none numeric ts)]``."""
    from mlmcli.textscan import split_words
    from mlmcli.time_series_ops import expand_ts_varlist, is_time_series_operator, split_operated

    if not text.strip():
        return []
    for word in split_words(text):  # i.x, c.x#c.z: a ts varlist takes no factor variables
        if "#" in word or ("." in word and not is_time_series_operator(word.split(".", 1)[0])):
            raise StataError("factor variables not allowed", 101)
    names = expand_ts_varlist(ds, text)
    for name in names:
        parts = split_operated(name)
        base = parts[1] if parts else name
        if ds.is_string(base):
            raise StataError(f"string variables not allowed in varlist;\n{base} is a string variable", 109)
    return names


def _report_format(fmt: str, delta: float) -> str:
    """A %tc series stepping less than a second is shown to the millisecond."""
    if fmt in ("%tc", "%tC") and delta < 1000:
        return fmt + "DDmonCCYY_HH:MM:SS.sss"
    return fmt


class _Context:
    """One tsreport run: the settings every report of it shares."""

    def __init__(self, session, ds, tvar, panel, fmt, t, p, delta, by_panel, detail):
        self.session, self.ds, self.tvar, self.panel, self.fmt = session, ds, tvar, panel, fmt
        self.t, self.p, self.delta, self.by_panel, self.detail = t, p, delta, by_panel, detail

    def _count(self, use, detail):
        return count_gaps(self.p, self.t, use, self.delta, has_panel=bool(self.panel),
                          by_panel=self.by_panel, detail=detail)

    def _display(self, g, **who) -> int:
        """DisplayIt: the header, and with ``detail`` the gap list; its table's width."""
        for line in show.header(timevar=self.tvar, panelvar=self.panel, fmt=self.fmt, start=g.start,
                                end=g.end, n_obs=g.n_obs, n_gaps=g.n_gaps,
                                panel_changes=bool(self.panel) and not self.by_panel, **who):
            self.session.print(line)
        if not g.rows:
            return 0
        pfmt = self.ds.format_of(self.panel) if self.panel else ""
        lines, width = show.gap_table(g.rows, panelvar=self.panel, pfmt=pfmt, tsfmt=self.fmt,
                                      linesize=self.session.linesize)
        for line in lines:
            self.session.print(line)
        return width

    def _table(self, g):
        from mlmcli.results.matrix import Matrix

        cols = ["ObsBefore", "ObsAfter"] + ([self.panel] if self.panel else []) + ["StartTime", "EndTime", "Obs"]
        values = np.array([r if self.panel else r[:2] + r[3:] for r in g.rows], float)
        rownames = tuple(str(int(r[0])) if (r[1] != r[1] or r[0] == r[1]) else f"{int(r[0])}--{int(r[1])}"
                         for r in g.rows)
        return Matrix(values, rownames, tuple(cols))

    def _common_r(self) -> dict:
        return {"tsfmt": self.fmt, "timevar": self.tvar, **({"panelvar": self.panel} if self.panel else {})}

    def report(self, use, any_vars=None) -> int:
        """TsrWork (no varlist) or TsrVarlistANY (``casewise``)."""
        g = self._count(use, self.detail)
        r = {"end": g.end, "start": g.start, "N_obs": float(g.n_obs), "N_gaps": float(g.n_gaps),
             **self._common_r()}
        if g.rows:
            r["table"] = self._table(g)
        self.session.set_r(r)
        return self._display(g, **({"any_vars": any_vars} if any_vars else {}))

    def report_each(self, names, use) -> int:
        """TsrVarlist with ``detail``: DisplayIt for each variable."""
        r, width = {}, 0
        for j, name in enumerate(names, 1):
            g = self._count(use & ~np.isnan(self.ds.numeric(name)), True)
            r.update({f"var{j}": name, f"end{j}": g.end, f"start{j}": g.start,
                      f"N_obs{j}": float(g.n_obs), f"N_gaps{j}": float(g.n_gaps)})
            if g.rows:
                r[f"table{j}"] = self._table(g)
            width = self._display(g, var=name) or width
        self.session.set_r({**r, **self._common_r()})
        return width

    def summary(self, names, use) -> int:
        """TsrVarlist: the "Gap summary report"."""
        r, rows = {}, []
        for j, name in enumerate(names, 1):
            g = self._count(use & ~np.isnan(self.ds.numeric(name)), False)
            rows.append((g.start, g.end, g.n_obs, g.n_gaps))
            r.update({f"var{j}": name, f"end{j}": g.end, f"start{j}": g.start,
                      f"N_obs{j}": float(g.n_obs), f"N_gaps{j}": float(g.n_gaps)})
        self.session.set_r({**r, **self._common_r()})
        lines, width = show.summary_table(names, rows, tsfmt=self.fmt, linesize=self.session.linesize)
        for line in lines:
            self.session.print(line)
        return width

    def notes(self, names, chosen, width: int) -> None:
        """Mvar: variables observed where the time (or panel) variable is missing."""
        def observed_where_missing(key):
            if not key:  # no panel variable: nothing to report
                return []
            gone = np.isnan(self.ds.numeric(key)) & chosen
            return [n for n in names if (gone & ~np.isnan(self.ds.numeric(n))).any()]

        for line in show.missing_notes(observed_where_missing(self.tvar), observed_where_missing(self.panel),
                                       timevar=self.tvar, panelvar=self.panel, width=width,
                                       linesize=self.session.linesize):
            self.session.print(line)


def _tsreport_12(session, cmd) -> None:
    """tsreport_12.ado: a gap is an in-sample observation whose lag is not in the sample,
    the first in-sample observation (of each panel with ``panel``) excepted."""
    opts = resolve_options(cmd.options, [OptionSpec("detail", 1), OptionSpec("list", 1),
                                         OptionSpec("panel", 1), OptionSpec("report", 1),
                                         OptionSpec("report0")])
    if opts.get("detail") or opts.get("list"):
        raise StataError("tsreport under version 12: the list of gaps is not implemented in mlm", 198)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    ds = session.data
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel = panel_setting(ds)
    delta = from_hex21(ds.chars.get("_TSdelta"))
    t = ds.numeric(tvar)
    p = ds.numeric(panel) if panel else np.zeros(len(t))
    use = mark(session, cmd) & ~np.isnan(t)
    present = set(zip(p[use].tolist(), t[use].tolist()))
    rows = np.flatnonzero(use)
    order = rows[np.lexsort((t[rows], np.nan_to_num(p[rows], nan=np.inf)))]
    by_panel = bool(opts.get("panel") and panel)
    gaps, seen = 0, set()
    for i in order:
        key = p[i] if by_panel else 0
        first = key not in seen
        seen.add(key)
        gaps += (not first) and (p[i], t[i] - delta) not in present
    session.set_r({"N_gaps": float(gaps)})
    if (gaps and (opts.get("report") or opts.get("report0"))) or opts.get("report0"):
        note = "   (gap count includes panel changes)" if panel and not by_panel and gaps else ""
        session.print("")
        session.print(f"Number of gaps in sample:  {gaps}{note}")
