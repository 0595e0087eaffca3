"""regress's ``vce(jackknife)``: the replicates b_(g) and their variance, as jackknife.ado's
loops and ``_jk_sum`` compute them, with or without weights.  Pure numbers (``mlmcli.ols``
calls it); never prints.

Replicates (one per observation, or per cluster in sorted order under ``cluster()``):

- unweighted, aweights (``force``) and pweights (``_loop_jknife`` / ``_loop_jknife_iw``): the
  fit without the observation or cluster.  One observation from the leverage, exactly:
  b_(i) = b - (X'WX)^-1 x_i d_i e_i / (1 - d_i h_i), h_i = x_i (X'WX)^-1 x_i', d_i the weight
  the observation carries in X'WX (1 unweighted; the rescaled a/pweight); a cluster from the
  cross-products less the cluster's.  (pweights: ``_loop_jknife_iw`` rescales the others'
  weights by n/(n-1), which changes no b.)
- fweights (``_loop_jknife_fw``): one copy of the observation (of every row of the cluster)
  taken away -- its frequency less one, d_i = 1 above -- which is the plain jackknife of the data
  with each row repeated w times.

Variance (``_jk_sum``), c the usable replicates' mean (``mse``: the full-sample b):

- unweighted, aweights: V = (G-1)/G sum_g (b_(g) - c)(b_(g) - c)', G the usable replicates,
  df_r = G - 1;
- fweights: each replicate weighted by its frequency f_g (the observation's weight; under
  cluster() the cluster's, which must be constant within it): F = sum f_g over the usable ones,
  c their f-weighted mean, V = (F-1)/F sum_g f_g (b_(g) - c)(b_(g) - c)', df_r = F - 1;
- pweights (svy's delete-one jackknife, multiplier (n-1)/n with n every replicate, usable or
  not): V = (n-1)/n sum_g (b_(g) - c)(b_(g) - c)', df_r = G - 1;
- iweights (``_loop_jknife_iw`` posts the multiplier m = (n-1)/n, ``_jk_sum`` summarises with
  ``[iw = m]``: df = round(G m), and ``_sumaccum`` divides the m-weighted sum of squares by the
  count less one): V = df/(df+1) m sum_g (b_(g) - c)(b_(g) - c)', ``mse`` V = m sum_g (b_(g) - b)
  (b_(g) - b)'; df_r = df.  (The replicates are the WLS fits without the observation or cluster:
  the others' iweights times n/(n-1) change no b.)

Fewer than two usable replicates are _sumaccum's r(2000) (pweights: none; _jk_sum sums them
with _svy2).

A replicate whose leaving out makes the regressors collinear (an observation or a cluster alone
makes a regressor vary: its regress omits the regressor) posts missing values: jackknife.ado
records which coefficients the full-sample fit estimated (``_check_omit, get``) and its loops
(``_loop_jknife``, ``_loop_jknife_fw``, ``_loop_jknife_iw``: Stata 12's of 2010 and Stata 16's
alike) compare every replicate's (``_check_omit, check``) and post missing values where they
differ ("collinearity in replicate sample is not the same as the full sample"), before reject()
and n(); so the replicate counts as rejected (``x``), out of V, e(df_r) and e(N_reps).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlmcli.errors import StataError, insufficient_replicates
from mlmcli.postest.linear_prediction import quadratic_form_rows


# the loops' message for such a replicate ({p 0 0 2}, under noisily)
COLLINEAR = "collinearity in replicate sample is not the same as the full sample, posting missing values"


@dataclass(frozen=True)
class JackknifeVCE:
    replicates: np.ndarray  # one row per replicate (unusable ones: NaN), X's columns
    V: np.ndarray
    df_r: int
    frequencies: np.ndarray  # f_g (fweights), else ones: what the replicates are summed with
    multipliers: np.ndarray | None  # saving()'s __jk_multiplier (fweights: f_g; pweights: (n-1)/n)
    n_clusters: int | None


def removed_weights(w: np.ndarray, weight_kind: str | None) -> np.ndarray:
    """What one replicate takes away from each row's weight in X'WX: one copy (fweights) or
    the whole row."""
    return np.ones(len(w)) if weight_kind == "fweight" else np.asarray(w, float)


def observation_replicates(X: np.ndarray, e: np.ndarray, b: np.ndarray, XtWX_inv: np.ndarray,
                           removed: np.ndarray) -> np.ndarray:
    """b_(i), row i's weight less ``removed[i]``, one row per i, from the leverage (module docstring).
    A row whose leaving out makes the regressors collinear (d_i h_i = 1: a dummy for it alone)
    gets missing values (``COLLINEAR``), where the leverage formula would give 0/0."""
    h = removed * quadratic_form_rows(X, XtWX_inv)
    with np.errstate(divide="ignore", invalid="ignore"):
        replicates = b - (X * (removed * e / (1.0 - h))[:, None]) @ XtWX_inv
    for i in np.flatnonzero(h > 1.0 - 1e-8):
        if np.linalg.matrix_rank(np.delete(X, i, axis=0)) < X.shape[1]:
            replicates[i] = np.nan
    return replicates


def cluster_replicates(X: np.ndarray, y: np.ndarray, codes: np.ndarray, w: np.ndarray,
                       removed: np.ndarray, *, min_clusters: int = 3) -> np.ndarray:
    """b_(g), cluster g's rows' weights less ``removed``, one row per cluster in sorted order:
    each from the cross-products less cluster g's, so the G refits cost k x k solves (missing
    where leaving the cluster out makes the regressors collinear: ``COLLINEAR``).  Two
    clusters or fewer are jackknife.ado's "jackknife requires more than 2 clusters" r(459),
    checked before any replicate (it counts the clusters before its loop)."""
    _, inv = np.unique(np.asarray(codes), return_inverse=True)
    G = int(inv.max()) + 1 if inv.size else 0
    if G < min_clusters:
        raise StataError("jackknife requires more than 2 clusters", 459)
    k = X.shape[1]
    Xw, Xd = X * w[:, None], X * removed[:, None]
    XtX, Xty = Xw.T @ X, Xw.T @ y
    XtX_g = np.zeros((G, k, k))
    Xty_g = np.zeros((G, k))
    np.add.at(XtX_g, inv, np.einsum("ij,ik->ijk", Xd, X))
    np.add.at(Xty_g, inv, Xd * y[:, None])
    replicates = np.empty((G, k))
    for g in range(G):
        left = XtX - XtX_g[g]
        if np.linalg.matrix_rank(left) < k:  # its regress omits a regressor: ``COLLINEAR``
            replicates[g] = np.nan
            continue
        replicates[g] = np.linalg.solve(left, Xty - Xty_g[g])
    return replicates


def cluster_frequencies(w: np.ndarray, codes: np.ndarray, clustvar: str | None) -> np.ndarray:
    """Each cluster's fweight (sorted order); jackknife.ado's "fweights must be constant within
    clustvar" r(198) when a cluster's rows differ."""
    _, inv = np.unique(np.asarray(codes), return_inverse=True)
    G = inv.max() + 1
    low, high = np.full(G, np.inf), np.full(G, -np.inf)
    np.fmin.at(low, inv, w)  # missing frequencies (nodrop's rows): constant when all are missing
    np.fmax.at(high, inv, w)
    missing = np.bincount(inv, weights=np.isnan(w), minlength=G)
    mixed = (missing > 0) & (missing < np.bincount(inv, minlength=G))
    if np.any((low != high) & (missing == 0)) or np.any(mixed):
        raise StataError(f"fweights must be constant within {clustvar or 'cluster'}", 198)
    return np.where(missing > 0, np.nan, low)


def jackknife_vce(X: np.ndarray, y: np.ndarray, e: np.ndarray, b: np.ndarray, XtWX_inv: np.ndarray,
                  w: np.ndarray, weight_kind: str | None, cluster: np.ndarray | None, *, mse: bool = False,
                  scale: np.ndarray | None = None, clustvar: str | None = None,
                  replicate_filter: Callable[[np.ndarray], np.ndarray] | None = None,
                  units: tuple | None = None) -> JackknifeVCE:
    """The replicates and V (module docstring).  ``w``: the weights as regress uses them (ones
    unweighted); ``scale``: X's column scales (the filter sees b in the user's units);
    ``replicate_filter``: the replicates -> which are usable (n(), reject()); ``units``
    (nodrop with n() or nocount): (each row's replicate, the number of replicates, each
    replicate's fweight or None) when the if/in observations outside the sample are replicates
    of their own, which leave out none of its rows: their b_(g) is b."""
    removed = removed_weights(w, weight_kind)
    if units is not None:  # codes -1: rows without a replicate of their own (never left out)
        codes, G, unit_weights = units
        present = np.unique(codes)
        replicates = np.tile(b, (G, 1))
        fitted = cluster_replicates(X, y, codes, w, removed, min_clusters=1)
        replicates[present[present >= 0]] = fitted[present >= 0]
        frequencies = np.ones(G) if unit_weights is None else np.asarray(unit_weights, float)
    elif cluster is not None:
        replicates = cluster_replicates(X, y, cluster, w, removed)
        frequencies = (cluster_frequencies(w, cluster, clustvar) if weight_kind == "fweight"
                       else np.ones(replicates.shape[0]))
    else:
        replicates = observation_replicates(X, e, b, XtWX_inv, removed)
        frequencies = np.asarray(w, float) if weight_kind == "fweight" else np.ones(replicates.shape[0])
    good = np.all(np.isfinite(replicates), axis=1)  # COLLINEAR's replicates: posted missing
    if replicate_filter is not None:
        good &= np.asarray(replicate_filter(replicates * (1.0 if scale is None else scale)), bool)
        replicates = np.where(good[:, None], replicates, np.nan)
    good &= np.isfinite(frequencies)  # a missing multiplier: _jk_sum's [fw=] leaves it out
    # _jk_sum's Error2000: no usable replicate, or (all but pweights, which _svy2 sums) _sumaccum's
    # "insufficient observations to compute variance" with one
    if not good.any() or (weight_kind != "pweight" and good.sum() < 2):
        raise insufficient_replicates("jackknife")
    V, df_r = replicate_variance(replicates[good], frequencies[good], b, mse=mse, weight_kind=weight_kind,
                                 n_replicates=replicates.shape[0])
    n = replicates.shape[0]
    multipliers = {"fweight": frequencies, "pweight": np.full(n, (n - 1) / n),
                   "iweight": np.full(n, (n - 1) / n)}.get(weight_kind)
    if multipliers is not None:
        multipliers = np.where(good, multipliers, np.nan)
    return JackknifeVCE(replicates=replicates, V=V, df_r=df_r, frequencies=frequencies, multipliers=multipliers,
                        n_clusters=n if cluster is not None else None)


def replicate_variance(replicates: np.ndarray, frequencies: np.ndarray, b: np.ndarray, *, mse: bool,
                       weight_kind: str | None, n_replicates: int) -> tuple[np.ndarray, int]:
    """(V, df_r) from the usable replicates (module docstring; ``mlmcli.replicate_variance``)."""
    from mlmcli.replicate_variance import jackknife_variance

    summary = jackknife_variance(replicates, b, mse=mse, weight_kind=weight_kind, frequencies=frequencies,
                                 n_replicates=n_replicates)
    return summary.V, int(round(summary.df_r))
