"""``xtregar``: fixed- and random-effects linear models with an AR(1) disturbance ([XT] xtregar).

    xtregar depvar indepvars [if] [in], [re | fe] [rhotype(dw|regress|freg|tscorr|theil|nagar|onestep)
            rhof(#) twostep lbi level(#)]

Engine: ``mlmcli.panel.ar1_disturbances`` (the ado's steps there); the layout is xtregar.ado's
DispFE/DispRE.  Weights, factor variables and time-series operators are refused (Stata takes
fweights/aweights with fe and operated varlists); predict: ``predict_xtregar`` (xtrar_p).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_OPTIONS = [OptionSpec("re", 2), OptionSpec("fe", 2), OptionSpec("rhotype", 4, takes_arg=True),
            OptionSpec("twostep", 3), OptionSpec("rhof", 4, takes_arg=True), OptionSpec("lbi", 3),
            OptionSpec("level", 1, takes_arg=True)]
_RHOTYPES = (("onestep", 3), ("regress", 3), ("freg", 4), ("tscorr", 3), ("dw", 2), ("theil", 2), ("nagar", 3))


def cmd_xtregar(session, cmd) -> None:
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None:
        e = session.e
        if e is None or e.cmd != "xtregar":  # e() is all the replay needs (also after estimates use)
            raise StataError("last estimates not found", 301)
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), OptionSpec("lbi", 3)])
        if opts.get("lbi") and "LBI" not in e.scalars:
            if not isinstance(e.model, XtregarModel):
                raise StataError("lbi needs the data of the fit; fit the model again", 301)
            e.scalars.update(e.model.lbi())
        return display(session, e, opts)
    if cmd.weight is not None:
        raise StataError("weights are not available with xtregar in mlmcli", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    if opts.get("re") and opts.get("fe"):
        raise StataError("specify re or fe, not both", 198)
    model = "fe" if opts.get("fe") else "re"
    rhotype, rhof = _rho_options(opts)
    if rhotype == "onestep" and opts.get("twostep"):
        raise StataError("cannot specify both onestep and twostep", 198)
    session.e = _fit(session, cmd, opts, model, rhotype, rhof)
    display(session, session.e, opts)


def _rho_options(opts):
    from mlmcli.syntax.abbreviation import resolve_choice

    rhof = None
    if opts.get("rhof") is not None:
        try:
            rhof = float(str(opts["rhof"]).strip())
        except ValueError:
            raise StataError("option rhof() incorrectly specified", 198) from None
    words = str(opts.get("rhotype") or "").split()
    if len(words) > 1:
        raise StataError("Only one rhotype may be specified.", 198)
    rhotype = None
    if words:
        rhotype = resolve_choice(words[0].lower(), _RHOTYPES)
        if rhotype is None:
            raise StataError(f"option {words[0]} not allowed", 198)
    if rhotype and rhof is not None:
        raise StataError("rho cannot be fixed and estimated, specify rhotype( ) or rhof(), not both ", 198)
    if rhof is not None and abs(rhof) >= 1:
        raise StataError("|rho|<1, specify a valid rho", 198)
    return rhotype or ("" if rhof is not None else "dw"), rhof  # rtparse: no type with a fixed rho


class XtregarModel:
    """The data behind a fit: the LBI on replay (xtregar, lbi)."""

    def __init__(self, y, X, codes, time):
        self._data = (y, X, codes, time)

    def lbi(self) -> dict:
        from mlmcli.panel.ar1_disturbances import lbi_statistics

        return lbi_statistics(*self._data)

    def margins_prediction(self, options: str):
        """margins' hook: xb only (xtregar's e(marginsok) XB default, e(marginsnotok) ue u e)."""
        from mlmcli.commands.postestimation.margins_xb_only import xb_margins_prediction

        return xb_margins_prediction(options, ("ue", "u", "e"))


def _fit(session, cmd, opts, model, rhotype, rhof):
    from mlmcli.commands.estimation.panel_common import panel_variable, time_variable
    from mlmcli.commands.postestimation.margins_xb_only import coefficient_design
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.panel import ar1_disturbances as ar
    from mlmcli.panel.design import estimable
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.matrix import Matrix
    from mlmcli.sample import mark_sample

    ds = session.data
    ivar = panel_variable(session)
    tvar = time_variable(session)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    if any("." in w or "#" in w for w in cmd.args.split()):
        raise StataError("time-series operators and factor variables are not available with xtregar in mlmcli", 101)
    words = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not words:
        raise StataError("varlist required", 100)
    if tvar in words:
        raise StataError("time variable may not be included in varlist", 198)
    depvar, xvars = words[0], words[1:]
    sample = np.asarray(mark_sample(session, cmd, words + [ivar, tvar]), bool)
    if not sample.any():
        raise StataError("no observations", 2000)
    from mlmcli.commands.data.panel_settings import recorded_delta

    idx = np.flatnonzero(sample)
    pv, tv = ds.numeric(ivar)[idx], ds.numeric(tvar)[idx]
    order = idx[np.lexsort((tv, pv))]
    codes = np.unique(ds.numeric(ivar)[order], return_inverse=True)[1].ravel()
    time = (ds.numeric(tvar)[order] - np.nanmin(ds.numeric(tvar)[order])) / recorded_delta(ds)
    y = ds.numeric(depvar)[order]
    X = np.column_stack([ds.numeric(v)[order] for v in xvars]) if xvars else np.zeros((len(y), 0))
    G = int(codes.max()) + 1
    from mlmcli.collinear_columns import independent_candidates

    # xtregar.ado 1.7.0: _rmcoll on the columns themselves (noisily, fe and re; Stata 11's fv
    # _rmcoll keeps the name as o.x), then quietly on the within-transformed ones (a time-invariant
    # column, its transform rounding: panel.design.estimable), whose o. names RmCollMsg reports as
    # "dropped" -- for fe, and for re too with rhotype onestep or a fixed rho (there it runs
    # outside the quiet block); that second list is used by fe only
    omitted = ~independent_candidates(X, True) if xvars else np.zeros(0, bool)
    for v in np.asarray(xvars)[omitted]:
        session.print(f"note: {v} omitted because of collinearity")
    within_kept = np.zeros(len(xvars), bool)
    if xvars:
        within_kept[~omitted] = estimable(ar.panel_demean(X[:, ~omitted], codes, G), X[:, ~omitted], constant=False)
    for v, k, o in zip(xvars, within_kept, omitted):
        if not (k or o) and (model == "fe" or rhof is not None or rhotype == "onestep"):
            session.print(f"note: {v} dropped because of collinearity")
    if model == "fe":
        omitted = ~within_kept
    fit_cols = ~omitted
    Xf = X[:, fit_cols]
    with np.errstate(over="ignore", invalid="ignore"):
        finite = np.isfinite(y @ y) and np.isfinite(Xf.T @ Xf).all()
    if not finite:
        raise StataError("matrix has missing values", 504)  # cross-products past the largest double
    if rhof is None and len(y) < 2:
        raise StataError("insufficient observations", 2001)  # prais on one observation
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rho = rhof if rhof is not None else ar.estimate_rho(y, X[:, within_kept], codes, time, G, rhotype=rhotype,
                                                            twostep=bool(opts.get("twostep")))
    if not np.isfinite(rho):
        # the within residuals are all zero (or have no lagged pairs): prais's rho is missing and
        # the transformed data have no observations (mlm's reading of the ado; no Stata log)
        raise StataError("no observations", 2000)
    if model == "fe":  # _regress on the transformed data omits what the transform made collinear;
        # the ado runs it under quietly, so the o. row shows without a note
        after = ar.transformed_collinear(Xf, codes, time, rho)
        fit_cols[np.flatnonzero(fit_cols)[after]] = False
        omitted = ~fit_cols
        Xf = X[:, fit_cols]
    with np.errstate(over="ignore", invalid="ignore"):
        s = ar.fit_fe(y, Xf, codes, time, rho) if model == "fe" else ar.fit_re(y, Xf, codes, time, rho)
    names = tuple([f"o.{v}" if o else v for v, o in zip(xvars, omitted)] + ["_cons"])
    b, V = s.pop("b"), s.pop("V")
    if omitted.any():  # e(b) and e(V) hold zeros at the omitted columns, as regress posts them
        at = np.flatnonzero(np.append(~omitted, True))
        b_full, V_full = np.zeros(len(names)), np.zeros((len(names), len(names)))
        b_full[at], V_full[np.ix_(at, at)] = b, V
        b, V = b_full, V_full
    if not (np.isfinite(b).all() and np.isfinite(V).all()):
        raise StataError("matrix has missing values", 504)  # cross-products past the largest double
    scalars = {k: float(v) for k, v in s.items()}
    scalars["rank"] = float(safe_rank(V))
    macros = {"cmd": "xtregar", "cmdline": (cmd.text or "xtregar").strip(), "depvar": depvar, "ivar": ivar,
              "tvar": tvar, "model": model, "predict": "xtrar_p", "marginsok": "XB default",
              "marginsnotok": "ue u e", "properties": "b V"}
    if rhotype:
        macros["rhotype"] = rhotype
    if model == "re":
        macros["chi2type"] = "Wald"
    xmodel = XtregarModel(y, Xf, codes, time)
    if opts.get("lbi"):
        scalars.update(xmodel.lbi())
        macros["dw"] = "lbi"
    e = EstimationResults(cmd="xtregar", scalars=scalars, macros=macros,
                          matrices={"b": Matrix(b[None, :], (depvar,), names), "V": Matrix(V, names, names)},
                          sample=sample, title="xtregar", model=xmodel,
                          design=coefficient_design(ds, [n.removeprefix("o.") for n in names], sample))
    e.stamp_sample(ds)
    return e


def display(session, e, opts: dict) -> None:
    from mlmcli import distributions as dist
    from mlmcli.postest.coefficient_rows import normal_or_t
    from mlmcli.render.xtregar import render_xtregar
    from mlmcli.results.mixed import CoefRow

    level = confidence_level(opts, getattr(session, "level", 95.0))
    s = e.scalars
    fe = e.macros["model"] == "fe"
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.diag(V))
    stat, p, lo, hi = normal_or_t(b, se, level, s["df_r"] if fe else None)
    rows = tuple(CoefRow(n, float(b[j]), float(se[j]), float(stat[j]), float(p[j]), float(lo[j]), float(hi[j]),
                         omitted=n.startswith("o."))
                 for j, n in enumerate(e.matrices["b"].colnames))
    if fe:
        tests = {"p": float(dist.f.sf(s["F"], s["df_b"], s["df_r"])),
                 "p_f": float(dist.f.sf(s["F_f"], s["df_a"], s["df_r"]))}
    else:
        tests = {"p": float(dist.chi2.sf(s["chi2"], s["df_m"])) if s["chi2"] == s["chi2"] else float("nan")}
    session.print(render_xtregar(e.macros, s, rows, tests, level, lbi="LBI" in s))
