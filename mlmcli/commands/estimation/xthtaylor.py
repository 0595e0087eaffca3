"""``xthtaylor``: the Hausman-Taylor estimator for error-components models ([XT] xthtaylor).

    xthtaylor depvar indepvars [if] [in] [fweight], endog(varlist) [constant(varlist_ti) |
              varying(varlist_tv) amacurdy noconstant i(panelvar) t(timevar) small level(#)
              vce(conventional)]

Each regressor is time varying or time invariant within the panels of the sample (Stata's
test: every deviation from its panel mean under 1e-12) and exogenous or, listed in
``endog()``, correlated with u_i.  ``constant()``/``varying()`` state the time-invariant /
time-varying ones and stop with r(198) when the data say otherwise.  ``amacurdy`` (balanced
panels, xtset time variable, no gaps, every panel starting at the same period) uses each
period's values of the time-varying exogenous variables as instruments.  Engine:
``mlmcli.panel.hausman_taylor``; layout: ``mlmcli.render.hausman_taylor``.  fweights must be
constant within panels (Stata's _crcchkw); iweights,
``vce(bootstrap|jackknife)`` are refused; time-series operators (``L.y``) are read on the xtset data; ``predict`` gives xtht_p's
``xb``, ``stdp``, ``ue``, ``u``, ``e`` and ``xbu``.  The command typed alone replays (``level()`` allowed).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = ("xthtaylor depvar indepvars [if] [in], endog(varlist) [constant(varlist) varying(varlist) amacurdy "
        "noconstant small level(#)] : Hausman-Taylor estimator")

_OPTIONS = [
    OptionSpec("endog", 1, takes_arg=True), OptionSpec("constant", 4, takes_arg=True),
    OptionSpec("varying", 1, takes_arg=True), OptionSpec("amacurdy", 2), OptionSpec("noconstant", 6),
    OptionSpec("i", 1, takes_arg=True), OptionSpec("t", 1, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("small", 1), OptionSpec("vce", 3, takes_arg=True),
]
KINDS = ("TVexogenous", "TVendogenous", "TIexogenous", "TIendogenous")


def cmd_xthtaylor(session, cmd) -> None:
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None:
        from mlmcli.estimation.active import replay_results

        e = replay_results(session, ("xthtaylor",))
        display(session, e, resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True)]))
        return
    _fit(session, cmd)


def _varlist(ds, text) -> list[str]:
    """A varlist(ts): time-series operators (``L.y``, ``L(1/2).x``) name operated columns that
    the dataset reads virtually; factor variables are Stata's error."""
    from mlmcli.time_series_ops import OPERATOR_RE, expand_ts_varlist

    for token in str(text).split():
        head = token.split(".")[0].split("(")[0]
        if "#" in token or ("." in token and not OPERATOR_RE.fullmatch(head)):
            raise StataError("factor variables not allowed", 101)
    return list(dict.fromkeys(expand_ts_varlist(ds, str(text))))


def _check_listed(names: list[str], varlist: list[str], option: str) -> None:
    if any(v not in varlist for v in names):
        raise StataError(f"some variables specified in -{option}()- not included in main variable list", 198)


def _check_stated(stated: list[str], found: list[str], option: str, wrong: str) -> None:
    """constant()/varying() against what the data say (xthtaylor.ado's two messages)."""
    extra = [v for v in stated if v not in found]
    if extra:
        raise StataError(f"{' '.join(extra)} not {wrong} in panels.", 198)
    missing = [v for v in found if v not in stated]
    if missing:
        raise StataError(f"{' '.join(missing)} not included in -{option}()-.", 198)


def _read(session, cmd):
    """The options, variable kinds and sample, with Stata's checks in xthtaylor.ado's order."""
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.panel.hausman_taylor import independent, time_invariant
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    if cmd.weight is not None:
        from mlmcli.parser import weight_kind

        if weight_kind(cmd.weight) not in ("fweight",):  # Stata also takes iweights
            raise StataError(f"{weight_kind(cmd.weight)}s are not available with xthtaylor in mlmcli; "
                             "fweights are", 101)
    if opts.get("vce") is not None and str(opts["vce"]).strip() not in ("conventional", "conv"):
        raise StataError(f"vce({str(opts['vce']).strip()}) is not available with xthtaylor in mlmcli", 198)
    if opts.get("endog") is None:
        raise StataError("option endog() required", 198)
    if opts.get("constant") is not None and opts.get("varying") is not None:
        raise StataError("may not specify both -constant()- and -varying()-", 198)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    varlist = _varlist(ds, cmd.args)
    endog = _varlist(ds, opts["endog"])
    _check_listed(endog, varlist, "endog")
    stated = {name: _varlist(ds, opts[name]) for name in ("constant", "varying") if opts.get(name) is not None}
    for name, names in stated.items():
        _check_listed(names, varlist, name)
    depvar, xz = varlist[0], varlist[1:]
    ivar = panel_variable(session, opts.get("i"))
    tvar = _time_variable(session, opts) if opts.get("amacurdy") else None
    sample = np.asarray(mark_sample(session, cmd, xz), dtype=bool)
    sample &= np.asarray(mark_sample(session, cmd, [ivar], strok=True), dtype=bool)
    fweights = None
    if cmd.weight is not None:
        from mlmcli.commands.data.common import weights

        sample, fweights, _ = weights(session, cmd, sample, ("fweight",))
    if opts.get("amacurdy") and fweights is not None:
        raise StataError("weights are not allowed with amacurdy", 198)
    codes = np.unique(np.asarray(ds.df[ivar])[sample], return_inverse=True)[1].ravel()
    if not np.any(sample):
        raise StataError("no observations", 2000)
    if fweights is not None:  # _crcchkw
        w = fweights[sample]
        if np.any(np.bincount(codes, weights=w) != w[np.unique(codes, return_index=True)[1]] * np.bincount(codes)):
            raise StataError(f"weight must be constant within {ivar}", 199)
    invariant = [v for v in xz if time_invariant(ds.numeric(v)[sample], codes)]
    varying = [v for v in xz if v not in invariant]
    if "constant" in stated:
        _check_stated(stated["constant"], invariant, "constant", "time invariant")
    if "varying" in stated:
        _check_stated(stated["varying"], varying, "varying", "time varying")
    constant = not opts.get("noconstant")
    keep = independent(np.column_stack([ds.numeric(v)[sample] for v in xz]), constant) if xz else []
    for v, kept in zip(xz, keep):
        if not kept:
            session.print(f"note: {v} omitted because of collinearity")
    xz = [v for v, kept in zip(xz, keep) if kept]
    exog = [v for v in xz if v not in endog]
    kinds = ([v for v in exog if v in varying], [v for v in xz if v in endog and v in varying],
             [v for v in exog if v in invariant], [v for v in xz if v in endog and v in invariant])
    sample &= ~np.isnan(ds.numeric(depvar))
    return opts, depvar, ivar, tvar, kinds, sample, constant, fweights


def _time_variable(session, opts) -> str:
    from mlmcli.commands.estimation.panel_common import time_variable

    if opts.get("t") is not None:
        return session.data.resolve(str(opts["t"]).strip())
    tvar = time_variable(session)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    return tvar


def _period_instruments(ds, X1, codes, sample, tvar) -> np.ndarray:
    """Amemiya-MaCurdy: X1's value at each period of the row's panel (balanced panels that
    start at the same period and have no gaps, as xthtaylor.ado checks)."""
    times = ds.numeric(tvar)[sample]
    G = int(codes.max()) + 1
    T = len(codes) // G
    order = np.lexsort((times, codes))
    grid = times[order].reshape(G, T)
    if np.any(grid[:, 0] != grid[0, 0]):
        raise StataError("All panels must start at the same time period", 198)
    steps = np.diff(grid, axis=1)
    if steps.size and np.any(steps != steps.flat[0]):
        raise StataError("gaps are not allowed with amacurdy", 198)
    by_period = X1[order].reshape(G, T * X1.shape[1]) if X1.shape[1] else np.zeros((G, 0))
    # instrument j*T + t: variable j at period t (Stata orders them variable by variable)
    cols = by_period.reshape(G, T, X1.shape[1]).transpose(0, 2, 1).reshape(G, -1)
    return cols[codes]


def _fit(session, cmd) -> None:
    from mlmcli.panel.hausman_taylor import fit_hausman_taylor

    ds = session.data
    opts, depvar, ivar, tvar, kinds, sample, constant, fweights = _read(session, cmd)
    x1, x2, z1, z2 = kinds
    if not x1 or not z1:
        lines = []
        if not x1:
            lines.append("There are no time-varying exogeneous variables in the model.")
        if not z1:
            lines.append("There are no time-invariant exogeneous variables in the model.")
        lines.append("If you have those variables specified, they may have been removed because of collinearity.")
        raise StataError("\n".join(lines), 198)
    amacurdy = bool(opts.get("amacurdy"))
    if len(x1) < len(z2) and not amacurdy:
        raise StataError("The model is underidentified (k1<g2)", 198)
    codes = np.unique(np.asarray(ds.df[ivar])[sample], return_inverse=True)[1].ravel()
    sizes = np.bincount(codes)
    if amacurdy and sizes.max() * len(x1) < len(z2):
        raise StataError("The model is underidentified (T*k1<g2)", 198)
    if amacurdy and sizes.min() != sizes.max():
        raise StataError("-amacurdy- only works with balanced data", 198)

    def block(names):
        return np.column_stack([ds.numeric(v)[sample] for v in names]) if names else np.zeros((len(codes), 0))

    X1 = block(x1)
    periods = _period_instruments(ds, X1, codes, sample, tvar) if amacurdy else None
    fit = fit_hausman_taylor(ds.numeric(depvar)[sample], X1, block(x2), block(z1), block(z2), codes,
                             constant=constant, period_values=periods,
                             fweights=None if fweights is None else fweights[sample])
    level = confidence_level(opts, getattr(session, "level", 95.0))
    e = _estimation_results(session, cmd, fit, opts, depvar, ivar, tvar, kinds, sample, codes, constant, level)
    session.e = e
    display(session, e, {})


def _rows(b, V, names, level, df_r):
    from mlmcli.distributions import norm, t
    from mlmcli.results.mixed import CoefRow

    se = np.sqrt(np.maximum(np.diag(V), 0.0))
    small = df_r == df_r
    crit = float(t.isf((100 - level) / 200, df_r)) if small else float(norm.ppf(0.5 + level / 200))
    rows = []
    for name, bj, sj in zip(names, b, se):
        stat = bj / sj if sj > 0 else float("nan")
        p = float(2 * (t.sf(abs(stat), df_r) if small else norm.sf(abs(stat))))
        rows.append(CoefRow(name, float(bj), float(sj), float(stat), p, float(bj - crit * sj), float(bj + crit * sj)))
    return rows


def _result(e, level: float):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.results.hausman_taylor import HausmanTaylorResult

    s, m = e.scalars, e.macros
    names = list(e.matrices["b"].colnames)
    df_r = s.get("df_r", float("nan"))
    rows = dict(zip(names, _rows(e.matrices["b"].values.ravel(), e.matrices["V"].values, names, level, df_r)))
    groups = tuple((kind, tuple(rows[v] for v in m[kind].split())) for kind in KINDS if m.get(kind))
    chi2 = s["chi2"]
    return HausmanTaylorResult(
        title=m["title"], depvar=m["depvar"], ivar=m["ivar"], tvar=m.get("tvar"), nobs=int(s["N"]),
        n_groups=int(s["N_g"]), g_min=s["g_min"], g_avg=s["g_avg"], g_max=s["g_max"], groups=groups,
        constant=rows.get("_cons"), chi2=chi2, df_m=int(s["df_m"]),
        p=float(chi2_dist.sf(abs(chi2), s["df_m"])) if chi2 == chi2 else float("nan"), sigma_u=s["sigma_u"],
        sigma_e=s["sigma_e"], rho=s["rho"], level=level, df_r=df_r)


def _estimation_results(session, cmd, fit, opts, depvar, ivar, tvar, kinds, sample, codes, constant, level):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.panel.hausman_taylor import HausmanTaylorPredictions
    from mlmcli.results.matrix import Matrix

    names = [v for kind in kinds for v in kind] + (["_cons"] if constant else [])
    sizes = np.bincount(codes)
    title = "Amemiya-MaCurdy" if opts.get("amacurdy") else "Hausman-Taylor"
    # N: the (frequency-weighted) observations, the final regression's N = df_r + k
    scalars = {"N": float(fit.df_r + len(fit.b)), "N_g": float(len(sizes)), "g_min": float(sizes.min()),
               "g_avg": float(sizes.mean()), "g_max": float(sizes.max()), "sigma_u": fit.sigma_u,
               "sigma_e": fit.sigma_e, "rho": fit.rho, "Tbar": fit.Tbar, "Tcon": float(fit.balanced),
               "df_m": float(fit.df_m), "F": fit.F, "chi2": fit.chi2, "rank": float(np.linalg.matrix_rank(fit.V))}
    if opts.get("small"):
        scalars["df_r"] = float(fit.df_r)
    macros = {"cmd": "xthtaylor", "cmdline": (cmd.text or "xthtaylor").strip(), "depvar": depvar, "ivar": ivar,
              "title": title, "chi2type": "Wald", "vce": "conventional", "predict": "xtht_p", "properties": "b V"}
    macros.update({kind: " ".join(vs) for kind, vs in zip(KINDS, kinds) if vs})
    if tvar:
        macros["tvar"] = tvar
    if cmd.weight is not None:
        macros.update(wtype="fweight", wexp="= " + cmd.weight.exp)
    ds = session.data
    design = build_design(ds, parse_terms(ds, " ".join(names[:len(names) - constant])), sample, constant=constant)
    e = EstimationResults(cmd="xthtaylor", scalars=scalars, macros=macros,
                          matrices={"b": Matrix(fit.b[None, :], ("y1",), tuple(names)),
                                    "V": Matrix(fit.V, tuple(names), tuple(names))},
                          sample=np.asarray(sample, bool), title=title,
                          model=HausmanTaylorPredictions(fit.b, fit.V, ivar, codes,
                                                         ds.numeric(depvar)[sample], fit.sigma_u, fit.sigma_e,
                                                         fit.Tbar, fit.balanced), design=design)
    e.result = _result(e, level)
    e.stamp_sample(ds)
    return e


def display(session, e, opts: dict) -> None:
    from mlmcli.render.hausman_taylor import render_xthtaylor

    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = dataclasses.replace(_result(e, level))
    session.print(render_xthtaylor(result))
