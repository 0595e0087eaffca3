"""``xtunitroot``: panel-data unit-root tests ([XT] xtunitroot).

    xtunitroot llc varname [if] [in] [, trend noconstant demean lags(#) kernel(bartlett # | bartlett llc)]
    xtunitroot ht varname [if] [in] [, trend noconstant demean altt]
    xtunitroot breitung varname [if] [in] [, noconstant demean lags(#)]
    xtunitroot ips varname [if] [in] [, trend demean lags(#)]
    xtunitroot hadri varname [if] [in] [, trend demean robust kernel(kernel #)]

Levin-Lin-Chu, Harris-Tzavalis, Breitung, Im-Pesaran-Shin and Hadri (engine ``mlmcli.panel.unit_root``, layout ``mlmcli.render.panel_unit_root``);
fisher in ``xtunitroot_fisher``; breitung's trend and robust options are refused, as are lag selection by
information criteria (lags(aic #)) and, for llc, kernels other than Bartlett's.  The data must
be strongly balanced without gaps (Stata's two messages); r() as the ado files return it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_TESTS = ("ht", "llc", "ips", "fisher", "hadri", "breitung")
_LLC = [OptionSpec("trend", 1), OptionSpec("noconstant", 6), OptionSpec("lags", 1, takes_arg=True),
        OptionSpec("kernel", 3, takes_arg=True), OptionSpec("demean", 6), OptionSpec("nointerpolate", 7)]


def cmd_xtunitroot(session, cmd) -> None:
    words = cmd.args.split()
    test = words[0].lower() if words else ""
    if test not in _TESTS:
        raise StataError(f"test {test} not allowed", 198)
    if len(words) < 2:
        raise StataError("varname required", 100)
    if len(words) > 2:
        raise StataError("too many variables specified", 103)
    from mlmcli.commands.statistics.xtunitroot_fisher import xtunitroot_fisher

    tests = {"fisher": xtunitroot_fisher, "llc": _llc, "hadri": _hadri, "ips": _ips, "ht": _ht, "breitung": _breitung}
    tests[test](session, cmd, words[1])


def _lags(opts) -> int:
    text = str(opts.get("lags") or "1").strip()
    try:
        lags = int(text)
    except ValueError:
        raise StataError(f"lags({text}): lag selection by information criteria is not available in mlmcli", 198) \
            from None
    if lags < 0:
        raise StataError("lags() must be a nonnegative integer", 198)
    return lags


def _kernel(opts) -> int | None:
    words = str(opts.get("kernel") or "").lower().split()
    if not words:
        return None
    if not "bartlett".startswith(words[0]) or len(words[0]) < 2:
        raise StataError(f"kernel({' '.join(words)}) is not available in mlmcli (bartlett is)", 198)
    if len(words) != 2:
        raise StataError("must specify number of lags or lag-selection algorithm in kernel()", 198)
    if words[1] == "llc":
        return None
    try:
        return int(words[1])
    except ValueError:
        raise StataError("kernel() lag length invalid", 198) from None


def _llc(session, cmd, name: str) -> None:
    from mlmcli.panel.unit_root import levin_lin_chu
    from mlmcli.render.panel_unit_root import render_llc

    opts = resolve_options(cmd.options, _LLC)
    if opts.get("noconstant") and opts.get("trend"):
        raise StataError("cannot specify both noconstant and trend", 198)
    lags, hac = _lags(opts), _kernel(opts)
    panels, _ = _balanced_series(session, cmd, name, opts, "Levin-Lin-Chiu test")
    model = 3 if opts.get("trend") else (1 if opts.get("noconstant") else 2)
    _need_periods(panels, 2 * lags + {1: 0, 2: 1, 3: 2}[model] + 3)
    r = levin_lin_chu(panels, lags=lags, model=model, interpolate=not opts.get("nointerpolate"), hac_lags=hac)
    import dataclasses

    r = dataclasses.replace(r, varname=name, demean=bool(opts.get("demean")))
    session.print(render_llc(r, hac_chosen=hac is None))
    out = {"adf_lags": float(lags), "hac_kernel": "bartlett",
           "deterministics": "noconstant" if model == 1 else ("trend" if model == 3 else "constant"),
           "demean": "demean" if opts.get("demean") else "", "N": float(r.N), "N_t": float(r.n_periods),
           "N_g": float(r.n_panels), "tds": r.tds, "td": r.td, "ttilde": r.ttilde, "sbar": r.sbar,
           "Var_ep": r.var_ep, "se_delta": r.se_delta, "delta": r.delta, "mu_adj": r.mu_adj,
           "sig_adj": r.sig_adj, "p_tds": r.p_tds, "test": "llc"}
    if hac is None:
        out.update(hac_lagm=r.hac_lags, hac_method="llc")
    else:
        out["hac_lags"] = float(hac)
    if model == 1:
        out["p_td"] = r.p_td
    session.set_r(out)


def _balanced_series(session, cmd, name: str, opts, test: str, balanced: bool = True):
    """Each panel's series in time order (strongly balanced, no gaps: Stata's messages), with
    the periods' cross-sectional means removed under demean."""
    from mlmcli.commands.data.panel_settings import recorded_delta
    from mlmcli.commands.estimation.panel_common import panel_variable, time_variable
    from mlmcli.sample import mark_sample

    ds = session.data
    ivar = panel_variable(session)
    tvar = time_variable(session)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    if "." in name:
        raise StataError("time-series operators are not available with xtunitroot in mlmcli", 101)
    var = ds.resolve(name)
    touse = np.asarray(mark_sample(session, cmd, [var]), bool)
    panel, time, y = ds.numeric(ivar)[touse], ds.numeric(tvar)[touse], ds.numeric(var)[touse]
    order = np.lexsort((time, panel))
    panel, time, y = panel[order], time[order], y[order]
    ids, counts = np.unique(panel, return_counts=True)
    periods = [time[panel == i] for i in ids]
    is_balanced = len(set(counts)) == 1 and all(np.array_equal(p, periods[0]) for p in periods)
    if balanced and not is_balanced:
        raise StataError(f"{test} requires strongly balanced data", 498)
    if any(np.any(np.diff(p) != recorded_delta(ds)) for p in periods):
        raise StataError(f"{test} cannot have gaps in data", 498)
    if not ids.size or counts.min() < 2:
        # no data, or a panel of one period: no differences (mlm's rule; Stata's r(2001))
        raise StataError("insufficient observations", 2001)
    if opts.get("demean"):  # cross-sectional means of each period removed
        for t in np.unique(time):
            y[time == t] -= y[time == t].mean()
    return [y[panel == i] for i in ids], is_balanced


def _need_periods(panels, minimum: int) -> None:
    """r(2001) when the shortest panel has fewer than ``minimum`` periods: the test's per-panel
    regressions would have no residual degrees of freedom (mlm's rule, from the formulas'
    divisors; no Stata log)."""
    if min(len(p) for p in panels) < minimum:
        raise StataError("insufficient observations", 2001)


_HADRI = [OptionSpec("trend", 1), OptionSpec("demean", 6), OptionSpec("robust", 1),
          OptionSpec("kernel", 3, takes_arg=True)]
_KERNELS = (("bartlett", 2), ("parzen", 2), ("quadraticspectral", 2))


def _hadri(session, cmd, name: str) -> None:
    import dataclasses

    from mlmcli.panel.unit_root import hadri
    from mlmcli.render.panel_unit_root import render_hadri
    from mlmcli.syntax.abbreviation import resolve_choice

    opts = resolve_options(cmd.options, _HADRI)
    kernel, lags = None, 1
    words = str(opts.get("kernel") or "").lower().split()
    if words:
        kernel = resolve_choice(words[0], _KERNELS)
        if kernel is None:
            raise StataError(f"{words[0]} is not a recognized kernel", 198)
        if len(words) > 2 or (len(words) == 2 and not words[1].isdigit()):
            raise StataError("kernel() lag length invalid", 198)
        lags = int(words[1]) if len(words) == 2 else 1
        if opts.get("robust"):
            raise StataError("cannot specify both kernel() and robust", 198)
    panels, _ = _balanced_series(session, cmd, name, opts, "Hadri LM test")
    _need_periods(panels, 3 + bool(opts.get("trend")))
    r = hadri(panels, trend=bool(opts.get("trend")), robust=bool(opts.get("robust")), kernel=kernel, lags=lags)
    r = dataclasses.replace(r, varname=name, demean=bool(opts.get("demean")))
    session.print(render_hadri(r))
    out = {"N": float(r.n_panels * r.n_periods), "N_g": float(r.n_panels), "N_t": float(r.n_periods), "z": r.z,
           "p": r.p, "mu": r.mu, "var": r.var, "deterministics": "trend" if r.trend else "constant",
           "robust": "robust" if r.robust else "", "test": "hadri"}
    if kernel:
        out.update(kernel=kernel, lags=float(lags))
    if r.demean:
        out["demean"] = "demean"
    session.set_r(out)


_IPS = [OptionSpec("trend", 1), OptionSpec("demean", 6), OptionSpec("lags", 1, takes_arg=True),
        OptionSpec("nointerpolate", 7)]


def _ips(session, cmd, name: str) -> None:
    import dataclasses

    from mlmcli.panel.unit_root import im_pesaran_shin
    from mlmcli.render.panel_unit_root import render_ips

    opts = resolve_options(cmd.options, _IPS)
    lags = _lags(opts) if opts.get("lags") is not None else None
    panels, balanced = _balanced_series(session, cmd, name, opts, "Im-Pesaran-Shin test", balanced=False)
    _need_periods(panels, 2 * (lags or 0) + 4 + bool(opts.get("trend")))
    trend = bool(opts.get("trend"))
    try:
        r = im_pesaran_shin(panels, lags=lags, trend=trend, balanced=balanced,
                            interpolate=not opts.get("nointerpolate"))
    except ValueError as exc:  # IPS table 3 has no value there
        raise StataError(f"mean and variance of t-statistic not available \nfor T = {exc.args[0]} with {lags} lags",
                         498) from None
    r = dataclasses.replace(r, varname=name, demean=bool(opts.get("demean")))
    session.print(render_ips(r))
    out = {"N_g": float(r.n_panels), "N_t": r.n_periods, "N": float(r.N),
           "deterministics": "trend" if trend else "constant", "demean": "demean" if r.demean else "",
           "test": "ips"}
    if lags is None:
        out.update(tbar=r.tbar, ttildebar=r.ttildebar, zt=r.zt, zttildebar=r.zttildebar, p_zttildebar=r.p_zttildebar)
        if r.critical is not None:
            out.update(cv_1=r.critical[0], cv_5=r.critical[1], cv_10=r.critical[2])
    else:
        out.update(wtbar=r.wtbar, p_wtbar=r.p_wtbar, lags=float(lags))
    session.set_r(out)


_HT = [OptionSpec("trend", 1), OptionSpec("noconstant", 6), OptionSpec("demean", 6), OptionSpec("altt", 4)]


def _ht(session, cmd, name: str) -> None:
    import dataclasses

    from mlmcli.panel.unit_root import harris_tzavalis
    from mlmcli.render.panel_unit_root import render_ht

    opts = resolve_options(cmd.options, _HT)
    if opts.get("noconstant") and opts.get("trend"):
        raise StataError("cannot specify both noconstant and trend", 198)
    panels, _ = _balanced_series(session, cmd, name, opts, "Harris-Tzavalis test")
    model = 3 if opts.get("trend") else (1 if opts.get("noconstant") else 2)
    _need_periods(panels, 4 if model == 3 else (3 if opts.get("altt") else 2))
    r = harris_tzavalis(panels, model=model, altt=bool(opts.get("altt")))
    r = dataclasses.replace(r, varname=name, demean=bool(opts.get("demean")))
    session.print(render_ht(r))
    out = {"N": float(r.n_panels * r.n_periods), "N_g": float(r.n_panels), "N_t": float(r.n_periods), "rho": r.rho,
           "mean_rho": r.mean_rho, "Var_rho": r.var_rho, "z": r.z, "p": r.p, "altt": "altt" if r.altt else "",
           "deterministics": {1: "noconstant", 2: "constant", 3: "trend"}[model], "test": "ht"}
    if r.demean:
        out["demean"] = "demean"
    session.set_r(out)


_BREITUNG = [OptionSpec("trend", 1), OptionSpec("noconstant", 6), OptionSpec("demean", 6),
             OptionSpec("lags", 1, takes_arg=True), OptionSpec("robust", 1)]


def _breitung(session, cmd, name: str) -> None:
    import dataclasses

    from mlmcli.panel.unit_root import breitung
    from mlmcli.render.panel_unit_root import render_breitung

    opts = resolve_options(cmd.options, _BREITUNG)
    if opts.get("noconstant") and opts.get("trend"):
        raise StataError("cannot specify both noconstant and trend", 198)
    for option in ("trend", "robust"):
        if opts.get(option):
            raise StataError(f"xtunitroot breitung, {option} is not available in mlmcli", 198)
    try:
        lags = int(str(opts.get("lags") or "0").strip())
    except ValueError:
        raise StataError("option lags() incorrectly specified", 198) from None
    if lags < 0:
        raise StataError("lags() must be nonnegative", 198)
    panels, _ = _balanced_series(session, cmd, name, opts, "Breitung test")
    _need_periods(panels, lags + 3)
    r = breitung(panels, lags=lags, constant=not opts.get("noconstant"))
    r = dataclasses.replace(r, varname=name, demean=bool(opts.get("demean")))
    session.print(render_breitung(r))
    out = {"N": float(r.n_panels * r.n_periods), "N_g": float(r.n_panels), "N_t": float(r.n_periods),
           "lambda": r.lam, "p": r.p, "lags": float(lags),
           "deterministics": "constant" if r.constant else "noconstant", "test": "breitung"}
    if r.demean:
        out["demean"] = "demean"
    session.set_r(out)
