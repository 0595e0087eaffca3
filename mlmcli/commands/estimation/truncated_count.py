"""Truncated count models ([R] tpoisson, [R] tnbreg; Stata's older ztp and ztnb), on
``mlmcli.glm.truncated_count``:

    tpoisson depvar [indepvars] [if] [in] [weight] [, ll(#|varname) noconstant exposure(v) offset(v) irr
             vce(oim|robust|cluster v) level(#) nolog iterate(#) ... display_options]
    tnbreg   ... [, ll(#|varname) ... nolrtest]
    ztp      depvar [indepvars] ... [, noconstant exposure(v) offset(v) irr vce() ...]   (ll(0))
    ztnb     ... [, ... nolrtest]

As tpoisson.ado/tnbreg.ado/ztp.ado: ll() defaults to 0; a number must be a nonnegative integer
below every depvar value, a variable nonnegative integers below each depvar value; exposure() must
be positive (r(459)).  tpoisson/ztp: e(ll_0) is the log likelihood at the constant ln(mean y)
(their LikePois, not a fitted constant-only model; none with noconstant, cluster() or pweights:
then a Wald test).  tnbreg/ztnb: the truncated Poisson model is fitted first ("Fitting truncated
Poisson model:", its ll the LR test of alpha = 0; none under a robust VCE or ``nolrtest``), then
the constant-only model (e(ll_0), the LR test) and the full model; dispersion(constant) is
refused.  Weights: fweights, iweights, pweights.  ``constraints()``, ``from()``, ``score()`` and
vce(opg|bootstrap|jackknife) are refused.  Layout: ``mlmcli.render.truncated_count``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.commands.estimation.truncated_count_results import TITLES
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {name: f"{name} depvar [indepvars] [if] [in] [weight] [, {'ll(#|varname) ' if name[0] == 't' else ''}"
              f"noconstant exposure(v) offset(v) irr vce() level(#) nolog] : {TITLES[name].lower()}"
        for name in TITLES}
_OPTIONS = [
    OptionSpec("noconstant", 5), OptionSpec("exposure", 1, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
    OptionSpec("irr", 2), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7),
    *display_option_specs(),
]
_EXTRA = {"tpoisson": [OptionSpec("ll", 2, takes_arg=True)],
          "tnbreg": [OptionSpec("ll", 2, takes_arg=True), OptionSpec("nolrtest", 4),
                     OptionSpec("dispersion", 1, takes_arg=True)],
          "ztp": [], "ztnb": [OptionSpec("nolrtest", 4), OptionSpec("dispersion", 1, takes_arg=True)]}


@dataclasses.dataclass
class Prepared:
    name: str
    depvar: str
    data: object
    design: object
    sample: np.ndarray
    weight_kind: str | None
    offset_name: str
    offset_var: str | None
    exposure: bool
    point_text: str
    point_var: str | None
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    level: float
    opts: dict

    @property
    def nb(self) -> bool:
        return self.name in ("tnbreg", "ztnb")


def _truncation_point(ds, text, y, sample, depvar):
    """ll(): (values, e(llopt) text, the variable or None), checked as tpoisson.ado does."""
    t = str(text).strip()
    if len(t.replace(",", " ").split()) > 1:
        raise StataError("must specify only one argument in ll()", 200)
    try:
        v = float(t)
    except ValueError:
        try:
            name = ds.resolve(t)
        except StataError:
            raise StataError(f"ll({t}) must specify a nonnegative value", 200) from None
        values = ds.numeric(name)
        sample &= ~np.isnan(values)
        vals = values[sample]
        if np.any(vals < 0):
            raise StataError(f"ll({t}) must contain all nonnegative values", 200)
        bad = int(np.sum(vals != np.floor(vals)))
        if bad:
            raise StataError(f"ll({t}) contains {bad} noninteger value{'s' if bad > 1 else ''}", 200)
        if np.any(y[sample] - vals <= 0):
            raise StataError(f"values in {depvar} must be greater than their truncation value specified in ll({t})",
                             459)
        return values, name, name
    if v < 0:
        raise StataError(f"ll({t}) must specify a nonnegative value", 198)
    if v != int(v):
        raise StataError(f"ll({t}) must specify an integer", 198)
    return np.full(ds.nobs, v), t, None


def prepare(session, cmd, name: str) -> Prepared:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, model_weights
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.truncated_count import TruncatedCountData
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS + _EXTRA[name])
    for refused in ("constraints", "from", "score"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with {name}", 198)
    if opts.get("dispersion") is not None and str(opts["dispersion"]).strip() not in ("mean", "m", "me", "mea"):
        raise StataError(f"option dispersion({str(opts['dispersion']).strip()}) not supported by mlmcli with {name}",
                         198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("independent variables required with noconstant option", 102 if name == "tnbreg" else 100)
    offset_var, exposure_var = variable_option(ds, opts, "offset"), variable_option(ds, opts, "exposure")
    if offset_var and exposure_var:
        raise StataError("only one of offset() or exposure() can be specified", 198)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError(f"option vce(opg) not supported by mlmcli with {name}", 198)
    sample = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms)), dtype=bool)
    if clustvar:
        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, sample, aweights=False)
    y = ds.numeric(depvar)
    if name in ("tpoisson", "tnbreg") and opts.get("ll") is not None:
        point, point_text, point_var = _truncation_point(ds, opts["ll"], y, sample, depvar)
    else:
        point, point_text, point_var = np.zeros(ds.nobs), "0", None
    offset = np.zeros(ds.nobs)
    if exposure_var:
        t = ds.numeric(exposure_var)
        if np.any(t[sample] <= 0):
            raise StataError("exposure() must be greater than zero", 459)
        offset = np.log(np.where(t > 0, t, np.nan))
    elif offset_var:
        offset = ds.numeric(offset_var)
    sample &= ~np.isnan(offset)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    count_w = w if kind == "fweight" else np.ones(ds.nobs)
    n = float(count_w[sample].sum())
    if n == 0:
        raise StataError("no observations", 2000)
    if n == 1:
        raise StataError("insufficient observations", 2001)
    ys = y[sample]
    if ys.min() < 0 or (name == "ztp" and ys.min() <= 0):
        raise StataError(f"{depvar} must be greater than zero", 459)
    if name in ("tnbreg", "ztnb") and ys.min() == 0:
        raise StataError(f"some observations on {depvar} are zero, truncated negative binomial model is "
                         "inappropriate", 459)
    if point_var is None and ys.min() <= point[0]:
        raise StataError(f"truncation value specified in ll() must be less than {ys.min():g}, the smallest value "
                         f"in {depvar}", 459)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    weights = np.ones(int(sample.sum())) if w is None else w[sample]
    data = TruncatedCountData(ys, design.X, point[sample], offset[sample], weights)
    cluster = group_codes(ds, clustvar, sample) if vce == "cluster" else None
    return Prepared(name, depvar, data, design, sample, kind,
                    f"ln({exposure_var})" if exposure_var else (offset_var or ""), offset_var or exposure_var,
                    bool(exposure_var), point_text, point_var, vce, clustvar, cluster,
                    confidence_level(opts, getattr(session, "level", 95.0)), opts)


def _weighted_mean_constant(d) -> float:
    """ln(mean y) - ln(mean exp(offset)) (tpoisson.ado's SolveC; weights as aweights)."""
    mean = float(np.average(d.y, weights=d.w))
    return float(np.log(mean) - np.log(np.average(np.exp(d.offset), weights=d.w)))


def fit_all(session, prep: Prepared):
    """-> (full fit, phases, ll_0 or None, the truncated Poisson ll for the alpha test or None)."""
    from mlmcli.glm.truncated_count import TruncatedCountLikelihood, fit_truncated_count
    from mlmcli.results.glmm import IterationPhase

    from mlmcli.commands.estimation.limited_dependent import ml_settings

    d, ml = prep.data, ml_settings(session, prep.opts)
    robust = prep.vce != "oim"
    fit = lambda data, start, nb, variance=False: fit_truncated_count(  # noqa: E731
        data, start, negative_binomial=nb, **ml, robust=variance and robust,
        cluster=prep.cluster if variance else None, frequency=prep.weight_kind == "fweight")
    kx = d.X.shape[1]
    cons = [j for j, lab in enumerate(lab for lab in prep.design.labels if not (lab.base or lab.omitted))
            if lab.name == "_cons"]
    c0 = _weighted_mean_constant(d)
    poisson_start = np.zeros(kx)
    if cons:
        poisson_start[cons[0]] = c0
    phases, ll0, ll_poisson = [], None, None
    if not prep.nb:
        if cons and prep.vce != "cluster" and prep.weight_kind != "pweight":  # LikePois at ln(mean)
            only = dataclasses.replace(d, X=np.ones((len(d.y), 1)))
            ll0 = TruncatedCountLikelihood(only, False).loglik(np.array([c0]))
        full = fit(d, poisson_start, False, True)
        phases.append(IterationPhase("", tuple(full.steps)))
        return full, phases, ll0 if np.isfinite(ll0 or np.nan) else None, None
    poisson = fit(d, poisson_start, False)
    phases.append(IterationPhase("Fitting truncated Poisson model:", tuple(poisson.steps)))
    if not (robust or prep.opts.get("nolrtest")):
        ll_poisson = poisson.loglik
    start = np.concatenate([poisson.theta, [0.0]])
    if cons:
        only = dataclasses.replace(d, X=np.ones((len(d.y), 1)))
        c_fit = fit(only, np.array([c0, 0.0]), True)
        phases.append(IterationPhase("Fitting constant-only model:", tuple(c_fit.steps)))
        ll0 = c_fit.loglik
        start[-1] = c_fit.theta[1]
        if TruncatedCountLikelihood(d, True).loglik(start) <= ll0:  # tnbreg.ado: else the constant-only values
            start = np.zeros(kx + 1)
            start[cons[0]], start[-1] = c_fit.theta
    full = fit(d, start, True, True)
    phases.append(IterationPhase("Fitting full model:", tuple(full.steps)))
    return full, phases, ll0, ll_poisson


def run(session, cmd, name: str) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.truncated_count_results import estimation_results, render_results
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, (name,))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), OptionSpec("irr", 2),
                                             *display_option_specs()])
        session.print(render_results(e, log=False, eform=bool(opts.get("irr")), linesize=session.linesize,
                                     options=table_options_with_notes(session, opts),
                                     level=confidence_level(opts, e.result.level)))
        return
    prep = prepare(session, cmd, name)
    table = table_options_with_notes(session, prep.opts)
    if np.any(prep.data.y != np.floor(prep.data.y)):
        session.print("note: you are responsible for interpretation of noncount dep. variable")
    for note in prep.design.notes:
        session.print(note)
    full, phases, ll0, ll_poisson = fit_all(session, prep)
    e = estimation_results(session, cmd, prep, full, phases, ll0, ll_poisson)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), eform=bool(prep.opts.get("irr")),
                                 linesize=session.linesize, options=table))
    finish(session, e, converged=full.converged, at_limit=full.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)


def cmd_tpoisson(session, cmd) -> None:
    run(session, cmd, "tpoisson")


def cmd_tnbreg(session, cmd) -> None:
    run(session, cmd, "tnbreg")


def cmd_ztp(session, cmd) -> None:
    run(session, cmd, "ztp")


def cmd_ztnb(session, cmd) -> None:
    run(session, cmd, "ztnb")
