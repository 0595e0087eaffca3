"""``corr2data newvarlist [, n(#) clear double means() sds() corr() cov() cstorage() forcepsd
seed(#)]`` ([D] corr2data): artificial data whose sample means, standard deviations and
correlations (or covariances) are exactly the ones requested.

As corr2data.ado: normal draws are centred, made exactly uncorrelated with unit variances
(times the Cholesky root of their inverse sample covariance), then multiplied by a root P of
the requested matrix (P P' = C: Cholesky when C is positive definite, else from its
eigenvalues) and scaled and shifted.  The draws come from mlm's generator seeded by seed()
(default 0, leaving ``set seed`` alone, as the ado restores the seed): the data differ from
Stata's, their moments do not."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import fit_storage, refuse_if_changed
from mlmcli.commands.data.drawnorm import matrix_root, new_variables_request, requested_moments
from mlmcli.errors import StataError
from mlmcli.syntax.options import integer_option
from mlmcli.syntax.varlist import check_new_name


def exact_sample(n: int, means: np.ndarray, cov: np.ndarray, root: np.ndarray, seed: int) -> np.ndarray:
    k = len(means)
    z = np.random.default_rng(seed).standard_normal((n, k))
    z -= z.mean(axis=0)
    whiten = np.linalg.cholesky(np.linalg.inv(z.T @ z / (n - 1)))
    return means + (z @ whiten) @ root.T


def cmd_corr2data(session, cmd) -> None:
    opts, vtype, names = new_variables_request(cmd)
    if "corr" in opts and "cov" in opts:
        raise StataError("cov() and corr() may not be specified together", 198)
    if "cov" in opts and "sds" in opts:
        raise StataError("cov() and sds() may not be specified together", 198)
    k = len(names)
    means, cov = requested_moments(session, opts, k)
    try:
        root = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:  # singular or not positive semidefinite: eigenvalues
        root = matrix_root(cov, bool(opts.get("forcepsd")))
    ds = session.data
    n = integer_option(opts, "n", ds.nobs) if "n" in opts else ds.nobs
    fresh = "n" in opts and n != ds.nobs
    if n <= 0:
        raise StataError("no observations", 2000)
    if fresh:
        refuse_if_changed(session, bool(opts.get("clear")))
    if n <= k:
        raise StataError("number of observations should exceed number of variables", 2001)
    if not (fresh or opts.get("clear")):
        for name in names:
            check_new_name(ds, name)
    values = exact_sample(n, means, cov, root, integer_option(opts, "seed", 0))
    if fresh or opts.get("clear"):
        import pandas as pd

        from mlmcli.dataset import Dataset

        ds = Dataset(df=pd.DataFrame(index=pd.RangeIndex(n)))
        session.data = ds
    for j, name in enumerate(names):
        ds.set_variable(name, fit_storage(values[:, j], vtype), vtype)
    if fresh:
        session.print(f"(obs {n:,})")
