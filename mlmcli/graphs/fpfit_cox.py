"""``twoway fpfit``/``fpfitci`` with ``estcmd(cox) estopts(dead(v))``: fracpoly's normal form with
Stata's built-in ``cox`` command (frac_chk's dist 3), dispatched through ``graphs.fpfit_xtreg.own_fit``.

``cox`` is still in Stata 12, 13 and 16: stcox.ado (7.4.2 09apr2011, 7.7.2 15oct2019) fits every
model with ``cox _t varlist [w] if touse, robust cluster() t0(_t0) dead(_d) strata() offset() ...
breslow|efron|exactm|exactp``.  fracpoly runs ``cox y terms [w], dead(v) estopts`` (frac_cox
requires dead(); the time is y, every record entering at 0 unless ``t0(v)``): the Cox partial
likelihood of the failures ``v != 0`` (``mlmcli.survival.cox``; Breslow's ties unless another
method is typed, as stcox's default is cox's), each candidate's deviance -2 e(ll) (frac_dv), no
constant (frac_154 refuses ``noconstant`` with cox).  fracpred's ``_predict, xb`` is the centred
terms times b (fracgen's centring; cox has no _cons) plus the offset; stdp its standard error;
the band the normal quantile (no e(df_r)).  ``dresid``: fracpred's ``residual`` for dist 3 --
cox refitted on x b with the same options and ``mgale()``, then sign(r) sqrt(-2 (r + d ln(d - r))),
missing outside e(sample), times sqrt(w / mean w) with weights.

Options: ``dead()``, ``t0()``, ``strata()``, ``offset()``, ``breslow``/``efron``/``exactm``/``exactp``,
``robust``, ``cluster(v)`` (stcox hands cox these old forms), the reporting words.  Weights:
fweights, iweights, pweights (stcox's; pweights make the variance robust, as stcox does);
aweights, efron or exactp with weights, exactm/exactp with robust or pweights, ``vce()`` (stcox
translates it to robust/cluster() before calling cox: the built-in's own syntax for it is not
known), an option cox does not have, times <= t0 or no failure: cox fails inside fracpoly (the
note).

``tvc(varlist)`` and ``texp(exp)``: the covariates times texp() at each failure time
(survival.cox_tvc's split records), in every fit; texp() is a function of the time y (its default
y itself, as stcox's call ``cox _t ..., tvc() texp(_t)`` makes it), invalid, missing or not a
function of y, or without tvc(), cox's failure (the note, stcox.ado's checks); x b and stdp the
main equation's (fracpred's ``_predict``), V returned whole (fracpred's for() reads the
first tvc row as the constant's: graphs.fpfit_fracpred_for).  dresid after tvc(): fracpred's refit ``capture quietly
cox y eta, opts mgale(r)`` takes no mgale() with tvc() (stcox's _tvc_notallowed; cox's own
message is captured) and fracpred then exits with its return code: r(198), no message.

The variable-writing options (``mgale()``, ``esr()``, ``schoenfeld()``, ``scaledsch()``,
``basehc()``, ``basechazard()``, ``basesurv()``): frac_154 fits the model without x first, not
captured, which writes them; every later fit then finds the variable defined (r(110)) and
fails -- the candidates captured and skipped, the final fit not -- so fracpoly fails: the note,
and twoway__fpfit_serset's ``preserve`` restores the data.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.syntax.abbreviation import resolve_choice

_TIES = (("breslow", 3), ("efron", 3), ("exactm", 6), ("exactp", 6))
_REPORTING = (("level", 1), ("nolog", 5), ("log", 3), ("nocoef", 5), ("noheader", 5), ("hr", 2), ("nohr", 4))
_ARGUMENTS = (("dead", 1), ("t0", 2), ("strata", 2), ("offset", 3), ("cluster", 2), ("tvc", 3), ("texp", 4))
# stcox.ado's abbreviations of the options cox writes variables with
_WRITING = (("mgale", 2), ("esr", 3), ("schoenfeld", 3), ("scaledsch", 3), ("basehc", 6), ("basechazard", 5),
            ("basesurv", 5))


def cox_estopts(typed: list) -> dict:
    """estopts() left after fracpoly's own -> cox's settings (module docstring)."""
    spec = {"dead": None, "t0": None, "strata": None, "offset": None, "cluster": None, "tvc": None, "texp": None,
            "robust": False, "ties": [], "failed": None}
    for option in typed:
        name = option.name
        word = resolve_choice(name, _ARGUMENTS)
        if word is not None and option.arg:
            spec[word] = option.arg.strip()
        elif resolve_choice(name, _TIES) and option.arg is None:
            spec["ties"].append(resolve_choice(name, _TIES))
        elif resolve_choice(name, (("robust", 1),)) and option.arg is None:
            spec["robust"] = True
        elif resolve_choice(name, _REPORTING):
            continue
        elif resolve_choice(name, _WRITING) and option.arg is not None:
            # the model without x writes the variable; every later fit finds it defined (docstring)
            spec["failed"] = spec["failed"] or f"variable {option.arg.strip()} already defined"
        else:  # vce() (module docstring) or an option cox does not have: it fails inside fracpoly
            spec["failed"] = spec["failed"] or not_allowed_text(option.name, option.arg)
    return spec


def _variable(ctx, name: str, rows: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(ctx.data.numeric(ctx.data.resolve(name)), float)[rows]
    except StataError:  # not a (numeric) variable: cox fails
        raise FracpolyFailed(f"{name} not found") from None


def cox_fp(ctx, spec: dict, rows: np.ndarray, y, x, w, weight_kind, fp_settings, yname: str | None = None):
    """(b, V, the FP, e(df_r) missing, e(sample) over the plot's rows or None, the offset there
    or None, the dresid function) of fracpoly with cox; FracpolyFailed where cox fails inside fracpoly."""
    from dataclasses import replace

    from mlmcli.graphs.fpfit_command_sample import best_fp_on_fracpoly_rows
    from mlmcli.survival.cox import CoxData, fit_cox
    from mlmcli.survival.cox_strata import build_likelihood, strata_codes

    if spec["dead"] is None:  # frac_cox: "option dead() required with cox" r(198)
        raise FracpolyFailed("option dead() required with cox")
    if spec["failed"] or len(spec["ties"]) > 1 or weight_kind == "aweight":
        raise FracpolyFailed(spec["failed"] or "cox failed")
    ties = spec["ties"][0] if spec["ties"] else "breslow"
    robust = spec["robust"] or spec["cluster"] is not None or weight_kind == "pweight"
    if w is not None and ties in ("efron", "exactp") or ties.startswith("exact") and (robust or spec["tvc"]):
        raise FracpolyFailed("cox: ties method not allowed")  # as stcox, which runs cox
    if spec["texp"] is not None and spec["tvc"] is None:
        raise FracpolyFailed("texp() only allowed with tvc()")
    dead = _variable(ctx, spec["dead"], rows)  # fracpoly marks out dead(): missing is out of its sample
    t0 = _variable(ctx, spec["t0"], rows) if spec["t0"] else np.zeros(len(rows))
    offset = _variable(ctx, spec["offset"], rows) if spec["offset"] else None
    ok = np.isfinite(dead) & np.isfinite(t0)
    if offset is not None:
        ok &= np.isfinite(offset)
    cluster = None
    if spec["cluster"]:
        from mlmcli.graphs.fpfit_grouped_engines import cluster_over_rows

        cluster = cluster_over_rows(ctx, spec["cluster"], rows)
        ok &= cluster >= 0
    tvc = None
    if spec["tvc"]:
        try:
            tvc = np.column_stack([_variable(ctx, name, rows) for name in ctx.data.expand_varlist(spec["tvc"])])
        except StataError:
            raise FracpolyFailed("tvc() not found") from None
        ok &= np.isfinite(tvc).all(axis=1)
    strata = None
    if spec["strata"]:
        try:
            names = ctx.data.expand_varlist(spec["strata"])
        except StataError:
            raise FracpolyFailed("strata() not found") from None
        mask = np.zeros(ctx.data.nobs, bool)
        mask[rows] = True
        for name in names:
            values = ctx.data.column(name).to_numpy()[rows]
            ok &= (values.astype(str) != "") if ctx.data.is_string(name) else np.isfinite(np.asarray(values, float))
        mask[rows[~ok]] = False
        strata = strata_codes(ctx.data, names, mask)
    y = np.asarray(y, float)
    weights = np.ones(len(rows)) if w is None else np.asarray(w, float)
    if not ok.any() or np.any(y[ok] <= t0[ok]) or not np.any(dead[ok] != 0):
        raise FracpolyFailed("cox failed")  # a record ending before it starts; no failure: no powers
    base = CoxData(t0=t0[ok], t=y[ok], d=(dead[ok] != 0).astype(float), X=np.zeros((int(ok.sum()), 0)),
                   w=weights[ok], ties=ties, offset=None if offset is None else offset[ok])

    g = None if tvc is None else _time_function(ctx, spec["texp"], yname, y[ok])

    def fit(X):  # X: the plot's rows, no constant; with tvc() the records split at the failure times
        data = replace(base, X=X[ok])
        likelihood, pieces = build_likelihood(data, strata, None if tvc is None else tvc[ok], g)
        lik, res, V, _ = fit_cox(likelihood.data, likelihood=likelihood)
        return likelihood, res, V, pieces

    def deviance(X):  # frac_dv: -2 e(ll); a fit that fails is skipped (frac_154's capture)
        try:
            _, res, _, _ = fit(X)
        except (np.linalg.LinAlgError, FloatingPointError):
            return None
        return -2.0 * res.f if res.converged and np.isfinite(res.f) else None

    try:
        touse = np.isfinite(dead)  # fracpoly's sample: frac_xo's and fracgen's rows (fpfit_command_sample)
        chosen = best_fp_on_fracpoly_rows(y, x, {**fp_settings, "constant": False}, deviance, touse)
        likelihood, res, V, pieces = fit(chosen.terms(x))
    except (np.linalg.LinAlgError, StataError):
        raise FracpolyFailed("cox failed") from None
    if not res.converged:
        raise FracpolyFailed("cox did not converge")
    b = np.asarray(res.x, float)
    if robust:
        from mlmcli.survival.cox import robust_variance

        groups = None if cluster is None else np.unique(cluster[ok], return_inverse=True)[1]
        m = int(groups.max()) + 1 if groups is not None else int(ok.sum())
        if pieces is not None:  # the split records' scores summed back to their record (or cluster)
            groups = pieces if groups is None else groups[pieces]
        V = robust_variance(likelihood, b, V, groups, likelihood.data.w) * (m / (m - 1.0) if m > 1 else 1.0)
    b = b[:chosen.terms(x).shape[1]]  # with tvc() the main equation's (fracpred's _predict); V whole (for())

    def residuals() -> np.ndarray:
        """fracpred's dresid over the plot's rows (module docstring)."""
        from mlmcli.survival.cox_residuals import cox_residuals

        if tvc is not None:  # cox takes no mgale() with tvc(); fracpred exits with the captured code
            raise StataError("", 198)
        eta = chosen.terms(x)[ok] @ b + (0.0 if base.offset is None else base.offset)  # _predict, xb
        _, refit, _, _ = fit(_spread(eta, ok)[:, None])  # the same options: offset() again, as fracpred's opts
        r = cox_residuals(replace(base, X=eta[:, None]), strata, np.asarray(refit.x, float)).mgale
        with np.errstate(invalid="ignore", divide="ignore"):
            dev = np.sign(r) * np.sqrt(-2.0 * (r + np.where(base.d != 0, np.log1p(-r), 0.0)))
        return _spread(dev, ok)

    return b, np.asarray(V, float), chosen, float("nan"), (None if ok.all() else ok), offset, residuals


def _time_function(ctx, texp: str | None, yname: str | None, t: np.ndarray) -> np.ndarray:
    """texp() at the records' times (default: the time itself); an expression that is invalid,
    missing or not one value per time is cox's failure inside fracpoly."""
    if texp is None:
        return t.copy()
    try:
        g = np.asarray(ctx.evaluate(texp, t, yname), dtype=float)
    except (StataError, TypeError, ValueError):
        raise FracpolyFailed("texp() invalid") from None
    g = np.broadcast_to(g, t.shape).astype(float)
    if np.isnan(g).any():
        raise FracpolyFailed("texp() evaluates to missing")
    order = np.lexsort((g, t))
    if np.any((t[order][1:] == t[order][:-1]) & (g[order][1:] != g[order][:-1])):
        raise FracpolyFailed("texp() is not a proper function of time")
    return g


def _spread(values: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """values on the rows ``ok``, missing elsewhere."""
    out = np.full(ok.shape, np.nan)
    out[ok] = values
    return out
