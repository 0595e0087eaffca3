"""Fractional polynomials of one covariate (Royston and Altman 1994), fitted by least squares:
the numbers behind ``twoway fpfit``/``fpfitci`` (Stata 13 draws them with ``fracpoly``'s
default, the best fractional polynomial of degree 2 of ``regress``).

Powers are taken from S = {-2, -1, -.5, 0, .5, 1, 2, 3}, x^0 meaning log x.  A degree-2 model
with powers (p1, p2), p1 <= p2, has the terms x^p1 and x^p2, or, when p1 = p2 = p, x^p and
x^p log x; with a constant, y = b0 + b1 x^(p1) + b2 x^(p2) + e.  The best model of degree 2 is the
one of the 36 pairs with the smallest residual sum of squares (the largest likelihood), ties and
the model without x handled as frac_154 handles them (``_choose``; docs/fracpoly_power_choice.md).

x must be positive.  As fracpoly's preliminary transformation: when x has a value <= 0 it is
shifted, x + s with s = -min(x) + r, r the smallest difference between distinct sorted values of
x (its rounding interval); then x is divided by a power of 10 near its range, which changes
none of the fitted values (each term of the scaled x is a combination of the model's terms).
fracpoly's ``noscaling`` keeps the shift and divides by 1: the powers of x itself (with a
constant, or with the terms centred, the same fitted curve; without either, a log term's
fit depends on the scale, and so does the search).

With the fitted X (n x k, k = 3), b = (X'X)^-1 X'y, s^2 = RSS / (n - k), the standard error of
the fit at x0 with terms X0 is stdp = sqrt(s^2 X0 (X'X)^-1 X0'); ``graphs.fits.band`` makes the
band (stdp, stdf, stdr) with t(n - k).

fracpoly's ``noconstant`` (frac_154): every candidate regression is fitted without a constant on
the terms of the scaled x, and the final model on the terms centred as fracpoly's default
``center(mean)`` centres them (fracgen's adjust: each term minus its value at the mean of x; at
the lower value when x takes two values) -- with a constant the centring changes no fitted value,
without one it does.  ``for(x)`` predictions (fracpred) are the centred terms times their
coefficients.  Weights (aweights, fweights, pweights) make the search and the fit weighted least
squares (aweights and pweights scaled to sum to n, as regress does).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations_with_replacement

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import stata_double

POWERS = (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)


@dataclass(frozen=True)
class FractionalPolynomial:
    """A fitted FP: its powers, the shift and scale applied to x, coefficients (constant
    first), s^2, (X'X)^-1 and the residual degrees of freedom."""

    powers: tuple[float, ...]
    shift: float
    scale: float
    beta: np.ndarray
    s2: float
    xtx_inv: np.ndarray
    df: int
    rss: float
    constant: bool = True
    center: tuple[float, ...] = ()  # each term at the centring value of x

    def centred_terms(self, x: np.ndarray) -> np.ndarray:
        """The FP terms at x minus their centring values (fracpred's for(x) design)."""
        z = (np.asarray(x, float) + self.shift) / self.scale
        return np.column_stack(fp_terms(z, self.powers)) - np.asarray(self.center)

    def terms(self, x: np.ndarray) -> np.ndarray:
        """The design at x: 1 and the FP terms of (x + shift) / scale; without a constant,
        the centred terms."""
        if not self.constant:
            return self.centred_terms(x)
        z = (np.asarray(x, float) + self.shift) / self.scale
        return np.column_stack([np.ones(z.size)] + fp_terms(z, self.powers))

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.terms(x) @ self.beta

    def prediction_variance(self, x: np.ndarray) -> np.ndarray:
        """s^2 X0 (X'X)^-1 X0' at each x: stdp squared."""
        design = self.terms(x)
        return self.s2 * np.einsum("ij,jk,ik->i", design, self.xtx_inv, design)


def fp_terms(z: np.ndarray, powers: tuple[float, ...]) -> list[np.ndarray]:
    """x^p (log x for p = 0) for each power; a repeated power multiplies the previous term by
    log x."""
    out: list[np.ndarray] = []
    # x^1e300: past the largest double; log and powers of x <= 0 (fracgen's center(-1)): missing
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        log_z = np.log(z)
        for i, p in enumerate(powers):
            if i > 0 and p == powers[i - 1]:
                out.append(out[-1] * log_z)
            else:
                out.append(log_z if p == 0 else z ** p)
    return [np.where(np.isfinite(term), term, np.nan) for term in out]  # Stata's missing


def shift_and_scale(x: np.ndarray, scaling: bool = True) -> tuple[float, float]:
    """fracpoly's preliminary transformation of x: (shift, scale); ``scaling`` False: noscaling's
    scale 1."""
    x = np.asarray(x, float)
    shift = 0.0
    if x.min() <= 0:
        distinct = np.unique(x)
        gaps = np.diff(distinct)
        rounding = float(gaps.min()) if gaps.size else 1.0
        shift = -float(x.min()) + rounding
    if not scaling:
        return shift, 1.0
    span = float((x + shift).max() - (x + shift).min()) or float(abs((x + shift).max())) or 1.0
    # frac_xo: 10^(sign(log10(s)) * int(abs(log10(s)))): int() truncates towards zero, so a range
    # below 1 rounds up (range .5 -> 1, .05 -> .1), not down as floor would.
    magnitude = np.log10(span)
    scale = 10.0 ** (np.sign(magnitude) * np.trunc(abs(magnitude)))
    return shift, float(scale)


def _least_squares(X: np.ndarray, y: np.ndarray, w: np.ndarray, constant: bool = True):
    """(b, weighted RSS, (X'X)^-1) as regress fits X: a column collinear with the ones before
    it is omitted (its coefficient and its row and column of (X'X)^-1 zero), as _rmcoll does;
    None when X'X cannot be inverted even so."""
    from mlmcli.collinear_columns import independent_candidates

    first = 1 if constant and X.shape[1] else 0
    keep = np.ones(X.shape[1], dtype=bool)
    if X.shape[1] > first:
        keep[first:] = independent_candidates(X[:, first:], constant)
    kept = X[:, keep]
    beta, xtx_inv = np.zeros(X.shape[1]), np.zeros((X.shape[1], X.shape[1]))
    if kept.shape[1]:
        try:
            inverse = np.linalg.inv(kept.T @ (kept * w[:, None]))
        except np.linalg.LinAlgError:
            return None
        beta[keep] = inverse @ (kept.T @ (w * y))
        xtx_inv[np.ix_(keep, keep)] = inverse
    resid = y - X @ beta
    return beta, float(w @ (resid * resid)), xtx_inv


def _beats(value: float, best: float | None, relative: bool) -> bool:
    """frac_154's ``dev < dev_best`` (strict: the first of equal deviances stays), with a
    tolerance so that deviances equal but for rounding count as equal: relative for residual
    sums of squares, relative to max(|deviance|, 1) for a criterion's -2 ll.  ``best`` None:
    nothing to beat."""
    if best is None:
        return True
    if not np.isfinite(best):
        return bool(np.isfinite(value))
    scale = abs(best) if relative else max(abs(best), 1.0)
    return bool(value < best - 1e-10 * scale)


class NoFractionalPolynomial(StataError):
    """frac_154 found no model better than the one without x (every fit failed, or x adds
    nothing: one distinct value): its ``fracgen`` gets no powers and stops, so fracpoly fails
    (under twoway fpfit: the "could not fit" note)."""

    def __init__(self):
        super().__init__("could not fit a fractional polynomial", 430)


def _choose(fits, null_deviance, relative: bool):
    """frac_154's choice among ``fits`` ((powers, deviance or None), in its order: the powers
    ascending, each pair (p1, p2) with p1 <= p2): the models with a power 1 (odd df) and the
    others (even df) keep separate minima, each starting at the deviance of the model without x
    (None: unknown) and replaced only by a strictly smaller one, so the first of equal
    deviances stays; the odd-df best is taken only when its deviance is strictly below the
    even-df best's (a tie goes to the model without power 1).  None when no fit beat the model
    without x (fracgen then gets no powers)."""
    best: dict[bool, tuple | None] = {True: None, False: None}
    for candidate, value in fits:
        if value is None or not np.isfinite(value):
            continue  # a failed fit: frac_154's deviance ".", never smaller
        odd = 1.0 in candidate
        current = best[odd]
        if _beats(value, null_deviance if current is None else current[1], relative):
            best[odd] = (candidate, value)
    odd, even = best[True], best[False]
    if odd is not None and (even is None or _beats(odd[1], even[1], relative)):
        return odd
    return even


def best_fp(y: np.ndarray, x: np.ndarray, degree: int = 2, constant: bool = True,
            w: np.ndarray | None = None, frequency: bool = False, powers: tuple | None = None,
            center="mean", scaling: bool = True, criterion=None, allowed=None,
            null_deviance: float | None = None, fracpoly_x: np.ndarray | None = None) -> FractionalPolynomial:
    """The best-fitting FP of ``degree`` by (weighted) residual sum of squares over the
    ``powers`` (default S), chosen as frac_154 chooses (``_choose``); ``constant`` False:
    fracpoly's noconstant (module docstring); ``w``: weights, ``frequency``: they are fweights;
    ``center``: ``mean`` (fracpoly's default), ``no`` or a value of x; ``scaling`` False:
    fracpoly's noscaling.  ``criterion``: another model's deviance, ``criterion(X) -> -2 ll``
    (None: no fit) of a candidate design (the constant first), the smallest winning
    (``graphs.fpfit_models``); the returned least-squares coefficients are then not that
    model's, and ``null_deviance`` (the model without x; None: not known) is what a candidate
    must beat.  ``allowed``: the power tuples that may compete (None: all), the others skipped
    as fits that failed.  ``fracpoly_x``: x over fracpoly's own sample when the command fits other
    rows (frac_xo's shift and scale and fracgen's centring are over it: ``graphs.fpfit_command_sample``;
    None: over x)."""
    ok = np.isfinite(y) & np.isfinite(x)
    if w is not None:
        ok &= np.isfinite(w) & (np.asarray(w, float) != 0)
    y, x = np.asarray(y, float)[ok], np.asarray(x, float)[ok]
    n = y.size
    if w is None:
        w, count = np.ones(n), float(n)
    else:
        w = np.asarray(w, float)[ok]
        count = float(w.sum()) if frequency else float(n)
        w = w if frequency else w * (n / w.sum())
    k = degree + (1 if constant else 0)
    if n <= k:
        raise StataError("insufficient observations", 2001)
    frame = x if fracpoly_x is None else np.asarray(fracpoly_x, float)[np.isfinite(fracpoly_x)]
    shift, scale = shift_and_scale(frame, scaling)
    z = (x + shift) / scale
    ones = [np.ones(n)] if constant else []
    # y near 1e300 is ranked as y / 2^j (exact: every RSS divided by 4^j, the same order and ties),
    # its sums of squares being past the double range; the chosen model's in y's units at the end
    from mlmcli.ols import depvar_scale

    ys = depvar_scale(y)
    y_rank = y / ys
    total = float(w @ (y_rank * y_rank))

    def deviance(X: np.ndarray) -> float | None:
        if criterion is not None:
            return criterion(X)
        fitted = _least_squares(X, y_rank, w, constant)
        if fitted is None:
            return None
        return 0.0 if fitted[1] <= 1e-20 * total else fitted[1]  # frac_dv: e(rss) 0 is -1e30, a tie

    if criterion is None:
        null_deviance = deviance(np.column_stack(ones) if ones else np.zeros((n, 0)))
    fits = []
    for candidate in combinations_with_replacement(sorted(set(powers or POWERS)), degree):
        if allowed is not None and candidate not in allowed:
            continue
        X = np.column_stack(ones + fp_terms(z, candidate))
        if not np.all(np.isfinite(X)):
            continue
        fits.append((candidate, deviance(X)))
    best = _choose(fits, null_deviance, relative=criterion is None)
    if best is None:
        raise NoFractionalPolynomial()
    powers = tuple(best[0])
    z_frame = (frame + shift) / scale
    distinct = np.unique(z_frame)
    if center == "no":
        centre_values = tuple(0.0 for _ in powers)
    else:
        at = (float(center) + shift) / scale if center != "mean" else (
            distinct[0] if distinct.size <= 2 else float(np.mean(z_frame)))  # fracpoly's default centring
        centre_values = tuple(float(t[0]) for t in fp_terms(np.array([at]), powers))
    center = centre_values
    model = FractionalPolynomial(powers, shift, scale, np.zeros(0), 0.0, np.zeros((0, 0)), 0, 0.0,
                                 constant, center)
    beta, rss, xtx_inv = _least_squares(model.terms(x), y_rank, w, constant)
    with np.errstate(over="ignore"):  # past the double range: missing
        beta, rss = np.array([stata_double(b * ys) for b in beta]), stata_double(rss * ys * ys)
    df = int(round(count)) - k
    return FractionalPolynomial(powers, shift, scale, beta, rss / df if df > 0 else float("nan"), xtx_inv,
                                df, rss, constant, center)


# ---- fracpoly's own search with regress (the fracpoly command)
# ``fracpoly``'s search with ``regress`` (frac_154): every fractional polynomial of degree 1 to m
# in x, with the covariates of the model, fitted by least squares and ranked by regress's deviance
# -2 ll = n (1 + log(2 pi RSS / n)).
#
# Models run in frac_154's order (degree 1 over the powers, then each nondecreasing pair, ...).
# Each model has a df, 2 deg minus 1 when one of its powers is 1; for each df the best deviance
# starts at the deviance of the model without x and is replaced only by a strictly smaller one;
# then each even df takes the odd df below it when that is strictly smaller (degree d's best is
# ``best[2 d]``; the linear model's deviance is ``best[1]``).  x is shifted and scaled as frac_xo
# does (``shift_and_scale``).

@dataclass(frozen=True)
class ModelFit:
    powers: tuple[float, ...]
    deviance: float  # nan: the fit failed
    rsd: float  # regress's root MSE


@dataclass
class FracpolySearch:
    """The models fitted (in order), the best deviance, residual SD and powers for each df
    (0: without x), the shift and scale of x and the residual df of the model without x."""

    fits: list[ModelFit]
    best: dict[int, tuple[float, float, tuple[float, ...]]] = field(default_factory=dict)
    shift: float = 0.0
    scale: float = 1.0
    rdf: int = 0
    nobs: int = 0
    normal: bool = True  # regress (frac_chk's isnorm); False: another command's -2 ll, no residual SD

    def degree_best(self, degree: int) -> tuple[float, float, tuple[float, ...]]:
        return self.best[2 * degree]


def regress_fit(y: np.ndarray, X: np.ndarray) -> tuple[float, float]:
    """(deviance -2 ll, root MSE) of regress y on X (the constant among X's columns).  A depvar
    near the largest double is fitted as y / 2^j (exact): the deviance gains 2 n ln 2^j, the
    root MSE is times 2^j (missing past the largest double), as regress's own fit."""
    from mlmcli.ols import depvar_scale

    ys = depvar_scale(np.asarray(y, float))
    if ys != 1.0:
        dev, rsd = _regress_fit(y / ys, X)
        return (dev if dev == -1e30 else dev + 2 * y.size * np.log(ys)), float(stata_double(rsd * ys))
    return _regress_fit(y, X)


def _regress_fit(y: np.ndarray, X: np.ndarray) -> tuple[float, float]:
    n = y.size
    if X.shape[1] == 0:
        rss, rank = float(y @ y), 0
    else:
        beta, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
        resid = y - X @ beta
        rss = float(resid @ resid)
    if rss <= 1e-20 * max(float(y @ y), 1e-300):
        return -1e30, 0.0  # frac_dv: e(rss) 0
    df = n - int(rank)
    rsd = float(np.sqrt(rss / df)) if df > 0 else float("nan")
    return float(n * (1 + np.log(2 * np.pi * rss / n))), rsd


def zero_scale(x: np.ndarray, scaling: bool = True) -> float:
    """frac_xo's scale with ``zero``: x <= 0 set to 0 (no shift), the range of that."""
    x0 = np.where(np.asarray(x, float) > 0, x, 0.0)
    span = float(x0.max() - x0.min()) or float(abs(x0.max())) or 1.0
    if not scaling:
        return 1.0
    magnitude = np.log10(span)
    return float(10.0 ** (np.sign(magnitude) * np.trunc(abs(magnitude))))


def zero_terms(z: np.ndarray, powers: tuple[float, ...]) -> list[np.ndarray]:
    """frac_154's and fracgen's terms with ``zero``: each 0 where z is 0 (x <= 0), ln z taken as 0
    there; a repeated power multiplies the previous term by that ln z."""
    z = np.asarray(z, float)
    positive = z > 0
    safe = np.where(positive, z, 1.0)
    log_z = np.where(positive, np.log(safe), 0.0)
    out: list[np.ndarray] = []
    with np.errstate(over="ignore", invalid="ignore"):
        for i, p in enumerate(powers):
            if i > 0 and p == powers[i - 1]:
                out.append(out[-1] * log_z)
            else:
                out.append(log_z if p == 0 else z if p == 1 else np.where(positive, safe ** p, 0.0))
    return [np.where(np.isfinite(term), term, np.nan) for term in out]


def search(y, x, base, degree: int = 2, powers=None, scaling: bool = True,
           constant: bool = True, criterion=None, zero: bool = False, catzero: bool = False) -> FracpolySearch:
    """frac_154's search over x's FPs of degree 1..``degree`` with the covariate columns ``base``
    (n x q) in every model.  ``criterion``: another command's ``X -> -2 ll`` (None: the fit
    failed, frac_154's captured failure and deviance "."), X the constant (``constant``), the
    covariates, then the terms; None: regress's.  The residual df is regress's of y on the
    covariates, as frac_154 takes it for every command.  ``zero``: x <= 0 taken as 0 in the
    terms (``zero_terms``, no shift); ``catzero`` (implies zero): the indicator x <= 0 joins every
    candidate (not the model without x)."""
    y, x = np.asarray(y, float), np.asarray(x, float)
    n = y.size
    zero = zero or catzero
    if zero:
        shift, scale = 0.0, zero_scale(x, scaling)
        z = np.where(x > 0, x, 0.0) / scale
    else:
        shift, scale = shift_and_scale(x, scaling)
        z = (x + shift) / scale
    make_terms = zero_terms if zero else fp_terms
    indicator = [(x <= 0).astype(float)] if catzero else []
    fixed = ([np.ones(n)] if constant else []) + [np.asarray(c, float) for c in np.asarray(base, float).T]
    fixed_X = np.column_stack(fixed) if fixed else np.zeros((n, 0))
    if criterion is None:
        fit = regress_fit
    else:
        def fit(_, X):
            value = criterion(X)
            return (float("nan") if value is None else float(value)), float("nan")
    dev0, rsd0 = fit(y, fixed_X)
    regress_X = fixed_X  # frac_154's ``regress y base``; stcox fits no constant, regress _t base does
    if criterion is not None and not constant:
        regress_X = np.column_stack([np.ones(n), fixed_X])
    rank0 = int(np.linalg.matrix_rank(regress_X)) if regress_X.shape[1] else 0
    result = FracpolySearch([], shift=shift, scale=scale, rdf=n - rank0 + (0 if constant or criterion else 1),
                            nobs=n, normal=criterion is None)
    best = {k: (dev0, rsd0, ()) for k in range(0, 2 * degree + 1)}
    grid = sorted(set(POWERS if powers is None else powers))
    for deg in range(1, degree + 1):
        for candidate in combinations_with_replacement(grid, deg):
            terms = make_terms(z, candidate) + indicator
            X = np.column_stack([fixed_X] + terms) if fixed else np.column_stack(terms)
            if not np.all(np.isfinite(X)):
                dev, rsd = float("nan"), float("nan")
            else:
                dev, rsd = fit(y, X)
            result.fits.append(ModelFit(candidate, dev, rsd))
            df = 2 * deg - (1 if 1.0 in candidate else 0)
            if np.isfinite(dev) and dev < best[df][0]:
                best[df] = (dev, rsd, candidate)
    for df in range(2, 2 * degree + 1, 2):
        if best[df - 1][0] < best[df][0]:
            best[df] = best[df - 1]
    result.best = best
    return result


def final_terms(x: np.ndarray, powers: tuple[float, ...], shift: float, scale: float,
                adjust: float | None) -> tuple[list[np.ndarray], list[float]]:
    """fracgen's variables: the FP terms of (x + shift) / scale, each minus its value at the
    (scaled) ``adjust`` point (None: not adjusted); and those values."""
    z = (np.asarray(x, float) + shift) / scale
    terms = fp_terms(z, powers)
    if adjust is None:
        return terms, [0.0] * len(terms)
    at = [float(t[0]) for t in fp_terms(np.array([(adjust + shift) / scale]), powers)]
    return [t - a for t, a in zip(terms, at)], at


@dataclass(frozen=True)
class ComparisonRow:
    label: str  # "Not in model", "Linear", "m = 1", ...
    df: int
    deviance: float
    rsd: float
    difference: float | None  # None: the reported (top) model's row
    p: float | None
    powers: tuple[float, ...]


def comparison_rows(found: FracpolySearch, degree: int) -> list[ComparisonRow]:
    """fracpoly, compare's closed-test table (frac_154's fraccomp, one equation): each model's
    deviance minus the degree-m model's, with P from F(n1, n2) of expm1(d / N) n2 / n1, n2 the
    residual df of the model without x minus the row's df (Stata 13: the line PR removed in
    2017 -- decision, docs/fracpoly.md); another command's (``found.normal`` False): frac_pv's
    chi2(n1) upper tail of d."""
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.distributions import f as f_dist

    top_dev, top_rsd, top_powers = found.best[2 * degree]
    rows = []

    def row(label, df, n1, dev, rsd, powers):
        d = dev - top_dev
        n2 = found.rdf - df
        if not found.normal:
            p = float(chi2_dist.sf(d, n1)) if n1 > 0 else float("nan")
        else:
            p = float(f_dist.sf(np.expm1(d / found.nobs) * n2 / n1, n1, n2)) if n1 > 0 and n2 > 0 else float("nan")
        rows.append(ComparisonRow(label, df, dev, rsd, d, p, powers))

    dev0, rsd0, _ = found.best[0]
    row("Not in model", 0, 2 * degree, dev0, rsd0, ())
    dev1, rsd1, _ = found.best[1]
    row("Linear", 1, 2 * degree - 1, dev1, rsd1, (1.0,))
    for m in range(1, degree):
        dev, rsd, powers = found.best[2 * m]
        row(f"m = {m}", 2 * m, 2 * (degree - m), dev, rsd, powers)
    rows.append(ComparisonRow(f"m = {degree}", 2 * degree, top_dev, top_rsd, None, None, top_powers))
    return rows
