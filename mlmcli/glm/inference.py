"""Tables of estimates shared by the GLM and GLMM engines.

Coefficients: z = b/se, P>|z| = 2 Phi(-|z|), CI b -/+ z_{(1+level)/2} se (the
fixed-effects rows are built by ``mlmcli.mixed.inference.fixed_rows``).
eform rows (``or``, ``irr``, ``eform``): exp(b), se exp(b) (delta method), CI
exp of the bounds; z and P unchanged.  Ancillary parameters (``/cut1``,
``/lnalpha``, ``/lndelta``, ``/lnsigma``) in the estimation metric with a
symmetric CI and no z or P printed; their natural metric (``alpha``...) as exp of
the estimate and bounds with the delta-method SE.

Linear constraints R theta = r are imposed by the reparametrisation
theta = theta_0 + N gamma with N an orthonormal basis of the null space of R
(so every gamma satisfies the constraints); V(theta) = N V(gamma) N'.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from ..errors import StataError
from ..missing import stata_exp
from ..mixed.inference import zcrit
from ..results.mixed import CoefRow, VarianceRow

NAN = float("nan")

EFORM_LABELS = {"logit": "Odds Ratio", "poisson": "IRR", "nbreg": "IRR"}


def eform_label(command: str) -> str:
    """The coefficient heading Stata uses with ``or``/``irr`` (else ``exp(b)``)."""
    return EFORM_LABELS.get(command, "exp(b)")


def eform_rows(rows: tuple[CoefRow, ...]) -> tuple[CoefRow, ...]:
    out = []
    for r in rows:
        if r.base or r.omitted:
            out.append(CoefRow(r.name, 1.0, NAN, NAN, NAN, NAN, NAN, r.term, r.level, r.base, r.omitted,
                               empty=r.empty))
            continue
        e = stata_exp(r.coef)  # a diverged coefficient (exp overflows) shows as missing, as in Stata
        out.append(CoefRow(r.name, e, e * r.se, r.stat, r.p, stata_exp(r.ci_lo), stata_exp(r.ci_hi),
                           r.term, r.level, constrained=r.constrained))
    return tuple(out)


def ancillary_rows(names: list[str], est: np.ndarray, se: np.ndarray, level: float) -> tuple[CoefRow, ...]:
    """``/cut1``-style rows: estimate, SE, symmetric CI; z and P not printed (NaN)."""
    z = zcrit(level)
    return tuple(CoefRow(f"/{n}", float(b), float(s), NAN, NAN, float(b - z * s), float(b + z * s))
                 for n, b, s in zip(names, est, se))


def natural_ancillary(names: list[str], est: np.ndarray, se: np.ndarray, level: float) -> tuple[VarianceRow, ...]:
    """``alpha`` from ``/lnalpha`` (``delta``, ``sigma``): exp of estimate and CI bounds."""
    z = zcrit(level)
    out = []
    for n, b, s in zip(names, est, se):
        if not n.startswith("ln"):
            continue
        e = float(np.exp(b))
        out.append(VarianceRow(n[2:], e, e * float(s), float(np.exp(b - z * s)), float(np.exp(b + z * s))))
    return tuple(out)


def replicate_model_test(labels, beta: np.ndarray, V: np.ndarray) -> tuple[float, int, float]:
    """(chi2, df, p) of the slopes with a replicate V (_prefix_model_test: chi2 and p missing,
    df the rank, when V is singular)."""
    from mlmcli.postest.prefix_model_test import replicate_wald

    est = [lab for lab in labels if not (lab.base or lab.omitted)]
    idx = [k for k, lab in enumerate(est) if lab.name != "_cons"]
    if not idx:
        return float("nan"), 0, float("nan")
    chi2, df = replicate_wald(beta[idx], V[np.ix_(idx, idx)])
    return chi2, df, float(stats.chi2.sf(chi2, df)) if df else float("nan")


def chibar_or_chi2(chi2: float, df: int) -> tuple[float, str]:
    """p-value and kind of an LR test of variance parameters on the boundary:
    chibar2(01) (half a chi2(1)) for one parameter, a (conservative) chi2(df) otherwise."""
    chi2 = max(float(chi2), 0.0)
    if df == 1:
        return (0.5 * float(stats.chi2.sf(chi2, 1)) if chi2 > 0 else 1.0), "chibar2(01)"
    return float(stats.chi2.sf(chi2, df)), "chi2"


class ConstraintMap:
    """theta = theta0 + N gamma for R theta = r (identity when there are no constraints)."""

    def __init__(self, k: int, R: np.ndarray | None = None, r: np.ndarray | None = None):
        self.k = k
        if R is None or len(R) == 0:
            self.N = np.eye(k)
            self.theta0 = np.zeros(k)
            self.active = False
            return
        R = np.atleast_2d(np.asarray(R, float))
        r = np.asarray(r, float).ravel()
        U, s, Vt = np.linalg.svd(R, full_matrices=True)
        rank = int(np.sum(s > 1e-10 * max(s.max(), 1.0)))
        theta0 = np.linalg.lstsq(R, r, rcond=None)[0]
        if np.max(np.abs(R @ theta0 - r), initial=0.0) > 1e-8 * (1 + np.max(np.abs(r), initial=0.0)):
            raise StataError("constraints are inconsistent", 412)
        self.N = Vt[rank:].T.copy()
        self.theta0 = theta0
        self.active = True

    @property
    def m(self) -> int:
        return self.N.shape[1]

    def theta(self, gamma: np.ndarray) -> np.ndarray:
        return self.theta0 + self.N @ gamma if self.active else np.asarray(gamma, float)

    def gamma(self, theta: np.ndarray) -> np.ndarray:
        """The gamma whose theta is closest to ``theta`` (projection onto the constraints)."""
        if not self.active:
            return np.asarray(theta, float)
        return self.N.T @ (np.asarray(theta, float) - self.theta0)

    def vcov(self, V_gamma: np.ndarray) -> np.ndarray:
        return self.N @ V_gamma @ self.N.T if self.active else V_gamma

    def exactly_fixed(self, V: np.ndarray) -> np.ndarray:
        """V with the parameters the constraints fix (rows of N all 0) exactly without variance,
        not rounding's 1e-33: printed ``(constrained)`` as ml shows them."""
        if not self.active:
            return V
        fixed = np.all(np.abs(self.N) < 1e-10, axis=1)
        V = np.array(V, float)
        V[fixed, :] = 0.0
        V[:, fixed] = 0.0
        return V

    # Without constraints N = I: the methods below hand back their argument (C-ordered and
    # float, as the product was) rather than multiply by it -- N'HN is two k^3 products, S N an
    # n x k^2 one; for finite entries the product by I is exactly its argument, so the results
    # are the same to the bit.
    def reduced(self, g: np.ndarray, H: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(N'g, N'HN): the gradient and Hessian over gamma."""
        return self.reduced_gradient(g), self.reduced_hessian(H)

    def _multiplied(self, a) -> bool:
        """Whether to take the product by N: constraints are active, or ``a`` holds an inf or
        NaN (the product by I spreads it -- inf * 0 -- as fits past the double range relied on:
        their Newton steps turn NaN and they stop with r(430))."""
        return self.active or not np.isfinite(a).all()

    def reduced_gradient(self, g: np.ndarray) -> np.ndarray:
        return self.N.T @ g if self._multiplied(g) else np.ascontiguousarray(g, dtype=float)

    def reduced_hessian(self, H: np.ndarray) -> np.ndarray:
        """N'HN: a Hessian (or information matrix) over gamma."""
        return self.N.T @ H @ self.N if self._multiplied(H) else np.ascontiguousarray(H, dtype=float)

    def reduced_scores(self, S: np.ndarray) -> np.ndarray:
        """S N: rows over theta (observations' scores, a design matrix) over gamma."""
        return S @ self.N if self._multiplied(S) else np.ascontiguousarray(S, dtype=float)

    def lifted(self, d: np.ndarray) -> np.ndarray:
        """N d: a direction over gamma (a Newton step) over theta."""
        return self.N @ d if self._multiplied(d) else np.ascontiguousarray(d, dtype=float)

    def information_inverse(self, A: np.ndarray) -> np.ndarray:
        """N (N' A N)^+ N' (the pseudo-inverse): an information matrix's inverse under the
        constraints (A^+ without them), e.g. vce(opg)'s A = sum w s s'."""
        return self.vcov(np.linalg.pinv(self.reduced_hessian(A)))


def constrained_maximize(fun, grad_hess, x0, R, r, hessian=None, **control):
    """ml's maximisation under R theta = r: Newton-Raphson (``glm.newton.maximize``) over
    gamma, theta = theta_0 + N gamma (``ConstraintMap``), from ``x0`` projected onto the
    constraints (nan: 0), gradient N'g and Hessian N'HN; (result with x = theta,
    V = N (N'(-H)N)^-1 N'), so a parameter the constraints fix has no variance.
    ``hessian(theta)``: the Hessian V is taken from when it is not the steps' own (default)."""
    from mlmcli.glm.newton import inverse_information, maximize

    x0 = np.asarray(x0, float)
    cmap = ConstraintMap(x0.size, R, r)

    def reduced(gamma):
        return cmap.reduced(*grad_hess(cmap.theta(gamma)))

    res = maximize(lambda gamma: fun(cmap.theta(gamma)), reduced, cmap.gamma(np.nan_to_num(x0)), **control)
    H = cmap.reduced_hessian(hessian(cmap.theta(res.x))) if hessian is not None else reduced(res.x)[1]
    Vg = inverse_information(H, pseudo_inverse=True) if H.size else H
    res.x = cmap.theta(res.x)
    return res, cmap.vcov(Vg)


@dataclass(frozen=True)
class Replicates:
    """vce(bootstrap|jackknife) of a GLM: ``kind``, the replicates that fit (``n``) and
    jackknife's e(df_r) (None after bootstrap: z and normal-based intervals)."""

    kind: str
    n: int
    df_r: float | None = None
    mse: bool = False  # V about b: ``Jknife *`` over Std. Err. (jackknife.ado's e(vcetype))
    clusters: tuple | None = None  # (G, v) of the prefix's cluster(v): the table's Replications line

    @property
    def vcetype(self) -> str:
        return "Jknife *" if self.mse and self.kind == "jackknife" else self.kind.capitalize()


def with_replicates(result, rep: Replicates):
    """The table under vce(bootstrap|jackknife): the Wald test (jackknife: F = W/df_m on
    (df_m, df_r)), ``Bootstrap``/``Jackknife`` over Std. Err.; jackknife's rows t = b/se,
    P>|t| = 2 T_df(-|t|), CI b -/+ t_{(1+level)/2, df} se (eform and ancillary rows alike)."""
    changes = dict(vce=rep.kind, vce_label=rep.vcetype, n_reps=rep.n, replications=rep.clusters,
                   cluster_var=None, n_clusters=None, lr_alpha=None, chi2_type="Wald")
    if rep.df_r is not None:
        df = rep.df_r
        crit = float(stats.t.ppf(0.5 + result.level / 200, df))
        fixed = tuple(t_row(row, df, crit) for row in result.fixed)
        anc = tuple(replace(row, ci_lo=row.coef - crit * row.se, ci_hi=row.coef + crit * row.se)
                    for row in result.ancillary)
        natural = tuple(replace(v, ci_lo=float(np.exp(a.coef - crit * a.se)), ci_hi=float(np.exp(a.coef + crit * a.se)))
                        for v, a in zip(result.ancillary_natural, [r for r in result.ancillary
                                                                    if r.name.startswith("/ln")]))
        F = result.chi2 / result.df_m if result.df_m else NAN
        changes.update(fixed=fixed, fixed_eform=eform_rows(fixed), ancillary=anc, ancillary_natural=natural,
                       chi2=F, p=float(stats.f.sf(F, result.df_m, df)) if result.df_m else NAN, df_r=df)
    return replace(result, **changes)


def t_row(row: CoefRow, df: float, crit: float) -> CoefRow:
    if not (row.se > 0):
        return row
    t = row.coef / row.se
    return replace(row, stat=t, p=float(2 * stats.t.sf(abs(t), df)), ci_lo=row.coef - crit * row.se,
                   ci_hi=row.coef + crit * row.se)


def constraints_on_kept(constraints, keep_cols):
    """``LinearConstraints`` over the parameters once perfect predictors dropped the estimable
    columns ``keep_cols`` masks out (the ancillary parameters after them stay)."""
    if constraints is None:
        return None
    import dataclasses

    R = np.atleast_2d(np.asarray(constraints.R, float))
    keep = np.concatenate([np.asarray(keep_cols, bool), np.ones(R.shape[1] - len(keep_cols), bool)])
    return dataclasses.replace(constraints, R=R[:, keep])


def constrained_model_test(labels, beta: np.ndarray, Vb: np.ndarray):
    """(chi2, df, p) of ml's wald(1) under constraints: [R] test that every estimable slope is 0,
    the constraints V cannot test (a coefficient they fix, one they tie to another) dropped."""
    from mlmcli.postest.wald import Constraint, wald_test as test

    est = [lab for lab in labels if not (lab.base or lab.omitted)]
    slopes = [i for i, lab in enumerate(est) if lab.name != "_cons"]
    if not slopes:
        return float("nan"), 0, float("nan")
    rows = [Constraint(np.eye(len(beta))[i], 0.0) for i in slopes]
    w = test(rows, np.asarray(beta, float), np.asarray(Vb, float), [""] * len(rows))
    return w.chi2, w.df, w.p
