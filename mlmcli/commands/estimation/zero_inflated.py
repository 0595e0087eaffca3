"""Zero-inflated count models ([R] zip, [R] zinb), on ``mlmcli.glm.zero_inflated``:

    zip  depvar [indepvars] [if] [in] [weight], inflate(varlist[, offset(v) noconstant] | _cons)
         [noconstant exposure(v) offset(v) probit vuong irr vce(oim|robust|cluster v) level(#)
         nolog log iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) difficult display_options]
    zinb depvar [indepvars] ..., inflate(...) [... zip]

As zip.ado/zinb.ado (Stata 16's tree read for names and messages; layouts Stata 13's): depvar < 0
is ``depvar<0 in # obs.`` r(459), all zeros ``depvar never varies; always equal to zero`` r(459),
no zeros the note ``(note: depvar never equal to zero; use poisson instead)``; an exposure() <= 0
or a missing inflation variable drops the row (markout).  With a constant in the count equation
the constant-only model (the count constant and the whole inflation equation) is fitted first
and gives the LR test (Wald under vce(robust|cluster) or pweights, as ml does) and the full
model's start; with ``noconstant``, Poisson (zip) or NB2 (zinb) without inflation gives the
start ("Fitting poisson model:" / "Fitting nbreg model:", a Wald test).  ``vuong``: Vuong's
test against the plain Poisson / negative binomial (Stata 13 needs no forcevuong; with
pweights, iweights or a robust VCE it is refused with Stata 16's forcevuong messages).  zinb's
``zip``: zip is fitted too ("Fitting zip model:") and the LR test of alpha = 0 printed
(not under a robust VCE, as zinb.ado).  ``constraints()``, ``from()``, ``score()`` and
vce(opg|bootstrap|jackknife) are refused.  The command typed alone replays.  Layout:
``mlmcli.render.zero_inflated``; e(): ``zero_inflated_results``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"zip": "zip depvar [indepvars] [if] [in] [weight], inflate(varlist[, offset(v) noconstant]|_cons) "
               "[noconstant exposure(v) offset(v) probit vuong irr vce() level(#) nolog] : zero-inflated Poisson "
               "regression",
        "zinb": "zinb depvar [indepvars] [if] [in] [weight], inflate(varlist[, offset(v) noconstant]|_cons) "
                "[noconstant exposure(v) offset(v) probit vuong zip irr vce() level(#) nolog] : zero-inflated "
                "negative binomial regression"}
_OPTIONS = [
    OptionSpec("inflate", 3, takes_arg=True), OptionSpec("noconstant", 5), OptionSpec("exposure", 3, takes_arg=True),
    OptionSpec("offset", 3, takes_arg=True), OptionSpec("probit"), OptionSpec("vuong"), OptionSpec("irr"),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("constraints", 5, takes_arg=True), OptionSpec("collinear", 3),
    OptionSpec("from", 4, takes_arg=True), OptionSpec("score", 2, takes_arg=True), OptionSpec("nocnsreport", 7),
    *display_option_specs(),
]
_ZINB = [OptionSpec("zip")]


@dataclasses.dataclass
class Prepared:
    name: str
    depvar: str
    data: object  # CountData
    design: object
    inflate_design: object
    sample: np.ndarray
    weight_kind: str | None
    offsets: tuple[str, str]  # e(offset1) (ln(t) for exposure()), e(offset2)
    offset_vars: tuple[str | None, str | None]
    exposure: bool
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    link: str
    level: float
    opts: dict


def _parse_inflate(ds, text):
    """inflate(varlist[, offset(v) noconstant] | _cons) -> (terms, offset variable, constant)."""
    from mlmcli.commands.estimation.limited_dependent import equation_option

    _, terms, constant, offset = equation_option(ds, text, depvar=False)
    if not terms and not constant:
        raise StataError("inflate(): no variables and noconstant: the inflation equation would be empty", 198)
    return terms, offset, constant


def prepare(session, cmd, name: str) -> Prepared:
    from mlmcli.commands.estimation.common import check_collinear_option, group_codes, sandwich_vce, weight_vars
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, model_weights
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.zero_inflated import CountData
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS + (_ZINB if name == "zinb" else []))
    for refused in ("constraints", "from", "score"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with {name}", 198)
    if opts.get("inflate") is None:
        raise StataError("option inflate() required", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError(f"option vce(opg) not supported by mlmcli with {name}", 198)
    offset_var, exposure_var = variable_option(ds, opts, "offset"), variable_option(ds, opts, "exposure")
    if offset_var and exposure_var:
        raise StataError("cannot specify both exposure() and offset()", 198)
    inflate_terms, offset2_var, inflate_constant = _parse_inflate(ds, opts["inflate"])
    wexp = cmd.weight.exp if cmd.weight is not None else None
    used = [depvar] + term_variables(terms) + weight_vars(ds, wexp)
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    if clustvar:
        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, sample, aweights=False)  # zip.ado: aweights only under version < 7
    offset = np.zeros(ds.nobs)
    if exposure_var:
        t = ds.numeric(exposure_var)
        with np.errstate(divide="ignore", invalid="ignore"):
            offset = np.where(t > 0, np.log(np.where(t > 0, t, 1.0)), np.nan)  # ln() of t <= 0: missing, marked out
    elif offset_var:
        offset = ds.numeric(offset_var)
    offset2 = ds.numeric(offset2_var) if offset2_var else np.zeros(ds.nobs)
    sample &= ~np.isnan(offset) & ~np.isnan(offset2)
    for v in term_variables(inflate_terms):  # markout `inflate'
        sample &= ~np.isnan(ds.numeric(v)) if not ds.is_string(v) else np.ones(ds.nobs, bool)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if not sample.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)[sample]
    if np.any(y < 0):
        raise StataError(f"{depvar}<0 in {int(np.sum(y < 0))} obs.", 459)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    inflate_design = build_design(ds, inflate_terms, sample, constant=inflate_constant)
    check_collinear_option(opts, design, name)
    weights = np.ones(len(y)) if w is None else w[sample]
    data = CountData(y, design.X, inflate_design.X, offset[sample], offset2[sample], weights)
    cluster = group_codes(ds, clustvar, sample) if vce == "cluster" else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    offsets = (f"ln({exposure_var})" if exposure_var else (offset_var or ""), offset2_var or "")
    return Prepared(name, depvar, data, design, inflate_design, sample, kind, offsets, (offset_var or exposure_var,
                    offset2_var), bool(exposure_var), vce, clustvar, cluster, "probit" if opts.get("probit") else "logit",
                    level, opts)


def _check_vuong(prep: Prepared) -> None:
    """zip.ado/zinb.ado (Stata 16's forcevuong checks; Stata 13's vuong needs no forcevuong)."""
    if prep.weight_kind not in (None, "fweight"):
        raise StataError(f"vuong may not be specified with {prep.weight_kind}s", 499)
    if prep.vce != "oim":
        raise StataError("The Vuong statistic cannot be computed with constraints(), vce(cluster), or vce(robust)",
                         499)


class _Fitter:
    """The fits a command runs (constant-only, full, comparison models) with one set of ml options."""

    def __init__(self, session, prep: Prepared):
        from mlmcli.commands.estimation.limited_dependent import ml_settings

        self.prep = prep
        self.ml = ml_settings(session, prep.opts)
        self.robust = prep.vce != "oim"

    def fit(self, data, start, nb: bool, *, variance: bool = False):
        from mlmcli.glm.zero_inflated import fit_count_model

        p = self.prep
        return fit_count_model(data, start, negative_binomial=nb, link=p.link, **self.ml,
                               robust=variance and self.robust, cluster=p.cluster if variance else None,
                               frequency=p.weight_kind == "fweight")


def _without_inflation(data):
    return dataclasses.replace(data, Z=None)


def fit_all(session, prep: Prepared):
    """Every fit of the command -> (full fit, phases of the log, ll_0 or None, zip's ll or None,
    the comparison model's per-observation ln f for vuong or None)."""
    from mlmcli.glm.zero_inflated import ZeroInflatedLikelihood, constant_start
    from mlmcli.results.glmm import IterationPhase

    nb = prep.name == "zinb"
    d = prep.data
    f = _Fitter(session, prep)
    kx, kz = d.X.shape[1], d.Z.shape[1]
    extra = [0.0] if nb else []
    phases, ll0, ll_zip = [], None, None
    cons = [j for j, lab in enumerate(_estimable(prep.design)) if lab.name == "_cons"]
    if nb and prep.opts.get("zip") and not f.robust:
        zip_fit = _zip_comparison(f, d, cons)
        phases.append(IterationPhase("Fitting zip model:", tuple(zip_fit.steps)))
        ll_zip = zip_fit.loglik
    if cons:
        if nb:  # zinb.ado: ln(mean y) - mean(offset), ln alpha 0
            b0 = float(np.log(np.average(d.y, weights=d.w)) - np.mean(d.offset))
        else:
            b0 = constant_start(d.y, d.offset, d.w)
        only = dataclasses.replace(d, X=np.ones((len(d.y), 1)))
        c_fit = f.fit(only, np.array([b0] + [0.0] * kz + extra), nb)
        phases.append(IterationPhase("Fitting constant-only model:", tuple(c_fit.steps)))
        ll0 = c_fit.loglik
        start = np.zeros(kx + kz + len(extra))
        start[cons[0]] = c_fit.theta[0]
        start[kx:] = c_fit.theta[1:]
    else:  # noconstant: the plain Poisson / NB2 fit gives the count equation's start
        plain = f.fit(_without_inflation(d), _plain_start(d, nb, cons), nb)
        phases.append(IterationPhase("Fitting nbreg model:" if nb else "Fitting poisson model:", tuple(plain.steps)))
        start = np.concatenate([plain.theta[:kx], np.zeros(kz), plain.theta[kx:]])
    full = f.fit(d, start, nb, variance=True)
    phases.append(IterationPhase("Fitting full model:", tuple(full.steps)))
    vuong = None
    if prep.opts.get("vuong"):
        plain = f.fit(_without_inflation(d), _plain_start(d, nb, cons), nb)
        plain_ll = ZeroInflatedLikelihood(_without_inflation(d), negative_binomial=nb).observations(plain.theta)[0]
        model_ll = ZeroInflatedLikelihood(d, negative_binomial=nb, link=prep.link).observations(full.theta)[0]
        vuong = vuong_statistic(model_ll - plain_ll, d.w if prep.weight_kind == "fweight" else None)
    return full, phases, ll0, ll_zip, vuong


def _estimable(design):
    return [lab for lab in design.labels if not (lab.base or lab.omitted)]


def _plain_start(d, nb: bool, cons) -> np.ndarray:
    """The plain model's start: the count constant at its constant-only value, the rest zero."""
    from mlmcli.glm.zero_inflated import constant_start

    start = np.zeros(d.X.shape[1] + (1 if nb else 0))
    if cons:
        start[cons[0]] = constant_start(d.y, d.offset, d.w)
    return start


def _zip_comparison(f: _Fitter, d, cons):
    """zinb's ``zip`` option: zip with the same equations (its constant-only fit quietly)."""
    from mlmcli.glm.zero_inflated import constant_start

    kx, kz = d.X.shape[1], d.Z.shape[1]
    start = np.zeros(kx + kz)
    if cons:
        only = dataclasses.replace(d, X=np.ones((len(d.y), 1)))
        c_fit = f.fit(only, np.array([constant_start(d.y, d.offset, d.w)] + [0.0] * kz), False)
        start[cons[0]], start[kx:] = c_fit.theta[0], c_fit.theta[1:]
    return f.fit(d, start, False)


def vuong_statistic(m: np.ndarray, fweights: np.ndarray | None) -> float:
    """sqrt(N) mean(m) / sd(m) of m_i = ln(Pr_model(y_i) / Pr_plain(y_i)) (summarize's
    weighted mean and variance with fweights, N their sum)."""
    w = np.ones(len(m)) if fweights is None else fweights
    n = float(w.sum())
    mean = float(w @ m) / n
    var = float(w @ (m - mean) ** 2) / (n - 1) if n > 1 else np.nan
    # m constant (the models agree at every point): zip.ado's mean/sd is missing
    return float(np.sqrt(n) * mean / np.sqrt(var)) if var > 0 else np.nan


def run(session, cmd, name: str) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.zero_inflated_results import estimation_results, render_results
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, (name,))
        return replay(session, e, resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True),
                                                                 OptionSpec("irr", 2), *display_option_specs()]))
    prep = prepare(session, cmd, name)
    if prep.opts.get("vuong"):
        _check_vuong(prep)
    table = table_options_with_notes(session, prep.opts)
    y, w = prep.data.y, prep.data.w
    count_w = w if prep.weight_kind == "fweight" else np.ones(len(y))
    n_zero, nobs = float(count_w[y == 0].sum()), float(count_w.sum())
    if n_zero == nobs:
        raise StataError(f"{prep.depvar} never varies; always equal to zero", 459)
    for note in prep.design.notes + prep.inflate_design.notes:
        session.print(note)
    if n_zero == 0:
        session.print(f"\n(note: {prep.depvar} never equal to zero; use {'poisson' if name == 'zip' else 'nbreg'} "
                      "instead)")
    full, phases, ll0, ll_zip, vuong = fit_all(session, prep)
    e = estimation_results(session, cmd, prep, full, phases, ll0, ll_zip, vuong, nobs, n_zero)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), eform=bool(prep.opts.get("irr")),
                                 options=table, linesize=session.linesize))
    finish(session, e, converged=full.converged, at_limit=full.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)


def replay(session, e, opts: dict | None = None) -> None:
    """The results again (the command typed alone; ``estimates replay``) with level(), irr and
    the display options typed."""
    from mlmcli.commands.estimation.convergence import footnote
    from mlmcli.commands.estimation.zero_inflated_results import render_results

    opts = opts or {}
    level = confidence_level(opts, e.result.level)
    session.print(render_results(e, log=False, eform=bool(opts.get("irr")), level=level,
                                 options=table_options_with_notes(session, opts), linesize=session.linesize))
    footnote(session, e)


def cmd_zip(session, cmd) -> None:
    run(session, cmd, "zip")


def cmd_zinb(session, cmd) -> None:
    run(session, cmd, "zinb")
