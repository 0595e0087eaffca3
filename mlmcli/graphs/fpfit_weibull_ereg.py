"""``twoway fpfit``/``fpfitci`` with ``estcmd(weibull)``, ``estcmd(ereg)`` or ``estcmd(cox)``:
fracpoly's normal form with the old survival commands frac_chk still lists (dist 6: ereg and
weibull; dist 3: cox), dispatched from ``graphs.fpfit_plot`` through ``graphs.fpfit_xtreg``.

weibull.ado (8.2.2) and ereg.ado (6.5.4) are still shipped, undocumented, and run without
version control: ``weibull y terms`` is Weibull regression of the time y (every observation a
failure unless ``dead(v)``: v != 0), ``ereg`` the exponential; both fit the accelerated
failure-time form (weibull_s's ``Remetric``, ereg's ``-1 * b``) unless ``hazard`` (or ``hr``).
The same likelihood as streg's (``mlmcli.survival.parametric_fit``; weibull's centring of ln t
and ereg's ``EREGa`` shift e(ll) by a constant, the same for every candidate): the powers by
frac_dv's -2 e(ll), fracpred's ``_predict, xb`` the time (or hazard) equation's index -- the FP
terms times b plus _cons -- and its stdp; neither posts e(df_r): the normal quantile.  y <= 0, no
failure, or an option the command does not have: it fails inside fracpoly, the note.  Weights,
``t0()``, ``noconstant``, ``offset()``, ``strata()``, ``ancillary()``, constraints(), from(), and the
robust variances are refused (not written).

cox: frac_cox (2.0.0) stops fracpoly without ``dead()`` ("option dead() required with cox",
r(198)): the note.  With ``dead()`` fracpoly runs the built-in ``cox`` of Stata 5-7 (stcox ran
it then); whether Stata 13 still has it was not found in the manuals or ado copies read: refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.syntax.abbreviation import resolve_choice

_REPORTING = (("level", 1), ("nolog", 5), ("log", 3), ("tr", 2), ("nocoef", 5), ("noheader", 5))
_NOT_WRITTEN = (("t0", 2), ("noconstant", 3), ("offset", 3), ("strata", 2), ("ancillary", 3),
                ("constraints", 5), ("from", 4), ("robust", 1), ("cluster", 2), ("vce", 3), ("score", 2),
                ("collinear", 3))


def survival_estopts(command: str, typed: list) -> dict:
    """estopts() left after fracpoly's own -> {dead, hazard} (module docstring)."""
    spec = {"dead": None, "hazard": False}
    for option in typed:
        name = option.name
        if resolve_choice(name.lower(), (("dead", 1),)) and option.arg:
            spec["dead"] = option.arg.strip()
        elif resolve_choice(name.lower(), (("hazard", 2), ("hr", 2))):
            spec["hazard"] = True
        elif resolve_choice(name.lower(), _REPORTING):
            continue
        elif command != "cox" and resolve_choice(name.lower(), _NOT_WRITTEN):
            raise StataError(f"estopts(): option {name} not supported by mlmcli with estcmd({command})", 198)
        elif command != "cox":  # an option the command does not have: it fails inside fracpoly
            raise FracpolyFailed(f"option {name} not allowed")
    return spec


def survival_fp(ctx, command: str, spec: dict, rows: np.ndarray, y, x, w, fp_settings):
    """(b with _cons last, V, the FP, e(df_r) (missing), e(sample) over the plot's rows) of
    fracpoly with weibull or ereg; FracpolyFailed where the command fails inside fracpoly."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS
    from mlmcli.survival.parametric_fit import StregData, fit

    if command == "cox":
        if spec["dead"] is None:  # frac_cox: "option dead() required with cox"
            raise FracpolyFailed("option dead() required with cox")
        raise StataError("estcmd(cox) not supported by mlmcli: Stata 13's cox command is not known", 198)
    if w is not None:
        raise StataError(f"estopts(): weights with estcmd({command}) not supported by mlmcli", 198)
    y = np.asarray(y, float)
    d = np.ones(y.size)
    in_sample = np.ones(y.size, bool)
    if spec["dead"]:
        try:
            dead = ctx.data.numeric(ctx.data.resolve(spec["dead"]))[rows]
        except StataError:  # not a variable: the command fails
            raise FracpolyFailed("dead() not found") from None
        in_sample = np.isfinite(dead)
        d = (dead != 0).astype(float)
    y_c, d_c = y[in_sample], d[in_sample]
    if y_c.size < 2 or (y_c <= 0).any() or not d_c.any():  # r(2001), "t <= 0", "no failures": r(498)
        raise FracpolyFailed(f"{command} failed")
    distribution = "weibull" if command == "weibull" else "exponential"
    ancillary = [np.ones((y_c.size, 1)) for _ in DISTRIBUTIONS[distribution].aux]  # weibull's ln_p

    def model_fit(X):  # X: the constant first, then the FP terms; the fit's order: terms, _cons
        design = np.column_stack([X[in_sample][:, 1:], X[in_sample][:, :1]])
        return fit(StregData(np.zeros(y_c.size), y_c, d_c, np.ones(y_c.size), [design] + ancillary, distribution,
                             not spec["hazard"], None))

    def deviance(X):  # frac_dv: -2 e(ll); a fit that fails is skipped (frac_154's capture)
        try:
            res, _ = model_fit(X)
        except (np.linalg.LinAlgError, StataError, FloatingPointError):
            return None
        return -2.0 * res.f if res.converged and np.isfinite(res.f) else None

    try:
        chosen = best_fp(y, x, **fp_settings, criterion=deviance)
        res, V = model_fit(chosen.terms(x))
    except (np.linalg.LinAlgError, StataError):
        raise FracpolyFailed(f"{command} failed") from None
    if not res.converged:
        raise FracpolyFailed(f"{command} did not converge")
    k = chosen.terms(x[:1]).shape[1]
    return (np.asarray(res.x, float)[:k], np.asarray(V, float)[:k, :k], chosen, float("nan"),
            None if in_sample.all() else in_sample)
