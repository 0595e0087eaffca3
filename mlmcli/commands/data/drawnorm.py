"""``drawnorm newvarlist [, n(#) clear double means() sds() corr() cov() cstorage() forcepsd
seed(#)]`` ([D] drawnorm): draws from a multivariate normal distribution.

X = m + L z with z standard normal and L L' = Sigma, where Sigma = cov(), or D R D with R =
corr() and D = diag(sds()) (defaults: zero means, unit sds, identity correlations).
Vectors and matrices are named matrices (``matrix C = (1, .5 \\ .5, 1)``) or typed as
numbers (``sds(2 3)``; a correlation or covariance as its full k x k entries, or its lower
or upper triangle with ``cstorage(lower|upper)``).  ``forcepsd`` replaces a matrix that is
not positive semidefinite by the nearest one that is (negative eigenvalues set to zero).
Draws use the session's generator (``set seed`` or ``seed()``): the same seed gives the
same data in mlm, not Stata's numbers (see ``mlmcli/expr/random_numbers.py``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

OPTIONS = [OptionSpec("n", takes_arg=True), OptionSpec("clear"), OptionSpec("double"),
           OptionSpec("means", takes_arg=True), OptionSpec("sds", takes_arg=True), OptionSpec("corr", takes_arg=True),
           OptionSpec("cov", takes_arg=True), OptionSpec("cstorage", 2, takes_arg=True), OptionSpec("forcepsd"),
           OptionSpec("seed", takes_arg=True)]


def _named_matrix(session, name: str):
    store = getattr(session, "matrices", None) or {}
    m = store.get(name)
    if m is None:
        return None
    return np.asarray(getattr(m, "values", m), dtype=float)


def _numbers(text: str, what: str) -> np.ndarray:
    try:
        return np.array([float(t) for t in text.replace(",", " ").replace("\\", " ").split()], dtype=float)
    except ValueError:
        raise StataError(f"matrix {text.strip()} not found", 111) from None


def _vector(session, text: str | None, k: int, what: str, default: float) -> np.ndarray:
    if text is None:
        return np.full(k, default)
    text = text.strip()
    m = _named_matrix(session, text)
    values = m.reshape(-1) if m is not None else _numbers(text, what)
    if values.size != k:
        raise StataError(f"{what}() must have {k} element{'s' if k != 1 else ''}", 503)
    return values


def _matrix(session, text: str, k: int, what: str, storage: str) -> np.ndarray:
    text = text.strip()
    m = _named_matrix(session, text)
    if m is not None and m.ndim == 2 and m.shape == (k, k):
        values = m
    else:
        flat = m.reshape(-1) if m is not None else _numbers(text, what)
        if storage == "full" and flat.size == k * k:
            values = flat.reshape(k, k)
        elif storage in ("lower", "upper") and flat.size == k * (k + 1) // 2:
            values = np.zeros((k, k))
            rows, cols = np.tril_indices(k) if storage == "lower" else np.triu_indices(k)
            values[rows, cols] = flat  # the triangle, row by row, mirrored to the other one
            values[cols, rows] = flat
        else:
            raise StataError(f"{what}() must be a {k} x {k} matrix", 503)
    if not np.allclose(values, values.T, atol=1e-12):
        raise StataError(f"{what}() matrix not symmetric", 505)
    return values


def requested_moments(session, opts: dict, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The means and covariance matrix that means(), sds(), corr()/cov() and cstorage() ask
    for (drawnorm's and corr2data's options)."""
    storage = opts.get("cstorage", "full").strip().lower() if isinstance(opts.get("cstorage"), str) else "full"
    if storage not in ("full", "lower", "upper"):
        raise StataError("cstorage() must be full, lower, or upper", 198)
    means = _vector(session, opts.get("means"), k, "means", 0.0)
    if isinstance(opts.get("cov"), str):
        return means, _matrix(session, opts["cov"], k, "cov", storage)
    sds = _vector(session, opts.get("sds"), k, "sds", 1.0)
    if np.any(sds < 0):
        raise StataError("sds() must be nonnegative", 198)
    corr = _matrix(session, opts["corr"], k, "corr", storage) if isinstance(opts.get("corr"), str) else np.eye(k)
    if np.any(np.abs(np.diag(corr) - 1) > 1e-12) or np.any(np.abs(corr) > 1 + 1e-12):
        raise StataError("corr() matrix is not a correlation matrix", 498)
    return means, corr * np.outer(sds, sds)


def new_variables_request(cmd) -> tuple[dict, str, list[str]]:
    """The options, the storage type (double with ``double``) and the new variables' names of
    ``drawnorm``/``corr2data newvarlist, options``."""
    opts = resolve_options(cmd.options, OPTIONS)
    vtype, names, stub = parse_new_varlist(cmd.args, types=("float", "double"))
    if stub is not None:
        raise StataError("invalid syntax", 198)
    repeated = next((name for i, name in enumerate(names) if name in names[:i]), None)
    if repeated:  # corr2data a1 a1 made one variable (with clear, silently); decided without a Stata log
        raise StataError(f"{repeated} already defined", 110)
    return opts, "double" if opts.get("double") else (vtype or "float"), names


def cmd_drawnorm(session, cmd) -> None:
    from mlmcli.expr.random_numbers import generator
    opts, vtype, names = new_variables_request(cmd)
    k = len(names)
    if "corr" in opts and "cov" in opts:
        raise StataError("options corr() and cov() may not be combined", 198)
    if "cov" in opts and "sds" in opts:
        raise StataError("options cov() and sds() may not be combined", 198)
    means, sigma = requested_moments(session, opts, k)
    factor = matrix_root(sigma, bool(opts.get("forcepsd")))
    ds = session.data
    n = integer_option(opts, "n", ds.nobs, minimum=1)
    if "n" not in opts and ds.nobs == 0:
        raise StataError("no observations; use option n() or set obs first", 2000)
    if "n" in opts and ds.nobs and n != ds.nobs and not opts.get("clear"):
        raise StataError("n() differs from the number of observations in memory; specify clear", 198)
    for name in names:
        if not opts.get("clear"):
            check_new_name(ds, name)
    rng = generator(session) if "seed" not in opts else np.random.default_rng(
        integer_option(opts, "seed", 0, minimum=0))
    draws = means + rng.standard_normal((n, k)) @ factor.T
    if opts.get("clear") or ds.nobs == 0:
        from mlmcli.dataset import Dataset
        ds = Dataset()
        session.data = ds
    from mlmcli.commands.data.common import fit_storage
    import pandas as pd
    if ds.nobs == 0:
        ds.df = pd.DataFrame(index=pd.RangeIndex(n))
        session.print(f"(obs {n:,})")
    for j, name in enumerate(names):
        ds.set_variable(name, fit_storage(draws[:, j], vtype), vtype)


def matrix_root(sigma: np.ndarray, forcepsd: bool) -> np.ndarray:
    """L with L L' = sigma (a symmetric square root when sigma is singular)."""
    values, vectors = np.linalg.eigh(sigma)
    tol = 1e-12 * max(1.0, float(np.abs(values).max()))
    if np.any(values < -tol):
        if not forcepsd:
            raise StataError("matrix not positive semidefinite", 506)
    values = np.clip(values, 0, None)
    return vectors * np.sqrt(values)
