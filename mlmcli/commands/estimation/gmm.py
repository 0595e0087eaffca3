"""``gmm``: generalized method of moments estimation, the interactive version ([R] gmm):

    gmm ([eqname1:] <rexp1>) ([eqname2:] <rexp2>) ... [if] [in] [weight] [, options]

Syntax: ``gmm_syntax``; engine: ``mlmcli.instrumental.gmm_engine`` (the moment conditions and
weight matrices there); layout: ``render.gmm_output``.  As gmm.ado: two-step GMM by default,
the initial weight matrix Unadjusted; a wmatrix() alone sets the VCE's kind, a vce() alone the
weight matrix's, robust for both otherwise.  The sample: if/in, variables(), the cluster
variable and the instruments, less the observations whose residuals are missing at the initial
values (noted).  predict (``predict_gmm``): residuals of equation(), estat overid: Hansen's J.
vce(bootstrap|jackknife [, options]) runs the bootstrap or jackknife prefix on the command
(gmm.ado's _vce_parserun; ``vce_through_prefix``).  Refused by name: the moment-evaluator
program version, xtinstruments(), winitial(xt ...), hac's ``opt`` lags.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options

HELP = {"gmm": "gmm ([eq1:] rexp1) ([eq2:] rexp2) ... [if] [in] [weight] [, instruments() onestep twostep igmm "
               "wmatrix() winitial() vce() center from() derivative()] : generalized method of moments"}
OPTIONS = [
    OptionSpec("instruments", 4, takes_arg=True, repeatable=True),
    OptionSpec("xtinstruments", 6, takes_arg=True, repeatable=True),
    OptionSpec("derivative", 5, takes_arg=True, repeatable=True),
    OptionSpec("twostep", 3), OptionSpec("onestep", 3), OptionSpec("igmm", 1),
    OptionSpec("wmatrix", 4, takes_arg=True), OptionSpec("winitial", 5, takes_arg=True), OptionSpec("center", 1),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("variables", 2, takes_arg=True), OptionSpec("nocommonesample", None),
    OptionSpec("igmmiterate", 6, takes_arg=True), OptionSpec("igmmeps", None, takes_arg=True),
    OptionSpec("igmmweps", None, takes_arg=True), OptionSpec("quickderivatives", 5),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("title", 2, takes_arg=True),
    OptionSpec("title2", 6, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("ptolerance", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("vtolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("technique", 4, takes_arg=True),
    *display_option_specs()]
_REPLAY = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]


def cmd_gmm(session, cmd) -> None:
    from mlmcli.commands.estimation.gmm_syntax import split_equations

    args = cmd.args.strip()
    if not args:
        return _replay(session, resolve_options(cmd.options, _REPLAY))
    texts, rest = split_equations(args)
    if not texts:
        raise StataError("gmm: the moment-evaluator program version is not implemented in mlm; type the residual "
                         "equations: gmm (y - {b0} - {b1}*x), instruments(z)", 198)
    if rest:
        raise StataError(f"{rest.split()[0]} invalid", 198)
    from mlmcli.commands.estimation.vce_through_prefix import run_through_prefix

    if run_through_prefix(session, cmd, "gmm"):  # _vce_parserun: vce(bootstrap|jackknife) is the prefix
        return
    opts = resolve_options(cmd.options, OPTIONS)
    if opts.get("xtinstruments"):
        raise StataError("gmm: xtinstruments() is not implemented in mlm", 198)
    _fit(session, cmd, texts, opts)


def _settings(opts, ds):
    """(the estimator, wmatrix()'s and vce()'s CovSpec) as gmm.ado reads them: each alone sets
    both, robust when neither is typed."""
    from mlmcli.commands.estimation.gmm_syntax import CovSpec, parse_cov

    steps = [s for s in ("onestep", "twostep", "igmm") if opts.get(s)]
    if len(steps) > 1:
        raise StataError("can specify only one of onestep, twostep, or igmm", 184)
    step = steps[0] if steps else "twostep"
    if step == "onestep" and opts.get("wmatrix") is not None:
        raise StataError("cannot specify wmatrix() with one-step estimator", 198)
    wm_text, vce_text = opts.get("wmatrix"), opts.get("vce")
    if wm_text is None and vce_text is None:
        wm, vce = CovSpec("robust"), CovSpec("robust")
    elif wm_text is None:
        wm = vce = parse_cov(ds, vce_text, "vce")
    elif vce_text is None:
        wm = vce = parse_cov(ds, wm_text, "wmatrix")
    else:
        vce, wm = parse_cov(ds, vce_text, "vce"), parse_cov(ds, wm_text, "wmatrix")
    if wm.clustvar and vce.clustvar and wm.clustvar != vce.clustvar:
        raise StataError("cannot specify different cluster variables in wmat() and vce()", 498)
    return step, wm, vce


def _fit(session, cmd, texts, opts) -> None:
    from mlmcli.commands.estimation.gmm_syntax import (parse_derivatives, parse_equations, parse_from,
                                                       parse_instruments, parse_winitial)
    from mlmcli.syntax.options import integer_option

    ds = session.data
    if ds is None or not ds.varnames:
        raise StataError("no variables defined", 111)
    step, wm, vce = _settings(opts, ds)
    wkind = _weight_kind(cmd)
    if (wm.kind == "hac" or vce.kind == "hac") and wkind in ("fweight", "pweight"):
        raise StataError(f"cannot use {wkind}s with vce(hac ...) or wmatrix(hac ...)", 498)
    if wkind == "pweight":
        if wm.kind not in ("cluster", "robust") and step != "onestep":
            raise StataError(f"cannot use {wm.kind} weight matrix with pweights", 404)
        if vce.kind not in ("cluster", "robust") and step == "onestep":
            raise StataError(f"cannot use {vce.kind} VCE with pweights and one-step estimator", 404)
    equations, params = parse_equations(texts, ds)
    for j, eq in enumerate(equations, start=1):
        if not eq.params:
            session.print(f"note: no parameters in equation {j}")
    if not params.names:
        raise StataError("no parameters in expression", 198)
    nocommon = bool(opts.get("nocommonesample"))
    if nocommon and len(equations) == 1:
        raise StataError("cannot specify nocommonesample with single-equation models", 498)
    if nocommon and cmd.weight is not None:
        raise StataError("weights not allowed with nocommonesample", 135)
    instruments = parse_instruments(opts.get("instruments") or [], equations, ds)
    derivs = parse_derivatives(opts.get("derivative") or [], equations, params, ds)
    winit, winit_indep, winit_matrix, winit_name = parse_winitial(opts.get("winitial"), session)
    if winit == "unadjusted" and not winit_indep:
        with_inst = sum(1 for names, _ in instruments if names)
        if with_inst < len(equations) - 1:
            n = len(equations) - 1
            raise StataError(f"to avoid a singular initial weight matrix in a model with {len(equations)} moment "
                             f"equations you must declare instruments for at least {n} equation"
                             f"{'s' if n > 1 else ''} or use winitial(unadjusted, independent) or "
                             "winitial(identity)", 498)
    if opts.get("from"):
        parse_from(str(opts["from"]), session, params)
    if opts.get("technique") is not None and str(opts["technique"]).strip().lower() != "gn":
        raise StataError("gmm: technique() other than gn is not implemented in mlm", 198)
    sample, w, rows, masks, n_missing = _sample(session, cmd, opts, equations, params, instruments, wm, vce)
    for j, count in enumerate(n_missing):
        if count and not nocommon:
            session.print(f"note: {count} missing value{'s' if count > 1 else ''} returned for equation {j + 1} "
                          "at initial values")
    instruments = _without_collinear(session, ds, rows, masks, instruments)
    problem = _problem(session, ds, rows, w, masks, equations, params, instruments, derivs, wm, vce,
                       sampling=wkind in ("aweight", "pweight"))
    from mlmcli.instrumental.gmm_engine import GMMSettings, fit_gmm

    if winit == "user":
        q = problem.n_moments
        if winit_matrix.shape != (q, q):
            raise StataError(f"initial weight matrix must be {q} x {q}", 503)
    from mlmcli.syntax.settings import setting_value

    iterate = integer_option(opts, "iterate", 0)
    settings = GMMSettings(
        steps=step, winitial=winit, winitial_independent=winit_indep, winitial_matrix=winit_matrix,
        wmatrix=wm.kind, wmatrix_independent=wm.independent, vce=vce.kind, vce_independent=vce.independent,
        center=bool(opts.get("center")),
        maxiter=iterate if iterate > 0 else int(setting_value(session, "maxiter")),
        ptol=real_option(opts, "ptolerance", real_option(opts, "tolerance", 1e-6)),
        vtol=real_option(opts, "vtolerance", 1e-7),
        nrtol=real_option(opts, "nrtolerance", 1e-5), igmm_iterate=integer_option(opts, "igmmiterate", 16000),
        igmm_eps=real_option(opts, "igmmeps", 1e-6), igmm_weps=real_option(opts, "igmmweps", 1e-6))
    start = np.array([params.init[p] for p in params.names])
    with np.errstate(all="ignore"):
        fit = fit_gmm(problem, start, settings)
    from mlmcli.commands.estimation.gmm_results import post_and_display

    post_and_display(session, cmd, opts, fit, problem, equations, params, instruments, settings, wm, vce,
                     winit_name, sample, wkind, start, masks, table_options_with_notes(session, opts))


def _weight_kind(cmd) -> str | None:
    if cmd.weight is None:
        return None
    from mlmcli.parser import weight_kind

    kind = weight_kind(cmd.weight)
    return {"weight": "aweight"}.get(kind, kind)  # [w=] is an aweight


def _sample(session, cmd, opts, equations, params, instruments, wm, vce):
    """e(sample) and the rows' weights, with each equation's rows: marksample over if/in,
    variables() and the cluster variable, the instruments marked out, then the observations whose
    residuals are missing at the initial values (counted for the note)."""
    from mlmcli.commands.estimation.menl import mean_function
    from mlmcli.sample import mark_sample, mark_weight

    ds = session.data
    clustvar = vce.clustvar or wm.clustvar
    variables = ds.expand_varlist(opts["variables"]) if opts.get("variables") else []
    sample = mark_sample(session, cmd, varlist=variables)
    if clustvar:
        sample &= mark_sample(session, cmd, varlist=[clustvar], strok=True)
    sample, wvals = mark_weight(session, cmd, sample)
    if wvals is not None:
        sample &= wvals != 0
        if (wvals[sample] < 0).any():
            raise StataError("negative weights encountered", 402)
        if _weight_kind(cmd) == "fweight" and np.any(wvals[sample] != np.round(wvals[sample])):
            raise StataError("may not use noninteger frequency weights", 401)
    nocommon = bool(opts.get("nocommonesample"))
    J = len(equations)
    eq_masks = np.repeat(sample[:, None], J, axis=1)
    for j, (names, _) in enumerate(instruments):
        for v in names:
            ok = ~np.isnan(ds.numeric(v))
            if nocommon:
                eq_masks[:, j] &= ok
            else:
                eq_masks &= ok[:, None]
    if not nocommon:
        sample = eq_masks[:, 0].copy()
    n_before = int(sample.sum())
    if n_before < len(params.names):
        raise StataError("cannot have fewer observations than parameters", 2001)
    rows = np.flatnonzero(eq_masks.any(axis=1))
    start = {p: np.full(len(rows), params.init[p]) for p in params.names}
    binding = {p: f"__gmm_{j}" for j, p in enumerate(params.names)}
    missing = []
    for j, eq in enumerate(equations):
        with np.errstate(all="ignore"):
            u = mean_function(session, eq.expression, rows, binding)(start)
        bad = np.zeros(ds.nobs, bool)
        bad[rows] = ~np.isfinite(u)
        bad &= eq_masks[:, j]
        if not (eq_masks[:, j] & ~bad).any():
            raise StataError(f"no non-missing values returned for equation {j + 1} at initial values", 498)
        missing.append(int(bad.sum()))
        if nocommon:
            eq_masks[:, j] &= ~bad
        else:
            eq_masks &= ~bad[:, None]
    sample = eq_masks.any(axis=1)
    rows = np.flatnonzero(sample)
    w = np.ones(len(rows)) if wvals is None else wvals[rows].astype(float)
    if _weight_kind(cmd) in ("aweight", "pweight"):  # gmm.ado: normalised to sum to N
        w = w * len(rows) / w.sum()
    return sample, w, rows, eq_masks[rows], missing


def _without_collinear(session, ds, rows, masks, instruments):
    """ParseInst's _rmcoll: each equation's instruments collinear with those before them (and the
    constant) are dropped with Stata's note."""
    from mlmcli.collinear_columns import independent_candidates

    out = []
    for j, (names, constant) in enumerate(instruments):
        if not names:
            out.append((names, constant))
            continue
        eq_rows = rows[masks[:, j]]
        keep = independent_candidates(np.column_stack([ds.numeric(v)[eq_rows].astype(float) for v in names]),
                                      constant)
        dropped = [v for v, k in zip(names, keep) if not k]
        if dropped:
            word = "instrument" if len(dropped) == 1 else "instruments"
            session.print(f"note: {word} {' '.join(dropped)} omitted because of collinearity")
        out.append(([v for v, k in zip(names, keep) if k], constant))
    return out


def _problem(session, ds, rows, w, masks, equations, params, instruments, derivs, wm, vce, sampling=False):
    from mlmcli.commands.estimation.menl import mean_function
    from mlmcli.instrumental.gmm_engine import GMMProblem

    binding = {p: f"__gmm_{j}" for j, p in enumerate(params.names)}
    n, k = len(rows), len(params.names)
    functions = [mean_function(session, eq.expression, rows, binding) for eq in equations]

    def inputs(b):
        return {p: np.full(n, v) for p, v in zip(params.names, b)}

    def residuals(b):
        values = inputs(b)
        return np.column_stack([f(values) for f in functions])

    derivatives = None
    if derivs:
        dfun = {key: mean_function(session, expr, rows, binding) for key, expr in derivs.items()}

        def derivatives(b):
            values = inputs(b)
            D = np.zeros((n, len(equations), k))
            for (j, p), f in dfun.items():
                D[:, j, params.names.index(p)] = f(values)
            return D

    Z = []
    for names, constant in instruments:
        cols = [ds.numeric(v)[rows].astype(float) for v in names] + ([np.ones(n)] if constant else [])
        Z.append(np.column_stack(cols) if cols else np.zeros((n, 0)))
    if any(z.shape[1] == 0 for z in Z):
        raise StataError("no instruments specified for an equation", 198)
    clustvar = vce.clustvar or wm.clustvar
    codes = None
    if clustvar:
        codes = np.unique(ds.df[clustvar].to_numpy()[rows], return_inverse=True)[1].ravel()
    kernel = None
    if "hac" in (wm.kind, vce.kind):
        kernel = _kernel(session, rows, wm if wm.kind == "hac" else vce)
    return GMMProblem(residuals=residuals, instruments=Z, w=w, masks=masks, derivatives=derivatives,
                      cluster=codes, kernel=kernel, sampling_weights=sampling)


def _kernel(session, rows, spec):
    """ivreg2_hac's Kernel for hac kernel lags: every kernel weights lag j by k(j/(lags+1))
    (Bartlett: Newey-West's 1 - j/(lags+1)); the quadratic spectral one weights every lag.  No
    lags: N - 2."""
    from mlmcli.commands.data.panel_settings import panel_setting, recorded_delta
    from mlmcli.commands.estimation.gmm_syntax import kernel_lags
    from mlmcli.commands.estimation.panel_common import time_variable
    from mlmcli.instrumental.ivreg2_hac import Kernel
    from mlmcli.panel.groups import panel_codes

    ds = session.data
    tvar = time_variable(session)
    if not tvar:
        raise StataError("time variable not set, use tsset varname ...", 111)
    time = ds.numeric(tvar)[rows]
    periods = np.round((time - time.min()) / recorded_delta(ds)).astype(np.int64)
    ivar = panel_setting(ds)
    codes = panel_codes(ds.numeric(ivar)[rows]) if ivar else None
    lags = kernel_lags(spec, len(rows))
    name = {"bartlett": "Bartlett", "parzen": "Parzen", "quadraticspectral": "Quadratic Spectral"}[spec.kernel]
    return Kernel(name, float(lags + 1), periods, codes)


def _replay(session, opts: dict) -> None:
    import dataclasses

    from mlmcli.estimation.active import replay_results
    from mlmcli.estimation.replay_level import rows_at_level, typed_replay_level
    from mlmcli.render.gmm_output import render_gmm

    e = replay_results(session, ("gmm",))
    result = e.result
    level = typed_replay_level(session, opts, e)
    if level is not None:
        result = dataclasses.replace(result, level=level, equations=tuple(
            (eq, rows_at_level(rows, level)) for eq, rows in result.equations))
    table = table_options_with_notes(session, opts)
    session.print(render_gmm(result, linesize=session.linesize, log=None, table=table))
