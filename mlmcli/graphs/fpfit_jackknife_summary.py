"""Each fit's jackknife summary under fpfit's prefix (``graphs.fpfit_ml_jackknife._PrefixRun``):
the replicates' frequencies (fweights' copies, else ones), jackknife.ado's ``_jk_sum`` V and
e(df_r) over the usable replicates, and saving()'s ``__jk_multiplier``."""
from __future__ import annotations

import numpy as np


def replicate_frequencies(command, codes: np.ndarray, cluster) -> np.ndarray:
    """Each replicate's frequency with fweights (``fpfit_ml_replicates.replicate_frequencies``),
    else ones."""
    from mlmcli.graphs.fpfit_ml_replicates import replicate_frequencies as fweight_frequencies

    if command.loop_weights != "fweight":
        return np.ones(int(codes.max()) + 1)
    return fweight_frequencies(command.weights, codes)


def narrowed_frequencies(command, codes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``replicate_frequencies`` over the later fits' rows ``mask`` (codes -1 elsewhere); none
    left, or two clusters or fewer (jackknife's r(459)): those fits fail."""
    from mlmcli.graphs.fpfit_ml_replicates import replicate_frequencies as fweight_frequencies
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if not mask.any() or (codes.max() + 1 <= 2 and codes.max() + 1 < mask.sum()):
        raise FracpolyFailed("jackknife requires more than 2 clusters")
    if command.loop_weights != "fweight":
        return np.ones(int(codes.max()) + 1)
    return fweight_frequencies(np.asarray(command.weights, float)[mask], codes[mask])


def replicate_vce(theta: np.ndarray, R: np.ndarray, frequencies: np.ndarray, weight_kind: str | None,
                  mse: bool) -> tuple[np.ndarray, float]:
    """(V, e(df_r)) of ``_jk_sum`` over the usable (finite) replicates
    (``mlmcli.replicate_variance``); too few usable is r(2000): the command failing inside
    fracpoly."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.replicate_variance import jackknife_variance

    summary = jackknife_variance(R, theta, mse=mse, weight_kind=weight_kind, frequencies=frequencies)
    if not summary.sufficient:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    return summary.V, summary.df_r


def replicate_multipliers(R: np.ndarray, frequencies: np.ndarray, weight_kind: str | None) -> np.ndarray | None:
    """saving()'s ``__jk_multiplier``: the replicate's frequency (_loop_jknife_fw) or (G-1)/G
    (_loop_jknife_iw), missing where the replicate posted missing values; None unweighted."""
    if weight_kind not in ("fweight", "pweight", "iweight"):
        return None
    G = R.shape[0]
    values = frequencies if weight_kind == "fweight" else np.full(G, (G - 1) / G)
    return np.where(np.all(np.isfinite(R), axis=1), values, np.nan)
