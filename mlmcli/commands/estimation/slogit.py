"""Stereotype logistic regression ([R] slogit), dimension(1), on ``mlmcli.glm.stereotype_logit``:

    slogit depvar indepvars [if] [in] [, dimension(1) baseoutcome(#|lbl) level(#) nolog iterate(#)
           tolerance(#) ltolerance(#) nrtolerance(#) display_options]

As slogit.ado: the outcomes are depvar's sorted values (one: r(148); more than 30: r(149)); the
base the last one unless baseoutcome() names a value or label (else r(459)); dimension() between
1 and min(K - 1, #indepvars) (else r(198)); the corner constraint [phi1_<first other outcome>]
= 1.  The start is InitStereo's: mlogit on the standardized covariates (byte variables kept,
mean and sd over every observation, as its unrestricted summarize), phi = (1, .5, ...), b the
least-squares projection of mlogit's slopes, theta mlogit's constants; the fit shown (its log)
is on the standardized covariates, then mapped back (b / sd, theta + phi b'mean).  The table is
ml display's: the coefficients, then /phi1_# rows (the constrained one ``(constrained)``, the
base ``(base outcome)``) and /theta# rows; the constraint listed above it; the Wald test of the
coefficients (waldtest(1)); slogit_footnote's ``(depvar=base is the base outcome)``.

vce(robust|cluster v): ml's sandwich of the scores (N/(N-1) or G/(G-1)).  Not landed and refused
by name: dimension() above 1, weights, vce(bootstrap|jackknife), constraints(), nocorner,
initialize() other than constant, nonormalize, from(), score().  predict: ``predict_slogit``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"slogit": "slogit depvar indepvars [if] [in] [, dimension(1) baseoutcome()] : stereotype logistic regression"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True)]
_REFUSED = ("constraints", "nocorner", "nonormalize", "from", "score")
_OPTIONS = [
    OptionSpec("dimension", 3, takes_arg=True), OptionSpec("baseoutcome", 1, takes_arg=True),
    OptionSpec("initialize", 4, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True),
    OptionSpec("nocorner", 5), OptionSpec("nonormalize", 6), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), *_DISPLAY,
]


def _standardized(ds, design, terms):
    """The design's columns standardized as InitStereo does: (Z, mean, sd) -- a byte variable
    is kept, any other column centred and scaled by its mean and sd over every observation."""
    from mlmcli.factor_variables import evaluate_recipes

    full = evaluate_recipes(ds, design.recipes)
    names = [lab.name for lab in design.labels if not (lab.base or lab.omitted)]
    m, sd = np.zeros(len(names)), np.ones(len(names))
    for j, name in enumerate(names):
        if name in ds.varnames and ds.types.get(name, "") == "byte":
            continue
        col = full[:, j][np.isfinite(full[:, j])]
        scale = float(np.abs(col).max()) if col.size else 0.0  # values near 1e307: sums overflow
        scale = scale if scale > 0 else 1.0
        m[j] = scale * (col / scale).mean() if col.size else 0.0
        s = scale * (col / scale).std(ddof=1) if len(col) > 1 else 0.0
        sd[j] = s if s > 0 and np.isfinite(s) else 1.0
    return (design.X - m) / sd, m, sd


def cmd_slogit(session, cmd) -> None:
    from mlmcli.commands.estimation.choice_common import refuse_unlanded, typed_outcome_index
    from mlmcli.commands.estimation.common import depvar_and_terms, display_option_specs, table_options_with_notes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.commands.estimation.mlogit import outcome_label
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.multinomial import MultinomialSpec, fit_multinomial
    from mlmcli.glm.stereotype_logit import StereotypeLikelihood, fit_stereotype, slogit_start
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import STANDARD_VCE_KINDS, integer_option, refuse_unbuilt_vce

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS + display_option_specs())
    refuse_unlanded(opts, cmd, "slogit", _REFUSED)
    refuse_unbuilt_vce(opts.get("vce"), STANDARD_VCE_KINDS, ("oim", "robust", "cluster"), "slogit")
    from mlmcli.commands.estimation.common import sandwich_vce

    vce, clustvar = sandwich_vce(ds, opts, "oim")
    init = str(opts.get("initialize") or "constant").strip()
    if not (len(init) >= 5 and "constant".startswith(init)):
        raise StataError(f"option initialize({init}) not supported by mlmcli with slogit", 198)
    depvar, terms = depvar_and_terms(session, cmd.args)
    if not terms:
        raise StataError("too few variables specified", 102)
    if ds.is_string(depvar):
        raise StataError("dependent variable is a string variable; use encode to convert it", 108)
    table = table_options_with_notes(session, opts)
    sample = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms)), dtype=bool)
    if clustvar:
        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    if not sample.any():
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, sample, constant=False)
    for note in design.notes:
        session.print(note)
    y = ds.numeric(depvar)[sample]
    values = np.unique(y)
    K, p = len(values), design.X.shape[1]
    if K == 1:
        raise StataError(f"there is only one outcome in {depvar}", 148)
    if K > 30:
        raise StataError(f"there are {K} outcomes in {depvar}; the maximum number of outcomes is 30", 149)
    dim = integer_option(opts, "dimension", 1)
    maxdim = min(K - 1, p)
    if dim <= 0 or dim > maxdim:
        raise StataError(f"dimension() must be a positive integer and cannot exceed {maxdim}; see slogit for a "
                         "definition of the dimension limits", 198)
    if dim > 1:
        raise StataError("option dimension() above 1 not supported by mlmcli with slogit", 198)
    if K < 3:
        raise StataError("slogit in mlmcli needs three or more outcomes", 198)  # decided: phi has no free element
    outcomes = tuple(float(v) for v in values)
    codes = np.searchsorted(values, y)
    base = typed_outcome_index(opts.get("baseoutcome"), ds, depvar, outcomes, K - 1)  # the last outcome
    Z, m, sd = _standardized(ds, design, terms)
    ml = ml_settings(session, opts)
    spec = MultinomialSpec(depvar=depvar, y=codes, outcomes=outcomes, eq_names=tuple(f"o{k}" for k in range(K)),
                           base=base, X=np.column_stack([Z, np.ones(len(codes))]),
                           labels=tuple(design.labels) + (design.labels[0].__class__("_cons"),),
                           **{**ml, "iterate": 50})
    try:
        mfit = fit_multinomial(spec)
    except StataError:
        raise StataError("mlogit initial estimates failed; try using the from() option", 498) from None
    coefs = mfit.theta.reshape(K - 1, p + 1)  # one row per non-base outcome: slopes, _cons
    lik_std = StereotypeLikelihood(Z, codes, base, K)
    with np.errstate(all="ignore"):
        res = fit_stereotype(lik_std, slogit_start(coefs[:, :p], coefs[:, p], K), **ml)
    b_std, phi, th = lik_std.unpack(res.x)
    b = b_std / sd
    shift = float(b @ m)
    others = lik_std.others
    theta = np.concatenate([b, phi[others[1:]], th[others] + phi[others] * shift])
    lik = StereotypeLikelihood(design.X, codes, base, K)
    with np.errstate(all="ignore"):
        _, H = lik.grad_hess(theta)
    from mlmcli.glm.newton import inverse_information

    V = inverse_information(H)
    n_clusters = None
    if vce != "oim":  # ml's sandwich of the scores: N/(N-1), or G/(G-1) over clusters
        from mlmcli.glm.fit import sandwich
        from mlmcli.panel.groups import group_codes

        codes = group_codes(ds, clustvar, sample) if clustvar else None
        V = sandwich(H, lik.scores(theta), codes)
        n_clusters = int(codes.max()) + 1 if codes is not None else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    labels = [outcome_label(ds, depvar, v) or f"{v:g}" for v in outcomes]
    e = _post(session, cmd, depvar, design, lik, theta, V, res, sample, outcomes, labels, base, mfit, level,
              (vce, clustvar, n_clusters))
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=res.converged, at_limit=res.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _post(session, cmd, depvar, design, lik, theta, V, res, sample, outcomes, labels, base, mfit, level,
          variance=("oim", None, None)):
    from mlmcli import distributions as stats
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.matrix import Matrix

    K, p = len(outcomes), design.X.shape[1]
    others = lik.others
    xnames = [lab.name for lab in design.labels if not (lab.base or lab.omitted)]
    names = ([f"dim1:{n}" for n in xnames] + [f"phi1_{k + 1}:_cons" for k in others]
             + [f"theta{k + 1}:_cons" for k in others])
    pos = list(range(p)) + [p + i for i in range(1, K - 1)] + [p + K - 1 + i for i in range(K - 1)]
    b_full = np.zeros(len(names))
    b_full[pos] = theta
    b_full[p] = 1.0  # the corner constraint
    V_full = np.zeros((len(names), len(names)))
    V_full[np.ix_(pos, pos)] = V
    bb, Vb = theta[:p], V[:p, :p]
    finite = bool(np.all(np.isfinite(Vb)) and np.all(np.isfinite(bb)))  # a diverged fit: Wald missing
    chi2 = float(bb @ np.linalg.pinv(Vb) @ bb) if finite else float("nan")
    df = safe_rank(Vb)
    scalars = {"N": float(sample.sum()), "k": float(len(names)), "k_eq": float(1 + 2 * (K - 1)), "k_eq_model": 1.0,
               "df_m": float(df), "ll": res.f, "ll_0": mfit.ll_0, "df_0": float(K - 1), "chi2": chi2,
               "p": float(stats.chi2.sf(chi2, df)) if df else float("nan"), "k_dim": 1.0, "k_indvars": float(p),
               "k_out": float(K), "i_base": float(base + 1), "rank": float(safe_rank(V)),
               "ic": float(max(len(res.steps) - 1, 0)), "rc": 0.0, "converged": float(res.converged)}
    macros = {"cmd": "slogit", "cmdline": (cmd.text or f"slogit {cmd.args}").strip(), "depvar": depvar,
              "title": "Stereotype logistic regression", "chi2type": "Wald", "vce": variance[0], "opt": "moptimize",
              "which": "max", "ml_method": "e2", "user": "slogit_d2", "technique": "nr",
              "crittype": "log pseudolikelihood" if variance[0] != "oim" else "log likelihood",
              "properties": "b V", "predict": "slogit_p", "footnote": "slogit_footnote",
              "marginsnotok": "SCores stdp", "indvars": " ".join(xnames)}
    for k, lab in enumerate(labels, start=1):
        macros[f"out{k}"] = lab
    if variance[0] != "oim":
        macros["vcetype"] = "Robust"
    if variance[1]:
        macros["clustvar"] = variance[1]
        scalars["N_clust"] = float(variance[2])
    cns = np.zeros((1, len(names) + 1))
    cns[0, p], cns[0, -1] = 1.0, 1.0
    matrices = {"b": Matrix(b_full[None, :], ("y1",), tuple(names)), "V": Matrix(V_full, tuple(names), tuple(names)),
                "Cns": Matrix(cns, ("_r1",), tuple(names) + ("_r",)),
                "outcomes": Matrix(np.array(outcomes)[:, None], tuple(f"r{i + 1}" for i in range(K)), ("c1",))}
    e = EstimationResults(cmd="slogit", scalars=scalars, macros=macros, matrices=matrices, model=None, sample=sample,
                          title=macros["title"], design=design)
    from types import SimpleNamespace

    spec = SimpleNamespace(K=K, depvar=depvar, eq_names=tuple(labels), outcomes=tuple(outcomes))
    e.model = _Fit(theta, V, xnames, others, base, K, list(res.steps), spec)
    e.result = _result(e, level)
    e.stamp_sample(session.data)
    return e


class _Fit:
    """The fit as replay and predict see it (``spec``: what mlogit's predict reads: K, depvar,
    equation names -- the outcomes' labels -- and outcome values)."""

    def __init__(self, theta, V, xnames, others, base, K, steps, spec=None):
        self.theta, self.V, self.xnames, self.others, self.base, self.K, self.steps = (theta, V, xnames, others, base,
                                                                                         K, steps)
        self.spec = spec

    def probabilities_at(self, X):
        from mlmcli.glm.stereotype_logit import StereotypeLikelihood

        lik = StereotypeLikelihood(X, np.zeros(len(X), int), self.base, self.K)
        with np.errstate(invalid="ignore"):
            return lik.probabilities(self.theta, X)

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_choice_models import slogit_margins_prediction

        return slogit_margins_prediction(self, options)

    def predict(self, statistic, rows, *, outcome=None):
        if statistic != "pr":
            raise StataError(f"option {statistic} not allowed", 198)
        return self.probabilities_at(rows.fixed_design())[:, 0 if outcome is None else outcome]


def _result(e, level):
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.results.choice_model import StereotypeResult
    from mlmcli.results.glmm import IterationLog, IterationPhase

    m, s = e.model, e.scalars
    p = len(m.xnames)
    main = fixed_rows(tuple(CoefLabel(n) for n in m.xnames), m.theta[:p], m.V[:p, :p], level)
    phi_rows, theta_rows = [], []
    free_phi = fixed_rows(tuple(CoefLabel(f"/phi1_{k + 1}") for k in m.others[1:]), m.theta[p:p + m.K - 2],
                          m.V[p:p + m.K - 2, p:p + m.K - 2], level)
    free_theta = fixed_rows(tuple(CoefLabel(f"/theta{k + 1}") for k in m.others), m.theta[p + m.K - 2:],
                            m.V[p + m.K - 2:, p + m.K - 2:], level)
    it_phi, it_theta = iter(free_phi), iter(free_theta)
    import dataclasses

    for k in range(m.K):
        if k == m.base:  # ml display's diparm __lab__: 0 and a comment (drawn as a fixed row, then relabelled)
            for names, rows in (((f"/phi1_{k + 1}",), phi_rows), ((f"/theta{k + 1}",), theta_rows)):
                row = fixed_rows((CoefLabel(names[0]),), np.zeros(1), np.zeros((1, 1)), level)[0]
                rows.append(dataclasses.replace(row, constrained=True))
            continue
        if k == m.others[0]:
            row = fixed_rows((CoefLabel(f"/phi1_{k + 1}"),), np.ones(1), np.zeros((1, 1)), level)[0]
            phi_rows.append(dataclasses.replace(row, constrained=True))
        else:
            phi_rows.append(next(it_phi))
        theta_rows.append(next(it_theta))
    mac = e.macros
    return StereotypeResult(
        title=mac["title"], depvar=mac["depvar"], nobs=int(s["N"]), chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"],
        loglik=s["ll"], level=level, rows=main, phi_rows=tuple(phi_rows), theta_rows=tuple(theta_rows),
        constraint=f"[phi1_{m.others[0] + 1}]_cons = 1", base_label=mac[f"out{m.base + 1}"],
        base_rows=(f"/phi1_{m.base + 1}", f"/theta{m.base + 1}"), robust="vcetype" in mac,
        cluster=(int(s["N_clust"]), mac["clustvar"]) if "clustvar" in mac else None,
        iteration_log=IterationLog((IterationPhase("", tuple(m.steps)),)))


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.ml_binary_common import show
    from mlmcli.render.stereotype_logit import render_slogit

    show(session, e, opts, _result, render_slogit, log=log, table=table)


def replay(session, e) -> None:
    _display(session, e, {}, log=False)


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.choice_common import replay_typed as replay_command

    replay_command(session, cmd, "slogit", _DISPLAY, _display)
