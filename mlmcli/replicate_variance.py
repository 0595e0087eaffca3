"""The jackknife's variance of a set of replicates, as jackknife.ado's ``_jk_sum`` computes it,
for every command mlm runs under ``vce(jackknife)`` or the ``jackknife`` prefix (regress's
``ols_jackknife``, the maximum-likelihood commands' ``commands.estimation.cluster_replicates``,
fpfit's ``graphs.fpfit_ml_replicates`` and ``graphs.fpfit_ml_jackknife``).  Pure numbers.

The replicates b_(g) are one row each, missing (NaN) where the replicate failed or was
rejected; the usable ones are the rows with no missing value (and, with fweights, a frequency).
c is their mean (``mse``: the full-sample b), G their count, n every replicate's:

- unweighted (``_loop_jknife``) and aweights: V = (G-1)/G sum_g (b_(g) - c)(b_(g) - c)',
  df_r = G - 1;
- fweights (``_loop_jknife_fw``, the multiplier the replicate's frequency f_g, summed
  ``[fw = f]``): F = sum f_g over the usable ones, c their f-weighted mean,
  V = (F-1)/F sum_g f_g (b_(g) - c)(b_(g) - c)', df_r = F - 1;
- pweights (``_loop_jknife_iw``, multiplier (n-1)/n, summed by ``_svy2`` as svy's delete-one
  jackknife): V = (n-1)/n sum_g (b_(g) - c)(b_(g) - c)', df_r = G - 1;
- iweights (the same loop, summed ``[iw = (n-1)/n]``: df = round(G (n-1)/n), and
  ``_sumaccum`` divides by the count less one): V = df/(df+1) (n-1)/n sum_g (b_(g) - c)
  (b_(g) - c)'; ``mse``: V = (n-1)/n sum_g (b_(g) - b)(b_(g) - b)'; df_r = df.

Too few usable replicates (none; one but with pweights, which ``_svy2`` sums) is ``_jk_sum``'s
r(2000): V is then NaN and the caller raises its own error.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

REPLICATE_WEIGHTS = ("fweight", "pweight", "iweight")


@dataclass(frozen=True)
class JackknifeVariance:
    V: np.ndarray  # NaN when too few replicates are usable
    df_r: float
    usable: int  # the replicates summed (e(N_reps) less the missing ones)

    @property
    def sufficient(self) -> bool:
        return bool(np.all(np.isfinite(self.V)))


def usable_replicates(replicates: np.ndarray, frequencies: np.ndarray | None = None) -> np.ndarray:
    """The rows with no missing value (and a frequency, where there are frequencies)."""
    good = np.all(np.isfinite(replicates), axis=1)
    return good if frequencies is None else good & np.isfinite(np.asarray(frequencies, float))


def jackknife_variance(replicates: np.ndarray, b: np.ndarray, *, mse: bool = False, weight_kind: str | None = None,
                       frequencies: np.ndarray | None = None, n_replicates: int | None = None) -> JackknifeVariance:
    """V and e(df_r) of the replicates (module docstring); ``frequencies``: each replicate's
    fweight (fweights only); ``weight_kind`` another weight (aweights) is the unweighted sum;
    ``n_replicates``: n when ``replicates`` holds the usable ones alone (default: its rows)."""
    replicates = np.atleast_2d(np.asarray(replicates, float))
    k = replicates.shape[1]
    n = replicates.shape[0] if n_replicates is None else int(n_replicates)
    kind = weight_kind if weight_kind in REPLICATE_WEIGHTS else None
    rows = replicates.shape[0]
    f = np.ones(rows) if kind != "fweight" or frequencies is None else np.asarray(frequencies, float)
    good = usable_replicates(replicates, f)
    kept, f = replicates[good], f[good]
    G = int(good.sum())
    if G == 0 or (kind != "pweight" and G < 2):
        return JackknifeVariance(np.full((k, k), np.nan), float(G - 1), G)
    if kind == "fweight":
        F = float(f.sum())
        d = kept - (b if mse else f @ kept / F)
        return JackknifeVariance((F - 1) / F * (d * f[:, None]).T @ d, F - 1, G)
    d = kept - (b if mse else kept.mean(axis=0))
    if kind == "iweight":
        m = (n - 1) / n
        df = float(np.floor(G * m + 0.5))  # Stata's round(): halves away from zero
        return JackknifeVariance((m if mse else df / (df + 1) * m) * d.T @ d, df, G)
    m = (n - 1) / n if kind == "pweight" else (G - 1) / G
    return JackknifeVariance(m * d.T @ d, float(G - 1), G)
