"""Intraclass correlations as ``estat icc`` reports them after ``mixed``.

For a nested random-intercept model with levels 1..L (outermost first),
intercept variances s_l^2 = exp(2 p_l) (p_l the ln-sd parameter in e(b)) and
residual variance s_e^2 = exp(2 p_e), the level-k ICC is

    icc_k = (s_1^2 + ... + s_k^2) / (s_1^2 + ... + s_L^2 + s_e^2),

the correlation of two observations sharing the level-1..k groups (Stata
labels it ``k|k-1|...|1``, e.g. ``sample|batch``).  For random-coefficient
models the same formula with the intercept variances only: the ICC
conditional on the random-effects covariates being 0.

SE by the delta method on the estimation metric: with T the denominator,
d icc_k / d p_l = 2 s_l^2 (1[l<=k] - icc_k) / T and d icc_k / d p_e =
-2 s_e^2 icc_k / T, so se = sqrt(g' V g) with V the covariance of
(p_1..p_L, p_e) from e(V).  CI from the logit transform:
logit(icc) +/- z se / (icc (1 - icc)), mapped back by invlogit.
Reference: Stata [ME] estat icc, Methods and formulas.

``mixed_icc`` finds the parameters in e(b) after ``mixed`` (Stata's
``lns<level>_<equation>_<k>`` names) and refuses the models Stata refuses.
"""
from __future__ import annotations

import numpy as np

from mlmcli.distributions import norm
from mlmcli.errors import StataError
from mlmcli.postest.criteria import LNS_RE
from mlmcli.results.postestimation import IccRow
from mlmcli.syntax.coefnames import split_eq


def nested_icc(labels: list[str], level_params: list[list[int]], resid_param: int,
               b: np.ndarray, V: np.ndarray, level: float = 95.0) -> list[IccRow]:
    """ICCs for every nesting depth.

    ``labels``: the level variables, outermost first.  ``level_params[l]``:
    indices into ``b`` of the ln-sd parameters whose variances form level l's
    intercept variance (usually one).  ``resid_param``: index of ``lnsig_e``.
    ``b``/``V``: e(b) and e(V) (any parameters; only the ones named are used).
    Row k is labelled ``labels[k]|labels[k-1]|...|labels[0]``.
    """
    b = np.asarray(b, dtype=float)
    V = np.asarray(V, dtype=float)
    z = norm.ppf(1 - (1 - level / 100) / 2)
    var_level = [sum(np.exp(2 * b[i]) for i in idx) for idx in level_params]
    s2e = np.exp(2 * b[resid_param])
    total = sum(var_level) + s2e
    out = []
    for k in range(len(labels)):
        icc = sum(var_level[: k + 1]) / total
        grad = np.zeros(len(b))
        for lev, idx in enumerate(level_params):
            inside = 1.0 if lev <= k else 0.0
            for i in idx:
                grad[i] += 2 * np.exp(2 * b[i]) * (inside - icc) / total
        grad[resid_param] += -2 * s2e * icc / total
        used = grad != 0  # the variance parameters only: a fixed effect's missing variance stays out
        with np.errstate(invalid="ignore"):
            se = float(np.sqrt(max(grad[used] @ V[np.ix_(used, used)] @ grad[used], 0.0)))
        lo, hi = logit_interval(icc, se, z)
        label = "|".join(reversed(labels[: k + 1]))
        out.append(IccRow(label, float(icc), se, lo, hi))
    return out


def logit_interval(p: float, se: float, z: float) -> tuple[float, float]:
    """invlogit(logit(p) -/+ z se / (p (1-p))): the interval Stata prints for a proportion."""
    if not (0 < p < 1) or not np.isfinite(se):
        return float("nan"), float("nan")
    centre = np.log(p / (1 - p))
    half = z * se / (p * (1 - p))
    from scipy.special import expit  # invlogit without overflow at the far ends

    return float(expit(centre - half)), float(expit(centre + half))


def mixed_icc(colnames, b: np.ndarray, V: np.ndarray, *, ivars: list[str], revars: list[str],
              redim: list[int], rstructure: str, depvar: str, level: float,
              resopt: str = "") -> tuple[list[IccRow], str]:
    """``estat icc`` after ``mixed`` from e(b), e(V) and e(ivars/revars/redim): the rows and
    the table's kind, ``plain``, ``residual`` (fixed covariates) or ``conditional``
    (random-effects covariates)."""
    if not ivars:
        raise StataError("requested action not valid after mixed because there are no random "
                         "effects in the model", 321)
    if "_all" in ivars or any(v.startswith("R.") for v in revars):
        raise StataError("estat icc not allowed after crossed-effects models", 321)
    # _estat_icc.ado also refuses independent errors with by(): it looks for "by" in e(resopt)
    if rstructure != "independent" or "by" in resopt:
        raise StataError("estat icc not allowed after random-effects models with residual structures "
                         "other than the default independent structure", 321)
    levels = list(dict.fromkeys(ivars))
    # (level number, equation number) of each equation, Stata's lns<l>_<e>_<k> numbering
    eq_ids, lev_of, eq_count = [], {}, {}
    for v in ivars:
        lev = lev_of.setdefault(v, len(lev_of) + 1)
        eq_count[v] = eq_count.get(v, 0) + 1
        eq_ids.append((lev, eq_count[v]))
    level_params: list[list[int]] = [[] for _ in levels]
    pos = 0
    for (lev, eqn), q in zip(eq_ids, redim):
        eq_vars = revars[pos:pos + q]
        pos += q
        if "_cons" not in eq_vars:
            continue
        # the intercept is the equation's last lns parameter (one lns for identity/exchangeable)
        idx = [i for i, full in enumerate(colnames)
               if (m := LNS_RE.match(split_eq(full)[0])) and (int(m.group(1)), int(m.group(2))) == (lev, eqn)]
        if idx:
            level_params[lev - 1] = [idx[-1]]
    if any(not p for p in level_params):
        raise StataError("estat icc not allowed after random-effects models with random-level "
                         "specifications that do not contain random intercepts", 321)
    resid = next((i for i, full in enumerate(colnames) if split_eq(full)[0] == "lnsig_e"), None)
    if resid is None:
        raise StataError("estat icc not allowed after random-effects models with residual structures "
                         "other than the default independent structure", 321)
    rows = nested_icc(levels, level_params, resid, b, V, level)
    has_rcov = any(v != "_cons" for v in revars)
    fixed = [n for n in colnames if split_eq(n)[0] == depvar]
    has_fcov = not (len(fixed) == 0 or (len(fixed) == 1 and split_eq(fixed[0])[1] == "_cons"))
    kind = "conditional" if has_rcov else ("residual" if has_fcov else "plain")
    return rows, kind
