"""``collin`` (Philip Ender, UCLA ATS; ``findit collin``): collinearity diagnostics of a
varlist.  A compatible implementation written from the ado-file (version 1.5.1, 7/16/04):

    collin varlist [if] [in] [, corr rinv]

From the correlation matrix R of the variables (listwise over the sample): each variable's
VIF (the diagonal of R^-1), its square root, the tolerance 1/VIF and R-squared 1 - 1/VIF, and
the mean VIF; det(R).  The eigenvalues (largest first) and condition indexes sqrt(l_1/l_i)
come from the raw sums of squares and cross-products with the intercept, scaled to unit
diagonal (default), or from R itself with ``corr``; the condition number is the last index.
``rinv`` lists R^-1.  r(): ``r(m_vif)``, ``r(cn)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"collin": "collin varlist [if] [in] [, corr rinv] : collinearity diagnostics (community command)"}

OPTIONS = [OptionSpec("corr", None), OptionSpec("rinv", None)]


@dataclass(frozen=True)
class Collinearity:
    names: tuple[str, ...]
    vif: np.ndarray
    eigenvalues: np.ndarray
    condition_index: np.ndarray
    det: float
    basis: str  # what the eigenvalues were computed from (the ado's str1)
    r_inverse: np.ndarray

    @property
    def mean_vif(self) -> float:
        return float(np.mean(self.vif))

    @property
    def condition_number(self) -> float:
        return float(self.condition_index[-1])


def collinearity(X: np.ndarray, names, corr: bool = False) -> Collinearity:
    """The ado-file's computations on the sample's columns ``X`` (n x k)."""
    dev = X - X.mean(axis=0)
    cross = dev.T @ dev
    scale = np.sqrt(np.diag(cross))
    if np.any(scale == 0):  # a constant variable: corr() divides by zero, inv() meets missing values
        raise StataError("matrix has missing values", 504)
    R = cross / np.outer(scale, scale)
    try:
        r_inv = np.linalg.inv(R)
    except np.linalg.LinAlgError:
        raise StataError("matrix is singular", 504) from None  # uncertain: Stata's inv() message
    if corr:
        sscp, basis = R, "deviation sscp (no intercept)"
    else:
        Z = np.column_stack([X, np.ones(len(X))])
        raw = Z.T @ Z
        d = 1 / np.sqrt(np.diag(raw))
        sscp, basis = raw * np.outer(d, d), "scaled raw sscp (w/ intercept)"
    eig = np.sort(np.linalg.eigvalsh(sscp))[::-1]
    return Collinearity(tuple(names), np.diag(r_inv).copy(), eig, np.sqrt(eig[0] / eig), float(np.linalg.det(R)),
                        basis, r_inv)


def cmd_collin(session, cmd) -> None:
    from mlmcli.render.collin import render_collin

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    if any(ds.is_string(v) for v in names):
        raise StataError("type mismatch", 109)  # mat accum of a string variable
    touse = mark_sample(session, cmd, names)
    if not touse.any():
        raise StataError("no observations", 2000)
    X = np.column_stack([ds.numeric(v)[touse] for v in names])
    res = collinearity(X, names, corr=bool(opts.get("corr")))
    session.print(render_collin(res, rinv=bool(opts.get("rinv"))))
    session.r.clear()
    session.r.update({"m_vif": res.mean_vif, "cn": res.condition_number})
