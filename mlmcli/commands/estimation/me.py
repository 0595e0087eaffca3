"""The ``me`` commands: ``melogit``, ``meprobit``, ``mecloglog``, ``mepoisson``, ``menbreg``,
``meologit``, ``meoprobit`` and ``meglm`` -> ``GLMMSpec`` -> fit -> e() and display.

The command line is read as ``mixed``'s (``mixed_syntax.parse_mixed`` with the me option
tables of ``me_syntax``); the sample, weights, random-effects terms and vce() are
built by the same steps as ``mixed``'s (``mixed.estimation_sample`` ...); the engine is
``mlmcli.glmm``.  e() follows Stata 13's me commands: e(b) with ``depvar:x``,
``cut1:_cons``/``lnalpha:_cons`` and ``var(_cons[school]):_cons`` names, e(N_g) ...
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation import mixed_design as mixed_steps
from mlmcli.commands.estimation.convergence import LOG_LINE, finish, footnote, limit_reached
from mlmcli.commands.estimation.me_syntax import (DISPLAY_OPTIONS, EVALTYPES, FE_OPTIONS, PATH_OPTIONS,
                                                   REFUSED, check_technique, family_choice, global_options)
from mlmcli.commands.estimation.me_display import display
from mlmcli.commands.estimation.mixed_syntax import parse_mixed, read_piece
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.syntax.options import confidence_level, number_option, resolve_options
from mlmcli.syntax.settings import default_iterate, typed_version


# ====================================================================== the engine's input
def _refuse(command: str, opts: dict, fe_opts: dict, fam) -> None:
    for name in REFUSED:
        if name in opts:
            raise StataError(f"option {name}{'()' if opts[name] is not True else ''} not allowed", 198)
    if "technique" in opts:
        check_technique(opts["technique"])
    if "evaltype" in opts and str(opts["evaltype"]).strip().lower() not in EVALTYPES:
        raise StataError(f"evaltype({str(opts['evaltype']).strip()}) invalid", 198)
    if "exposure" in fe_opts and fam.family not in ("poisson", "nbinomial"):
        raise StataError("option exposure() not allowed", 198)
    if "exposure" in fe_opts and "offset" in fe_opts:
        raise StataError("only one of offset() or exposure() can be specified", 198)
    if "asis" in fe_opts and fam.family not in ("bernoulli", "binomial"):
        raise StataError("option asis not allowed", 198)
    if "noconstant" in fe_opts and fam.family == "ordinal":
        # meologit/meoprobit have no noconstant (the cutpoints take the constant's place)
        raise StataError("option noconstant not allowed", 198)


def _check_noasis(fam, y: np.ndarray, design) -> None:
    """gsem's global ``noasis`` (gsem_parse.ado accepts it; what it does is compiled Mata):
    taken only where it cannot matter -- a Bernoulli outcome that no 0/1 column of the fixed
    part predicts perfectly on either of its sides; with a perfect predictor it is refused
    rather than guessed at."""
    if fam.family != "bernoulli":
        raise StataError("option noasis not allowed", 198)
    X = np.asarray(design.X, float)
    names = [lab.name for lab in design.labels if not (lab.base or lab.omitted)]
    for j in range(X.shape[1]):
        col = X[:, j]
        if not np.all((col == 0) | (col == 1)) or col.min() == col.max():
            continue
        for side in (col != 0, col == 0):
            if np.ptp(y[side]) == 0:
                name = names[j] if j < len(names) else f"column {j + 1}"
                raise StataError(f"{name} predicts the outcome perfectly; noasis with a perfect predictor is "
                                 "not implemented in mlmcli", 199)


def _outcome(ds, depvar: str, sample: np.ndarray, fam) -> tuple[np.ndarray, tuple[float, ...]]:
    """y as the engine reads it (ordinal: categories coded 1..K) and the ordinal categories."""
    y = ds.numeric(depvar)[sample]
    if fam.family != "ordinal":
        return y, ()
    cats = tuple(float(c) for c in np.unique(y))
    return np.searchsorted(np.array(cats), y) + 1.0, cats


def _trials(session, ds, typed: str | None, sample: np.ndarray):
    """binomial(varname|#): trials per observation and the text Stata shows."""
    if typed is None:
        return None, None
    try:
        value = float(typed)
    except ValueError:
        label = ds.resolve(typed)
        t = ds.numeric(label)[sample]
        what = f"{label} must contain nonnegative integers"
    else:
        t = np.full(int(np.count_nonzero(sample)), value)
        label, what = typed, "binomial() must be a nonnegative integer"
    if np.any(t < 0) or np.any(t != np.floor(t)):
        raise StataError(what, 459)
    return t, label


def _offset(ds, fe_opts: dict, sample: np.ndarray):
    """offset(varname) or exposure(varname) (its log) on the sample, and its display name."""
    if "offset" in fe_opts:
        var = ds.resolve(str(fe_opts["offset"]).strip())
        return ds.numeric(var)[sample], var, var
    if "exposure" in fe_opts:
        var = ds.resolve(str(fe_opts["exposure"]).strip())
        x = ds.numeric(var)[sample]
        if np.any(x <= 0):
            raise StataError(f"{var} <= 0 in some observations", 459)
        return np.log(x), f"ln({var})", var
    return None, None, None


def _depvar_and_fixed(ds, typed: str, fixed: str) -> tuple[str, str]:
    """The dependent variable and the fixed part's text.  A depvar typed as a wildcard or range
    (``xi: melogit i.y x || g:`` types ``_Iy_* x``) is the first variable of the expanded
    varlist and the others join the fixed part, as syntax's varlist gives them to the command."""
    if not any(c in typed for c in "*?~-"):
        return ds.resolve(typed), fixed
    names = ds.expand_varlist(typed)
    return names[0], " ".join(names[1:] + [fixed]).strip()


def intmethod_choice(opts: dict) -> str | None:
    """intmethod() as typed (abbreviated), or None when not typed."""
    if "intmethod" not in opts:
        return None
    from mlmcli.syntax.options import choice_option

    return choice_option(opts["intmethod"], (("mvaghermite", 2), ("mcaghermite", 2), ("ghermite", 2),
                                             ("laplace", 1)), "intmethod", fold_case=True)


def me_equations(session, mc) -> list:
    """The me commands' random-effects equations (``resolve_equation``): factor-variable terms
    expanded on the if/in rows (_me_estimate's touse when _parse_re runs fvexpand), refused
    under an explicit ``version`` below 16 (``syntax.settings.typed_version``)."""
    version = typed_version(session)
    rows = mixed_steps.mark_sample(session, dataclasses.replace(mc, weight=None), [])
    factors = version is None or version >= 16
    return [mixed_steps.resolve_equation(session.data, eq, rows, factors, me=True) for eq in mc.equations]


def build_spec(session, command: str, mc):
    """(GLMMSpec, fixed design, sample, notes to print) for a parsed me command."""
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.glmm.spec import GLMMSpec

    ds = session.data
    opts, fe_opts = mc.options, mc.fe_options
    fam = family_choice(command, opts)
    _refuse(command, opts, fe_opts, fam)
    from mlmcli.commands.estimation.common import display_formats, label_options
    label_options(opts)  # _get_diopts' fvwrap()/fvwrapon() checks, before the fit
    display_formats(opts)  # and its confirm numeric format of cformat() & co.: r(7) before the fit
    depvar, fixed_text = _depvar_and_fixed(ds, mc.depvar, mc.fixed)
    upper_var = None
    if command == "meintreg":  # depvar_lower depvar_upper
        from mlmcli.commands.estimation.me_censored import interval_depvars
        upper_var, fixed_text = interval_depvars(ds, depvar, fixed_text)
    terms = parse_terms(ds, fixed_text) if fixed_text.strip() else []
    equations = me_equations(session, mc)
    if mc.weight is not None and mc.weight.kind == "iweight":
        raise StataError("iweights not allowed", 101)
    extra = [ds.resolve(str(fe_opts[k]).strip()) for k in ("offset", "exposure") if k in fe_opts]
    if fam.trials is not None:
        try:
            float(fam.trials)
        except ValueError:
            extra.append(ds.resolve(fam.trials))
    sample = mixed_steps.estimation_sample(session, mc, None if upper_var else depvar, terms, equations, extra)
    if upper_var:  # intreg's rule: an observation leaves only when both bounds are missing
        sample &= ~(np.isnan(ds.numeric(depvar)) & np.isnan(ds.numeric(upper_var)))
    weights = mixed_steps.evaluate_weights(session, mc, sample)
    has_pw = weights.has("pweight")
    if has_pw and weights.has("fweight"):
        raise StataError("fweights and pweights may not be combined", 198)
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)
    y, cats = _outcome(ds, depvar, sample, fam)
    censor = {}
    if command in ("metobit", "meintreg"):
        from mlmcli.commands.estimation.me_censored import censoring_bounds
        y, censor = censoring_bounds(ds, command, opts, depvar, upper_var, sample)
    design = build_design(ds, terms, sample, constant=not mc.noconstant and fam.family != "ordinal",
                          absorbed_constant=fam.family == "ordinal")
    if opts.get("noasis"):
        _check_noasis(fam, y, design)
    notes: list[str] = []
    rterms, empty = mixed_steps.random_terms(ds, equations, weights, sample, notes)
    if empty:
        raise StataError("random-effects equation with no variables and noconstant", 198)
    vce, cluster, cluster_var = mixed_steps.vce_setting(session, mc, sample, rterms, has_pw)
    trials, trials_label = _trials(session, ds, fam.trials, sample)
    offset, offset_name, _ = _offset(ds, fe_opts, sample)
    fixed = GLMSpec(
        depvar=depvar, y=y, X=design.X, coef_labels=design.labels, family=fam.family, link=fam.link,
        trials=trials, trials_label=trials_label, dispersion=fam.dispersion, offset=offset,
        offset_name=offset_name, categories=cats,
        fweight=weights.model_part("fweight", sample), pweight=weights.model_part("pweight", sample),
        vce=vce, cluster=cluster, cluster_var=cluster_var,
        level=confidence_level(opts, getattr(session, "level", 95.0)),
        iterate=number_option(opts, "iterate", default_iterate(session, 300), int), tolerance=number_option(opts, "tolerance", 1e-6),
        ltolerance=number_option(opts, "ltolerance", 1e-7), nrtolerance=number_option(opts, "nrtolerance", 1e-5),
        asis=bool(fe_opts.get("asis")), **censor)
    method = intmethod_choice(opts)
    points = 7
    if "intpoints" in opts:
        try:
            points = int(str(opts["intpoints"]).strip())
        except ValueError:
            raise StataError("intpoints() must be an integer", 198) from None
        if method == "laplace":
            raise StataError("option intpoints() not allowed with intmethod(laplace)", 198)
    spec = GLMMSpec(fixed, tuple(rterms), method, points,
                    command=command if command in ("meglm", "metobit", "meintreg") else None,
                    points_typed="intpoints" in opts and points != 1)
    if any(eq.collinear for eq in mc.equations):  # typed after the last ||: the me commands' global option
        opts = dict(opts, collinear=True)
    spec = _constraints_and_start(session, command, opts, spec, design)
    if "startvalues" in opts or "startgrid" in opts:
        from mlmcli.commands.estimation.me_start import start_fields
        spec = dataclasses.replace(spec, **start_fields(opts, spec, design))
    if opts.get("noestimate"):  # gsem's noestimate: the full model's start posted as e(b), not fitted
        spec = dataclasses.replace(spec, noestimate=True)
    path = {field: True for name, field in PATH_OPTIONS if opts.get(name)}
    if path:
        spec = dataclasses.replace(spec, **path)
    return spec, design, sample, notes


def _constraints_and_start(session, command: str, opts: dict, spec, design):
    """collinear, constraints() and from() (``me_constraints``)."""
    from mlmcli.commands.estimation.common import check_collinear_option

    check_collinear_option(opts, design, command)
    X = np.asarray(spec.fixed.X, float).reshape(spec.n, -1)
    if opts.get("collinear") and X.shape[1] and np.linalg.matrix_rank(X) < X.shape[1]:
        # the fixed-effects fit (phase 1) would drop them: common.check_collinear_option's case
        raise StataError(f"{command} option collinear with collinear regressors not supported by mlmcli: "
                         "Stata's ml would iterate on a singular Hessian", 198)
    if opts.get("constraints") is not None or opts.get("from") is not None:
        from mlmcli.commands.estimation import me_constraints

        if opts.get("constraints") is not None:
            spec, _ = me_constraints.with_constraints(session, spec, design, str(opts["constraints"]))
        if opts.get("from") is not None:
            spec = me_constraints.with_start(session, spec, design, str(opts["from"]))
    return spec


# ====================================================================== e()
def estimation_results(command: str, cmdline: str, mc, spec, design, sample, fit, result):
    """``e()`` after an me command with Stata's names."""
    from mlmcli.results.matrix import Matrix

    b, V = fit.e_matrices()
    raw = fit.scalars()
    scalars = {k: float(v) for k, v in raw.items() if not isinstance(v, list)}
    scalars["level"] = float(result.level)
    macros = dict(fit.macros())
    macros.update(cmd=command, cmdline=cmdline, chi2type="Wald", properties="b V",
                  predict="meglm_p", estat_cmd="meglm_estat")
    if fit.robust:
        macros["vcetype"] = "Robust"
    if mc.weight is not None:
        macros["wtype"] = mc.weight.kind
        macros["wexp"] = "= " + mc.weight.exp
    mats = {"b": b, "V": V}
    levels = tuple(g.summary.levelvar for g in result.groups)
    for key in ("N_g", "g_min", "g_avg", "g_max") if levels else ():
        mats[key] = Matrix(np.array([[float(x) for x in raw[key]]]), ("r1",), levels)
    if spec.fixed.family == "ordinal":
        cats = spec.fixed.categories
        mats["cat"] = Matrix(np.array([list(cats)]), ("r1",), tuple(f"c{i + 1}" for i in range(len(cats))))
    return posted_results(command, scalars, macros, mats, result, fit, sample, design)


def posted_results(command: str, scalars: dict, macros: dict, mats: dict, result, fit, sample,
                   design):
    """e() of a GLMM fit: e(sample) is the rows the fit used within ``sample``; the fixed
    design, with the columns the fit dropped omitted (``design_as_fitted``), for margins and
    predict."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import design_as_fitted

    full = np.asarray(sample, bool).copy()
    full[np.flatnonzero(full)] = np.asarray(fit.used, bool)
    return EstimationResults(cmd=command, scalars=scalars, macros=macros, matrices=mats, result=result,
                             model=fit, sample=full, title=result.title,
                             design=design_as_fitted(design, fit.labels))


# ====================================================================== display
def result_at_level(e, level: float):
    """The stored GLMM result, recomputed with confidence intervals at ``level`` if that differs."""
    if level == e.result.level:
        return e.result
    from mlmcli.commands.estimation.replicate_results import replicate_result_at_level

    redone = replicate_result_at_level(e, level)  # after the bootstrap/jackknife prefixes: their V
    if redone is not None:
        return redone
    fit = e.model
    fx = dataclasses.replace(fit.spec.fixed, level=level)
    return dataclasses.replace(fit, spec=dataclasses.replace(fit.spec, fixed=fx)).result()


def replay(session, e, *, noheader: bool = False) -> None:
    """Print stored me results again (``estimates replay``)."""
    display(session, e.cmd, e.result, {"noheader": noheader})
    footnote(session, e)


def _replay(session, command: str, text: str) -> None:
    """``melogit [, display_options]`` with no model: show the last fit again."""
    replay_display(session, command, replay_results(session, (command,)), text)


def replay_display(session, command: str, e, text: str) -> None:
    """The stored me results ``e`` shown again with the display options of ``text``."""
    if e.macros.get("prefix") == "svy":  # _me_display hands svy's results to _prefix_display
        from mlmcli.commands.estimation.survey_me_replay import replay_me

        shown = [o for o in read_piece(text).options  # _me_display's NOLOg and LOg, taken and dropped
                 if o.arg is not None or o.name not in ("nolo", "nolog", "lo", "log")]
        return replay_me(session, e, shown)
    opts = resolve_options(read_piece(text).options, global_options(command))
    bad = [k for k in opts if k not in DISPLAY_OPTIONS]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    result = result_at_level(e, confidence_level(opts, e.result.level))
    display(session, command, result, opts)
    footnote(session, e)


# ====================================================================== the command
def fit_and_log(session, spec, notes, render_log, command: str | None = None):
    """Print the design's notes, fit ``spec`` with the glmm engine, print the fit's notes and
    (unless ``render_log`` is None) the iteration log ``render_log(result)`` makes; (fit, result).
    Shared by the me commands and the front ends over the same engine (meqrlogit, xtlogit, re,
    xtologit, gllamm).  A regressor near 1e9 or scaled by 1e9 is fitted on rescaled columns and
    reported in the user's (``glmm.rescaled_fit``).  ``command``: the name the live progress
    line shows (``fit_progress``; None: the command running)."""
    from mlmcli.fit_progress import iteration_progress
    from mlmcli.glmm.rescaled_fit import fit_glmm_rescaled

    for note in notes:
        session.print(note)
    fx = spec.fixed
    pseudo = fx.vce in ("robust", "cluster") or fx.pweight is not None or any(
        t.pweight is not None for t in spec.terms)
    with iteration_progress(session, command, "log pseudolikelihood" if pseudo else "log likelihood") as on_iteration:
        fit = fit_glmm_rescaled(spec, on_iteration)
        result = fit.result()
    for note in result.notes:
        session.print(note)
    if render_log is not None:
        log = render_log(result)
        if log:
            session.print(log)
    return fit, result


def cmd_me(session, cmd) -> None:
    """``melogit`` ... ``meglm``: parse, build the spec, fit, print, store e()."""
    command = cmd.name
    text = cmd.args.strip()
    if not text or text.startswith(","):
        return _replay(session, command, text)
    # the random-effects equations are optional ([ME] meglm syntax): none fits the plain GLM
    mc = parse_mixed(text, global_options(command), FE_OPTIONS)
    spec, design, sample, notes = build_spec(session, command, mc)
    from mlmcli.render.glmm_display import is_pseudo, render_me_iteration_log

    fit, result = fit_and_log(session, spec, list(design.notes) + notes, None if mc.options.get("nolog") else
                              lambda r: with_log_line(render_me_iteration_log(r.iteration_log, pseudo=is_pseudo(r)),
                                                      r.converged or spec.noestimate))
    if not result.converged:  # _me_display.ado: no LR test of a fit that did not converge
        result = dataclasses.replace(result, lr_test=None)
    e = estimation_results(command, f"{command} {text}", mc, spec, design, sample, fit, result)
    if spec.fixed.censor is not None:  # metobit/meintreg: e(cmd) meglm, e(cmd2) the command
        from mlmcli.commands.estimation.me_censored import post_censored
        post_censored(session, e, command, mc)
    post_constraints(session, e, fit, mc)
    e.stamp_sample(session.data)  # e(sample) follows its rows through sort/keep/drop
    session.e = e
    if spec.noestimate:  # [SEM] gsem estimation options: the starting values, coeflegend style
        display(session, command, result, dict(mc.options, coeflegend=True))
        return
    display(session, command, result, mc.options)
    end_of_fit(session, e, result, spec.fixed.iterate, mc.options.get("iterate") is not None)


def post_constraints(session, e, fit, mc) -> None:
    """e(Cns) over e(b)'s columns, in its metric, when constraints() was typed (svy's too)."""
    if fit.spec.fixed.constraints is not None:
        from mlmcli.commands.estimation.me_constraints import cns_matrix

        e.matrices["Cns"] = cns_matrix(session, fit, str(mc.options["constraints"]))


def with_log_line(log: str, converged: bool) -> str:
    """The iteration log, with ml's ``convergence not achieved`` when the fit stopped short."""
    return log if converged or not log else log + "\n" + LOG_LINE


def end_of_fit(session, e, result, iterate: int, iterate_typed: bool) -> None:
    """ml's end of a glmm fit (``convergence.finish``): the limit is read off the log of the
    full model (its last iteration is the ``iterate``-th)."""
    phases = result.iteration_log.phases
    at_limit = bool(phases) and limit_reached(phases[-1].steps, iterate)
    finish(session, e, converged=result.converged, at_limit=at_limit, iterate_typed=iterate_typed)


def cmd_censored(session, cmd) -> None:
    """``metobit`` / ``meintreg``: the me command's fit with the censored family; typed alone,
    the last fit of the same command shown again (r(301) otherwise)."""
    command = cmd.name
    text = cmd.args.strip()
    if not text or text.startswith(","):
        e = session.e
        if e is None or e.macros.get("cmd2") != command or e.result is None:
            raise StataError("last estimates not found", 301)
        return replay_display(session, command, e, text)
    cmd_me(session, cmd)
