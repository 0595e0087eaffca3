"""``twoway fpfit``/``fpfitci`` with ``estcmd(weibull)`` or ``estcmd(ereg)``: fracpoly's normal
form with the old survival commands frac_chk still lists (dist 6), dispatched from
``graphs.fpfit_plot`` through ``graphs.fpfit_xtreg.own_fit`` (``estcmd(cox)``: ``graphs.fpfit_cox``).

weibull.ado (8.2.2) and ereg.ado (6.5.4) are still shipped, undocumented, and run without
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
not collinear where fitted, as estcmd(streg)'s).  ``constraints()``: ml's constrained fit
(``fpfit_st_common.fit_constraints``) in every fit, over ml's parameters ``y:__fp1 ... y:_cons
ln_p:_cons`` (``y:Ix__1 ...`` in the final fit) in ml's metric: weibull's is the hazard form,
re-expressed in the time form after ml (``Remetric``: b_t = -b_h/p; weibull_s drops its centring
of ln t when a constraint touches _cons, so the uncentred fit here is ml's); ereg's time form
with constraints is ml's own (``ereg2_lf``), its hazard form ``ereg_lf``.  y <= 0, no failure, or
an option the command does not have (weibull's ``strata()`` and ``ancillary()``, ereg's
``ancillary()``: mlopts rejects them): it fails inside fracpoly, the note.  ereg's ``strata()``
(indicators added to the terms), ``from()`` and ``score()`` are refused (not written).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.syntax.abbreviation import resolve_choice

_REPORTING = (("level", 1), ("nolog", 5), ("log", 3), ("tr", 2), ("nocoef", 5), ("noheader", 5))
_NOT_WRITTEN = (("from", 4), ("score", 2))


def survival_estopts(command: str, typed: list) -> dict:
    """estopts() left after fracpoly's own -> {dead, hazard} (module docstring)."""
    spec = {"dead": None, "hazard": False, "robust": False, "cluster": None, "offset": None, "constant": True,
            "t0": None, "opg": False, "constraints": None}
    for option in typed:
        name = option.name
        if resolve_choice(name.lower(), (("dead", 1),)) and option.arg:
            spec["dead"] = option.arg.strip()
        elif resolve_choice(name.lower(), (("robust", 1),)) and option.arg is None:
            spec["robust"] = True
        elif resolve_choice(name.lower(), (("noconstant", 3),)) and option.arg is None:
            spec["constant"] = False
        elif resolve_choice(name.lower(), (("offset", 3),)) and option.arg:
            spec["offset"] = option.arg.strip()
        elif resolve_choice(name.lower(), (("t0", 2),)) and option.arg:
            spec["t0"] = option.arg.strip()
        elif resolve_choice(name.lower(), (("cluster", 2),)) and option.arg:
            spec["cluster"] = option.arg.strip()
        elif resolve_choice(name.lower(), (("hazard", 2), ("hr", 2))):
            spec["hazard"] = True
        elif resolve_choice(name.lower(), (("vce", 3),)) and option.arg:
            _vce(spec, option.arg)
        elif resolve_choice(name.lower(), (("constraints", 5),)) and option.arg:
            spec["constraints"] = option.arg
        elif resolve_choice(name.lower(), (("collinear", 3),)) and option.arg is None:
            continue  # fracpoly's terms are not collinear where fitted
        elif resolve_choice(name.lower(), _REPORTING):
            continue
        elif command == "ereg" and resolve_choice(name.lower(), (("strata", 2),)):
            raise StataError(f"estopts(): option {name} not supported by mlmcli with estcmd({command})", 198)
        elif resolve_choice(name.lower(), _NOT_WRITTEN):
            raise StataError(f"estopts(): option {name} not supported by mlmcli with estcmd({command})", 198)
        else:  # an option the command does not have: it fails inside fracpoly
            raise FracpolyFailed(not_allowed_text(name, option.arg))
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
    """(b with _cons last, V, the FP, e(df_r) (missing), e(sample) over the plot's rows) of
    fracpoly with weibull or ereg (``names``: the plot's (y, x) variables, constraints()' equation
    and fracgen's term names); FracpolyFailed where the command fails inside fracpoly."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS
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
    ancillary = [np.ones((y_c.size, 1)) for _ in DISTRIBUTIONS[distribution].aux]  # weibull's ln_p

    constrained = _constraints(ctx, spec, command, names)
    # weibull_s's ml fits the hazard form (Remetric after); ereg's constrained time form is ml's own (ereg2_lf)
    hazard_fit = spec["hazard"] or (spec["constraints"] is not None and command == "weibull")

    def model_fit(X, final=False):
        return fit(_data(X), constraints=constrained(X, final))

    def _data(X):  # X: the constant first (unless noconstant), then the FP terms; the fit's: terms, _cons
        design = np.column_stack([X[in_sample][:, 1:], X[in_sample][:, :1]]) if spec["constant"] else X[in_sample]
        return StregData(t0_c, y_c, d_c, w_c, [design] + ancillary, distribution, not hazard_fit,
                         None if offset is None else offset[in_sample])

    def deviance(X):  # frac_dv: -2 e(ll); a fit that fails is skipped (frac_154's capture)
        try:
            res, _ = model_fit(X)
        except (np.linalg.LinAlgError, StataError, FloatingPointError):
            return None
        return -2.0 * res.f if res.converged and np.isfinite(res.f) else None

    try:
        chosen = best_fp(y, x, **fp_settings, criterion=deviance)
        res, V = model_fit(chosen.terms(x), final=True)
    except (np.linalg.LinAlgError, StataError):
        raise FracpolyFailed(f"{command} failed") from None
    if not res.converged:
        raise FracpolyFailed(f"{command} did not converge")
    final_cns = constrained(chosen.terms(x), True)
    if spec["robust"] or cluster is not None or weight_kind == "pweight":  # ml: robust with pweights
        from mlmcli.survival.parametric_fit import robust_variance

        groups = None if cluster is None else np.unique(cluster[in_sample], return_inverse=True)[1]
        V = robust_variance(_data(chosen.terms(x)), res.x, V, groups, w_c if weight_kind == "fweight" else None)
    elif spec["opg"]:
        from mlmcli.survival.parametric_fit import opg_variance

        V = opg_variance(_data(chosen.terms(x)), res.x, final_cns)
    k = chosen.terms(x[:1]).shape[1]
    if hazard_fit and not spec["hazard"]:
        res, V = _time_form(res, V, k, command)
    return (np.asarray(res.x, float)[:k], np.asarray(V, float)[:k, :k], chosen, float("nan"),
            None if in_sample.all() else in_sample, offset)


def _constraints(ctx, spec: dict, command: str, names):
    """constraints() -> a function of (the fit's X, whether final) giving (R, r) or None: ml's
    parameters ``y:<terms>`` (``__fp1 ...`` in the search, fracgen's ``Ix__1 ...`` in the final
    fit), ``y:_cons`` (unless noconstant), ``ln_p:_cons`` (weibull); a constraint naming what a
    fit lacks is left out (makecns' note, hidden by fracpoly's quietly)."""
    from mlmcli.postest.ml_constraints import read_constraints

    if spec["constraints"] is None:
        return lambda X, final: None
    session = getattr(getattr(ctx, "jackknife_hooks", None), "session", None)
    if names is None or session is None:
        raise StataError(f"estopts(constraints()) not supported by mlmcli with estcmd({command}) here", 198)
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    others = ([f"{names[0]}:_cons"] if spec["constant"] else []) + (["ln_p:_cons"] if command == "weibull" else [])

    def constraints(X, final):
        k = X.shape[1] - (1 if spec["constant"] else 0)
        terms = fracgen_names(names[1], k) if final else [f"__fp{j + 1}" for j in range(k)]
        try:
            found = read_constraints(session, [f"{names[0]}:{t}" for t in terms] + others, spec["constraints"])
        except StataError:  # an undefined number: the command fails
            raise FracpolyFailed("constraint not defined") from None
        return None if found is None else (found.R, found.r)
    return constraints
