"""The bootstrap's summary in ``e()`` ([R] bootstrap, stored results) and back:

    e(b_bs) e(reps) e(bias) e(se) e(z0)     1 x k, row ``y1``
    e(ci_normal) e(ci_percentile) e(ci_bc) [e(ci_bca)]   2 x k, rows ``ll`` ``ul``
    [e(accel)]                              1 x k (bca)
    e(N_reps), e(N_misreps), e(level); e(vce) bootstrap, e(vcetype) Bootstrap | Bstrap *,
    e(prefix) bootstrap, [e(mse) mse], [e(ties) ties]

``estat bootstrap`` reads them back (``statistics_from_e``)."""
from __future__ import annotations

import numpy as np

from mlmcli.results.bootstrap import BootstrapStatistics
from mlmcli.results.matrix import Matrix

VECTORS = ("b_bs", "reps", "bias", "se", "z0")
INTERVALS = ("ci_normal", "ci_percentile", "ci_bc", "ci_bca")


def bootstrap_matrices(stats: BootstrapStatistics, colnames) -> dict:
    """The e() matrices of ``stats`` over e(b)'s columns ``colnames``."""
    cols = tuple(colnames)
    out = {name: Matrix(np.asarray(getattr(stats, name), float).reshape(1, -1), ("y1",), cols) for name in VECTORS}
    for name in INTERVALS:
        values = getattr(stats, name)
        if values is not None:
            out[name] = Matrix(np.asarray(values, float).reshape(2, -1), ("ll", "ul"), cols)
    if stats.accel is not None:
        out["accel"] = Matrix(np.asarray(stats.accel, float).reshape(1, -1), ("y1",), cols)
    return out


def bootstrap_scalars(stats: BootstrapStatistics) -> dict:
    return {"N_reps": float(stats.n_reps), "N_misreps": float(stats.n_misreps), "level": float(stats.level)}


def bootstrap_macros(stats: BootstrapStatistics) -> dict:
    out = {"vce": "bootstrap", "vcetype": stats.vcetype, "prefix": "bootstrap"}
    if stats.mse:
        out["mse"] = "mse"
    if stats.ties:
        out["ties"] = "ties"
    return out


def has_bootstrap_results(e) -> bool:
    """Whether ``e`` (EstimationResults or None) holds the bootstrap's summary."""
    return e is not None and all(name in (e.matrices or {}) for name in ("b", "b_bs", "se", "ci_normal"))


def statistics_from_e(e) -> tuple[BootstrapStatistics, tuple]:
    """(the summary, e(b)'s column names) from ``e`` (``has_bootstrap_results``)."""
    m = e.matrices

    def vector(name):
        return np.asarray(m[name].values, float).reshape(-1)

    def interval(name):
        return np.asarray(m[name].values, float).reshape(2, -1) if name in m else None

    b = vector("b")
    V = np.asarray(m["V"].values, float) if "V" in m else np.full((len(b), len(b)), np.nan)
    stats = BootstrapStatistics(
        observed=b, b_bs=vector("b_bs"), V=V, reps=vector("reps") if "reps" in m else np.full(len(b), np.nan),
        bias=vector("bias"), se=vector("se"), z0=vector("z0") if "z0" in m else np.full(len(b), np.nan),
        ci_normal=interval("ci_normal"), ci_percentile=interval("ci_percentile"), ci_bc=interval("ci_bc"),
        ci_bca=interval("ci_bca"), accel=vector("accel") if "accel" in m else None,
        level=float(e.scalars.get("level", 95.0)), n_reps=int(e.scalars.get("N_reps", 0)),
        n_misreps=int(e.scalars.get("N_misreps", 0)), mse=e.macros.get("mse") == "mse",
        ties=e.macros.get("ties") == "ties")
    return stats, tuple(m["b"].colnames)


def full_columns(replicates: np.ndarray, estimated, k: int) -> np.ndarray:
    """The replicates over all k columns of e(b): ``estimated`` the columns they fill, zeros in
    the others (base and omitted levels, which are 0 in every replicate as in e(b)); a failed
    replicate stays a row of NaN, a partial one (ologit without a category) its NaN."""
    B = np.atleast_2d(np.asarray(replicates, float))
    out = np.zeros((B.shape[0], k))
    out[:, list(estimated)] = B
    out[~np.any(np.isfinite(B), axis=1)] = np.nan
    return out
