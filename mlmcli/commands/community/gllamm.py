"""``gllamm`` (Rabe-Hesketh, Skrondal & Pickles' community command) as a front end over the
glmm engine: the generalized linear mixed models gllamm fits with Gauss-Hermite quadrature.

The command line (``gllamm_syntax``) becomes a ``meglm``-style specification read by the me
commands' steps (``me.build_spec``): ``i(class school)`` (innermost level first) is
``|| school: || class:``; without ``eqs()`` each level has a random intercept; with
``nrf()``/``eqs()`` the variables of the ``eq`` definitions are the level's random effects
(correlated, unstructured; ``nocorrel``: independent).  The integration rule is gllamm's:
``nip(#)`` points per random effect (default 8), ordinary Gauss-Hermite quadrature with nodes
from the prior (``intmethod(ghermite)``), or with ``adapt`` gllamm's adaptive quadrature at
the posterior means and standard deviations (``mvaghermite``), so the log likelihood is the
one gllamm computes.  ``weight(wt)``: frequency weights ``wt1`` (level 1), ``wt2`` (level 2),
...; a missing variable of the stub is a weight of 1 (gllamm's rule).

e() as gllamm posts it: e(b) in gllamm's parametrisation and names (``glmm.cholesky_metric``):
``depvar:x`` ..., ``lns1:_cons`` (Gaussian), per level (innermost first) the standard
deviation ``scho1:_cons`` (random intercept: first four letters of the cluster variable and
the level number less one) or, with ``eqs()``, the Cholesky factor ``sch1_1:cons``,
``sch1_2:x``, ``sch1_2_1:_cons``; e(V) by the delta method from the engine's estimates;
e(N) the weighted number of level-1 units; e(nu), e(cn) (condition number), e(tplv), e(tprf).
thresh(), link(mlogit) with expanded() and init go to ``gllamm_thresh_mlogit``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.community.gllamm_syntax import (OPTIONS, REFUSED, REPLAY_OPTIONS, equation_variables,
                                                     family_link, integer_list, refuse)
from mlmcli.errors import StataError
from mlmcli.syntax.options import confidence_level, resolve_options


@dataclasses.dataclass(frozen=True)
class LevelSpec:
    """One level above the first: its cluster variable and random effects (eq variables;
    empty = random intercept)."""

    cluster: str
    variables: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class GllammModel:
    """What e() and the display need beyond the engine's fit."""

    depvar: str
    levels: tuple[LevelSpec, ...]  # innermost first
    correlated: bool
    family: object  # gllamm_syntax.FamilyLink
    adapt: bool
    nip: int
    weight_stub: str | None
    offset: str | None
    denom: str | None


# ====================================================================== the engine's input
def _levels(session, opts: dict) -> tuple[LevelSpec, ...]:
    from mlmcli.commands.estimation.mixed_equations import resolve_one

    ds = session.data
    clusters = [resolve_one(ds, w) for w in str(opts.get("i", "")).split()]
    if not clusters:
        raise StataError("i() required", 198)
    for c in clusters:
        if ds.is_string(c):
            raise StataError(f"string variables not allowed in i(): {c}", 109)
    nrf = integer_list(opts["nrf"], "nrf") if "nrf" in opts else [1] * len(clusters)
    if len(nrf) != len(clusters):
        raise StataError(f"option nrf() does not contain {len(clusters)} argument(s)", 198)
    eqs = str(opts.get("eqs", "")).split()
    if not eqs:
        if any(n > 1 for n in nrf):
            raise StataError("eqs() option required", 198)
        return tuple(LevelSpec(c, ()) for c in clusters)
    if len(eqs) != sum(nrf):
        raise StataError(f"{len(eqs)} equations specified: {' '.join(eqs)}, need {sum(nrf)}", 198)
    out, k = [], 0
    for c, n in zip(clusters, nrf):
        variables = []
        for name in eqs[k:k + n]:
            found = equation_variables(session, name)
            if len(found) != 1:
                raise StataError(f"gllamm: equation {name} has {len(found)} variables: factor loadings are "
                                 "not available in mlmcli (one variable per random effect)", 198)
            variables.append(found[0])
        k += n
        out.append(LevelSpec(c, tuple(variables)))
    return tuple(out)


def _weights(session, stub: str | None, n_levels: int) -> list[np.ndarray | None]:
    """wt1 ... wt<levels+1> over all rows (None where the variable does not exist)."""
    if stub is None:
        return [None] * (n_levels + 1)
    ds = session.data
    out = [ds.numeric(f"{stub}{k}") if f"{stub}{k}" in ds.varnames else None for k in range(1, n_levels + 2)]
    if all(w is None for w in out):
        raise StataError(f"weight variables {stub} not found", 111)
    return out


def _mixed_command(session, body, opts: dict, levels, fam, weights):
    from mlmcli.commands.estimation.mixed_syntax import MixedCommand, REEquation

    words = body.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if any(("." in w or "#" in w) for w in words):
        raise StataError("factor-variable and time-series operators not allowed", 101)
    equations = []
    for lv in reversed(levels):  # outermost first, as || equations
        if lv.variables:
            cov = ("independent" if opts.get("nocorrel") else "unstructured") if len(lv.variables) > 1 else None
            equations.append(REEquation(levelvar=lv.cluster, varlist=" ".join(lv.variables), noconstant=True,
                                        covariance=cov))
        else:
            equations.append(REEquation(levelvar=lv.cluster))
    family = fam.family
    if fam.family == "binomial":
        family = f"binomial {opts['denom']}" if "denom" in opts else "bernoulli"
    options = {"family": family, "link": fam.link}
    for key in ("iterate", "level"):
        if key in opts:
            options[key] = opts[key]
    fe = {}
    if "offset" in opts:
        fe["offset"] = opts["offset"]
    if opts.get("noconstant"):
        fe["noconstant"] = True
    cond = body.if_exp
    weight_vars = [f"{opts['weightf']}{k + 1}" for k, w in enumerate(weights) if w is not None]
    if weight_vars:  # gllamm marks out rows with a missing weight
        missing = " & ".join(f"!missing({v})" for v in weight_vars)
        cond = f"({cond}) & {missing}" if cond else missing
    return MixedCommand(depvar=words[0], fixed=" ".join(words[1:]), if_exp=cond, in_range=body.in_range,
                        noconstant=bool(opts.get("noconstant")), equations=tuple(equations), options=options,
                        fe_options=fe)


def _with_weights(spec, weights, sample):
    """Frequency weights into the engine's spec: level 1 on the observations, level k on the
    terms of level k (each constant within its groups)."""
    fx = spec.fixed
    if weights[0] is not None:
        fx = dataclasses.replace(fx, fweight=np.asarray(weights[0], float)[sample])
    terms = list(spec.terms)
    for k, term in enumerate(reversed(terms)):  # innermost term = level 2
        w = weights[k + 1]
        if w is None:
            continue
        ws = np.asarray(w, float)[sample]
        first = np.zeros(term.n_groups)
        first[term.group] = ws
        if np.any(first[term.group] != ws):
            raise StataError(f"weight variable {k + 2} not constant within {term.levelvar}", 407)
        terms[len(terms) - 1 - k] = dataclasses.replace(term, fweight=ws)
    if np.any(np.asarray(fx.fweight if fx.fweight is not None else [1.0]) < 0) or any(
            t.fweight is not None and np.any(t.fweight < 0) for t in terms):
        raise StataError("negative weights encountered", 402)
    return dataclasses.replace(spec, fixed=fx, terms=tuple(terms))


def build(session, text: str):
    """(engine spec, fixed design, sample, notes, GllammModel, options) of a gllamm command line."""
    from mlmcli.commands.estimation.me import build_spec
    from mlmcli.commands.estimation.mixed_syntax import read_piece

    body = read_piece(text)
    if body.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(body.options, OPTIONS)
    for spec_ in REFUSED:
        if spec_.name in opts:
            raise refuse(spec_.name)
    if "ip" in opts and str(opts["ip"]).strip() != "g":
        raise StataError(f"gllamm: ip({str(opts['ip']).strip()}) not available in mlmcli (only ip(g), "
                         "Gauss-Hermite quadrature)", 198)
    fam = family_link(opts)
    levels = _levels(session, opts)
    nips = integer_list(opts["nip"], "nip") if "nip" in opts else [8]
    if len(set(nips)) > 1:
        raise StataError("gllamm: a different nip() for each random effect not available in mlmcli; "
                         "give one number", 198)
    if "denom" in opts and fam.family != "binomial":
        session.print(f"option denom({opts['denom']}) given but binomial family not used")
        opts = {k: v for k, v in opts.items() if k != "denom"}
    if fam.family == "ordinal" and opts.get("noconstant"):
        raise StataError("noconstant option not allowed for ordinal links:\nThis is the default because all "
                         "thresholds estimated", 198)
    weights = _weights(session, opts.get("weightf"), len(levels))
    mc = _mixed_command(session, body, opts, levels, fam, weights)
    spec, design, sample, notes = build_spec(session, "meglm", mc)
    for term, lv in zip(reversed(spec.terms), levels):
        if lv.variables and tuple(term.names) != lv.variables:
            raise StataError(f"random effects at level {lv.cluster} are collinear", 459)
    spec = _with_weights(spec, weights, sample)
    spec = dataclasses.replace(spec, intmethod="mvaghermite" if opts.get("adapt") else "ghermite",
                               intpoints=nips[0], command="gllamm")
    model = GllammModel(spec.depvar, levels, not opts.get("nocorrel"), fam, bool(opts.get("adapt")), nips[0],
                        opts.get("weightf"), spec.fixed.offset_name,
                        str(opts["denom"]).strip() if "denom" in opts else None)
    from mlmcli.commands.community.gllamm_start import with_start

    spec = with_start(session, spec, design, model, opts)
    return spec, design, sample, notes, model, opts


# ====================================================================== the command
def cmd_gllamm(session, cmd) -> None:
    """``gllamm depvar [varlist] [if] [in], i(varlist) [options]`` (and its replay)."""
    from mlmcli.commands.estimation.me import fit_and_log
    from mlmcli.commands.community.gllamm_results import estimation_results, iteration_lines
    from mlmcli.render.gllamm_display import adapt_stop_message, render_gllamm_log

    from mlmcli.commands.community import gllamm_thresh_mlogit as thresh_mlogit
    from mlmcli.commands.estimation.mixed_syntax import read_piece

    text = cmd.args.strip()
    if not text or text.startswith(","):
        return _replay(session, text)
    typed = resolve_options(read_piece(text).options, OPTIONS)
    if thresh_mlogit.wanted(typed):  # thresh(), link(mlogit) expanded(), init: their own engine path
        return thresh_mlogit.run(session, text, typed)
    spec, design, sample, notes, model, opts = build(session, text)
    if model.adapt and "iterate" not in opts:  # gllamm's adaptive loop: 150 iterations unless told
        spec = dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, iterate=ADAPT_ITERATE))
    limit = spec.fixed.iterate
    # gllamm hands ml iterate() only when typed (ml's $ML_rc is then 0 at the limit); its
    # adaptive loop stops at iterate() (default 150) with a message and rc 0
    tolerated = model.adapt or "iterate" in opts

    def stopped(r) -> int | None:
        if r.converged or not tolerated or not _at_limit(r, limit):
            return None
        return limit

    fit, result = fit_and_log(session, spec, list(design.notes) + notes, None if opts.get("nolog") else
                              lambda r: render_gllamm_log(iteration_lines(r, model.adapt), model.adapt,
                                                          stopped_at=stopped(r)))
    if not fit.converged and stopped(result) is None:
        # gllamm.ado: ml's failure (or its default limit) ends the command before any results
        raise StataError("(error occurred in ML computation)\n"
                         "(use trace option and check correctness of initial model)", 430)
    if opts.get("nolog") and model.adapt and stopped(result) is not None:
        session.print(adapt_stop_message(limit))  # gllamm displays it whatever the log
    if opts.get("dots"):  # gllamm: a dot per likelihood evaluation; here one per iteration of the engine
        session.print("." * sum(len(ph.steps) for ph in result.iteration_log.phases))
    e = estimation_results(session, f"gllamm {text}", fit, result, model, sample, design)
    e.stamp_sample(session.data)
    session.e = e
    if not opts.get("nodisplay"):
        display(session, e, {k: v for k, v in opts.items() if k in ("eform", "level")})


ADAPT_ITERATE = 150


def _at_limit(result, limit: int) -> bool:
    from mlmcli.commands.estimation.convergence import limit_reached

    phases = result.iteration_log.phases
    return bool(phases) and limit_reached(phases[-1].steps, limit)


def display(session, e, opts: dict) -> None:
    from mlmcli.commands.community import gllamm_thresh_mlogit as thresh_mlogit
    from mlmcli.commands.community.gllamm_results import result_at_level
    from mlmcli.render.gllamm_display import render_gllamm

    level = confidence_level(opts, e.result.level)
    if isinstance(e.model, thresh_mlogit.RowFamilyEstimates):
        result = e.result if level == e.result.level else thresh_mlogit.result_at_level(e, level)
    else:
        result = result_at_level(e, level)
    session.print(render_gllamm(result, eform=bool(opts.get("eform")), linesize=session.linesize))



def replay(session, e) -> None:
    """``estimates replay``."""
    display(session, e, {})


def _replay(session, text: str) -> None:
    from mlmcli.commands.estimation.mixed_syntax import read_piece

    e = session.e
    if e is None or e.cmd != "gllamm" or e.result is None:
        raise StataError("gllamm was not the last command", 301)
    from mlmcli.commands.community import gllamm_robust
    from mlmcli.render.gllamm_display import render_gllamm

    opts = resolve_options(read_piece(text).options, REPLAY_OPTIONS)
    for name in ("allc", "scorefil", "eval"):
        if name in opts:
            raise refuse(name)
    cluster = opts.get("cluster") if isinstance(opts.get("cluster"), str) and opts["cluster"].strip() else None
    if opts.get("robust") or cluster:
        shown, Vr = gllamm_robust.robust_result(session, e, cluster, confidence_level(opts, e.result.level))
        if opts.get("dots"):  # gllarob's dot per batch of clusters whose derivatives it finds
            session.print("." * int(e.model.model.structure.levels[0].G))
        gllamm_robust.post_robust(e, Vr, cluster)
        if not opts.get("nodisplay"):
            session.print(render_gllamm(shown, eform=bool(opts.get("eform")), linesize=session.linesize))
        return
    gllamm_robust.model_based(e)
    if not opts.get("nodisplay"):
        display(session, e, opts)
