"""``qreg`` (quantile regression) and ``rreg`` (robust regression), Stata 13, byable:

    qreg depvar [indepvars] [if] [in] [fw iw pw] [, quantile(#) vce(...) wlsiter(#) level(#) nolog
                                                   display_options]
    bsqreg depvar [indepvars] [if] [in] [, quantile(#) reps(#) wlsiter(#) level(#) display_options]
    sqreg depvar [indepvars] [if] [in] [, quantiles(# [# ...]) reps(#) wlsiter(#) level(#) nolog nodots]
    iqreg depvar [indepvars] [if] [in] [, quantiles(# #) reps(#) wlsiter(#) level(#) nolog nodots]
    rreg depvar [indepvars] [if] [in] [, tune(#) genwt(newvar) iterate(#) tolerance(#) nolog
                                       level(#) display_options]

(engines: ``mlmcli.robust``; vce(): ``syntax.qreg_vce``)
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import (depvar_and_terms, display_option_specs, table_options,
                                             table_options_with_notes, weighted_sample)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, real_option, resolve_options
from mlmcli.missing import stata_ratio
from mlmcli.commands.estimation.common import refuse_replay_options
from mlmcli.syntax.settings import default_iterate

QREG_OPTIONS = [OptionSpec("quantile", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
                OptionSpec("wlsiter", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
                OptionSpec("nolog", 4), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
                OptionSpec("trace", 5), *display_option_specs()]
BSQREG_OPTIONS = [OptionSpec("quantile", 1, takes_arg=True), OptionSpec("reps", 1, takes_arg=True),
                  OptionSpec("wlsiter", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
                  *display_option_specs()]
SQREG_OPTIONS = [OptionSpec("quantiles", 1, takes_arg=True), OptionSpec("reps", 1, takes_arg=True),
                 OptionSpec("wlsiter", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
                 OptionSpec("nolog", 4), OptionSpec("nodots", 4), *display_option_specs()]
RREG_OPTIONS = [OptionSpec("tune", 2, takes_arg=True), OptionSpec("genwt", 3, takes_arg=True),
                OptionSpec("iterate", 2, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
                OptionSpec("nolog", 4), OptionSpec("log", 3), OptionSpec("graph", 2),
                OptionSpec("level", 1, takes_arg=True), *display_option_specs()]


def _whole(opts: dict, name: str, default: int, message: str) -> int:
    value = real_option(opts, name, default)
    if value != int(value) or value < 1:
        raise StataError(message.format(value=opts.get(name)), 198)
    return int(value)


def _quantile(opts: dict) -> float:
    """quantile(#) of qreg and bsqreg (default .5; # >= 1 a percentage) as a proportion in (0, 1)."""
    typed_q = real_option(opts, "quantile", 0.5)
    tau = typed_q / 100 if typed_q >= 1 else typed_q
    if not 0 < tau < 1:
        raise StataError(f"quantile({opts.get('quantile')}) is out of range", 198)
    return tau


def _sample_and_design(session, cmd, allowed_weights):
    from mlmcli.factor_variables import build_design, term_variables

    depvar, terms = depvar_and_terms(session, cmd.args)
    sample, w, kind = weighted_sample(session, cmd, [depvar] + term_variables(terms), allowed_weights)
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)
    design = build_design(session.data, terms, sample, constant=True)
    return depvar, sample, w, kind, design



# ------------------------------------------------------------------------------------ qreg
def cmd_qreg(session, cmd) -> None:
    """``qreg``: the quantile's LP fit, its VCE, e() as qreg.ado posts them, the output."""
    from mlmcli.syntax.qreg_vce import parse_qreg_vce
    from mlmcli.estimation.active import replay_results
    from mlmcli.robust.quantile_regression import fit_quantile

    if not cmd.args.strip():
        return _replay_typed(session, cmd, "qreg")
    opts = resolve_options(cmd.options, QREG_OPTIONS)
    for refused in ("iterate", "trace"):
        if refused in opts:
            raise StataError(f"option {refused} not supported by mlmcli: qreg's linear program is solved by HiGHS "
                             "in one call, without Stata's simplex iterations", 198)
    tau = _quantile(opts)
    wlsiter = _whole(opts, "wlsiter", 1, "wlsiter({value}) must be a positive integer")
    vce, method, bwmethod, kernel = parse_qreg_vce(opts.get("vce"))
    depvar, sample, w, kind, design = _sample_and_design(session, cmd, ("fweight", "iweight", "pweight"))
    if vce == "iid" and kind == "pweight":
        raise StataError("option vce(iid) is not possible with pweighted data; pweights imply robust", 404)
    vce = vce or ("robust" if kind == "pweight" else "iid")
    n = int(np.count_nonzero(sample))
    if n <= 2:
        raise StataError("insufficient observations", 2001)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    notes: list[str] = []
    table = table_options(opts, notes)
    y = session.data.numeric(depvar)[sample]
    fit = fit_quantile(y, design.X, tau, w=None if w is None else w[sample], weight_kind=kind, vce=vce,
                       denmethod=method, bwmethod=bwmethod, kernel=kernel, level=level, wlsiter=wlsiter)
    model = _fit_object(design, fit.b, fit.V, fit.df_r, level, fit)
    from mlmcli.results.robust_regression import QregResult

    model.result_object = QregResult(depvar=depvar, quantile=tau, nobs=fit.N, sum_rdev=fit.sum_rdev, q_v=fit.q_v,
                                     sum_adev=fit.sum_adev, coefs=model.coef_rows(), level=level,
                                     wls_log=tuple(fit.wls_log), robust=vce == "robust")
    scalars = {"N": fit.N, "df_m": float(design.X.shape[1] - 1), "df_r": fit.df_r, "q": tau, "q_v": fit.q_v,
               "sum_w": fit.sum_w, "sum_adev": fit.sum_adev, "sum_rdev": fit.sum_rdev,
               "f_r": stata_ratio(1.0, fit.sparsity),  # a zero sparsity (exact fit): missing
               "sparsity": fit.sparsity, "bwidth": fit.bwidth, "convcode": 0.0, "rank": float(design.X.shape[1])}
    macros = {"cmd": "qreg", "cmdline": f"qreg {cmd.args}".strip(), "depvar": depvar, "vce": vce,
              "bwmethod": bwmethod, "denmethod": method, "properties": "b V", "predict": "qreg_p",
              "marginsnotok": "stdp stddp Residuals"}
    if vce == "robust":
        macros["vcetype"] = "Robust"
    if method == "kernel":
        macros["kernel"] = kernel
        scalars["kbwidth"] = fit.kbwidth
    _post(session, cmd, "qreg", scalars, macros, model, sample, design, kind)
    for note in notes + list(design.notes):
        session.print(note)
    from mlmcli.render.robust_regression import render_qreg

    session.print(render_qreg(model.result_object, linesize=session.linesize, log=not opts.get("nolog"),
                              options=table))


# ------------------------------------------------------------------------------------ bsqreg
def cmd_bsqreg(session, cmd) -> None:
    """``bsqreg``: qreg's coefficients, the bootstrap VCE of ``reps()`` resamples (default 20),
    Stata's "(fitting base model)" and replication dots."""
    from mlmcli.estimation.active import replay_results
    from mlmcli.expr.random_numbers import generator
    from mlmcli.render.panel_regression import bootstrap_dots
    from mlmcli.robust.quantile_regression import bootstrap_quantiles, fit_quantile

    if not cmd.args.strip():
        return _replay_typed(session, cmd, "bsqreg")
    opts = resolve_options(cmd.options, BSQREG_OPTIONS)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    tau = _quantile(opts)
    reps = _whole(opts, "reps", 20, "reps() must be an integer greater than 1")
    if reps < 2:
        raise StataError("reps() must be an integer greater than 1", 198)
    wlsiter = _whole(opts, "wlsiter", 1, "wlsiter({value}) must be a positive integer")
    depvar, sample, _, _, design = _sample_and_design(session, cmd, ())
    if int(np.count_nonzero(sample)) <= 2:
        raise StataError("insufficient observations", 2001)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    notes: list[str] = []
    table = table_options(opts, notes)
    y = session.data.numeric(depvar)[sample]
    fit = fit_quantile(y, design.X, tau, vce=None, level=level, wlsiter=wlsiter)
    marks: list[bool] = []
    try:
        V = bootstrap_quantiles(y, design.X, (tau,), reps, generator(session), progress=marks.append)
    finally:
        dots = bootstrap_dots(marks, "bsqreg", reps).split("\n", 2)[2]  # without its "(running ...)" line
        session.print("(fitting base model)\n\n" + dots)
    model = _fit_object(design, fit.b, V, fit.df_r, level, fit)
    from mlmcli.results.robust_regression import QregResult

    model.result_object = QregResult(depvar=depvar, quantile=tau, nobs=fit.N, sum_rdev=fit.sum_rdev, q_v=fit.q_v,
                                     sum_adev=fit.sum_adev, coefs=model.coef_rows(), level=level, reps=reps)
    scalars = {"N": fit.N, "df_r": fit.df_r, "q": tau, "q_v": fit.q_v, "reps": float(reps),
               "sum_adev": fit.sum_adev, "sum_rdev": fit.sum_rdev, "rank": float(design.X.shape[1]),
               "convcode": 0.0}
    macros = {"cmd": "bsqreg", "cmdline": f"bsqreg {cmd.args}".strip(), "depvar": depvar, "properties": "b V",
              "predict": "qreg_p", "marginsnotok": "stdp stddp Residuals"}
    _post(session, cmd, "bsqreg", scalars, macros, model, sample, design, None)
    for note in notes + list(design.notes):
        session.print(note)
    from mlmcli.render.robust_regression import render_qreg

    session.print(render_qreg(model.result_object, linesize=session.linesize, log=False, options=table))


# ------------------------------------------------------------------------------------ sqreg, iqreg
def _quantile_list(typed, command: str) -> tuple[float, ...]:
    """quantiles(): numbers (# >= 1 a percentage) in (0, 1); iqreg two, the first smaller."""
    text = "" if typed is None else str(typed)
    words = text.replace(",", " ").split()
    if not words:
        return (0.25, 0.75) if command == "iqreg" else (0.5,)
    values = []
    for word in words:
        try:
            value = float(word)
        except ValueError:
            raise StataError(f"quantiles({text}) invalid\n{word} not a number", 198) from None
        value = value / 100 if value >= 1 else value
        if not 0 < value < 1:
            raise StataError(f"quantiles({text}) invalid\n{value:g} out of range", 198)
        values.append(value)
    if command == "iqreg":
        if len(values) != 2:
            raise StataError(f"quantiles({text}) invalid", 198)
        if values[0] >= values[1]:
            raise StataError(f"quantiles({text}) invalid\n{values[0]:g} >= {values[1]:g}", 198)
    return tuple(values)


def equation_names(quantiles) -> tuple[str, ...]:
    """sqreg's equations: q and the quantile times 100 (1000, ... while that is not whole)."""
    power = 100
    while not all(abs(q * power - round(q * power)) <= 1.2e-7 * max(1.0, abs(q * power)) for q in quantiles):
        power *= 10
    digits = len(str(power)) - 1
    names = tuple("q" + f"{int(round(q * power)):0{digits}d}" for q in quantiles)
    if len(set(names)) < len(names):
        raise StataError(f"only {len(set(names))} out of {len(names)} quantiles are unique within a relative "
                         "precision of c(epsfloat)", 498)
    return names


def cmd_sqreg(session, cmd) -> None:
    """``sqreg`` and ``iqreg`` (``cmd.name``): qreg at each quantile, the bootstrap VCE of the
    stacked coefficients (sqreg) or of their difference (iqreg), sqreg.ado's and iqreg.ado's dots
    and header."""
    from mlmcli.estimation.active import replay_results
    from mlmcli.expr.random_numbers import generator
    from mlmcli.robust.quantile_regression import bootstrap_quantiles, fit_quantile

    name = cmd.name if cmd.name in ("sqreg", "iqreg") else "sqreg"
    if not cmd.args.strip():
        return _replay_typed(session, cmd, name)
    opts = resolve_options(cmd.options, SQREG_OPTIONS)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    quantiles = _quantile_list(opts.get("quantiles"), name)
    reps = _whole(opts, "reps", 20, "option reps() incorrectly specified")
    if reps < 2:
        raise StataError("option reps() incorrectly specified", 198)
    wlsiter = _whole(opts, "wlsiter", 1, "wlsiter({value}) must be a positive integer")
    eqs = equation_names(quantiles) if name == "sqreg" else ()
    depvar, sample, _, _, design = _sample_and_design(session, cmd, ())
    if int(np.count_nonzero(sample)) < 4:
        raise StataError("insufficient observations", 2001)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    notes: list[str] = []
    table = table_options(opts, notes)
    y = session.data.numeric(depvar)[sample]
    show = not (opts.get("nolog") or opts.get("nodots"))
    if show:
        session.print("(fitting base model)")
    fits = [fit_quantile(y, design.X, q, vce=None, level=level, wlsiter=wlsiter) for q in quantiles]
    marks: list[bool] = []
    V = bootstrap_quantiles(y, design.X, quantiles, reps, generator(session), progress=marks.append,
                            difference=name == "iqreg")
    if show:  # a failed sample is * (the ado draws again; mlm counts it out of the reps)
        session.print("(bootstrapping " + "".join("." if ok else "*" for ok in marks) + ")")
    # a constant depvar: sum_rdev = 0 and Pseudo R2 is missing, as qreg's own table shows it
    pseudo = tuple((q, 1 - f.sum_adev / f.sum_rdev if f.sum_rdev else float("nan")) for q, f in zip(quantiles, fits))
    if name == "iqreg":
        model = _fit_object(design, fits[1].b - fits[0].b, V, fits[0].df_r, level, fits)
        blocks, pseudo = ((None, model.coef_rows()),), (pseudo[1], pseudo[0])
        scalars = {"q0": quantiles[0], "q1": quantiles[1],  # iqreg.ado: sum*dev0 the upper quantile's
                   "sumadev0": fits[1].sum_adev, "sumrdev0": fits[1].sum_rdev,
                   "sumadev1": fits[0].sum_adev, "sumrdev1": fits[0].sum_rdev}
    else:
        k = design.X.shape[1]
        model = _fit_object(design, fits[0].b, V[:k, :k], fits[0].df_r, level, fits)
        model.equation_names, model.b_all, model.V_all = eqs, np.concatenate([f.b for f in fits]), V
        blocks = model.equation_rows()
        scalars = {"n_q": float(len(quantiles))}
        for j, f in enumerate(fits, 1):
            scalars.update({f"q{j}": quantiles[j - 1], f"sumrdv{j}": f.sum_rdev, f"sumadv{j}": f.sum_adev})
    from mlmcli.results.robust_regression import BootstrapQuantilesResult

    model.result_object = BootstrapQuantilesResult(command=name, depvar=depvar, nobs=fits[0].N, reps=reps,
                                                   quantiles=quantiles, pseudo=pseudo, equations=blocks, level=level)
    scalars.update({"N": fits[0].N, "df_r": fits[0].df_r, "reps": float(reps), "convcode": 0.0,
                    "rank": float(np.linalg.matrix_rank(V))})
    macros = {"cmd": name, "cmdline": f"{name} {cmd.args}".strip(), "depvar": depvar, "vcetype": "Bootstrap",
              "properties": "b V", "predict": "sqreg_p" if name == "sqreg" else "qreg_p",
              "marginsnotok": "stdp stddp Residuals"}
    if name == "sqreg":
        macros["eqnames"] = " ".join(eqs)
    _post(session, cmd, name, scalars, macros, model, sample, design, None)
    for note in notes + list(design.notes):
        session.print(note)
    from mlmcli.render.robust_regression import render_bootstrap_quantiles

    session.print(render_bootstrap_quantiles(model.result_object, linesize=session.linesize, options=table))


# ------------------------------------------------------------------------------------ rreg
def cmd_rreg(session, cmd) -> None:
    """``rreg``: Cook's D screen, Huber and biweight iterations, the pseudovalue regression."""
    from mlmcli.estimation.active import replay_results
    from mlmcli.factor_variables import build_design
    from mlmcli.robust.biweight_regression import cooks_screen, fit_biweight
    from mlmcli.syntax.varlist import check_new_name

    if not cmd.args.strip():
        return _replay_typed(session, cmd, "rreg")
    opts = resolve_options(cmd.options, RREG_OPTIONS)
    if opts.get("graph"):
        raise StataError("option graph not supported by mlmcli: rreg does not draw its weights during "
                         "convergence", 198)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    tune = real_option(opts, "tune", 7.0)
    if tune <= 0:
        raise StataError("tune() must be positive", 198)
    tolerance = real_option(opts, "tolerance", 0.01)
    if tolerance <= 0:
        raise StataError("tolerance() must be positive", 198)
    iterate = _whole(opts, "iterate", default_iterate(session), "option iterate() incorrectly specified")
    genwt = str(opts["genwt"]).strip() if opts.get("genwt") is not None else None
    if genwt is not None:
        check_new_name(session.data, genwt)
    depvar, sample, _, _, design = _sample_and_design(session, cmd, ())
    level = confidence_level(opts, getattr(session, "level", 95.0))
    notes: list[str] = []
    table = table_options(opts, notes)
    y = session.data.numeric(depvar)[sample]
    if y.size <= design.X.shape[1]:
        raise StataError("insufficient observations", 2001)
    notes += list(design.notes)  # _rmcoll's, on the whole sample (outside rreg.ado's quietly)
    rows = np.flatnonzero(sample)
    kept = cooks_screen(y, design.X)
    sample = np.zeros_like(sample)
    sample[rows[kept]] = True  # Cook's D > 1 leaves the sample
    if not kept.all():  # rreg.ado's _regress on the rows left: levels and collinearity there
        design = build_design(session.data, design.terms, sample, constant=True)
    fit = fit_biweight(y[kept], design.X, tune=tune, tolerance=tolerance, iterate=iterate, screen=False)
    if not fit.converged:
        raise StataError("convergence not achieved", 430)
    fit.kept = kept
    model = _fit_object(design, fit.b, fit.V, float(fit.df_r), level, fit)
    from mlmcli.distributions import f as f_dist
    from mlmcli.results.robust_regression import RregResult

    p_F = float(f_dist.sf(fit.F, fit.df_m, fit.df_r)) if np.isfinite(fit.F) else float("nan")
    model.result_object = RregResult(depvar=depvar, nobs=fit.N, df_m=fit.df_m, df_r=fit.df_r, F=fit.F, p_F=p_F,
                                     coefs=model.coef_rows(), level=level, log=tuple(fit.log))
    scalars = {"N": float(fit.N), "mss": fit.mss, "df_m": float(fit.df_m), "rss": fit.rss, "df_r": float(fit.df_r),
               "r2": fit.r2, "r2_a": fit.r2_a, "F": fit.F, "rmse": fit.rmse, "rank": float(design.X.shape[1])}
    macros = {"cmd": "rreg", "cmdline": f"rreg {cmd.args}".strip(), "depvar": depvar, "title": "Robust regression",
              "model": "ols", "vce": "ols", "properties": "b V", "predict": "rreg_p", "marginsok": "XB default"}
    if genwt is not None:
        macros["genwt"] = genwt
    if genwt is not None:  # checked above; made only once the fit succeeded
        values = np.full(session.data.nobs, np.nan)
        values[rows[fit.kept]] = fit.weights
        session.data.set_variable(genwt, values, vtype="float")
    _post(session, cmd, "rreg", scalars, macros, model, sample, design, None)
    for note in notes:
        session.print(note)
    from mlmcli.render.robust_regression import render_rreg

    session.print(render_rreg(model.result_object, linesize=session.linesize, log=not opts.get("nolog"),
                              options=table))


# ------------------------------------------------------------------------------------ shared
def _fit_object(design, b, V, df_r, level, engine_fit):
    from mlmcli.robust.fit import RobustLinearFit

    return RobustLinearFit(coef_labels=tuple(design.labels), b=np.asarray(b, float), V=np.asarray(V, float),
                           df_r=float(df_r), level=level, engine_fit=engine_fit)


def _post(session, cmd, name, scalars, macros, model, sample, design, kind) -> None:
    from mlmcli.estimation.results import EstimationResults

    if cmd.weight is not None:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    b, V = model.e_matrices()
    session.e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=model.result_object, model=model, sample=sample.copy(),
                                  title=macros.get("title", ""), design=design)
    session.e.stamp_sample(session.data)


def _replay_typed(session, cmd, name: str) -> None:
    """``qreg`` ... typed alone: the stored table, level() and the display options honoured
    (c(level) unless typed); any other option refused as ``refuse_replay_options`` says."""
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, (name,))
    specs = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
    kept = [o for o in cmd.options if any(spec.matches(o.name) for spec in specs)]
    refuse_replay_options([o for o in cmd.options if o not in kept], name)
    opts = resolve_options(tuple(kept), specs)
    table = table_options_with_notes(session, opts)
    level = confidence_level(opts, getattr(session, "level", 95.0)) if opts.get("level") is not None else None
    return replay(session, e, level=level, options=table)


def replay(session, e, *, level: float | None = None, options=None) -> None:
    """Print stored qreg/bsqreg/rreg results again (the command alone, ``estimates replay``): no log;
    ``level``: the intervals at that level (t on e(df_r))."""
    import dataclasses

    from mlmcli.estimation.replay_level import rows_at_level
    from mlmcli.render.robust_regression import render_bootstrap_quantiles, render_qreg, render_rreg

    if level is not None and level != e.result.level:
        df_r = e.scalars.get("df_r")
        r = e.result
        if hasattr(r, "equations"):
            r = dataclasses.replace(r, equations=tuple((eq, rows_at_level(rows, level, df_r)) for eq, rows in r.equations))
        else:
            r = dataclasses.replace(r, coefs=rows_at_level(r.coefs, level, df_r))
        e = dataclasses.replace(e, result=dataclasses.replace(r, level=level))
    if e.cmd in ("sqreg", "iqreg"):
        return session.print(render_bootstrap_quantiles(e.result, linesize=session.linesize, options=options))
    render = render_rreg if e.cmd == "rreg" else render_qreg
    session.print(render(e.result, linesize=session.linesize, log=False, options=options))
