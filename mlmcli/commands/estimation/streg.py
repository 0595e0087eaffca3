"""``streg``: parametric survival models on stset data (engine ``mlmcli.survival.parametric``).

    streg [indepvars] [if] [in], distribution(exponential|weibull) [nohr time level(#) nolog
          noshow iterate(#) tolerance(#) ltolerance(#) nrtolerance(#)]

The proportional-hazards (log relative-hazard) form by default, the table in hazard ratios
(``nohr``: coefficients); ``time`` the accelerated failure-time form (coefficients).  The Weibull
model's shape is ln_p, shown with p and 1/p.  stset fweights are used; pweights, iweights,
vce(robust|cluster), the other distributions (gompertz, lognormal, loglogistic, gamma),
ancillary(), strata(), frailty(), noconstant, offset() and tr are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options

SPECS = [OptionSpec("distribution", 1, takes_arg=True), OptionSpec("nohr", 4), OptionSpec("hr", 2),
         OptionSpec("time", 4), OptionSpec("tr", 2), OptionSpec("level", 1, takes_arg=True),
         OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("noshow", 6),
         OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
         OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
         OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
         OptionSpec("ancillary", 3, takes_arg=True), OptionSpec("strata", 6, takes_arg=True),
         OptionSpec("frailty", 4, takes_arg=True), OptionSpec("shared", 6, takes_arg=True),
         OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True)]
REFUSED = ("tr", "robust", "cluster", "ancillary", "strata", "frailty", "shared", "noconstant", "offset")
DISTRIBUTIONS = (("exponential", 1), ("weibull", 1), ("gompertz", 3), ("lognormal", 4), ("lnormal", 2),
                 ("loglogistic", 4), ("llogistic", 2), ("gamma", 3))
TITLES = {"exponential": "Exponential regression", "weibull": "Weibull regression"}
HELP = ("streg [indepvars] [if] [in], distribution(exponential|weibull) [nohr time level(#) nolog noshow] : "
        "parametric survival regression on stset data")


def _distribution(opts: dict) -> str:
    from mlmcli.syntax.options import choice_option

    if opts.get("distribution") is None:
        raise StataError("option distribution() required", 198)
    name = choice_option(opts["distribution"], DISTRIBUTIONS, "distribution")
    if name not in ("exponential", "weibull"):
        raise StataError(f"option distribution({name}) not supported by mlmcli", 198)
    return name


def _check(opts: dict) -> None:
    for name in REFUSED:
        if opts.get(name):
            raise StataError(f"option {name}{'' if name in ('tr', 'robust', 'noconstant') else '()'} "
                             "not supported by mlmcli", 198)
    if opts.get("vce") is not None and str(opts["vce"]).strip().lower() != "oim":
        raise StataError(f"option vce({str(opts['vce']).strip()}) not supported by mlmcli", 198)
    if opts.get("time") and opts.get("nohr"):
        raise StataError("options time and nohr may not be combined", 198)


def _labels(design, weibull: bool):
    names = [f"_t:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)]
    return names + (["ln_p:_cons"] if weibull else [])


def fit_streg(session, cmd):
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.sample import mark_sample
    from mlmcli.survival.parametric import ParametricData, fit_parametric

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS)
    dist = _distribution(opts)
    _check(opts)
    if cmd.weight is not None:
        raise StataError("weights not allowed; weights must be set with stset", 101)
    wkind = ds.chars.get("st_wt", "")
    if wkind and wkind != "fweight":
        raise StataError(f"stset {wkind}s not supported by mlmcli's streg", 198)
    w_all = ds.numeric(ds.chars["st_wv"]) if wkind else np.ones(ds.nobs)
    terms = parse_terms(ds, cmd.args) if cmd.args.strip() else []
    sample = np.asarray(mark_sample(session, cmd, term_variables(terms)), bool) & (ds.numeric("_st") == 1)
    if not sample.any():
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, sample, constant=True)
    X = design.X  # the estimable columns, the constant last (as e(b))
    t0, t, d, w = (ds.numeric("_t0")[sample], ds.numeric("_t")[sample], ds.numeric("_d")[sample], w_all[sample])
    control = dict(iterate=integer_option(opts, "iterate", 16000, minimum=0),
                   tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
                   nrtolerance=number_option(opts, "nrtolerance", 1e-5))
    null_res, _ = fit_parametric(ParametricData(t0, t, d, np.ones((len(t), 1)), w, dist), **control)
    res, V = fit_parametric(ParametricData(t0, t, d, X, w, dist), **control)
    return _results(session, cmd, opts, dist, desc, design, sample, X, res, V, null_res, w, d, t, t0, wkind)


def _results(session, cmd, opts, dist, desc, design, sample, X, res, V, null_res, w, d, t, t0, wkind):
    from mlmcli import distributions
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import rows_from_estimates, safe_rank
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.survival import StregResult
    from mlmcli.survival.parametric import time_metric

    weibull = dist == "weibull"
    labels = list(design.labels)
    k = X.shape[1]
    theta, Vt = res.x, V
    aft = bool(opts.get("time"))
    if aft:
        theta, Vt = time_metric(res.x, V, k, weibull)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    b_rows = rows_from_estimates(labels, theta[:k], Vt[:k, :k], level)
    hr_rows = () if aft else rows_from_estimates(labels, theta[:k], Vt[:k, :k], level, eform=True)
    ancillary = natural = ()
    if weibull:
        se = float(np.sqrt(Vt[k, k]))
        (row,) = rows_by_name("/ln_p", theta[k], se, level)
        ancillary = (row,)
        p = float(np.exp(theta[k]))
        natural = (CoefRow("p", p, p * se, float("nan"), float("nan"), float(np.exp(row.ci_lo)),
                           float(np.exp(row.ci_hi))),
                   CoefRow("1/p", 1 / p, se / p, float("nan"), float("nan"), float(np.exp(-row.ci_hi)),
                           float(np.exp(-row.ci_lo))))
    df_m = safe_rank(V[:k - 1, :k - 1]) if k > 1 else 0
    chi2 = 2.0 * (res.f - null_res.f)
    pval = float(distributions.chi2.sf(chi2, df_m)) if df_m else float("nan")
    wv = w if wkind == "fweight" else np.ones(len(t))
    if desc.id:
        _, first = np.unique(session.data.numeric(desc.id)[sample], return_index=True)
        n_sub = float(wv[first].sum())
    else:
        n_sub = float(wv.sum())
    form = "accelerated failure-time form" if aft else "log relative-hazard form"
    log = IterationLog((IterationPhase("Fitting constant-only model:", tuple(null_res.steps)),
                        IterationPhase("Fitting full model:", tuple(res.steps))))
    result = StregResult(description=desc, title=f"{TITLES[dist]} -- {form}", iteration_log=log, n_subjects=n_sub,
                         n_failures=float((wv * d).sum()), time_at_risk=float((wv * (t - t0)).sum()),
                         nobs=int(wv.sum()), df_m=df_m, chi2=chi2, p=pval, loglik=res.f, coefs=b_rows,
                         coefs_hr=hr_rows, ancillary=ancillary, natural=natural, level=level)
    # e(b) over every label (base and omitted levels 0), then ln_p
    names = tuple(f"_t:{lab.name}" for lab in labels) + (("ln_p:_cons",) if weibull else ())
    at = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)] + ([len(labels)] if weibull else [])
    full_b, full_V = np.zeros(len(names)), np.zeros((len(names), len(names)))
    full_b[at], full_V[np.ix_(at, at)] = theta, Vt
    matrices = {"b": Matrix(full_b[None, :], ("y1",), names), "V": Matrix(full_V, names, names)}
    scalars = {"N": float(result.nobs), "N_sub": n_sub, "N_fail": result.n_failures, "risk": result.time_at_risk,
               "ll": res.f, "ll_0": null_res.f, "chi2": chi2, "p": pval, "df_m": float(df_m),
               "k_eq": 2.0 if weibull else 1.0, "k_aux": 1.0 if weibull else 0.0, "converged": float(res.converged),
               "rank": float(safe_rank(Vt)), "level": level}
    if weibull:
        scalars["aux_p"] = float(np.exp(res.x[k]))
    macros = {"cmd": "weibull" if weibull else "ereg", "cmd2": "streg", "cmdline": (cmd.text or "").strip(),
              "depvar": "_t", "t0": "_t0", "title": TITLES[dist], "dead": "_d", "distribution": dist,
              "frm2": "time" if aft else "hazard", "chi2type": "LR", "vce": "oim", "crittype": "log likelihood",
              "predict": "streg_p", "properties": "b V"}
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, "= " + session.data.chars.get("st_wv", "")
    model = _StregFit(theta[:k], Vt[:k, :k], result, matrices, res.x[:k],
                      float(np.exp(res.x[k])) if weibull else 1.0)
    e = EstimationResults(cmd="streg", scalars=scalars, macros=macros, matrices=matrices, result=result,
                          model=model, sample=sample, title=TITLES[dist], design=design)
    e.stamp_sample(session.data)
    return e, opts, res


def rows_by_name(name, b, se, level):
    from mlmcli.postest.coefficient_rows import coefficient_rows, normal_or_t
    from mlmcli.mixed.spec import CoefLabel

    stat, p, lo, hi = normal_or_t(np.array([b]), np.array([se]), level)
    return coefficient_rows([CoefLabel(name)], [b], [se], stat, p, lo, hi)


class _StregFit:
    """predict after streg: xb and stdp of the _t equation in the metric fitted (the constant
    last, as e(b)), and the median survival time of the proportional-hazards fit,
    (ln 2 exp(-x b_ph))^(1/p)."""

    def __init__(self, b, V, result, matrices, b_ph, p):
        self.b, self.V, self._result, self._matrices = b, V, result, matrices
        self.b_ph, self.shape = b_ph, p

    def e_matrices(self):
        return self._matrices["b"], self._matrices["V"]

    def result(self):
        return self._result

    def predict(self, statistic: str, rows) -> np.ndarray:
        from mlmcli.postest.linear_prediction import prediction_se

        X = rows.fixed_design()  # the estimable columns, the constant last
        if statistic == "xb":
            return X @ self.b
        if statistic == "stdp":
            return prediction_se(X, self.V)
        if statistic == "median":
            return (np.log(2.0) * np.exp(-(X @ self.b_ph))) ** (1.0 / self.shape)
        raise StataError(f"option {statistic} not allowed", 198)

    def predict_options(self) -> tuple:
        return (("median", 3, "Predicted median _t"),)

    predict_default = "median"
    predict_default_note = "(option median time assumed; predicted median time)"


def replay(session, e, *, noheader: bool = False, opts: dict | None = None) -> None:
    from mlmcli.render.survival import render_streg

    opts = opts or {}
    hr = e.macros.get("frm2") == "hazard" and not opts.get("nohr")
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    session.print(render_streg(e.result, hr=hr, nolog=True, noshow=noshow, linesize=session.linesize))


def cmd_streg(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.estimation.active import replay_results
    from mlmcli.render.survival import render_streg

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range \
            and not any(o.name.lower().startswith("d") for o in cmd.options):
        return replay(session, replay_results(session, ("streg",)), opts=resolve_options(cmd.options, SPECS))
    e, opts, res = fit_streg(session, cmd)
    session.e = e
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    hr = not opts.get("time") and not opts.get("nohr")
    session.print(render_streg(e.result, hr=hr, nolog=bool(opts.get("nolog")), noshow=noshow,
                               linesize=session.linesize))
    finish(session, e, converged=res.converged, at_limit=res.limit_reached,
           iterate_typed=opts.get("iterate") is not None)
