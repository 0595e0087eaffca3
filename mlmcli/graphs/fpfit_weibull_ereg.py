"""``twoway fpfit``/``fpfitci`` with ``estcmd(weibull)`` or ``estcmd(ereg)``: fracpoly's normal
form with the old survival commands frac_chk still lists (dist 6), dispatched from
``graphs.fpfit_plot`` through ``graphs.fpfit_xtreg.own_fit`` (``estcmd(cox)``: ``graphs.fpfit_cox``).

weibull.ado (8.2.1; 8.2.2) and ereg.ado (6.4.3; 6.5.4) are still shipped, undocumented, and run without
version control: ``weibull y terms`` is Weibull regression of the time y (every observation a
failure unless ``dead(v)``: v != 0), ``ereg`` the exponential; both fit the accelerated
failure-time form (weibull_s's ``Remetric``, ereg's ``-1 * b``) unless ``hazard`` (or ``hr``).
The same likelihood as streg's (``mlmcli.survival.parametric_fit``; weibull's centring of ln t
and ereg's ``EREGa`` shift e(ll) by a constant, the same for every candidate): the powers by
frac_dv's -2 e(ll), fracpred's ``_predict, xb`` the time (or hazard) equation's index -- the FP
terms times b plus _cons, plus ``offset()`` -- and its stdp; neither posts e(df_r): the normal
quantile.  ``noconstant``: every fit without _cons, the final one on fracgen's centred terms.
``t0(v)``: weibull's delayed entry at v (weibull_s: 0 <= t0 < t, ``weib_lf`` with ln t0); ereg
fits the time t - t0 (ereg.ado's ``realt``), no delayed entry; t0 >= t: r(498), the note.
Weights: the weighted log likelihood -- fweights, pweights (weibull.ado: fw pw iw; aweights
make it fail, the note), and with ereg aweights too, scaled to mean 1 (ereg.ado: fw aw pw iw);
``robust``, ``cluster(v)``, ``vce(robust|cluster v)`` or pweights: ml's sandwich V (sum of the
clusters' weighted score sums' outer products) V times G/(G-1); ``vce(opg)``: ml's
(sum w s s')^-1 (``parametric_fit.opg_variance``); ``vce(oim)`` the default.  Both ado-files hand
mlopts' vce(), constraints() and collinear to ml.  ``collinear``: accepted (fracpoly's terms are
not collinear where fitted, as estcmd(streg)'s).  weibull.ado (8.2.1, Stata 12's and 13's) runs
weibull_s unless noconstant, offset(), strata() or ancillary(), then weibull_c, whose ml fits the
form reported.  ``constraints()``: ml's constrained fit in every fit, over ml's parameters
(``_ml_names``: ``y:__fp1 ...`` in the search, ``y:Ix__1 ...`` in the final fit, strata()'s
``y:_S*``, ``y:_cons``, ``ln_p:...``) in ml's metric: weibull_s's is the hazard form,
re-expressed in the time form after ml (``Remetric``: b_t = -b_h/p; weibull_s 7.5.0 drops its
centring of ln t when a constraint touches _cons, so the uncentred fit here is ml's); ereg's time
form with constraints is ml's own (``ereg2_lf``), its hazard form ``ereg_lf``.  ``strata(v)``
(``xi_indicators``: xi's ``_S*`` added to the covariates, and with weibull to ln_p's equation:
a baseline per stratum; x b at each x with the kept row's stratum, ``strata_for`` for
fracpred's for()); weibull's ``ancillary(varlist [, noconstant])`` (ln_p's equation);
``from()``: ml's starting values (``graphs.fpfit_weibull_ereg_start``); mlopts' maximize
options (``graphs.fpfit_survival_maximize``: technique(bhhh) alone gives vce(opg)); ``score()``: the second
fit fracpoly makes stops on ``confirm new var`` (r(110)), so fracpoly fails.  y <= 0, no
failure, strata() with ancillary(), or an option the command does not have (ereg's
``ancillary()``: mlopts rejects it): it fails inside fracpoly, the note.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.graphs.fpfit_survival_maximize import converged, fit_control, new_control, read_maximize
from mlmcli.syntax.abbreviation import resolve_choice

_REPORTING = (("level", 1), ("nolog", 5), ("log", 3), ("tr", 2), ("nocoef", 5), ("noheader", 5))


def survival_estopts(command: str, typed: list) -> dict:
    """estopts() left after fracpoly's own -> {dead, hazard, ...} (module docstring)."""
    spec = {"dead": None, "hazard": False, "robust": False, "cluster": None, "offset": None, "constant": True,
            "t0": None, "opg": False, "constraints": None, "strata": None, "ancillary": None, "from": None,
            "control": new_control()}
    vce_typed = False
    for option in typed:
        name = option.name
        if resolve_choice(name, (("dead", 1),)) and option.arg:
            spec["dead"] = option.arg.strip()
        elif resolve_choice(name, (("robust", 1),)) and option.arg is None:
            spec["robust"] = True
        elif resolve_choice(name, (("noconstant", 3),)) and option.arg is None:
            spec["constant"] = False
        elif resolve_choice(name, (("offset", 3),)) and option.arg:
            spec["offset"] = option.arg.strip()
        elif resolve_choice(name, (("t0", 2),)) and option.arg:
            spec["t0"] = option.arg.strip()
        elif resolve_choice(name, (("cluster", 2),)) and option.arg:
            spec["cluster"] = option.arg.strip()
        elif resolve_choice(name, (("hazard", 2), ("hr", 2))):
            spec["hazard"] = True
        elif resolve_choice(name, (("vce", 3),)) and option.arg:
            _vce(spec, option.arg)
            vce_typed = True
        elif resolve_choice(name, (("constraints", 5),)) and option.arg:
            spec["constraints"] = option.arg
        elif resolve_choice(name, (("strata", 2),)) and option.arg:
            spec["strata"] = option.arg.strip()
        elif command == "weibull" and resolve_choice(name, (("ancillary", 3),)) and option.arg:
            spec["ancillary"] = option.arg
        elif resolve_choice(name, (("from", 4),)) and option.arg:
            spec["from"] = option.arg
        elif resolve_choice(name, (("score", 2),)):  # each fit writes them: the second stops (r(110))
            raise FracpolyFailed("variable already defined")
        elif resolve_choice(name, (("collinear", 3),)) and option.arg is None:
            continue  # fracpoly's terms are not collinear where fitted
        elif read_maximize(option, spec["control"], FracpolyFailed):  # mlopts: graphs.fpfit_survival_maximize
            continue
        elif resolve_choice(name, _REPORTING):
            continue
        else:  # an option the command does not have (ereg's ancillary()): it fails inside fracpoly
            raise FracpolyFailed(not_allowed_text(name, option.arg))
    if spec["strata"] and spec["ancillary"]:  # weibull_c: r(198)
        raise FracpolyFailed("options strata() and ancillary() may not be specified together")
    if spec["control"]["bhhh_alone"] and not (spec["opg"] or spec["robust"] or spec["cluster"] or vce_typed):
        spec["opg"] = True  # ml: technique(bhhh) makes vce(opg) the default (pweights: survival_fp)
    return spec


def _vce(spec: dict, text: str) -> None:
    """ml's ``vce(oim|opg|robust|cluster v)``; another vce() fails inside fracpoly (the note)."""
    from mlmcli.syntax.options import vce_option

    kind, args = vce_option(text, (("oim", 1), ("opg", 3), ("robust", 1), ("cluster", 2)))
    if kind is None or len(args) != (kind == "cluster"):
        raise FracpolyFailed(f"vce({text}) invalid")
    spec["opg"] = kind == "opg"
    spec["robust"] = spec["robust"] or kind == "robust"
    spec["cluster"] = args[0] if args else spec["cluster"]


def _time_form(res, V, k: int, command: str):
    """weibull_s's Remetric / ereg's -1 * b: (b_h, ln p) -> b_t = -b_h / p (ereg: p = 1), V by
    the delta method J V J' (d b_t / d ln p = -b_t)."""
    p = float(np.exp(res.x[k])) if command == "weibull" else 1.0
    J = np.eye(len(res.x))
    J[:k, :k] *= -1.0 / p
    b = -np.asarray(res.x[:k], float) / p
    if command == "weibull":
        J[:k, k] = -b
    res.x = np.r_[b, res.x[k:]]
    return res, J @ V @ J.T


def _numeric(ctx, name: str, rows: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(ctx.data.numeric(ctx.data.resolve(name)), float)[rows]
    except StataError:  # not a numeric variable: the command fails
        raise FracpolyFailed(f"{name} not found") from None


def survival_fp(ctx, command: str, spec: dict, rows: np.ndarray, y, x, w, weight_kind, fp_settings, names=None):
    """(b: the terms, _cons (unless noconstant), then strata()'s indicators; V; the FP; e(df_r)
    (missing); e(sample) over the plot's rows; the offset; the indicators over the plot's rows) of
    fracpoly with weibull or ereg (``names``: the plot's (y, x) variables, constraints()' and
    from()'s equation and fracgen's term names); FracpolyFailed where the command fails inside
    fracpoly."""
    from mlmcli.graphs.fpfit_command_sample import best_fp_on_fracpoly_rows
    from mlmcli.survival.parametric_fit import StregData, fit

    if w is not None and weight_kind == "aweight" and command == "weibull":  # weibull: fw pw iw only
        raise FracpolyFailed("aweights not allowed")
    y = np.asarray(y, float)
    d = np.ones(y.size)
    in_sample = np.ones(y.size, bool)
    if spec["dead"]:
        dead = _numeric(ctx, spec["dead"], rows)
        in_sample = np.isfinite(dead)
        d = (dead != 0).astype(float)
    cluster = None
    if spec["cluster"]:
        from mlmcli.graphs.fpfit_grouped_engines import cluster_over_rows

        cluster = cluster_over_rows(ctx, spec["cluster"], rows)
        in_sample &= cluster >= 0  # ereg.ado, weibull: markout cluster
    offset, t0 = (None if not spec[k] else _numeric(ctx, spec[k], rows) for k in ("offset", "t0"))
    for values in (offset, t0):
        if values is not None:
            in_sample &= np.isfinite(values)  # markout offset t0
    strata, strata_names = (None, []) if not spec["strata"] else xi_indicators(ctx, spec["strata"], rows)
    if strata is not None:
        in_sample &= np.isfinite(strata).all(axis=1)  # markout rhs (_S*)
    weights = np.ones(y.size) if w is None else np.asarray(w, float)
    if weight_kind == "aweight":  # ereg.ado: aweights scaled to mean 1 over its sample
        weights = weights / weights[in_sample].mean()
    y_c, d_c, w_c = y[in_sample], d[in_sample], weights[in_sample]
    t0_c = np.zeros(y_c.size) if t0 is None else t0[in_sample]
    if y_c.size < 2 or (y_c <= 0).any() or not d_c.any() or (t0_c < 0).any() or (t0_c >= y_c).any():
        raise FracpolyFailed(f"{command} failed")  # r(2001); "t <= 0", "no failures", "t0 >= t": r(498)
    if command == "ereg":  # ereg.ado: the time t - t0 (realt), no delayed entry
        y_c, t0_c = y_c - t0_c, np.zeros(y_c.size)
    distribution = "weibull" if command == "weibull" else "exponential"
    S_c = np.zeros((y_c.size, 0)) if strata is None else strata[in_sample]
    ancillary, anc_names = _ancillary(ctx, spec, command, rows, in_sample, S_c, strata_names)
    # weibull.ado 8.2.1: weibull_s (ml in the centred hazard metric, Remetric after) unless
    # noconstant, offset(), strata() or ancillary() (weibull_c: ml in the form reported)
    weibull_s = command == "weibull" and spec["constant"] and not (spec["offset"] or spec["strata"]
                                                                  or spec["ancillary"])
    constrained = _constraints(ctx, spec, command, names, strata_names, anc_names)
    # weibull_s's constrained ml is the hazard form; ereg's constrained time form is ml's own (ereg2_lf)
    hazard_fit = spec["hazard"] or (spec["constraints"] is not None and weibull_s)
    start = _starts(ctx, spec, command, names, strata_names, anc_names, weibull_s, hazard_fit)
    control = fit_control(spec["control"], constrained=spec["constraints"] is not None)

    def _data(X):  # X: the constant first (unless noconstant), then the FP terms; the fit's: terms, _S*, _cons
        X = X[in_sample]
        design = np.column_stack([X[:, 1:], S_c, X[:, :1]]) if spec["constant"] else np.column_stack([X, S_c])
        return StregData(t0_c, y_c, d_c, w_c, [design] + ancillary, distribution, not hazard_fit,
                         None if offset is None else offset[in_sample])

    def model_fit(X, final=False):
        data, cns = _data(X), constrained(X, final)
        theta0 = start(X.shape[1] - spec["constant"], final, data)
        res, V = fit(data, theta0, constraints=cns, **control)
        return (res, V) if converged(res, spec["control"]) or theta0 is None else fit(data, constraints=cns,
                                                                                      **control)

    def deviance(X):  # frac_dv: -2 e(ll); a fit that fails is skipped (frac_154's capture)
        try:
            res, _ = model_fit(X)
        except (np.linalg.LinAlgError, StataError, FloatingPointError):
            return None
        return -2.0 * res.f if converged(res, spec["control"]) and np.isfinite(res.f) else None

    if spec["constant"]:  # frac_154's model without x, not captured: from() fails it (the note)
        start(0, False, _data(np.ones((y.size, 1))))
    try:
        touse = np.isfinite(dead) if spec["dead"] else np.ones(y.size, bool)  # fracpoly's markout of dead()
        chosen = best_fp_on_fracpoly_rows(y, x, fp_settings, deviance, touse)
        res, V = model_fit(chosen.terms(x), final=True)
    except (np.linalg.LinAlgError, StataError):
        raise FracpolyFailed(f"{command} failed") from None
    if not converged(res, spec["control"]):
        raise FracpolyFailed(f"{command} did not converge")
    final_cns = constrained(chosen.terms(x), True)
    if spec["robust"] or cluster is not None or weight_kind == "pweight":  # ml: robust with pweights
        from mlmcli.survival.parametric_fit import robust_variance

        groups = None if cluster is None else np.unique(cluster[in_sample], return_inverse=True)[1]
        V = robust_variance(_data(chosen.terms(x)), res.x, V, groups, w_c if weight_kind == "fweight" else None)
    elif spec["opg"]:
        from mlmcli.survival.parametric_fit import opg_variance

        V = opg_variance(_data(chosen.terms(x)), res.x, final_cns)
    k = chosen.terms(x[:1]).shape[1] + S_c.shape[1]  # the first equation: terms, _S*, _cons
    if hazard_fit and not spec["hazard"]:
        res, V = _time_form(res, V, k, command)
    b, V = np.asarray(res.x, float)[:k], np.asarray(V, float)[:k, :k]
    if strata is not None and spec["constant"]:  # _cons before the indicators, as fpfit_plot reads b
        k_terms = k - S_c.shape[1] - 1
        order = list(range(k_terms)) + [k - 1] + list(range(k_terms, k - 1))
        b, V = b[order], V[np.ix_(order, order)]
    return (b, V, chosen, float("nan"), None if in_sample.all() else in_sample, offset,
            strata if S_c.shape[1] else None)


def xi_indicators(ctx, var: str, rows: np.ndarray):
    """``xi, prefix(_S) i.var`` on the plot's rows: an indicator of each level but the one xi
    drops (the lowest, v[omit]'s, or with _dta[omit] the most frequent: ereg.ado's and
    weibull_c.ado's strata() before version 15), missing where var is; and their names
    ``_S<var>_<level>`` (the level's value when it is an integer, else its rank)."""
    try:
        column = ctx.data.resolve(var)
    except StataError:
        raise FracpolyFailed(f"variable {var} not found") from None
    if ctx.data.is_string(column):
        values = ctx.data.column(column).to_numpy().astype(str)[rows]
        present = values != ""
    else:
        values = np.asarray(ctx.data.numeric(column), float)[rows]
        present = np.isfinite(values)
    levels = np.unique(values[present])
    base = _xi_base(ctx.data, column, levels)
    kept = [j for j in range(len(levels)) if j != base]
    S = np.full((values.size, len(kept)), np.nan)
    S[present] = (values[present][:, None] == levels[None, kept]).astype(float)
    # xi's natural coding: nonnegative integers below 1e9 (else the levels' ranks); the stub
    # ``_S<column>`` cut to 11 characters
    integer = not ctx.data.is_string(column) and bool(np.all((np.mod(levels, 1) == 0) & (levels >= 0)
                                                              & (levels < 1e9)))
    stub = ("_S" + column)[:11]
    names = [f"{stub}_{int(levels[j]) if integer else j + 1}" for j in kept]
    return S, names


def _xi_base(ds, column: str, levels) -> int:
    """The index in ``levels`` (the plot rows' levels) of the one xi drops: its omit rules over
    the rows in memory (v[omit], _dta[omit]: ``characteristics.xi_omitted_level``); a level
    the plot's rows lack leaves their lowest out (a bad v[omit]: xi's error, so fracpoly fails)."""
    from mlmcli.characteristics import xi_omitted_level

    if not len(levels):
        return 0
    try:
        level = xi_omitted_level(ds, column)
    except StataError as err:
        raise FracpolyFailed(str(err)) from None
    hit = np.flatnonzero(levels == level) if level is not None else []
    return int(hit[0]) if len(hit) else 0


def _ancillary(ctx, spec, command, rows, in_sample, S_c, strata_names):
    """weibull's ln_p equation over the sample (ereg: none) and its names: strata()'s indicators
    and _cons (weibull_c), ancillary(varlist [, noconstant]) (weibull_c's ParseAnc), else _cons;
    ml (``missing``) cannot evaluate a row where an ancillary variable is missing: it fails."""
    if command != "weibull":
        return [], []
    n = int(in_sample.sum())
    if spec["strata"]:
        return [np.column_stack([S_c, np.ones(n)])], strata_names + ["_cons"]
    if not spec["ancillary"]:
        return [np.ones((n, 1))], ["_cons"]
    text, _, opts = str(spec["ancillary"]).partition(",")
    constant = not opts.strip()
    if opts.strip() and not resolve_choice(opts.strip().lower(), (("noconstant", 3),)):
        raise FracpolyFailed("The ancillary() specification is invalid.")
    try:
        variables = ctx.data.expand_varlist(text)
    except StataError:
        raise FracpolyFailed("The ancillary() specification is invalid.") from None
    if not variables and not constant:
        raise FracpolyFailed("The ancillary() specification is invalid.")
    columns = [_numeric(ctx, v, rows)[in_sample] for v in variables]
    if any(not np.isfinite(c).all() for c in columns):
        raise FracpolyFailed("could not calculate numerical derivatives")
    return [np.column_stack(columns + ([np.ones(n)] if constant else [])).reshape(n, -1)], \
        list(variables) + (["_cons"] if constant else [])


def _ml_names(spec, names, k: int, final: bool, strata_names, anc_names) -> list[str]:
    """ml's parameters of a fit with ``k`` FP terms (module docstring of graphs.fpfit_weibull_ereg_start)."""
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    terms = fracgen_names(names[1], k) if final else [f"__fp{j + 1}" for j in range(k)]
    first = terms + list(strata_names) + (["_cons"] if spec["constant"] else [])
    return [f"{names[0]}:{t}" for t in first] + [f"ln_p:{a}" for a in anc_names]


def _starts(ctx, spec, command, names, strata_names, anc_names, weibull_s: bool, hazard_fit: bool):
    """A function of (k terms, final, the fit's StregData) giving from()'s starting vector in
    the fit's metric (None without from()); FracpolyFailed where ml stops on it."""
    if spec["from"] is None:
        return lambda k, final, data: None
    from mlmcli.graphs.fpfit_weibull_ereg_start import read_start, start_values, theta_start
    from mlmcli.survival.parametric_fit import start_values as default_start

    typed_spec = read_start(ctx, spec["from"], command)
    # the typed metric -> the fit's: weibull_s's constrained hazard fit from the reported time form;
    # ereg's plain time form, whose ml (ereg_lf) reads the hazard metric
    flip = (not spec["hazard"]) and ((weibull_s and hazard_fit) or (
        command == "ereg" and spec["constraints"] is None and not spec["offset"]))

    def start(k, final, data):
        ml_names = _ml_names(spec, names or ("y", "x"), k, final, strata_names, anc_names)
        typed = start_values(typed_spec, ml_names, weibull_s)
        return theta_start(typed, default_start(data), data.designs[0].shape[1], flip)
    return start


def _constraints(ctx, spec: dict, command: str, names, strata_names, anc_names):
    """constraints() -> a function of (the fit's X, whether final) giving (R, r) or None over ml's
    parameters (``_ml_names``); a constraint naming what a fit lacks is left out (makecns' note,
    hidden by fracpoly's quietly)."""
    from mlmcli.postest.ml_constraints import read_constraints

    if spec["constraints"] is None:
        return lambda X, final: None
    session = getattr(getattr(ctx, "jackknife_hooks", None), "session", None)
    if names is None or session is None:
        raise StataError(f"estopts(constraints()) not supported by mlmcli with estcmd({command}) here", 198)

    def constraints(X, final):
        k = X.shape[1] - (1 if spec["constant"] else 0)
        try:
            found = read_constraints(session, _ml_names(spec, names, k, final, strata_names, anc_names),
                                     spec["constraints"])
        except StataError:  # an undefined number: the command fails
            raise FracpolyFailed("constraint not defined") from None
        return None if found is None else (found.R, found.r)
    return constraints


def with_strata(X0, strata, model, at, b, V, constant: bool, stdp: bool, partial: bool):
    """(x b's design at the points: the terms, _cons, then each point's indicators; fracpred's
    ``for(x)`` there, None without ``partial``) after strata().  e(b) is the centred terms, the
    ``_S*`` indicators, ``_cons``, so fracpred (``graphs.fpfit_fracpred_for``) reads e(V)'s row
    after the terms as the first indicator's.  pcalc: the terms times b plus ``_b[_cons]`` -- x b
    without the indicators (and the offset); without a constant ``[_cons] not found`` r(111).
    vcalc: sqrt(z' V_terms z + V[S1, S1] + 2 z' V[terms, S1]), z the centred terms (``b``,
    ``V``: the terms, _cons, the indicators)."""
    from mlmcli.postest.linear_prediction import quadratic_form_rows

    design = np.column_stack([X0, strata])
    if not partial:
        return design, None
    centred = model.centred_terms(at)
    k = centred.shape[1]
    if not stdp:
        if not constant:
            raise StataError("[_cons] not found", 111)
        return design, np.column_stack([model.terms(at)[:, 1:], np.ones(len(at))]) @ np.asarray(b, float)[:k + 1]
    rows = list(range(k)) + [k + 1 if constant else k]
    with np.errstate(invalid="ignore"):
        return design, np.sqrt(quadratic_form_rows(np.column_stack([centred, np.ones(len(at))]),
                                                   np.asarray(V, float)[np.ix_(rows, rows)]))
