"""``meqrlogit`` and ``meqrpoisson`` (Stata 13) and their Stata 12 names ``xtmelogit`` and
``xtmepoisson``: the me commands' models fitted by Stata's older QR-decomposition code.

    meqrlogit depvar [indepvars] [if] [in] [, fe_options] || re_equation [|| ...] [, options]

Same models as ``melogit``/``mepoisson`` without weights or vce(); Stata integrates by
mode-curvature adaptive Gauss-Hermite quadrature (7 points per random effect unless
``intpoints(#)``) or the Laplace approximation (``laplace``; assumed, with a note, when an
equation has a factor variable ``R.varname`` and neither ``laplace`` nor ``intpoints()`` is
given -- Stata's ``_xtme_estimate``), so the fit here is the glmm
engine's with ``intmethod(mcaghermite)`` (or ``laplace``): the same maximum-likelihood
estimates.  What differs is the output (``render.meqr_display``: the random effects in
their own table, as ``xtmixed``) and e(): e(b) and e(V) in the estimation metric with
``mixed``'s equation names (``lns1_1_1:_cons`` = ln sd, ``atr1_1_1_2:_cons`` = atanh
corr), e(cmd) the command typed (``xtmelogit`` stays ``xtmelogit``).  The random effects
are shown as variances by meqrlogit/meqrpoisson and as standard deviations by
xtmelogit/xtmepoisson (their Stata 12 default); ``variance``/``stddeviations`` choose.
``predict`` after them: ``render``-free handler ``predict_qr`` below (mu, xb, stdp,
pearson, deviance, anscombe, reffects, reses; the random effects at their posterior
modes, as Stata's meqrlogit_p).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_formats, display_option_specs, label_options, table_options
from mlmcli.commands.estimation.me import (build_spec, end_of_fit, fit_and_log, posted_results, result_at_level,
                                          with_log_line)
from mlmcli.commands.estimation.me_syntax import FE_OPTIONS
from mlmcli.commands.estimation.mixed_syntax import parse_mixed, read_piece
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

# command -> the me command whose model it fits
QR_MODELS = {"meqrlogit": "melogit", "xtmelogit": "melogit", "meqrpoisson": "mepoisson",
             "xtmepoisson": "mepoisson"}
MODEL_WORD = {"melogit": "logistic", "mepoisson": "Poisson"}
EFORM = {"melogit": "or", "mepoisson": "irr"}

REPORTING = [
    OptionSpec("level", 1, takes_arg=True), OptionSpec("variance", 3), OptionSpec("stddeviations", 6),
    OptionSpec("noretable", 5), OptionSpec("nofetable", 5), OptionSpec("noheader", 6),
    OptionSpec("nogroup", 6), OptionSpec("nolrtest", 6), OptionSpec("cformat", 2, takes_arg=True),
    OptionSpec("pformat", 2, takes_arg=True), OptionSpec("sformat", 2, takes_arg=True),
    OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 4), OptionSpec("estmetric", 4),
    # the rest of _xtme_estimate's diopts (_xtme_display hands them to the fixed-effects _coef_table);
    # no constraints() here, so nocnsreport has no report to drop
    OptionSpec("nocnsreport", 6),
]
REPORTING += [o for o in display_option_specs() if o.name not in {r.name for r in REPORTING}]
FITTING = [
    OptionSpec("laplace", 3), OptionSpec("intpoints", 4, takes_arg=True),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3),
    # _xtme_estimate's mlopts: DIFficult -- ml's other stepping in nonconcave regions (glmm.optimize)
    OptionSpec("difficult", 3),
    # how Stata's optimizer parametrises the covariances and refines the random effects:
    # they do not change the estimates, so they are accepted and have nothing to do here
    OptionSpec("matsqrt", 7), OptionSpec("matlog", 6), OptionSpec("retolerance", 5, takes_arg=True),
    OptionSpec("reiterate", 5, takes_arg=True),
    # mle: maximum likelihood is the only method; Stata's engine for xtmelogit/xtmepoisson
    # (_xtme_estimate.ado, whose global options list "MLe"; a copy of Stata's ado tree is in
    # github:opensafely-core/cohort-extractor bin/ado/base/_/_xtme_estimate.ado) accepts it
    # and does nothing with it -- do-files type "xtmelogit ... || year:, mle variance"
    OptionSpec("mle", 2),
    # starting values (_xtme_estimate: FROM(string), REFINEopts(string)); meqr_start
    OptionSpec("from", 4, takes_arg=True), OptionSpec("refineopts", 6, takes_arg=True),
]
NO_EFFECT = ("matsqrt", "matlog", "retolerance", "reiterate", "mle")
DISPLAY = {o.name for o in REPORTING} | {"or", "irr"}


def options_of(command: str) -> list[OptionSpec]:
    model = QR_MODELS[command]
    own = [OptionSpec(EFORM[model], 2)]
    if model == "melogit":
        own.append(OptionSpec("binomial", 3, takes_arg=True))
    return REPORTING + FITTING + own


def _fe_options(command: str) -> list[OptionSpec]:
    keep = ("noconstant", "offset") + (("exposure",) if QR_MODELS[command] == "mepoisson" else ())
    return [o for o in FE_OPTIONS if o.name in keep]


def _points(opts: dict, n_levels: int) -> tuple[int, ...]:
    """intpoints(# [# ...]): one number for every level or one per level (outermost first)."""
    if "intpoints" not in opts:
        return (7,) * n_levels
    words = str(opts["intpoints"]).split()
    try:
        nums = [int(w) for w in words]
    except ValueError:
        raise StataError("intpoints() invalid", 198) from None
    if not nums or any(not 1 <= q <= 195 for q in nums) or len(nums) not in (1, n_levels):
        raise StataError("intpoints() invalid", 198)
    if len(set(nums)) > 1:
        raise StataError("intpoints() with a different number for each level is not available in mlmcli; "
                         "give one number", 198)
    return tuple(nums * n_levels if len(nums) == 1 else nums)


def _metric(command: str, opts: dict) -> str:
    if opts.get("variance") and opts.get("stddeviations"):
        raise StataError("variance and stddeviations may not be specified together", 198)
    if opts.get("variance"):
        return "variance"
    if opts.get("stddeviations"):
        return "sd"
    return "sd" if command.startswith("xtme") else "variance"


# ====================================================================== e()
def _e_matrices(fit):
    """e(b), e(V) in the estimation metric: fixed effects (``depvar:x``, omitted and base
    columns kept as zeros), then the random-effects parameters (``lns#_#_#:_cons``,
    ``atr#_#_#_#:_cons``) as the engine estimates them."""
    from mlmcli.results.matrix import Matrix

    dep = fit.spec.depvar
    names = [f"{dep}:{lab.name}" for lab in fit.labels]
    est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    for lv in fit.model.structure.levels:
        for blk in lv.blocks:
            names += [f"{n}:_cons" for n in blk.cov.est_names()]
    nf, p = len(fit.labels), fit.model.p
    idx = est + list(range(nf, nf + len(fit.theta) - p))
    b = np.zeros(len(names))
    b[idx] = fit.theta
    V = np.zeros((len(names), len(names)))
    V[np.ix_(idx, idx)] = np.nan_to_num(fit.V)
    return Matrix(b[None, :], ("y1",), tuple(names)), Matrix(V, tuple(names), tuple(names))


def estimation_results(command: str, cmdline: str, fit, result, sample, design, *, points, laplace: bool):
    from mlmcli.results.matrix import Matrix

    b, V = _e_matrices(fit)
    levels = fit.model.structure.levels
    eqs = [n.split(":")[0] for n in b.colnames]
    k_f = len(fit.labels)
    scalars = {"N": float(fit.nobs()), "k": float(len(eqs)), "k_f": float(k_f),
               "k_r": float(len(eqs) - k_f), "k_rs": float(sum(e.startswith("lns") for e in eqs)),
               "k_rc": float(sum(e.startswith("atr") for e in eqs)), "ll": fit.loglik,
               "chi2": result.wald_chi2, "p": result.wald_p, "df_m": float(result.wald_df),
               "converged": float(fit.converged), "reparm_rc": 0.0, "rc": 0.0, "level": float(result.level),
               "rank": float(np.linalg.matrix_rank(np.nan_to_num(fit.V))) if fit.V.size else 0.0}
    lr = result.lr_test
    if lr is not None:
        scalars.update(ll_c=lr.ll_single, chi2_c=lr.chi2, df_c=float(lr.df), p_c=lr.p)
    model = QR_MODELS[command]
    macros = {
        "cmd": command, "cmdline": cmdline, "depvar": fit.spec.depvar, "title": result.title,
        "model": MODEL_WORD[model], "method": "ML", "crittype": "log likelihood", "chi2type": "Wald",
        "ivars": " ".join(lv.name for lv in levels),
        "revars": " ".join(n for lv in levels for blk in lv.blocks for n in blk.names),
        "redim": " ".join(str(len(blk.names)) for lv in levels for blk in lv.blocks),
        "vartypes": " ".join(type_name(blk) for lv in levels for blk in lv.blocks),
        "n_quad": " ".join(str(q) for q in points), "properties": "b V",
        "predict": f"{command}_p",
        "estat_cmd": "xtmelogit_estat" if command.startswith("xtme") else f"{command}_estat",
    }
    if laplace:
        macros["laplace"] = "laplace"
    fx = fit.spec.fixed
    if fx.trials_label:
        macros["binomial"] = fx.trials_label
    if fx.offset_name:
        macros["offset"] = fx.offset_name
    mats = {"b": b, "V": V}
    cols = tuple(lv.name for lv in levels)
    for key, attr in (("N_g", "n_groups"), ("g_min", "min"), ("g_avg", "avg"), ("g_max", "max")):
        mats[key] = Matrix(np.array([[float(getattr(g.summary, attr)) for g in result.groups]]), ("r1",), cols)
    return posted_results(command, scalars, macros, mats, result, fit, sample, design)


def type_name(blk) -> str:
    from mlmcli.mixed.random_effects_term import DISPLAY_NAMES
    return DISPLAY_NAMES[blk.cov.kind]


# ====================================================================== display
def display(session, e, opts: dict) -> None:
    from mlmcli.render.meqr_display import render_meqr

    if opts.get("estmetric"):
        raise StataError("option estmetric is not available in mlmcli; the estimation metric is in e(b)", 198)
    model = QR_MODELS[e.cmd]
    eform_opt = EFORM[model]
    other = "irr" if eform_opt == "or" else "or"
    if opts.get(other):
        raise StataError(f"{other} not allowed", 198)
    result = result_at_level(e, confidence_level(opts, e.result.level))
    notes: list[str] = []
    table = table_options(opts, notes)  # _get_diopts; ParseForCformat hands cformat() to the RE table too
    for note in notes:
        session.print(note)
    session.print(render_meqr(
        result, points=tuple(int(q) for q in e.macros["n_quad"].split()), model=MODEL_WORD[model],
        metric=_metric(e.cmd, opts), eform=bool(opts.get(eform_opt)), laplace="laplace" in e.macros,
        binomial=e.macros.get("binomial"), linesize=session.linesize,
        noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
        nofetable=bool(opts.get("nofetable")), noretable=bool(opts.get("noretable")),
        nolrtest=bool(opts.get("nolrtest")), baselevels=table.baselevels,
        options=table))


def replay(session, e, *, noheader: bool = False) -> None:
    """``estimates replay``."""
    display(session, e, {"noheader": noheader})


def _replay(session, command: str, text: str) -> None:
    e = session.e
    if e is None or e.cmd != command or e.result is None:
        raise StataError("last estimates not found", 301)
    opts = resolve_options(read_piece(text).options, options_of(command))
    bad = [k for k in opts if k not in DISPLAY]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    display(session, e, opts)


# ====================================================================== the command
def _refuse_level_weights(text: str) -> None:
    """_mixed_parseifin reads every ``||`` piece with ``syntax [anything] [if] [in] [, *]`` for
    these commands: a weight typed in a random-effects equation is ``weights not allowed`` too."""
    from mlmcli.textscan import split_top

    for piece in split_top(text, "||")[1:]:
        if read_piece(piece).weight is not None:
            raise StataError("weights not allowed", 101)


def _refuse_factor_equations(equations) -> None:
    """_mixed_parsecmd (1.4.0) reads these commands' equations as ``varlist(ts numeric)``: any
    factor-variable notation there (``i.x``, ``c.x``, ``#``) is its r(198), while mixed and
    xtmixed read the same list with ``fv`` (mixed_design.resolve_equation)."""
    from mlmcli.commands.estimation.mixed_equations import factor_re_error
    from mlmcli.factor_terms import uses_factor_variables

    if any(eq.factor_var is None and uses_factor_variables(eq.varlist or "") for eq in equations):
        raise factor_re_error()


def _check_equation_names(session, equations) -> None:
    """Then _mixed_parsecmd's ``varlist(ts fv numeric)``: a name that is no numeric variable is
    ChkNonNumeric's "invalid syntax" r(198), as for mixed (not _me_estimate's "invalid list")."""
    from mlmcli.commands.estimation.mixed_equations import resolve_equation

    for eq in equations:
        resolve_equation(session.data, eq)


def cmd_meqr(session, cmd) -> None:
    """``meqrlogit`` / ``meqrpoisson`` / ``xtmelogit`` / ``xtmepoisson``."""
    command = cmd.name
    text = cmd.args.strip()
    if not text or text.startswith(","):
        return _replay(session, command, text)
    _refuse_level_weights(text)
    # _mixed_parseifin: if/in may be typed in any piece (one of each), as for mixed
    mc = parse_mixed(text, options_of(command), _fe_options(command), sample_anywhere=True)
    if not mc.equations:
        raise StataError("no random-effects equations specified", 198)
    if mc.weight is not None:
        raise StataError("weights not allowed", 101)
    _refuse_factor_equations(mc.equations)
    _check_equation_names(session, mc.equations)
    for eq in mc.equations:
        for name in ("fweight", "pweight"):
            if getattr(eq, name) is not None:
                raise StataError(f"option {name}() not allowed", 198)
    opts = mc.options
    label_options(opts)  # before the fit, as _get_diopts reads fvwrap()/fvwrapon()
    display_formats(opts)  # and confirms cformat() & co. are numeric formats (r(7))
    model = QR_MODELS[command]
    _metric(command, opts)
    if "laplace" in opts and "intpoints" in opts:
        raise StataError("laplace and intpoints() may not be specified together", 198)
    passed = {k: v for k, v in opts.items() if k in ("level", "iterate", "tolerance", "ltolerance",
                                                     "nrtolerance", "binomial")}
    spec, design, sample, notes = build_spec(session, model, dataclasses.replace(mc, options=passed))
    laplace = bool(opts.get("laplace"))
    if not laplace and "intpoints" not in opts and any(t.factor or t.names[0].startswith("R.")
                                                        for t in spec.terms):
        # Stata's _xtme_estimate: an R.varname equation makes the Laplace approximation the default
        laplace = True
        notes = list(notes) + ["", "note: factor variables specified; option laplace assumed"]
    n_levels = len({t.levelvar for t in spec.terms})
    points = (1,) * n_levels if laplace else _points(opts, n_levels)
    spec = dataclasses.replace(spec, intmethod="laplace" if laplace else "mcaghermite", intpoints=points[0],
                               difficult=bool(opts.get("difficult")))
    show_refining = True
    if "from" in opts or "refineopts" in opts:
        from mlmcli.commands.estimation.meqr_start import with_start
        spec, show_refining = with_start(session, spec, design, opts)
    from mlmcli.render.meqr_display import render_qr_iteration_log

    fit, result = fit_and_log(session, spec, list(design.notes) + notes, None if opts.get("nolog") else
                              lambda r: with_log_line(render_qr_iteration_log(r.iteration_log, show_refining),
                                                      r.converged))
    e = estimation_results(command, f"{command} {text}", fit, result, sample, design, points=points,
                           laplace=laplace)
    e.stamp_sample(session.data)
    session.e = e
    display(session, e, {k: v for k, v in opts.items() if k in DISPLAY})
    end_of_fit(session, e, result, spec.fixed.iterate, opts.get("iterate") is not None)
