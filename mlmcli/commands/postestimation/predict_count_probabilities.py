"""``predict ..., pr(n)`` and ``pr(a,b)`` after poisson and nbreg (poisso_p -> tpredict_p2), and
``pr0(n)``, ``pr0(a,b)`` after ``xtpoisson, re`` (xtcnt_p -> tpredict_p2, the Poisson with u_i = 0).

With mu = exp(x b + offset) (``nooffset``: without it) and the count distribution of the model
(Poisson(mu); nbreg dispersion(mean): negative binomial with size m = 1/alpha and probability
1/(1 + mu/m), alpha's ln at least -20; dispersion(constant): size mu/delta, probability
1/(1 + delta)):

- ``pr(n)``: Pr(y = n), label ``Pr(y=n)``;  a non-integer n (or variable value) gives missing;
- ``pr(a,b)``: Pr(a <= y <= b), label ``Pr(a<=y<=b)``; b = ``.`` means +inf (``Pr(y>=a)``);
  a or b a variable: each row's value; a missing, negative or above b: missing.

Values on the if/in rows (out of sample too); Stata's ``(N missing values generated)``.
Errors as tpredict_p2: a negative or non-integer number, ``argument must be a number or
variable`` (r(198)).
"""
from __future__ import annotations

import numpy as np
from scipy import stats

from mlmcli.commands.postestimation.predict import one_new_variable, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows


def _bound(session, text: str, what: str) -> tuple[np.ndarray | float, str]:
    """A number (checked as tpredict_p2) or a variable's values; returns (value(s), display)."""
    text = text.strip()
    if text == ".":
        return np.inf if what == "upper" else np.nan, "."
    try:
        v = float(text)
    except ValueError:
        try:
            name = session.data.resolve(text)
        except StataError:
            raise StataError("argument must be a number or variable", 198) from None
        return np.asarray(session.data.numeric(name), float), name
    kind = {"n": "argument", "lower": f"lower bound of {text}", "upper": f"upper bound of {text}"}[what]
    if v < 0:
        raise StataError(f"{kind} must be nonnegative", 198)
    if v != int(v):
        raise StataError(f"{kind} must be an integer", 198)
    return v, text


def _distribution(e, mu: np.ndarray):
    if e.cmd in ("poisson", "xtpoisson"):  # xtpoisson, re's pr0(): Poisson with u_i = 0
        return stats.poisson(mu)
    fit = e.model
    b0 = max(float(fit.anc[0]), -20.0)
    if fit.spec.dispersion == "mean":
        m = np.exp(-b0)
        return stats.nbinom(m, 1 / (1 + mu / m))
    return stats.nbinom(mu * np.exp(-b0), 1 / (1 + np.exp(b0)))


def predict_count_probability(session, e, cmd, typed: str, opts: dict, rows: np.ndarray, eta=None,
                              distribution=None, inflation=None) -> None:
    """``pr(n)`` or ``pr(a,b)`` of the module docstring into a new variable (``eta``: the caller's
    x b, offset included or not as asked; ``distribution(mu)``: the count distribution when not
    the command's own; ``inflation``: zip/zinb's probability of a certain zero, each row's
    probability then (1 - p) Pr(count) plus p when the range holds 0, as tpredict_p2)."""
    parts = [p for p in typed.split(",")]
    if len(parts) > 2 or any(not p.strip() or len(p.split()) > 1 for p in parts):
        raise StataError("invalid syntax", 198)
    vtype, name = one_new_variable(session, cmd)
    if eta is not None:
        pass
    elif e.cmd == "xtpoisson":  # the panel fits read nooffset from the rows
        eta = e.model.predict("xb", PredictionRows(session, e, nooffset=bool(opts.get("nooffset"))))
    else:
        eta = e.model.predict("xb", PredictionRows(session, e), nooffset=bool(opts.get("nooffset")))
    dist = _distribution(e, np.exp(eta)) if distribution is None else distribution(np.exp(eta))
    dep = e.macros.get("depvar", "").split()[0]
    with np.errstate(invalid="ignore"):
        if len(parts) == 1:
            n, shown = _bound(session, parts[0], "n")
            n = np.broadcast_to(np.asarray(n, float), eta.shape)
            ok = np.isfinite(n) & (n >= 0) & (n == np.floor(n))
            values = np.where(ok, dist.pmf(np.where(ok, n, 0)), np.nan)
            if inflation is not None:
                values = (1 - inflation) * values + inflation * (n == 0)
            label = f"Pr({dep}={shown})"
        else:
            a, a_shown = _bound(session, parts[0], "lower")
            b, b_shown = _bound(session, parts[1], "upper")
            if np.ndim(a) == 0 and np.isnan(a):
                raise StataError("lower bound is missing", 198)
            if np.ndim(a) == 0 and np.ndim(b) == 0 and b < a:
                raise StataError(f"upper bound of {b_shown} must be greater than or equal to the lower "
                                 f"bound of {a_shown}", 198)
            a = np.broadcast_to(np.asarray(a, float), eta.shape)
            b = np.broadcast_to(np.asarray(b, float), eta.shape)
            b = np.where(np.isnan(b), np.inf, b)  # a missing upper bound is +inf
            ok = np.isfinite(a) & (a >= 0) & (b >= a) & (a == np.floor(a)) & ((b == np.floor(b)) | np.isinf(b))
            lo = np.where(ok, a, 0)
            below = np.where(lo > 0, dist.cdf(lo - 1), 0.0)
            upper = np.where(np.isinf(b), 1.0, dist.cdf(np.where(np.isinf(b), 0, b)))
            values = np.where(ok, upper - below, np.nan)
            values = np.where(ok & np.isinf(b) & (lo > 0), dist.sf(lo - 1), values)
            if inflation is not None:
                values = (1 - inflation) * values + inflation * (lo == 0)
            label = (f"Pr({a_shown}<={dep}<={b_shown})" if b_shown != "." else f"Pr({dep}>={a_shown})")
    values = np.where(rows & np.isfinite(eta), values, np.nan)
    store_prediction(session, name, values, vtype, label)
