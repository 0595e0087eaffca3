"""``xttobit``: random-effects tobit models ([XT] xttobit).

    xttobit depvar [indepvars] [if] [in] [, ll(varname|#) ul(varname|#) noconstant i(panelvar)
            offset(varname) tobit intmethod(mvaghermite|ghermite) intpoints(#) vce(oim)
            level(#) nolog log iterate(#) tolerance(#) ltolerance(#) nrtolerance(#)]

y_it = x_it b + u_i + e_it, observed between the limits: y <= ll left-censored, y >= ul
right-censored.  Engine: ``mlmcli.panel.tobit_random_effects`` (12-point mean-variance
adaptive Gauss-Hermite quadrature unless told); layout: ``mlmcli.render.xttobit``.  ``tobit``
adds the likelihood-ratio test of sigma_u = 0 against the pooled tobit (chibar2(01)).
iweights (constant within the panel) weight each panel's log likelihood
(``commands.estimation.xt_re_weights``); ``constraints()``, ``collinear`` and ``vce()`` other than ``oim`` are refused; ``predict``
is tobit_p's (xb, stdp, stdf, pr0(), e0(), ystar0(): ``commands.postestimation.predict_censored``); the command typed alone replays (``level()`` allowed).
"""
from __future__ import annotations

import math

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options, table_options_with_notes
from mlmcli.commands.estimation.convergence import finish, limit_reached
from mlmcli.errors import StataError
from mlmcli.panel.tobit_unbounded import UNBOUNDED_ITERATE, within_fit_exact
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.syntax.settings import setting_value

HELP = ("xttobit depvar [indepvars] [if] [in] [, ll(varname|#) ul(varname|#) noconstant offset(v) tobit "
        "intmethod() intpoints(#)] : random-effects tobit model")

# [XT] xttobit Reporting: level(), nocnsreport, display_options, coeflegend (DispTbl's _get_diopts);
# no constraints() fit here, so nocnsreport has no report to drop
_DISPLAY = [OptionSpec("nocnsreport", 6), *display_option_specs()]  # _get_diopts' noCNSReport
_OPTIONS = [
    OptionSpec("ll", 2, takes_arg=True), OptionSpec("ul", 2, takes_arg=True), OptionSpec("noconstant", 6),
    OptionSpec("i", 1, takes_arg=True), OptionSpec("offset", 3, takes_arg=True), OptionSpec("tobit", 5),
    OptionSpec("intmethod", 4, takes_arg=True), OptionSpec("intpoints", 4, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("collinear", 3),
    *_DISPLAY,
]


def cmd_xttobit(session, cmd) -> None:
    e = session.e
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None:
        if e is None or e.cmd != "xttobit":
            raise StataError("last estimates not found", 301)
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *_DISPLAY])
        display(session, e, opts)
        return
    _fit(session, cmd)


def _limit(ds, text, name: str) -> np.ndarray:
    words = str(text).split()
    if len(words) != 1:
        raise StataError(f"option {name}() incorrectly specified", 198)
    try:
        return np.full(ds.nobs, float(words[0]))
    except ValueError:
        return ds.numeric(ds.resolve(words[0]))


def _fit(session, cmd) -> None:
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.commands.estimation.xt_random_intercept import intpoints_option
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.panel.tobit_random_effects import TobitPanelData
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import choice_option, integer_option

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    from mlmcli.commands.estimation.xt_re_weights import panel_weight

    weight = panel_weight(cmd, "xttobit")  # iweights only, constant within the panel
    table_options(opts)  # _get_diopts before the fit: a bad cformat() is r(7) at once
    for name in ("constraints", "collinear"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() is not implemented in mlmcli for xttobit", 198)
    if opts.get("vce") is not None and str(opts["vce"]).strip() != "oim":
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(opts["vce"])  # xttobit.ado: _vce_parse, opt(OIM) old (docs/xt_vce.md)
    adaptive = True
    if opts.get("intmethod") is not None:
        adaptive = choice_option(opts["intmethod"], (("mvaghermite", 2), ("ghermite", 2)), "intmethod") != "ghermite"
    points = intpoints_option(opts)
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    depvar = ds.resolve(words[0])
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    ivar = panel_variable(session, opts.get("i"))
    offset_var = variable_option(ds, opts, "offset")
    from mlmcli.commands.estimation.common import evaluate_weight, weight_vars

    used = [depvar] + term_variables(terms) + ([offset_var] if offset_var else []) + weight_vars(ds, weight)
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    sample &= np.asarray(mark_sample(session, cmd, [ivar], strok=True), dtype=bool)
    w_all = None
    if weight is not None:  # marksample: rows with a missing or zero weight leave the sample
        w_all = evaluate_weight(session, weight)
        sample &= ~np.isnan(w_all) & (w_all != 0)
    n_all = ds.nobs
    lower = _limit(ds, opts["ll"], "ll") if opts.get("ll") is not None else np.full(n_all, np.nan)
    upper = _limit(ds, opts["ul"], "ul") if opts.get("ul") is not None else np.full(n_all, np.nan)
    if not np.any(sample):
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    codes = np.unique(np.asarray(ds.df[ivar])[sample], return_inverse=True)[1].ravel()
    y = ds.numeric(depvar)[sample]
    w = None
    if w_all is not None:
        from mlmcli.commands.estimation.xt_re_weights import check_constant_within

        w = w_all[sample]
        check_constant_within(w, codes, ivar)
    data = TobitPanelData(y, design.X, codes, lower[sample], upper[sample],
                          np.zeros(len(y)) if offset_var is None else ds.numeric(offset_var)[sample], w)
    constant = not opts.get("noconstant")
    _check_starting_fit(depvar, y, design, codes, constant)
    maxiter = int(setting_value(session, "maxiter"))
    if within_fit_exact(data, constant):  # sigma_e -> 0: ll rises without bound, never converging
        from mlmcli.syntax.settings import default_iterate
        maxiter = default_iterate(session, UNBOUNDED_ITERATE)
    iterate = integer_option(opts, "iterate", maxiter, minimum=0)
    fit = fit_with_options(data, opts, points=points, adaptive=adaptive, iterate=iterate)
    if not opts.get("nolog"):
        session.print(log_text(fit, bool(opts.get("tobit"))))
    level = confidence_level(opts, getattr(session, "level", 95.0))
    result = tobit_result(fit, design, depvar, ivar, codes, "mvaghermite" if adaptive else "ghermite", points, level,
                     bool(opts.get("tobit")))
    e = tobit_estimation_results(session, cmd, fit, result, design, sample, offset_var)
    post_and_show(session, cmd, e, fit, opts, iterate, weighted=weight is not None)


def post_and_show(session, cmd, e, fit, opts: dict, iterate: int, *, weighted: bool, show=None) -> None:
    """Post ``e`` (with the weight macros when weighted), show it (``show``: the command's own
    display, xttobit's by default), then ml's convergence ending (r(430) past iterate())."""
    if weighted:
        from mlmcli.commands.estimation.xt_re_weights import weight_macros

        e.macros.update(weight_macros(cmd))
    session.e = e
    (show or display)(session, e, opts)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached and limit_reached(fit.steps, iterate),
           iterate_typed=opts.get("iterate") is not None)


def fit_with_options(data, opts: dict, *, points: int, adaptive: bool, iterate: int):
    """The random-effects fit of ``data`` (tobit or interval) under ml's tolerance options."""
    from mlmcli.panel.tobit_random_effects import fit_random_effects_tobit
    from mlmcli.syntax.options import number_option

    return fit_random_effects_tobit(data, points=points, adaptive=adaptive, iterate=iterate,
                                    tolerance=number_option(opts, "tolerance", 1e-6),
                                    ltolerance=number_option(opts, "ltolerance", 1e-7),
                                    nrtolerance=number_option(opts, "nrtolerance", 1e-5))


def _check_starting_fit(depvar, y, design, codes, constant: bool) -> None:
    """xttobit.ado takes its starting values from ``xtreg depvar indepvars, mle``, whose
    refusals stop it: _rmdcoll's r(459) and ml's infeasible start r(1400)."""
    from mlmcli.panel.dependent_collinearity import check_dependent_collinearity
    from mlmcli.panel.groups import Panels
    from mlmcli.panel.maximum_likelihood import PanelData, check_feasible_start, starting_values

    X = design.X[:, :-1] if constant else design.X
    check_dependent_collinearity(depvar, y, X, design.column_names, constant)
    check_feasible_start(starting_values(PanelData(y, design.X, Panels(codes)))[2])


def log_text(fit, comparison: bool) -> str:
    from mlmcli.render.numfmt import format_number

    def lines(steps):
        return [(f"Iteration {s.iteration}:".ljust(15) + "log likelihood = " + format_number(s.loglik, "%10.0g")
                 + "  " + s.note).rstrip() if s.note else
                f"Iteration {s.iteration}:".ljust(15) + "log likelihood = " + format_number(s.loglik, "%10.0g") + "  "
                for s in steps]
    head = "Fitting comparison model:" if comparison else "Obtaining starting values for full model:"
    return "\n".join(["", head, ""] + lines(fit.pooled.steps) + ["", "Fitting full model:", ""] + lines(fit.steps))


def parameter_rows(est, V, p, level):
    """The /sigma_u and /sigma_e rows (z, P) and the rho row: its standard error by the delta
    method, its limits on the probit scale (xttobit.ado's diparm ``ci(probit)``:
    Phi(Phi^-1(rho) -+ z se / phi(Phi^-1(rho))))."""
    from mlmcli.distributions import norm
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.xttobit import ParameterRow

    z = float(norm.ppf(0.5 + level / 200))
    sigmas = []
    for k, name in ((p, "/sigma_u"), (p + 1, "/sigma_e")):
        b, s = float(est[k]), float(np.sqrt(max(V[k, k], 0.0)))
        stat = b / s if s > 0 else float("nan")
        sigmas.append(CoefRow(name, b, s, stat, float(2 * norm.sf(abs(stat))), b - z * s, b + z * s, None, None))
    su, se_ = float(est[p]), float(est[p + 1])
    r = math.hypot(su, se_)
    if r == 0:  # both sigmas 0 (one observation): rho = 0/0 and its row are missing, as in Stata
        nan = float("nan")
        return tuple(sigmas), ParameterRow("rho", nan, nan, nan, nan)
    # in the sigmas' shares of their norm, so that sigmas near 1e150 (tot^2 ~ 1e600) stay in range
    a, c = su / r, se_ / r
    rho = a * a
    grad = np.array([2 * a * c * c / r, -2 * c * a * a / r])
    rs = float(np.sqrt(max(grad @ V[p:p + 2, p:p + 2] @ grad, 0.0)))
    q = float(norm.ppf(rho))
    density = float(norm.pdf(q))
    if not density > 0:  # rho = 1 to double precision (sigma_e -> 0): invnormal(1) is missing, so are the limits
        return tuple(sigmas), ParameterRow("rho", rho, rs, float("nan"), float("nan"))
    half = z * rs / density
    return tuple(sigmas), ParameterRow("rho", rho, rs, float(norm.cdf(q - half)), float(norm.cdf(q + half)))


def tobit_result(fit, design, depvar, ivar, codes, intmethod, points, level, lr: bool):
    from mlmcli.glm.inference import chibar_or_chi2
    from mlmcli.mixed.inference import fixed_rows, wald_test
    from mlmcli.results.xttobit import RandomEffectsTobitResult

    p = design.X.shape[1]
    est, V = fit.estimates, fit.V
    sizes = np.bincount(codes)
    sigmas, rho = parameter_rows(est, V, p, level)
    chi2, df, pv = wald_test(design.labels, est[:p], V[:p, :p])
    lr_chi2 = lr_p = float("nan")
    if lr:
        # xttobit.ado: 0 when sigma_u < 1e-5 (then Prob>=chibar2 = 1)
        lr_chi2 = 0.0 if est[p] < 1e-5 else abs(2 * (fit.loglik - fit.pooled.f))
        lr_p = float(chibar_or_chi2(lr_chi2, 1)[0])
    return RandomEffectsTobitResult(
        depvar=depvar, ivar=ivar, nobs=int(len(codes)), n_groups=int(len(sizes)), g_min=float(sizes.min()),
        g_avg=float(sizes.mean()), g_max=float(sizes.max()), fixed=fixed_rows(design.labels, est[:p], V[:p, :p], level),
        sigmas=sigmas, rho=rho, wald_chi2=chi2, wald_df=df, wald_p=pv, loglik=fit.loglik, counts=fit.counts,
        intmethod=intmethod, intpoints=points, level=level, lr_chi2=lr_chi2, lr_p=lr_p)


def tobit_estimation_results(session, cmd, fit, result, design, sample, offset_var):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.panel.tobit_predictions import TobitRandomEffectsPredictions
    from mlmcli.results.matrix import Matrix

    dep = result.depvar
    labels = design.labels
    names = [f"{dep}:{lab.name}" for lab in labels] + ["sigma_u:_cons", "sigma_e:_cons"]
    est_idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)] + [len(labels), len(labels) + 1]
    b = np.zeros(len(names))
    b[est_idx] = fit.estimates
    V = np.zeros((len(names), len(names)))
    V[np.ix_(est_idx, est_idx)] = np.nan_to_num(fit.V)
    left, unc, right = result.counts[:3]
    scalars = {"N": float(result.nobs), "N_g": float(result.n_groups), "g_min": result.g_min,
               "g_avg": result.g_avg, "g_max": result.g_max, "k": float(len(names)), "ll": result.loglik,
               "chi2": result.wald_chi2, "p": result.wald_p, "df_m": float(result.wald_df),
               "sigma_u": float(fit.estimates[-2]), "sigma_e": float(fit.estimates[-1]),
               "rho": result.rho.estimate, "n_quad": float(result.intpoints), "N_lc": float(left),
               "N_unc": float(unc), "N_rc": float(right), "converged": float(fit.converged),
               "ic": float(fit.steps[-1].iteration if fit.steps else 0),
               "rank": float(np.linalg.matrix_rank(V)) if V.size else 0.0}
    if result.lr_chi2 == result.lr_chi2:
        scalars.update(ll_0=float(fit.pooled.f), chi2_c=result.lr_chi2, p_c=result.lr_p)
    macros = {"cmd": "xttobit", "cmdline": (cmd.text or "xttobit").strip(), "depvar": dep, "ivar": result.ivar,
              "title": "Random-effects tobit regression", "distrib": "Gaussian", "chi2type": "Wald", "vce": "oim",
              "intmethod": result.intmethod, "crittype": "log likelihood", "properties": "b V",
              "predict": "xttobit_p"}
    if offset_var:
        macros["offset"] = offset_var
    e = EstimationResults(cmd="xttobit", scalars=scalars, macros=macros,
                          matrices={"b": Matrix(b[None, :], ("y1",), tuple(names)),
                                    "V": Matrix(V, tuple(names), tuple(names))},
                          result=result, sample=np.asarray(sample, bool), title="Random-effects tobit regression",
                          # predict (xttobit_p: commands.postestimation.predict_censored) reads its xb and stdp;
                          # margins: xb
                          model=TobitRandomEffectsPredictions(fit.estimates[:-2], fit.V[:-2, :-2], offset_var, False, depvar=dep),
                          design=design)
    e.stamp_sample(session.data)
    return e


def display(session, e, opts: dict) -> None:
    from mlmcli.render.xttobit import render_xttobit

    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = at_level(e, level)
    table = table_options_with_notes(session, opts)  # _get_diopts: the display options, formats checked
    session.print(render_xttobit(result, linesize=session.linesize, options=table))


def at_level(e, level: float):
    """The rows again with confidence limits at ``level`` (from e(b) and e(V))."""
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.mixed.spec import CoefLabel

    result = e.result
    labels = tuple(CoefLabel(r.name, r.term, r.level, r.base, r.omitted) for r in result.fixed)
    idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)] + [len(labels), len(labels) + 1]
    est = e.matrices["b"].values.ravel()[idx]
    V = e.matrices["V"].values[np.ix_(idx, idx)]
    p = len(idx) - 2
    sigmas, rho = parameter_rows(est, V, p, level)
    return dataclasses.replace(result, fixed=fixed_rows(labels, est[:p], V[:p, :p], level), sigmas=sigmas, rho=rho,
                               level=level)
