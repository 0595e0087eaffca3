"""_rmdcoll: a dependent variable collinear with the regressors (xtreg, mle; xttobit, whose
starting values are xtreg, mle's) is refused before any fitting.

_rmdcoll.ado: when the regressors are kept by _rmcoll but ``_rmcoll depvar regressors`` drops
something, it regresses depvar on them; all coefficients zero: ``depvar is constant and zero``,
otherwise ``depvar collinear with`` the names whose |b| exceeds 1e-5 of the largest (the
constant as ``_cons``); r(459) either way.  Without regressors it checks nothing.
"""
from __future__ import annotations

import numpy as np

from mlmcli.collinear_columns import independent_candidates
from mlmcli.errors import StataError


def check_dependent_collinearity(depvar: str, y: np.ndarray, X: np.ndarray, names, constant: bool) -> None:
    """X: the estimable regressors (without the constant column); names: their names, then
    ``_cons`` when ``constant``."""
    if X.shape[1] == 0 or len(y) == 0:
        return
    alone = independent_candidates(X, constant)
    joint = independent_candidates(np.column_stack([y, X]), constant)
    if joint[0] and np.array_equal(joint[1:], alone):
        return
    D = np.column_stack([X, np.ones(len(y))]) if constant else X
    b = np.linalg.lstsq(D, y, rcond=None)[0]
    top = float(np.max(np.abs(b)))
    if top == 0:
        raise StataError(f"{depvar} is constant and zero", 459)
    labels = list(names)[:len(b)]
    cited = " ".join(name for name, value in zip(labels, b) if abs(value) > top * 1e-5)
    raise StataError(f"{depvar} collinear with {cited}", 459)

