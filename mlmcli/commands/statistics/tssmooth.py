"""``tssmooth ma|exponential|dexponential [type] newvar = exp [if] [in], ...`` ([TS] tssmooth ma,
exponential, dexponential; tssmooth.ado 1.5.5, _ts_exp.ado 1.1.13, _ts_dexp.ado 1.1.13).  The numbers:
``mlmcli.time_series.smoothers``; the text: ``mlmcli.render.smoothers``.

Landed: ``ma`` with window() or weights() (per panel when the sample holds several); ``exponential``
and ``dexponential`` with parms(), samp0(), s0(), forecast() on one series; ``hwinters`` with
parms() (_ts_hw.ado 1.3.1, _hw_comp.ado 1.0.1); each panel separately; ``nl`` in tssmooth_nl.py,
``shwinters`` with parms() in tssmooth_shwinters.py.  Refused by name: hwinters' and shwinters' ml
search (no parms()) and forecast() over several panels.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"tssmooth": "tssmooth ma|exponential|dexponential [type] newvar = exp [if] [in], ... : smooth a time series"}

_SMOOTHERS = (("ma", 1), ("nl", 2), ("exponential", 1), ("dexponential", 1), ("hwinters", 1), ("shwinters", 1))


def _smoother(word: str) -> str:
    from mlmcli.syntax.abbreviation import abbreviates

    for name, least in _SMOOTHERS:
        if abbreviates(word, name, least):
            return name
    raise StataError(f"{word} is not a valid smoother", 198)


def _numlist_option(name: str, text, *, most: int, least: int = 1, low=None, high=None,
                    low_open=False, high_open=False, integer=False) -> list[float]:
    """syntax's numlist(min= max= >= <= integer) checks, with its messages."""
    from mlmcli.syntax.numlist import numlist

    def invalid():
        return StataError(f"{name}() invalid -- invalid numlist", 121)

    values = numlist(str(text), invalid=invalid)
    if len(values) > most:
        raise StataError(f"{name}() invalid -- invalid numlist has too many elements", 123)
    if len(values) < least:
        raise StataError(f"{name}() invalid -- invalid numlist has too few elements", 122)
    for v in values:
        if (low is not None and (v <= low if low_open else v < low)) or \
                (high is not None and (v >= high if high_open else v > high)):
            raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
        if integer and v != int(v):
            raise StataError(f"{name}() invalid -- invalid numlist has noninteger elements", 126)
    return values


class _Series:
    """The sample and its time grid: rows in if/in, panel ids, grid slots per row."""

    def __init__(self, session, cmd, exp: str):
        from mlmcli.commands.data.common import evaluate, mark
        from mlmcli.panel.time_settings import panel_setting, time_setting, time_structure

        ds = session.data
        if time_setting(ds) is None:
            raise StataError("time variable not set, use tsset varname ...", 111)
        self.tvar, self.pvar = time_setting(ds), panel_setting(ds)
        panel, time, delta = time_structure(ds)
        self.touse = mark(session, cmd) & ~np.isnan(time)
        if not self.touse.any():
            raise StataError("no observations", 198)  # tssmooth.ado's own message and code
        values = np.asarray(evaluate(session, exp))
        if values.dtype == object:
            raise StataError("type mismatch", 109)
        self.x = np.where(self.touse, np.broadcast_to(values.astype(float), (ds.nobs,)), np.nan)
        self.panel = panel if panel is not None else np.zeros(ds.nobs)
        self.slot = np.full(ds.nobs, -1)
        self.time, self.delta = time, delta
        self.data = ds

    def panels(self):
        """Per panel in the sample: (rows, slot of each row, grid size)."""
        ids = np.unique(self.panel[self.touse & ~np.isnan(self.panel)])
        for pid in ids:
            rows = np.flatnonzero(self.touse & (self.panel == pid))
            k = np.rint((self.time[rows] - self.time[rows].min()) / self.delta).astype(int)
            yield pid, rows, k, int(k.max()) + 1

    def several_panels(self) -> bool:
        return np.unique(self.panel[self.touse]).size > 1

    def nobs_half(self) -> int:
        """tssmooth.ado's Nobs2: half the largest panel's sample count."""
        return max(rows.size for _, rows, _, _ in self.panels()) // 2


def _target(session, left: str, replace: bool):
    from mlmcli.syntax.varlist import check_new_name

    words = left.split()
    if not words or len(words) > 2:
        raise StataError("invalid syntax", 198)
    vtype, name = (words[0], words[1]) if len(words) == 2 else ("float", words[0])
    if vtype not in ("byte", "int", "long", "float", "double"):
        raise StataError("invalid syntax", 198)
    if not replace:
        check_new_name(session.data, name)
    return vtype, name


def cmd_tssmooth(session, cmd) -> None:
    from mlmcli.commands.data.common import split_assignment

    words = cmd.args.split(None, 1)
    if not words:
        raise StataError("invalid syntax", 198)
    smoother = _smoother(words[0])
    if smoother not in ("ma", "exponential", "dexponential", "hwinters", "nl", "shwinters"):
        raise StataError(f"tssmooth {smoother} is not implemented in mlmcli", 199)
    if len(words) < 2 or "=" not in words[1]:
        raise StataError("invalid syntax", 198)
    left, exp = split_assignment(words[1])
    if not exp:
        raise StataError("invalid syntax", 198)
    if smoother == "ma":
        _moving_average(session, cmd, left, exp)
    elif smoother == "nl":
        from mlmcli.commands.statistics.tssmooth_nl import tssmooth_nl

        tssmooth_nl(session, cmd, left, exp, _Series, _target, _store)
    elif smoother == "shwinters":
        from mlmcli.commands.statistics.tssmooth_shwinters import tssmooth_shwinters

        tssmooth_shwinters(session, cmd, left, exp, _prepare, _store, _numlist_option, _place_forecasts)
    elif smoother == "hwinters":
        _holt_winters(session, cmd, left, exp)
    else:
        _exponential(session, cmd, left, exp, double=smoother == "dexponential")


def _prepare(session, cmd, left: str, exp: str, opts):
    """The new variable, the sample, its count and forecast() of the Holt-Winters smoothers."""
    vtype, name = _target(session, left, bool(opts.get("replace")))
    series = _Series(session, cmd, exp)
    forecast = 0
    if opts.get("forecast") is not None:
        forecast = int(_numlist_option("forecast", opts["forecast"], most=1, low=0, high=500, integer=True)[0])
    return vtype, name, series, int(series.touse.sum()), forecast


def _store(session, name: str, vtype: str, values: np.ndarray, label: str, smoother_char: str) -> None:
    from mlmcli.characteristics import char_key
    from mlmcli.commands.data.common import fit_storage

    ds = session.data
    if name in ds.varnames:
        ds.drop_variables([name])
    ds.set_variable(name, fit_storage(values, vtype), vtype)
    ds.var_labels[name] = label[:80]
    if smoother_char:
        ds.chars[char_key(name, "tssmoother")] = smoother_char
    ds.changed = True


# ----------------------------------------------------------------------------- ma
def _ma_weights(opts, half: int):
    """(weights by offset, label terms, label suffix for the variable label)."""
    window, weights = opts.get("window"), opts.get("weights")
    if window is not None and weights is not None:
        raise StataError("specify either window() or weights(), not both", 198)
    if window is None and weights is None:
        raise StataError("either window() or weights() must be specified", 198)
    if window is not None:
        parts = [int(v) for v in _numlist_option("window", window, most=3, low=0, high=half, integer=True)]
        back, a0, fwd = (parts + [0, 0])[:3] if len(parts) > 1 else (parts[0], 0, 0)
        if a0 not in (0, 1):
            raise StataError(f"coefficient on x(t) specified in window() is neither 0 nor 1\n"
                             f"window({window}) invalid", 198)
        w = {-i: 1.0 for i in range(1, back + 1)} | {0: float(a0)} | {i: 1.0 for i in range(1, fwd + 1)}
        terms = [f"x(t-{i})" for i in range(back, 0, -1)] + [f"{a0}*x(t)"] + [f"x(t+{i})" for i in range(1, fwd + 1)]
        return w, terms, a0 + back + fwd, f"window({window})"
    return _parsed_weights(str(weights), min(half, 1600))


def _parsed_weights(text: str, most: int):
    if text.count("<") != 1:
        raise StataError(f"missing < in weights()\nweights({text}) invalid", 198)
    if text.count(">") != 1:
        raise StataError(f"missing > in weights()\nweights({text}) invalid", 198)
    head, _, rest = text.partition("<")
    middle, _, tail = rest.partition(">")

    def listed(part: str, which: str) -> list[str]:
        if not part.strip():
            return []
        from mlmcli.syntax.numlist import numlist

        err = StataError(f"{which} numlist in weights({text}) invalid", 198)
        try:
            values = numlist(part)
        except StataError:
            raise err from None
        if len(values) > most:
            raise err
        return [_number_text(v) for v in values]

    back, fwd = listed(head, "First"), listed(tail, "Second")
    try:
        a0 = float(middle.strip())
    except ValueError:
        raise StataError(f"coefficient for x(t) in weights({text}) invalid", 198) from None
    # lag i takes the i-th weight counted from the '<' back, lead i the i-th after '>'
    w = {-(i + 1): float(b) for i, b in enumerate(reversed(back))} | {0: a0}
    w |= {i + 1: float(f) for i, f in enumerate(fwd)}
    total = sum(w.values())
    if abs(total) < 1e-7:
        raise StataError("coefficients in weights() sum to zero", 198)
    terms = [f"{b}*x(t-{len(back) - i})" for i, b in enumerate(back)] + [f"{middle.strip()}*x(t)"]
    terms += [f"{f}*x(t+{i + 1})" for i, f in enumerate(fwd)]
    return w, terms, total, f"weights({text})"


def _number_text(v: float) -> str:
    """A number as a Stata macro holds it (integers without a point, .5 without its 0)."""
    from mlmcli.render.numfmt import fmt

    return fmt(v, "%18.0g").strip()


def _moving_average(session, cmd, left: str, exp: str) -> None:
    from mlmcli.render.smoothers import ma_label, render_ma
    from mlmcli.time_series.smoothers import moving_average

    opts = resolve_options(cmd.options, [OptionSpec("window", 1, True), OptionSpec("weights", 2, True),
                                         OptionSpec("replace", 7)])
    vtype, name = _target(session, left, bool(opts.get("replace")))
    series = _Series(session, cmd, exp)
    weights, terms, total, spec = _ma_weights(opts, series.nobs_half())
    out = np.full(session.data.nobs, np.nan)
    for _, rows, k, size in series.panels():
        grid = np.full(size, np.nan)
        grid[k] = series.x[rows]
        out[rows] = moving_average(grid, weights)[k]
    by = f" by {series.pvar} : " if series.pvar and series.several_panels() else ""
    full, shown = ma_label(terms, _number_text(total))
    source = f"= {exp.strip()}"
    _store(session, name, vtype, out, f"ma: x(t){source}: {spec}", f"{by}{full}; x(t){source}")
    r = {"N": float(np.count_nonzero(~np.isnan(out))), "w0": weights[0]}
    r |= {f"wlag{-o}": w for o, w in weights.items() if o < 0}
    r |= {f"wlead{o}": w for o, w in weights.items() if o > 0}
    r |= {"method": "ma", "exp": exp.strip(), "timevar": series.tvar} | ({"panelvar": series.pvar} if series.pvar else {})
    session.set_r(r)
    session.print(render_ma(f"{by}{shown}; x(t){source}", session.linesize))


# ----------------------------------------------------------------------------- exponential
def _exponential(session, cmd, left: str, exp: str, double: bool) -> None:
    from mlmcli.render.smoothers import render_exponential
    from mlmcli.time_series.smoothers import double_exponential_smooth, exponential_smooth

    opts = resolve_options(cmd.options, [OptionSpec("parms", 1, True), OptionSpec("samp0", 2, True),
                                         OptionSpec("s0", None, True), OptionSpec("forecast", 1, True),
                                         OptionSpec("replace", 7)])
    vtype, name = _target(session, left, bool(opts.get("replace")))
    series = _Series(session, cmd, exp)
    nobs = int(series.touse.sum())
    alpha = s0 = samp0 = None
    forecast = 0
    if opts.get("forecast") is not None:
        forecast = int(_numlist_option("forecast", opts["forecast"], most=1, low=0, high=500, integer=True)[0])
    if opts.get("parms") is not None:
        alpha = _numlist_option("parms", opts["parms"], most=1, low=0, high=1, low_open=True, high_open=True)[0]
    if opts.get("samp0") is not None:
        samp0 = int(_numlist_option("samp0", opts["samp0"], most=1, low=1, high=nobs, low_open=True, integer=True)[0])
    if opts.get("s0") is not None:
        s0 = _numlist_option("s0", opts["s0"], most=1 + double, least=1 + double)
        s0 = tuple(s0) if double else s0[0]
    if samp0 is not None and s0 is not None:
        raise StataError("specify samp0() or s0(), not both", 198)
    several = series.several_panels()
    if several and forecast:
        raise StataError("forecast() over several panels is not implemented in mlmcli", 199)
    smooth = double_exponential_smooth if double else exponential_smooth
    out = np.full(session.data.nobs, np.nan)
    fit = None
    for pid, rows, k, size in series.panels():
        if several:  # _ts_exp.ado and _ts_dexp.ado under by: a line and the panel before each block
            session.print("\n" + "-" * session.linesize + f"\n-> {series.pvar} = {pid:g}")
        if np.isnan(series.x[rows]).all():
            if several:
                continue
            raise StataError("no observations", 2000)
        grid = np.full(size, np.nan)
        grid[k] = series.x[rows]
        excluded = np.zeros(size, bool)
        others = np.flatnonzero(~series.touse & (series.panel == pid) & ~np.isnan(series.time))
        ko = np.rint((series.time[others] - series.time[rows].min()) / series.delta).astype(int)
        inside = (ko >= 0) & (ko < size)
        excluded[ko[inside]] = True  # an observation outside if/in inside the span breaks the chain
        if double:  # no tsfill in _ts_dexp.ado: a gap breaks its lagged recursion too
            excluded[np.setdiff1d(np.arange(size), k)] = True
        last = int(np.flatnonzero(~np.isnan(grid))[-1])
        t_last = series.time[rows].min() + series.delta * last
        fit = smooth(grid, excluded, alpha=alpha, s0=s0, samp0=samp0, forecast=forecast,
                     single=(vtype == "float" and alpha is not None))
        out[rows] = fit.smoothed[k]
        if forecast:
            out = _place_forecasts(series, pid, t_last, fit.smoothed[last + 1: last + 1 + forecast], out)
        if several:
            session.print(render_exponential(fit, alpha is None, double))
    if fit is None:
        raise StataError("no observations", 2000)
    _write_exponential(session, series, fit, out, vtype, name, exp, alpha is None, double, not several)


def _place_forecasts(series, pid, t_last, values, out):
    """tssmooth.ado's myadd and the ados' forecast rows: the panel's rows after its last value
    (in time order) take the forecasts tau = 1, 2, ...; as many periods as are still short are
    appended after the panel's last period (tsappend, add()) and take the rest."""
    in_panel = (series.panel == pid) & ~np.isnan(series.time)
    after = np.flatnonzero(in_panel & (series.time > t_last))
    after = after[np.argsort(series.time[after], kind="stable")][: values.size]
    out[after] = values[: after.size]
    short = values.size - after.size
    if short > 0:
        t_end = float(series.time[in_panel].max())
        _append_periods(series.data, series.pvar, series.tvar, pid,
                        [t_end + series.delta * j for j in range(1, short + 1)])
        out = np.concatenate([out, values[after.size:]])
    return out


def _append_periods(ds, pvar, tvar, pid, times) -> None:
    """forecast()'s new observations after the data: time (and panel) set, all else missing."""
    import pandas as pd

    df, k = ds.df, len(times)
    added = pd.DataFrame({c: ([""] * k if ds.is_string(c) else np.full(k, np.nan)) for c in df.columns})
    if pvar:
        added[pvar] = pid
    added[tvar] = times
    out = pd.concat([df, added], ignore_index=True)
    for c in df.columns:
        out[c] = out[c].astype(object) if ds.is_string(c) else out[c].astype(df[c].dtype if df[c].dtype.kind == "f" else float)
    ds.append_rows(out)


def _write_exponential(session, series, fit, out, vtype, name, exp, optimal, double, show=True) -> None:
    from mlmcli.render.numfmt import fmt
    from mlmcli.render.smoothers import render_exponential

    coefficient = fmt(fit.alpha, "%6.4f").strip()
    source = f"= {exp.strip()}"
    if double:
        label = f"dexpc({coefficient}) {source}" if optimal else f"dexp parms({coefficient}) {source}"
    else:
        label = f"parms({coefficient}) {source}" if optimal else f"exp parms({coefficient}) {source}"
    _store(session, name, vtype, out, label, label if optimal else "")
    r = {"N": float(fit.n), "rss": fit.rss, "rmse": fit.rmse, "alpha": fit.alpha}
    if double:
        r |= {"constant": fit.constant, "linear": fit.linear, "s1_0": fit.s1_0, "s2_0": fit.s2_0}
    else:
        r["s1_0"] = fit.s0
    if fit.n_pre is not None:
        r["N_pre"] = float(fit.n_pre)
    r |= {"method": "dexponential" if double else "exponential", "exp": exp.strip(), "timevar": series.tvar}
    r |= {"panelvar": series.pvar} if series.pvar else {}
    session.set_r(r)
    if show:
        session.print(render_exponential(fit, optimal, double))



# ----------------------------------------------------------------------------- hwinters
def _holt_winters(session, cmd, left: str, exp: str) -> None:
    """Nonseasonal Holt-Winters with parms(alpha beta) (_ts_hw.ado, _hw_comp.ado)."""
    from mlmcli.render.smoothers import render_holt_winters

    opts = resolve_options(cmd.options, [OptionSpec("parms", 1, True), OptionSpec("samp0", 2, True),
                                         OptionSpec("s0", None, True), OptionSpec("forecast", 1, True),
                                         OptionSpec("diff", 1), OptionSpec("from", 2, True),
                                         OptionSpec("replace", 7)])
    vtype, name, series, nobs, forecast = _prepare(session, cmd, left, exp, opts)
    samp0 = s0 = None
    if opts.get("samp0") is not None:
        samp0 = int(_numlist_option("samp0", opts["samp0"], most=1, low=1, high=nobs, low_open=True, integer=True)[0])
    if opts.get("s0") is not None:
        s0 = _numlist_option("s0", opts["s0"], most=2, least=2)
    if samp0 is not None and s0 is not None:
        raise StataError("specify samp0() or s0(), not both", 198)
    if s0 is not None and opts.get("diff"):
        raise StataError("specify diff or s0(), not both", 198)
    if opts.get("parms") is not None and opts.get("from") is not None:
        raise StataError("from() cannot be specified with parms()", 198)
    if opts.get("parms") is None:
        raise StataError("tssmooth hwinters without parms() (weights chosen by ml) is not implemented "
                         "in mlmcli; specify parms(alpha beta)", 199)
    alpha, beta = _numlist_option("parms", opts["parms"], most=2, least=2, low=0, high=1)
    several = series.several_panels()
    if several and forecast:
        raise StataError("forecast() over several panels is not implemented in mlmcli", 199)
    out = np.full(session.data.nobs, np.nan)
    fit = None
    for pid, rows, k, size in series.panels():
        if series.pvar:  # _ts_hw.ado heads each panel's block whenever a panel variable is set
            session.print("\n" + "-" * session.linesize + f"\n-> {series.pvar} = {pid:g}")
        if np.isnan(series.x[rows]).all():
            if several:
                continue
            raise StataError("no observations", 2000)
        fit, t_last = _holt_panel(series, pid, rows, k, size, opts, alpha, beta, s0, samp0, forecast, vtype, out)
        if forecast:
            last = int(round((t_last - series.time[rows].min()) / series.delta))
            out = _place_forecasts(series, pid, t_last, fit.smoothed[last + 1: last + 1 + forecast], out)
        if several or series.pvar:
            session.print(render_holt_winters(fit))
    if fit is None:
        raise StataError("no observations", 2000)
    from mlmcli.render.numfmt import fmt

    label = f"hw parms({fmt(alpha, '%4.3f').strip()} {fmt(beta, '%4.3f').strip()}) = {exp.strip()}"
    _store(session, name, vtype, out, label, label)
    r = {"N": float(fit.n), "rss": fit.rss, "rmse": fit.rmse, "constant": fit.constant, "linear": fit.linear,
         "s1_0": fit.a0, "s2_0": fit.b0, "alpha": alpha, "beta": beta}
    if fit.n_pre is not None:
        r["N_pre"] = float(fit.n_pre)
    r |= {"method": "hwinters", "exp": exp.strip(), "timevar": series.tvar}
    r |= {"panelvar": series.pvar} if series.pvar else {}
    session.set_r(r)
    if not series.pvar:
        session.print(render_holt_winters(fit))


def _holt_panel(series, pid, rows, k, size, opts, alpha, beta, s0, samp0, forecast, vtype, out):
    """One panel's fit, its predictions written into ``out``; returns the fit and the time of the
    last value."""
    from mlmcli.time_series.smoothers import holt_start, holt_winters

    grid = np.full(size, np.nan)
    grid[k] = series.x[rows]
    gaps = np.ones(size, bool)
    tmin = series.time[rows].min()
    slots = np.rint((series.time - tmin) / series.delta)
    panel_rows = (series.panel == pid) & ~np.isnan(slots) & (slots >= 0) & (slots < size)
    gaps[slots[panel_rows].astype(int)] = False  # a row outside if/in is a missing value, not a gap
    last = int(np.flatnonzero(~np.isnan(grid))[-1])
    if s0 is not None:
        a0, b0, n_pre = s0[0], s0[1], None
    else:
        a0, b0, n_pre = holt_start(grid, samp0, bool(opts.get("diff")))
    fit = holt_winters(grid, gaps, alpha=alpha, beta=beta, a0=a0, b0=b0, forecast=forecast,
                       single=vtype == "float", n_pre=n_pre)
    out[panel_rows] = fit.smoothed[slots[panel_rows].astype(int)]
    return fit, tmin + series.delta * last
