"""Stochastic frontier models ([R] frontier), on ``mlmcli.glm.stochastic_frontier``:

    frontier depvar [indepvars] [if] [in] [fweight iweight] [, distribution(hnormal|exponential|tnormal)
             cost noconstant uhet(varlist[, noconstant]) vhet(varlist[, noconstant]) vce(oim) level(#) nolog iterate(#) tolerance(#) ltolerance(#)
             nrtolerance(#) display_options]

As frontier.ado (Stata 16 tree, read for its behaviour): the sample is marked, the OLS fit of depvar
on indepvars (always with a constant) gives e(ll_c) and the third-moment statistic e(z)/e(p_z);
the start is the method of moments; the model is fitted in (b, lnsig2v, lnsig2u) and displayed
with sigma_v, sigma_u, sigma2 and lambda, then the LR test of sigma_u = 0 (chibar2(01) =
2 (ll - ll_c), p = chi2tail(1, .)/2, 1 when 0).  lambda's SE is the ado's: its diparm passes
the derivative (-sigma_v/2, sigma_u/2) in (lnsig2v, lnsig2u), which mlmcli reproduces.
distribution(tnormal): ``frontier_tnormal`` (no LR test; the third-moment test below the table).
uhet()/vhet(): variance equations (``posted_het``, ``_het_result``).
Refused by name (r(198)): cm(), constraints(), from(), ufrom(), utransformed,
score(), vce() other than oim (and robust/cluster/pweights), weights with tnormal.  The command typed alone replays.  Layout: ``mlmcli.render.frontier``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.missing import stata_exp
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"frontier": "frontier depvar [indepvars] [if] [in] [weight] [, distribution(hnormal|exponential) cost "
                    "noconstant level(#) nolog] : stochastic frontier models"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
_OPTIONS = [
    *_DISPLAY, OptionSpec("distribution", 1, takes_arg=True), OptionSpec("cost", 4), OptionSpec("noconstant", 6),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("difficult", 4), OptionSpec("nodifficult", 6),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("ufrom", 2, takes_arg=True), OptionSpec("cm", 2, takes_arg=True), OptionSpec("uhet", 1, takes_arg=True),
    OptionSpec("vhet", 1, takes_arg=True), OptionSpec("utransformed", 2), OptionSpec("score", 2, takes_arg=True),
    OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7),
]
_TITLES = {"hnormal": "Stoc. frontier normal/half-normal model",
           "exponential": "Stoc. frontier normal/exponential model",
           "tnormal": "Stoc. frontier normal/truncated-normal model"}


def sigmas(theta, dist) -> dict:
    """e(sigma_u), e(sigma_v): from the log variances, or from gamma and sigma2 (tnormal)."""
    if dist != "tnormal":
        return {"sigma_u": float(np.exp(theta[-1] / 2)), "sigma_v": float(np.exp(theta[-2] / 2))}
    g, s2 = 1 / (1 + np.exp(-theta[-2])), np.exp(theta[-1])
    return {"sigma_u": float(np.sqrt(g * s2)), "sigma_v": float(np.sqrt((1 - g) * s2))}


def _distribution(text) -> str:
    """distribution(): hnormal (default), exponential, tnormal by their abbreviations (ParseDist)."""
    from mlmcli.syntax.abbreviation import resolve_choice

    if text is None:
        return "hnormal"
    words = str(text).split()
    chosen = [resolve_choice(w.lower(), (("hnormal", 1), ("exponential", 1), ("tnormal", 1))) for w in words]
    if any(c is None for c in chosen):
        raise StataError(f"distribution({' '.join(w for w, c in zip(words, chosen) if c is None)}) not allowed", 198)
    if len(chosen) > 1:
        raise StataError("distribution() invalid, only one distribution can be specified", 198)
    return chosen[0] if chosen else "hnormal"


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings, model_weights
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.stochastic_frontier import FrontierData, fit_frontier, moment_start
    from mlmcli.sample import mark_sample

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    dist = _distribution(opts.get("distribution"))
    if dist != "tnormal":
        wrong = [n for n, typed in (("ufrom()", "ufrom"), ("utransformed", "utransformed"), ("cm()", "cm"))
                 if opts.get(typed) is not None]
        if wrong:
            listed = wrong[0] if len(wrong) == 1 else (", ".join(wrong[:-1]) + ("," if len(wrong) > 2 else "")
                                                       + " and " + wrong[-1])
            raise StataError(f"{listed} allowed only with truncated-normal models", 198)
    else:
        wrong = [n for n in ("uhet", "vhet") if opts.get(n) is not None]
        if wrong:
            raise StataError(f"{' and '.join(wrong)} not allowed with truncated-normal models", 198)
        for refused in ("cm", "ufrom", "utransformed"):
            if opts.get(refused) is not None:
                typed = refused + ("()" if refused != "utransformed" else "")
                raise StataError(f"option {typed} not supported by mlmcli with frontier", 198)
        if cmd.weight is not None:
            raise StataError("weights with distribution(tnormal) not supported by mlmcli with frontier", 198)
    for refused in ("constraints", "from", "score"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with frontier", 198)
    from mlmcli.syntax.options import STANDARD_VCE_KINDS, refuse_unbuilt_vce

    # frontier.ado: _vce_parse, argopt(CLuster) opt(OIM OPG Robust) old: another type is its refusal
    refuse_unbuilt_vce(opts.get("vce"), STANDARD_VCE_KINDS, [k for k, _ in STANDARD_VCE_KINDS], "frontier")
    vce = str(opts.get("vce") or "oim").strip()
    if opts.get("robust") is not None or opts.get("cluster") is not None or vce not in ("oim", "oi"):
        raise StataError("option vce() other than vce(oim) not supported by mlmcli with frontier", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("varlist required", 102)
    het = {part: _het_option(ds, opts.get(f"{part}het"), part) for part in ("v", "u")}
    table = table_options_with_notes(session, opts)
    het_vars = [v for spec in het.values() if spec for v in term_variables(spec[0])]
    touse = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms) + het_vars), dtype=bool)
    w, kind = model_weights(session, cmd, touse, aweights=False)
    if kind == "pweight":
        raise StataError("pweights not supported by mlmcli with frontier (they imply vce(robust))", 198)
    if not touse.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)
    if np.ptp(y[touse]) == 0:
        raise StataError("dependent variable cannot be constant", 198)
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    n = int(touse.sum())
    weights = np.ones(n) if w is None else w[touse]
    sign = -1 if opts.get("cost") else 1
    if dist == "tnormal":
        from mlmcli.commands.estimation.frontier_tnormal import fit as fit_tnormal

        fit, start = fit_tnormal(y[touse], design.X, np.arange(n), sign, not opts.get("noconstant"),
                                 ml_settings(session, opts))
    else:
        het_designs = {part: build_design(ds, spec[0], touse, constant=spec[1]) if spec else None
                       for part, spec in het.items()}
        for d_het in het_designs.values():
            for note in d_het.notes if d_het else ():
                session.print(note)
        data = FrontierData(y[touse], design.X, weights, sign, dist)
        start = moment_start(data, constant=not opts.get("noconstant"))
        theta0 = _het_start(start.theta, design.X.shape[1], het_designs, weights)
        data.Zv, data.Zu = (het_designs[p].X if het_designs[p] else None for p in ("v", "u"))
        fit = fit_frontier(data, theta0, **ml_settings(session, opts), frequency=kind == "fweight")
    e = _post(session, cmd, depvar, design, fit, start, touse, kind, dist, sign,
              confidence_level(opts, getattr(session, "level", 95.0)),
              het_designs if dist != "tnormal" else {"v": None, "u": None})
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _het_option(ds, text, part):
    """uhet()/vhet(): (terms, constant) or None."""
    if text is None:
        return None
    from mlmcli.commands.estimation.limited_dependent import equation_option

    _, terms, constant, offset = equation_option(ds, text, depvar=False)
    if offset:
        raise StataError(f"option offset() not allowed in {part}het()", 198)
    if not terms and not constant:
        raise StataError(f"{part}het() requires variables with noconstant", 102)
    return terms, constant


def _het_start(theta, k, het_designs, w):
    """frontier.ado's start of a variance equation: the regression of the moment estimate ln(sigma^2)
    (a constant) on its variables."""
    parts = [theta[:k]]
    for j, part in enumerate(("v", "u")):
        value = theta[k + j]
        d = het_designs[part]
        if d is None:
            parts.append([value])
        else:
            sw = np.sqrt(w)
            parts.append(np.linalg.lstsq(d.X * sw[:, None], np.full(len(w), value) * sw, rcond=None)[0])
    return np.concatenate([np.asarray(p, float) for p in parts])


def _post(session, cmd, depvar, design, fit, start, touse, kind, dist, sign, level, het_designs):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix

    extra = ("mu", "ilgtgamma", "lnsigma2") if dist == "tnormal" else ("lnsig2v", "lnsig2u")
    het = "".join(p for p in ("u", "v") if het_designs[p] is not None)
    if het:
        names, b, V, (chi2, df, pval) = posted_het(design, het_designs, fit, depvar)
    else:
        names, b, V, (chi2, df, pval) = posted(design, fit, depvar, extra)
    k = len(names)
    N = float(fit_weights_total(kind, touse, session, cmd))
    chi2_c = max(2 * (fit.loglik - start.ll_ols), 0.0)
    scalars = {"N": N, "ll": fit.loglik, "k": float(k), "k_eq": 3.0, "k_eq_model": 1.0, "k_dv": 1.0,
               "k_aux": 2.0, "df_m": float(df), "chi2": chi2, "p": pval, "ll_c": start.ll_ols, "chi2_c": chi2_c,
               "z": start.z, "p_z": start.p_z, **sigmas(fit.theta, dist), "rank": float(safe_rank(fit.V)),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    title = _TITLES[dist]
    macros = {"cmd": "frontier", "cmdline": (cmd.text or f"frontier {cmd.args}").strip(), "depvar": depvar,
              "title": title, "chi2type": "Wald", "vce": "oim", "opt": "moptimize", "ml_method": "d2",
              "user": {"hnormal": "fron_hn", "exponential": "fron_ex"}.get(dist, "fron_tn"), "technique": "nr",
              "which": "max",
              "crittype": "log likelihood", "properties": "b V", "predict": "fron_p", "dist": dist,
              "function": "cost" if sign < 0 else "production", "het": het}
    macros.update({"cm": ""} if dist == "tnormal" else {
        f"{p}_hetvar": " ".join(lab.name for lab in het_designs[p].labels if lab.name != "_cons")
        if het_designs[p] else "" for p in ("u", "v")})
    if dist == "tnormal" or het:
        del scalars["k_aux"]
    if het:
        scalars["k_eq"] = 3.0
        for key in ("ll_c", "chi2_c", "z", "p_z"):
            del scalars[key]
        for p in het:
            del scalars[f"sigma_{p}"]
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    matrices = {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names))}
    e = EstimationResults(cmd="frontier", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=touse, title=title, design=design)
    e.model = FrontierFit(fit.theta, fit.V, design.labels, dist, sign,
                          IterationLog((IterationPhase("", tuple(fit.steps)),)))
    e.model.het_designs = het_designs
    e.result = _result(e, level)
    e.stamp_sample(session.data)
    return e


def posted(design, fit, depvar, extra):
    """e(b)'s names, e(b), e(V) (zeros at base/omitted columns) and the Wald test of the frontier
    equation's coefficients other than the constant."""
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.coefficient_rows import coefficient_matrices

    p = len(fit.theta) - len(extra)
    b_mat, _ = coefficient_matrices(design.labels, fit.theta[:p], fit.V[:p, :p])
    names = [f"{depvar}:{nm}" for nm in b_mat.colnames] + [f"{eq}:_cons" for eq in extra]
    k = len(names)
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)] + list(range(k - len(extra), k))
    b, V = np.zeros(k), np.zeros((k, k))
    b[est], V[np.ix_(est, est)] = fit.theta, fit.V
    labels = tuple(lab for lab in design.labels if not (lab.base or lab.omitted))
    return names, b, V, wald_test(labels, fit.theta[:p], fit.V[:p, :p])


def posted_het(design, het_designs, fit, depvar):
    """posted() with lnsig2v/lnsig2u equations of their own (uhet()/vhet())."""
    from mlmcli.mixed.inference import wald_test

    names, est, cols = [], [], 0
    for eq, d in ((depvar, design), ("lnsig2v", het_designs["v"]), ("lnsig2u", het_designs["u"])):
        labels = d.labels if d is not None else None
        if labels is None:
            names.append(f"{eq}:_cons")
            est.append(cols)
            cols += 1
            continue
        names += [f"{eq}:{lab.name}" for lab in labels]
        est += [cols + j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
        cols += len(labels)
    k = len(names)
    b, V = np.zeros(k), np.zeros((k, k))
    b[est], V[np.ix_(est, est)] = fit.theta, fit.V
    p = design.X.shape[1]
    labels = tuple(lab for lab in design.labels if not (lab.base or lab.omitted))
    return names, b, V, wald_test(labels, fit.theta[:p], fit.V[:p, :p])


def fit_weights_total(kind, touse, session, cmd) -> float:
    """N: the fweights' sum, else the rows."""
    if kind != "fweight":
        return float(touse.sum())
    from mlmcli.commands.estimation.common import evaluate_weight

    return float(np.asarray(evaluate_weight(session, cmd.weight.exp), float)[touse].sum())


class FrontierFit:
    """What replay and ``predict`` need: the estimates (b, lnsig2v, lnsig2u), V, the design's
    labels, the distribution and the sign S."""

    def __init__(self, theta, V, labels, dist, sign, log):
        self.theta, self.V, self.labels, self.dist, self.sign, self.log = theta, V, labels, dist, sign, log


def transformed_rows(theta, V, level):
    """sigma_v, sigma_u (the interval from lnsig2's, as _diparm of one parameter), sigma2 and
    lambda (symmetric intervals), with frontier.ado's derivatives."""
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.results.mixed import CoefRow

    a, c = theta[-2:]
    Va = V[-2:, -2:]
    (ra, rc) = rows_from_estimates((CoefLabel("a"), CoefLabel("c")), np.array([a, c]), Va, level)
    sv, su = stata_exp(a / 2), stata_exp(c / 2)
    nan = float("nan")
    out = []
    for name, value, grad, row in (("sigma_v", sv, np.array([sv / 2, 0.0]), ra),
                                   ("sigma_u", su, np.array([0.0, su / 2]), rc)):
        se = float(np.sqrt(max(grad @ Va @ grad, 0.0)))
        out.append(CoefRow(name, float(value), se, nan, nan, stata_exp(row.ci_lo / 2), stata_exp(row.ci_hi / 2)))
    z = (rc.ci_hi - c) / rc.se if rc.se > 0 else nan  # the level's critical value
    for name, value, grad in (("sigma2", sv * sv + su * su, np.array([sv * sv, su * su])),
                              ("lambda", su / sv, np.array([-sv / 2, su / 2]))):  # the ado's der() for lambda
        se = float(np.sqrt(max(grad @ Va @ grad, 0.0)))
        out.append(CoefRow(name, float(value), se, nan, nan, float(value - z * se), float(value + z * se)))
    return tuple(out)


def _result(e, level):
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.results.frontier import FrontierResult

    from mlmcli.commands.estimation import frontier_tnormal as tn

    m, s = e.model, e.scalars
    if m.dist == "tnormal":
        p = len(m.theta) - 3
        ancillary, natural = tn.ancillary_rows(m.theta, m.V, level), tn.transformed_rows(m.theta, m.V, level)
        lr, skew = None, (s["z"], s["p_z"], ">" if m.sign < 0 else "<")
    elif e.macros.get("het"):
        return _het_result(e, level)
    else:
        p = len(m.theta) - 2
        ancillary = fixed_rows((CoefLabel("/lnsig2v"), CoefLabel("/lnsig2u")), m.theta[p:], m.V[p:, p:], level)
        natural, skew = transformed_rows(m.theta, m.V, level), None
        lr = (s["chi2_c"], 1.0 if s["chi2_c"] == 0 else 0.5 * float(_chi2_sf(s["chi2_c"])))
    return FrontierResult(
        title=e.macros["title"], depvar=e.macros["depvar"], nobs=s["N"], chi2=s["chi2"], df_m=int(s["df_m"]),
        p=s["p"], loglik=s["ll"], rows=fixed_rows(m.labels, m.theta[:p], m.V[:p, :p], level), ancillary=ancillary,
        natural=natural, lr_test=lr, level=level, iteration_log=m.log, converged=bool(s["converged"]),
        skewness_test=skew)


def _het_result(e, level):
    """uhet()/vhet(): the three equations under their names, then sigma_v or sigma_u of the
    homoskedastic part (its interval transformed); no LR test."""
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.results.frontier import FrontierResult
    from mlmcli.results.mixed import CoefRow

    m, s = e.model, e.scalars
    depvar = e.macros["depvar"]
    blocks, at = [], 0
    for eq, labels in ((depvar, m.labels), ("lnsig2v", _labels(m.het_designs["v"])),
                       ("lnsig2u", _labels(m.het_designs["u"]))):
        n = sum(not (lab.base or lab.omitted) for lab in labels)
        blocks.append((eq, fixed_rows(labels, m.theta[at:at + n], m.V[at:at + n, at:at + n], level), at, n))
        at += n
    natural = []
    for part, (eq, rows, start, n) in (("v", blocks[1]), ("u", blocks[2])):
        if m.het_designs[part] is None:
            (row,) = rows
            se = 0.5 * np.exp(row.coef / 2) * row.se
            natural.append(CoefRow(f"sigma_{part}", float(np.exp(row.coef / 2)), float(se), float("nan"),
                                   float("nan"), stata_exp(row.ci_lo / 2), stata_exp(row.ci_hi / 2)))
    return FrontierResult(
        title=e.macros["title"], depvar=depvar, nobs=s["N"], chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"],
        loglik=s["ll"], rows=blocks[0][1], ancillary=(), natural=tuple(natural), level=level, iteration_log=m.log,
        converged=bool(s["converged"]), equations=tuple((eq, rows) for eq, rows, *_ in blocks[1:]))


def _labels(design):
    from mlmcli.mixed.spec import CoefLabel

    return design.labels if design is not None else (CoefLabel("_cons"),)


def _chi2_sf(x: float) -> float:
    from scipy import stats

    return float(stats.chi2.sf(x, 1))


def show(session, e, opts, result, *, log: bool, table=None) -> None:
    """Print the results (``result(e, level)`` anew at another level()); frontier's and xtfrontier's."""
    from mlmcli.render.frontier import render_frontier

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = result(e, level)
    table = table if table is not None else table_options_with_notes(session, opts)
    session.print(render_frontier(r, linesize=session.linesize, log=log, options=table))


def _display(session, e, opts, *, log: bool, table=None) -> None:
    show(session, e, opts, _result, log=log, table=table)


def replay_typed(session, cmd, command="frontier", result=None) -> None:
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, (command,))
    show(session, e, resolve_options(cmd.options, _DISPLAY), result or _result, log=False)


def cmd_frontier(session, cmd) -> None:
    run(session, cmd)
