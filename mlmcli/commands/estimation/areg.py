"""``areg``: linear regression absorbing one categorical variable.

    areg depvar [indepvars] [if] [in] [weight], absorb(varname) [vce(ols|robust|cluster v|bootstrap|jackknife)
         robust cluster(v) level(#) display-options]

The fit is ``mlmcli.panel.absorb`` (the within regression with the dummy-variable
degrees of freedom); ``predict`` offers xb, stdp, d, xbd, dresiduals, residuals.  vce(bootstrap|jackknife [, ...]):
the prefix on areg (vce_through_prefix.cmd_areg).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import (depvar_and_terms, display_option_specs, robust_macros,
                                             table_options_with_notes)
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.postest.coefficient_rows import safe_rank
from mlmcli.syntax.options import OptionSpec, confidence_level, read_vce, resolve_options

AREG_OPTIONS = [
    OptionSpec("absorb", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    *display_option_specs(),
]


def _vce(ds, opts) -> tuple[str, str | None]:
    if opts.get("cluster"):
        return "cluster", ds.resolve(str(opts["cluster"]).strip())
    if opts.get("robust"):
        return "robust", None
    if opts.get("vce") is None:
        return "ols", None
    # vce(bootstrap|jackknife [, ...]) ran as the prefix before (vce_through_prefix)
    kind, args = read_vce(opts["vce"], (("ols", 3), ("robust", 1), ("cluster", 2)))
    if len(args) > 1:
        raise StataError("vce(cluster) with several variables not supported by mlmcli with areg", 198)
    return kind, (ds.resolve(args[0]) if kind == "cluster" else None)


def replay(session, e, *, opts: dict | None = None) -> None:
    from mlmcli.render.panel_regression import render_areg

    kind = e.macros.get("prefix")
    if kind in ("bootstrap", "jackknife") and e.macros.get("command"):  # the prefix's table again (its V)
        from mlmcli.commands.estimation.replicate_display import show_replicates

        level = confidence_level(opts or {}, e.scalars.get("level", 95.0))  # the runner adds c(level)'s
        shown = dataclasses.replace(e, scalars={**e.scalars, "level": level})
        return show_replicates(session, shown, e.macros["command"], kind, {})
    from mlmcli.estimation.replay_level import rows_at_level, typed_replay_level

    result = e.result
    level = typed_replay_level(session, opts or {}, e)
    if level is not None:  # the intervals at the replay's level (t on e(df_r))
        result = dataclasses.replace(result, level=level, coefs=rows_at_level(result.coefs, level, e.scalars.get("df_r")))
    table = table_options_with_notes(session, opts or {})
    session.print(render_areg(result, linesize=session.linesize, table=table))


def cmd_areg(session, cmd) -> None:
    from mlmcli.commands.estimation.common import group_codes, weighted_sample
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import term_variables
    from mlmcli.panel.absorb import AbsorbedFit, fit_absorbed
    from mlmcli.panel.design import candidate_columns, design_with, estimable
    from mlmcli.panel.groups import Panels
    from mlmcli.render.panel_regression import render_areg
    from mlmcli.results.panel import AregResult

    if not cmd.args.strip():  # areg typed alone: its table again, with display options
        e = replay_results(session, ("areg",))
        return replay(session, e, opts=resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True),
                                                                     *display_option_specs()]))
    ds = session.data
    opts = resolve_options(cmd.options, AREG_OPTIONS)
    table = table_options_with_notes(session, opts)
    if not opts.get("absorb"):
        raise StataError("option absorb() required", 198)
    absvar = ds.resolve(str(opts["absorb"]).strip())
    depvar, terms = depvar_and_terms(session, cmd.args)
    vce, clustvar = _vce(ds, opts)
    allowed = ("aweight", "fweight", "pweight")
    sample, w, kind = weighted_sample(session, cmd, [depvar] + term_variables(terms), allowed)
    if kind == "pweight" and vce == "ols":
        vce = "robust"
    for v in [absvar] + ([clustvar] if clustvar else []):
        sample &= (ds.df[v].astype(str) != "").to_numpy() if ds.is_string(v) else ~np.isnan(ds.numeric(v))
    N = int(sample.sum())
    if N <= 1:
        raise StataError("no observations" if N == 0 else "insufficient observations", 2000 if N == 0 else 2001)
    codes = group_codes(ds, absvar, sample)
    groups = Panels(codes)
    layout, C = candidate_columns(ds, terms, sample)
    wv = w[sample] if w is not None else None
    keep = estimable(groups.within(C, wv) if C.shape[1] else C, C, constant=False)
    design = design_with(ds, terms, layout, C, keep, True)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    y = ds.numeric(depvar)[sample]
    cluster = group_codes(ds, clustvar, sample) if clustvar else None
    out = fit_absorbed(y, C[:, keep], groups, weight=wv, weight_kind=kind, vce=vce, cluster=cluster, level=level)
    fit = AbsorbedFit(depvar, absvar, design.labels, out["b"], out["V"], out["df_r"], level, y, codes)
    for note in design.notes:
        session.print(note)
    robust = vce != "ols"
    result = AregResult(
        depvar=depvar, absvar=absvar, nobs=int(out["N"]), df_m=int(out["df_m"]), df_r=int(out["df_r"]),
        F=out["F"], p=out["p"], r2=out["r2"], r2_a=out["r2_a"], rmse=out["rmse"], coefs=fit.coef_rows(),
        categories=groups.n, df_a=int(out["df_a"]), F_absorb=out.get("F_absorb"),
        p_absorb=out.get("p_absorb", float("nan")), level=level, robust=robust,
        cluster=(int(out["N_clust"]), clustvar) if clustvar else None)
    b, V = fit.e_matrices()
    scalars = {k: float(v) for k, v in out.items() if k not in ("b", "V")}
    scalars["rank"] = float(safe_rank(out["V"]))
    macros = {"cmd": "areg", "cmdline": cmd.text or f"areg {cmd.args}", "depvar": depvar, "absvar": absvar,
              "title": "Linear regression, absorbing indicators", "predict": "areg_p", "vce": vce,
              "properties": "b V", "marginsnotok": "Residuals SCore", "footnote": "areg_footnote"}
    robust_macros(macros, robust, clustvar)
    if kind:
        macros["wtype"], macros["wexp"] = kind, "= " + cmd.weight.exp
    session.e = EstimationResults(cmd="areg", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=result, model=fit, sample=sample.copy(), title=macros["title"],
                                  design=design)
    session.e.stamp_sample(session.data)  # e(sample) follows its rows
    session.print(render_areg(result, linesize=session.linesize, table=table))
