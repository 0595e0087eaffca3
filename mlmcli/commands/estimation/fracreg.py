"""Fractional response regression ([R] fracreg, Stata 14), on ``mlmcli.glm.fractional_response``:

    fracreg {probit|logit} depvar [indepvars] [if] [in] [fw pw iw] [, noconstant offset(v)
            het(varlist[, offset(v)]) vce(robust|cluster v) level(#) or nolog iterate(#) tolerance(#)
            ltolerance(#) nrtolerance(#) notable noheader nocoef display_options]

As fracreg.ado and _fractional_estimates.ado: depvar must vary and lie in [0, 1] ("invalid
outcome variable" r(2000)); the constant-only model is fitted quietly for e(ll_0) (with het()
its variance equation too); the model is fitted from the least-squares start (het(): from the
fit without het() and g = 0) and its log shown; V is always robust (vce(oim) is refused as
Stata refuses it), e(V_modelbased) the inverse negative Hessian.  The Wald test is of the mean
equation's coefficients other than the constant; Pseudo R2 = 1 - ll/ll_0.  ``het()`` is for
probit only, ``or`` for logit only (their messages).  Stata has no ``fracreg hetprobit``
estimator word (CheckEstimator: "hetprobit not a valid estimator" r(198)); e(estimator) is
``hetprobit`` after ``fracreg probit ..., het()``.  Refused (r(198)): constraints(), from(),
score(), vce(bootstrap|jackknife).  Layout: Stata 13's ml display (``render.fractional_response``);
the command typed alone replays.  predict: fracreg_p (``predict_fractional``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"fracreg": "fracreg {probit|logit} depvar [indepvars] [if] [in] [weight] [, het(varlist) noconstant "
                   "offset(v) vce(robust|cluster v) level(#) or] : fractional response regression"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("or", 2), OptionSpec("notable", 5),
            OptionSpec("noheader", 5), OptionSpec("nocoef", 6), *display_option_specs()]
_OPTIONS = [
    OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True), OptionSpec("het", 3, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("difficult", 3), OptionSpec("technique", 4, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 5, takes_arg=True), OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7),
    *_DISPLAY,
]
_ESTIMATORS = (("probit", 2), ("logit", 3))


def _estimator(word: str) -> str:
    from mlmcli.syntax.abbreviation import resolve_choice

    name = resolve_choice(word, _ESTIMATORS) if word else None
    if name is None:
        raise StataError(f"{word} not a valid estimator" if word else "varlist required", 198 if word else 100)
    return name


def het_option(ds, text):
    """het(varlist[, offset(v)]) -> (terms, offset variable or None)."""
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.factor_variables import parse_terms
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(str(text))
    extra = resolve_options(options, [OptionSpec("offset", 3, takes_arg=True)])
    if not body.strip():
        raise StataError("varlist required", 100)
    return parse_terms(ds, body), variable_option(ds, extra, "offset")


def _vce(ds, opts):
    typed = str(opts.get("vce") or "").strip()
    word = typed.split(",")[0].split()[0] if typed else ""
    if word == "oim":
        raise StataError("vcetype oim not allowed; default vcetype for fracreg is robust", 198)
    if word and any(k.startswith(word) for k in ("bootstrap", "jackknife")) and len(word) >= 4:
        raise StataError(f"option vce({word}) not supported by mlmcli with fracreg", 198)
    from mlmcli.commands.estimation.common import sandwich_vce

    return sandwich_vce(ds, opts, "robust")


def _check_outcome(y: np.ndarray, depvar: str) -> None:
    if not np.std(y) > 0:
        raise StataError(f"outcome variable {depvar} does not vary", 2000)
    yf = y.astype(np.float32)
    if np.any(yf > 1) or np.any(yf < 0):
        raise StataError("invalid outcome variable\n    Your outcome variable should contain values inside the "
                         "interval [0,1]", 2000)


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.commands.estimation.ml_binary_common import model_sample
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.fractional_response import FractionalData, fit_fractional, least_squares_start

    words = cmd.args.split(None, 1)
    if not words and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    link = _estimator(words[0] if words else "")
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("constraints", "from", "score"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with fracreg", 198)
    depvar, terms = depvar_and_terms(ds, words[1] if len(words) > 1 else "")
    if link == "logit" and opts.get("het") is not None:
        raise StataError("option het() only valid with probit", 198)
    if link == "probit" and opts.get("or"):
        raise StataError("option or only valid with logit", 198)
    vce, clustvar = _vce(ds, opts)
    offset_var = variable_option(ds, opts, "offset")
    het_terms, het_offset = het_option(ds, opts["het"]) if opts.get("het") is not None else (None, None)
    table = table_options_with_notes(session, opts)
    touse, w, kind = model_sample(session, cmd, [depvar] + term_variables(terms) + [offset_var]
                                  + (term_variables(het_terms) + [het_offset] if het_terms is not None else []),
                                  clustvar)
    y = ds.numeric(depvar)[touse]
    _check_outcome(y, depvar)
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    if design.X.shape[1] == 0:
        raise StataError("no variables in the model", 102)
    het_design = build_design(ds, het_terms, touse, constant=False) if het_terms is not None else None
    n = int(touse.sum())
    weights = np.ones(n) if w is None else w[touse]
    offset = ds.numeric(offset_var)[touse] if offset_var else np.zeros(n)
    Z = het_design.X if het_design is not None else None
    z_off = ds.numeric(het_offset)[touse] if het_offset else None
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    ml = ml_settings(session, opts)
    frequency = kind == "fweight"

    def fit(X, off):
        plain = FractionalData(y, X, off, weights)
        result = fit_fractional(plain, link, least_squares_start(plain), **ml, cluster=cluster, frequency=frequency)
        if Z is None:
            return result
        het = FractionalData(y, X, off, weights, Z, z_off)
        start = np.concatenate([result.theta, np.zeros(Z.shape[1])])
        return fit_fractional(het, link, start, **ml, cluster=cluster, frequency=frequency)

    ll_0 = fit(np.ones((n, 1)), np.zeros(n)).loglik
    full = fit(design.X, offset)
    from mlmcli.commands.estimation.fracreg_results import display, post

    e = post(session, cmd, link, depvar, design, het_design, full, ll_0, touse, kind, vce, clustvar, cluster,
             offset_var, het_offset, confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=full.converged, at_limit=full.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.fracreg_results import display
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, ("fracreg",))
    opts = resolve_options(cmd.options, _DISPLAY)
    if e.macros.get("estimator") == "probit" and opts.get("or"):
        raise StataError("option or only valid with logit", 198)
    display(session, e, opts, log=False)


def cmd_fracreg(session, cmd) -> None:
    run(session, cmd)
