"""Censored-normal regression ([R] tobit, [R] intreg, Stata's undocumented cnreg), on
``mlmcli.censored_normal``:

    tobit  depvar [indepvars] [if] [in] [weight], ll[(#)] ul[(#)] [noconstant offset(v)
           vce(oim|robust|cluster v|bootstrap|jackknife) level(#) log nolog iterate(#) tolerance(#) ltolerance(#)
           nrtolerance(#)]
    intreg depvar1 depvar2 [indepvars] [if] [in] [weight] [, noconstant offset(v)
           vce(oim|robust|cluster v|bootstrap|jackknife) level(#) nolog log iterate(#) ...]

    cnreg  depvar [indepvars] [if] [in] [weight], censored(varname) [noconstant offset(v) vce() level(#) log]

cnreg (cnreg.ado, still run by Stata 13): censored() < 0 left-censored at y, 0 uncensored, > 0
right-censored at y; otherwise tobit's table, "Censored-normal regression", e(censored) and
e(footnote) censobs_table.  tobit: y <= ll() left-censored, y >= ul() right-censored (``ll``/``ul`` without a number: the
sample's minimum/maximum), no iteration log unless ``log`` (tobit defaults to nolog), t
statistics with e(df_r) = N - df_m (clusters - 1 with vce(cluster)), ``/sigma``.  intreg: depvar1 = depvar2 a point, depvar1
missing left-censored at depvar2, depvar2 missing right-censored at depvar1, otherwise an
interval; both missing drops the observation; ``/lnsigma`` and ``sigma``.  Weights aweights
(scaled to sum to N), fweights, iweights, pweights (robust).  tobit's ``constraints()``
(``nocnsreport``): R (b, sigma) = r, maximised over the free parameters (censored_normal), the
LR test and e(df_m) = e(rank) - 1 - hascons as tobit_14.ado posts them.  intreg's and cnreg's
``constraints()`` and intreg's ``collinear`` are refused.  tobit's and intreg's vce(bootstrap|jackknife
[, ...]) are the prefix on the command (vce_through_prefix.cmd_tobit, cmd_intreg).  The command typed
alone replays (``level()``).  Layout: ``mlmcli.render.censored_regression``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.commands.estimation.convergence import finish, footnote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options
from mlmcli.syntax.settings import setting_value

HELP = {"tobit": "tobit depvar [indepvars] [if] [in] [weight], ll[(#)] ul[(#)] [noconstant offset(v) vce() level(#) "
                 "log] : tobit regression",
        "intreg": "intreg depvar1 depvar2 [indepvars] [if] [in] [weight] [, noconstant offset(v) vce() level(#) "
                  "nolog] : interval regression",
        "cnreg": "cnreg depvar [indepvars] [if] [in] [weight], censored(varname) [noconstant offset(v) vce() "
                 "level(#) log] : censored-normal regression"}
_COMMON = [
    OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("difficult", 4), OptionSpec("constraints", 5, takes_arg=True),
    *display_option_specs(),  # [R] tobit, intreg: display_options, coeflegend
]
_OPTIONS = {"tobit": _COMMON + [OptionSpec("ll", 2, takes_arg=True, arg_optional=True),
                                OptionSpec("ul", 2, takes_arg=True, arg_optional=True), OptionSpec("nocnsreport", 7)],
            "cnreg": _COMMON + [OptionSpec("censored", 3, takes_arg=True)],
            "intreg": _COMMON + [OptionSpec("het", 1, takes_arg=True), OptionSpec("collinear", 3)]}
TITLES = {"tobit": "Tobit regression", "intreg": "Interval regression", "cnreg": "Censored-normal regression"}


@dataclasses.dataclass
class Prepared:
    data: object
    design: object
    sample: np.ndarray
    depvars: tuple[str, ...]
    weight_kind: str | None
    offset_var: str | None
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    limits: tuple[str, str]
    level: float
    het: object = None  # het()'s design (FixedDesign), or None
    censored: str | None = None  # cnreg's censoring variable
    limit_values: tuple = (None, None)  # tobit's ll() and ul() as numbers (predict's scores)
    constraints: object = None  # tobit's constraints(): LinearConstraints over (b, sigma), e(b)'s columns


def censoring_limit(ds, y, text, name: str) -> tuple[float, str]:
    """ll()/ul(): a number (its text for the summary) or, typed bare, the sample's min/max."""
    if text is True or (isinstance(text, str) and not text.strip()):
        v = float(np.min(y) if name == "ll" else np.max(y))
    else:
        try:
            v = float(str(text).strip())
        except ValueError:
            raise StataError(f"option {name}() incorrectly specified", 198) from None
    from mlmcli.render.numfmt import format_number

    return v, format_number(v, "%10.0g").strip()


def _weights(session, cmd, sample):
    from mlmcli.commands.estimation.common import check_marked_weights, evaluate_weight
    from mlmcli.parser import weight_kind

    if cmd.weight is None:
        return None, None
    kind = weight_kind(cmd.weight)
    kind = "aweight" if kind == "weight" else kind
    w = np.asarray(evaluate_weight(session, cmd.weight.exp), float)
    sample &= ~np.isnan(w)
    check_marked_weights(session, cmd, w, kind)
    sample &= w != 0
    return w, kind


def prepare(session, cmd, name: str) -> Prepared:
    """Syntax, sample, weights, design and bounds -> the engine's data."""
    from mlmcli.censored_normal import CensoredData
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce, weight_vars
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS[name])
    for refused in ("constraints", "collinear"):
        if opts.get(refused) is not None and not (refused == "constraints" and name == "tobit"):
            raise StataError(f"option {refused}() not supported by mlmcli with {name}", 198)
    words = cmd.args.split()
    ndep = 2 if name == "intreg" else 1
    if len(words) < ndep:
        raise StataError("varlist required" if not words else "too few variables specified", 100 if not words else 102)
    from mlmcli.commands.estimation.common import operated_depvar

    depvars = tuple(operated_depvar(ds, w) for w in words[:ndep])
    terms = parse_terms(ds, " ".join(words[ndep:])) if len(words) > ndep else []
    if opts.get("noconstant") and not terms:
        raise StataError("independent variables required with noconstant option", 100)
    if name == "tobit" and opts.get("ll") is None and opts.get("ul") is None:
        raise StataError("must specify ll() and/or ul()", 198)
    censor_var = None
    if name == "cnreg":
        if opts.get("censored") is None:
            raise StataError("option censored() required", 198)
        censor_var = variable_option(ds, opts, "censored")
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    offset_var = variable_option(ds, opts, "offset")
    wexp = cmd.weight.exp if cmd.weight is not None else None
    het_terms, het_constant = _het_terms(ds, opts.get("het"))
    rhs = (term_variables(terms) + term_variables(het_terms) + weight_vars(ds, wexp)
           + [v for v in (offset_var, censor_var) if v])
    if name != "intreg":
        sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(list(depvars) + rhs))), dtype=bool)
    else:  # intreg: an observation is dropped only when both bounds are missing
        sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(rhs))), dtype=bool)
        y1, y2 = ds.numeric(depvars[0]), ds.numeric(depvars[1])
        sample &= ~(np.isnan(y1) & np.isnan(y2))
    if clustvar:
        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = _weights(session, cmd, sample)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if not sample.any():
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    n = int(sample.sum())
    limits, limit_values = ("", ""), (None, None)
    if name == "tobit":
        y = ds.numeric(depvars[0])[sample]
        lo, hi = y.copy(), y.copy()
        ll = censoring_limit(ds, y, opts["ll"], "ll") if opts.get("ll") is not None else None
        ul = censoring_limit(ds, y, opts["ul"], "ul") if opts.get("ul") is not None else None
        if ll is not None and ul is not None and ll[0] > ul[0]:
            raise StataError("ll() must be less than ul()", 198)
        if ll is not None:
            lo, hi = np.where(y <= ll[0], -np.inf, lo), np.where(y <= ll[0], ll[0], hi)
        if ul is not None:
            right = y >= ul[0]
            lo, hi = np.where(right, ul[0], lo), np.where(right, np.inf, hi)
        limits = (ll[1] if ll else "", ul[1] if ul else "")
        limit_values = (ll[0] if ll else None, ul[0] if ul else None)
    elif name == "cnreg":
        from mlmcli.censored_normal import censored_bounds

        lo, hi = censored_bounds(ds.numeric(depvars[0])[sample], ds.numeric(censor_var)[sample])
        limits = ("", "")
    else:
        lo = np.where(np.isnan(ds.numeric(depvars[0])), -np.inf, ds.numeric(depvars[0]))[sample]
        hi = np.where(np.isnan(ds.numeric(depvars[1])), np.inf, ds.numeric(depvars[1]))[sample]
        if np.any(lo > hi):
            raise StataError(f"observations with {depvars[0]} > {depvars[1]} not allowed", 498)
    weights = np.ones(n) if w is None else w[sample]
    if kind == "aweight":
        weights = weights * (n / weights.sum())
    offset = np.zeros(n) if offset_var is None else ds.numeric(offset_var)[sample]
    data = CensoredData(lo, hi, design.X, offset, weights)
    cluster = group_codes(ds, clustvar, sample) if vce == "cluster" else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    het = build_design(ds, het_terms, sample, constant=het_constant) if opts.get("het") is not None else None
    cns = None
    if opts.get("constraints") is not None:  # tobit: over e(b)'s model:x ... sigma:_cons (ml's makecns notes)
        from mlmcli.postest.ml_constraints import read_constraints

        names = [f"model:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)] + ["sigma:_cons"]
        cns = read_constraints(session, names, opts["constraints"], note=session.print)
    return Prepared(data, design, sample, depvars, kind, offset_var, vce, clustvar, cluster, limits, level, het,
                    censor_var, limit_values, cns), opts


def _het_terms(ds, text):
    """het(varlist [, noconstant]) -> (terms, constant)."""
    from mlmcli.factor_variables import parse_terms
    from mlmcli.syntax.options import split_options

    if text is None:
        return [], True
    body, options, _ = split_options(str(text))
    extra = resolve_options(options, [OptionSpec("noconstant", 6)])
    if not body.strip():
        raise StataError("varlist required", 100)
    return parse_terms(ds, body), not extra.get("noconstant")


def _fit(prep: Prepared, opts: dict, session):
    from mlmcli.censored_normal import fit_censored_normal

    labels = [lab for lab in prep.design.labels if not (lab.base or lab.omitted)]
    constant = next((j for j, lab in enumerate(labels) if lab.name == "_cons"), None)
    iterate = integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0)
    cns = prep.constraints
    fit = fit_censored_normal(prep.data, constant_index=constant, cluster=prep.cluster,
                              constraints=None if cns is None else (cns.R, cns.r),
                              robust=prep.vce != "oim", frequency=prep.weight_kind == "fweight", iterate=iterate,
                              tolerance=number_option(opts, "tolerance", 1e-6),
                              ltolerance=number_option(opts, "ltolerance", 1e-7),
                              nrtolerance=number_option(opts, "nrtolerance", 1e-5))
    return fit, iterate


def _test(name: str, fit, prep: Prepared, labels, df_r: float, df_m: int):
    """The header's test: LR against the constant-only model (OIM with a constant), otherwise
    Wald (intreg: chi2; tobit: F(df_m, e(df_r)))."""
    from mlmcli.distributions import chi2, f as f_dist
    from mlmcli.mixed.inference import wald_test
    from mlmcli.results.censored_regression import ModelTest

    p = len(fit.b)
    if prep.vce == "oim" and np.isfinite(fit.ll_0):
        stat = 2 * (fit.loglik - fit.ll_0)
        return ModelTest("LR", stat, df_m, float(chi2.sf(stat, df_m)) if df_m > 0 else float("nan"))
    if prep.constraints is not None:  # ml's wald(1): [R] test, dropping what V cannot test
        from mlmcli.glm.inference import constrained_model_test

        w, df, pv = constrained_model_test(labels, fit.b, fit.V[:p, :p])
    else:
        w, df, pv = wald_test(tuple(labels), fit.b, fit.V[:p, :p])
    if name != "intreg":
        stat = w / df if df else float("nan")
        return ModelTest("F", stat, df, float(f_dist.sf(stat, df, df_r)) if df else float("nan"), df_r)
    return ModelTest("Wald", w, df, pv)


def _result(name: str, prep: Prepared, fit, level: float, e_scalars: dict, test):
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.censored_regression import CensoredRegressionResult
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.mixed import CoefRow

    p = len(fit.b)
    df = e_scalars.get("df_r")
    rows = rows_from_estimates(prep.design.labels, fit.b, fit.V[:p, :p], level, df)
    sigma = float(np.exp(fit.lnsigma))
    se_ln = float(np.sqrt(max(fit.V[p, p], 0.0)))
    if name != "intreg":  # /sigma: sigma with the delta-method SE, t-based limits
        (row,) = rows_from_estimates((_label("/sigma"),), np.array([sigma]), np.array([[sigma * sigma * fit.V[p, p]]]),
                                     level, df)
        ancillary, natural = (row,), None
    else:
        (row,) = rows_from_estimates((_label("/lnsigma"),), np.array([fit.lnsigma]), fit.V[p:, p:], level)
        ancillary = (row,)
        from mlmcli.missing import stata_exp  # a diverged lnsigma's limit: missing, not an overflow

        natural = CoefRow("sigma", sigma, sigma * se_ln, float("nan"), float("nan"), stata_exp(row.ci_lo),
                          stata_exp(row.ci_hi))
    phases = ()
    if name == "intreg":
        phases = ((IterationPhase("Fitting constant-only model:", tuple(fit.constant_only.steps)),)
                  if fit.constant_only is not None else ()) + (IterationPhase("Fitting full model:", tuple(fit.full.steps)),)
    else:
        phases = (IterationPhase("", tuple(fit.full.steps)),)
    cluster = (int(e_scalars["N_clust"]), prep.clustvar) if prep.clustvar else None
    if prep.constraints is not None:  # a parameter the constraints fix: b  (constrained)
        from mlmcli.postest.ml_constraints import mark_constrained

        rows, ancillary = mark_constrained(rows), mark_constrained(ancillary)
    return CensoredRegressionResult(
        command=name, title=TITLES[name], depvar=prep.depvars[0] if name != "intreg" else "",
        nobs=int(e_scalars["N"]), rows=rows, ancillary=ancillary, natural=natural, loglik=fit.loglik,
        test=test, pseudo_r2=e_scalars.get("r2_p", float("nan")),
        counts={k: e_scalars[k] for k in ("N_unc", "N_lc", "N_rc")} | {"N_int": e_scalars.get("N_int", 0.0)},
        level=level, stat_label="t" if name != "intreg" else "z", pseudo=prep.vce != "oim", cluster=cluster,
        limits=prep.limits, iteration_log=IterationLog(phases), converged=fit.converged,
        constraint_labels=prep.constraints.labels if prep.constraints is not None else ())


def _label(name: str):
    from mlmcli.mixed.spec import CoefLabel

    return CoefLabel(name)


def run(session, cmd, name: str) -> None:
    from mlmcli.censored_normal import CensoredData, fit_censored_normal
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, (name,))
        return replay(session, e, opts=resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True),
                                                                      *display_option_specs()]))
    prep, opts = prepare(session, cmd, name)
    for note in prep.design.notes:
        session.print(note)
    fit, iterate = _fit(prep, opts, session)
    if prep.het is not None:
        from mlmcli.commands.estimation.censored_het import run_heteroskedastic

        return run_heteroskedastic(session, cmd, prep, opts, fit, iterate,
                                   lambda e, log: render_results(e, log=log,
                                                                 options=table_options_with_notes(session, opts)))
    labels = [lab for lab in prep.design.labels if not (lab.base or lab.omitted)]
    has_constant = any(lab.name == "_cons" for lab in labels)
    frequency = prep.weight_kind == "fweight"
    N = float(prep.data.w.sum()) if frequency else float(len(prep.data.w))
    df_m = len(labels) - (1 if has_constant else 0)
    if prep.constraints is not None:  # tobit_14.ado: e(df_m) = e(rank) - 1 - hascons, the rank _post_vce_rank's
        df_m = int(fit.rank) - 1 - (1 if has_constant else 0)
    if name != "intreg" and not has_constant and prep.vce == "oim":  # the comparison model: sigma alone
        empty = CensoredData(prep.data.lo, prep.data.hi, np.zeros((len(prep.data.w), 0)), prep.data.offset,
                             prep.data.w)
        fit = dataclasses.replace(fit, ll_0=fit_censored_normal(empty, constant_index=None).loglik)
    scalars = {"N": N, **prep.data.counts(frequency), "df_m": float(df_m), "ll": fit.loglik, "k_aux": 1.0,
               "rank": float(fit.rank), "converged": float(fit.converged), "ic": float(len(fit.full.steps) - 1),
               "rc": 0.0}
    # e(df_r): N - df_m; _robust3 with cluster() makes it the clusters less one
    df_r = float(len(np.unique(prep.cluster)) - 1) if prep.clustvar else N - df_m
    test = _test(name, fit, prep, labels, df_r, df_m)
    if name != "intreg":
        scalars["df_r"] = df_r
        scalars.pop("N_int")
        for key, value in (("llopt", prep.limits[0]), ("ulopt", prep.limits[1])):
            if value:
                scalars[key] = float(value)
    if np.isfinite(fit.ll_0):
        scalars["ll_0"] = fit.ll_0
        if name != "intreg":
            scalars["r2_p"] = 1 - fit.loglik / fit.ll_0
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    level = prep.level
    result = _result(name, prep, fit, level, scalars, test)
    e = _estimation_results(session, cmd, name, prep, fit, result, scalars, test)
    session.e = e
    session.print(render_results(e, log=(bool(opts.get("log")) if name != "intreg" else not opts.get("nolog")),
                                 options=table_options_with_notes(session, opts), cnsreport=not opts.get("nocnsreport")))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _estimation_results(session, cmd, name, prep: Prepared, fit, result, scalars: dict, test):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import coefficient_matrices
    from mlmcli.results.matrix import Matrix

    p = len(fit.b)
    b_mat, V_mat = coefficient_matrices(prep.design.labels, fit.b, fit.V[:p, :p])
    model_eq = "model"
    names = [f"{model_eq}:{n}" for n in b_mat.colnames]
    k = len(names)
    anc_name, anc_value = ("sigma:_cons", float(np.exp(fit.lnsigma))) if name != "intreg" else ("lnsigma:_cons",
                                                                                              fit.lnsigma)
    b = np.concatenate([b_mat.values.ravel(), [anc_value]])
    V = np.zeros((k + 1, k + 1))
    V[:k, :k] = V_mat.values
    est = [j for j, lab in enumerate(prep.design.labels) if not (lab.base or lab.omitted)]
    scale = anc_value if name != "intreg" else 1.0  # d sigma / d ln sigma
    with np.errstate(over="ignore", invalid="ignore"):  # sigma near 1e307: its variance past the largest double
        V[est, k] = V[k, est] = fit.V[:p, p] * scale
        V[k, k] = fit.V[p, p] * scale * scale
    V[~(np.abs(V) <= 8.988465674311579e307)] = np.nan
    names.append(anc_name)
    scalars.update({"chi2" if test.kind != "F" else "F": test.stat, "p": test.p, "k": float(k + 1),
                    "k_eq": 2.0, "k_dv": float(len(prep.depvars))})
    if test.kind == "F":
        scalars["chi2"] = test.stat * test.df
    if name == "intreg":
        scalars.update(sigma=float(np.exp(fit.lnsigma)),
                       se_sigma=float(np.exp(fit.lnsigma) * np.sqrt(max(fit.V[p, p], 0.0))), k_eq_model=1.0)
    robust = prep.vce != "oim"
    macros = {"cmd": name, "cmdline": (cmd.text or f"{name} {cmd.args}").strip(), "depvar": " ".join(prep.depvars),
              "title": TITLES[name], "chi2type": "Wald" if test.kind == "Wald" else "LR",
              "vce": "robust" if prep.vce == "robust" else prep.vce, "properties": "b V",
              "predict": f"{name}_p", "crittype": "log pseudolikelihood" if robust else "log likelihood",
              "marginsok": "default XB Pr(passthru) E(passthru) YStar(passthru)"}
    if prep.vce == "cluster":
        macros["vce"] = "cluster"
    robust_macros(macros, robust, prep.clustvar)
    if prep.weight_kind:
        macros["wtype"] = prep.weight_kind
        macros["wexp"] = "= " + cmd.weight.exp
    if prep.offset_var:
        macros["offset"] = prep.offset_var
    if name == "cnreg":
        macros.update(censored=prep.censored, footnote="censobs_table e(N_unc) e(N_lc) e(N_rc)")
    if name == "intreg":
        macros.update(opt="moptimize", ml_method="e2", technique="nr", which="max", ml_score="intrg_ll2")
    from mlmcli.postest.censored_prediction import CensoredPredictions

    model = CensoredPredictions(fit.b, fit.V[:p, :p], float(np.exp(fit.lnsigma)), prep.offset_var,
                                prep.design.labels, ancillary=anc_name, depvar=prep.depvars[0])
    matrices = {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names))}
    if prep.constraints is not None:  # e(Cns) over e(b)'s columns
        from mlmcli.postest.ml_constraints import cns_matrix

        matrices["Cns"] = cns_matrix(prep.constraints, tuple(names), est + [k])
    model.posted = (matrices["b"], matrices["V"])
    if fit.fitted is not None:  # fitted on shifted columns: margins' delta method works there
        from mlmcli.glm.rescaled_fit import labelled_metric

        rescaling, theta, V_fitted = fit.fitted[:3]
        D = np.append(np.ones(p), scale)  # ln sigma -> e(b)'s sigma (tobit) or ln sigma (intreg)
        model.fitted_metric = labelled_metric((rescaling, np.append(theta[:p], anc_value), V_fitted * np.outer(D, D)),
                                              prep.design.labels, 1)
    model.limits, model.censored = prep.limit_values, prep.censored
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result, model=model,
                          sample=prep.sample, title=TITLES[name], design=prep.design)
    e.stamp_sample(session.data)
    return e


def render_results(e, *, log: bool = False, level: float | None = None, options=None, cnsreport: bool = True) -> str:
    from mlmcli.render.censored_regression import render_censored_regression

    result = e.result
    if level is not None and level != result.level:
        result = result_at_level(e, level)
    if options is not None and e.free_parameters():  # tobit under version 15: its coeflegend
        options = dataclasses.replace(options, free_parameters=True)
    return render_censored_regression(result, linesize=80, log=log, options=options, cnsreport=cnsreport)


def result_at_level(e, level: float):
    """The table's limits at another level (from e(b), e(V))."""
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.mixed import CoefRow

    r = e.result
    if r.het_rows:
        return dataclasses.replace(r, rows=_rows_at(e, e.design.labels, 0, level),
                                   het_rows=_rows_at(e, e.model.het[0].labels, len(e.design.labels), level), level=level)
    labels = e.design.labels
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    b_all, V_all = e.matrices["b"].values.ravel(), e.matrices["V"].values
    k = len(labels)
    df = e.scalars.get("df_r")
    rows = rows_from_estimates(labels, b_all[est], V_all[np.ix_(est, est)], level, df)
    (anc,) = rows_from_estimates((_label(r.ancillary[0].name),), b_all[k:], V_all[k:, k:], level, df)
    natural = None
    if r.natural is not None:
        natural = dataclasses.replace(r.natural, ci_lo=float(np.exp(anc.ci_lo)), ci_hi=float(np.exp(anc.ci_hi)))
    return dataclasses.replace(r, rows=rows, ancillary=(anc,), natural=natural, level=level)


def _rows_at(e, labels, start: int, level: float):
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    idx = [start + j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    return rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level)


def replay(session, e, *, opts: dict | None = None) -> None:
    """The results again (the command typed alone; ``estimates replay``), at ``level()``."""
    level = confidence_level(opts or {}, e.result.level)
    session.print(render_results(e, level=level, options=table_options_with_notes(session, opts or {})))
    footnote(session, e)


def cmd_tobit(session, cmd) -> None:
    run(session, cmd, "tobit")


def cmd_intreg(session, cmd) -> None:
    run(session, cmd, "intreg")


def cmd_cnreg(session, cmd) -> None:
    run(session, cmd, "cnreg")
