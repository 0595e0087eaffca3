"""predict's statistics after ``regress`` that need the outcome, as ``twoway lfit/qfit``'s
``predopts()`` draws them.

Stata's fit plots (``twoway__lfit_serset.ado``) run ``regress``, then -- unless ``atobs`` --
put the n evaluation points of x into observations 1..n of the data (``_gs_x_create``: the
other variables, the outcome among them, stay as they are; observations are added when
n > _N) and ``predict stat if _n <= n``.  So at point i the statistic pairs the grid's x_i
with the outcome y_i of the data's observation i (missing past _N), and the statistics
regress's predict computes only in e(sample) (``dfbeta()``, ``covratio``, ``dfits``,
``welsch``) are missing where observation i is outside it.  With ``atobs`` the points are
the estimation sample's own observations.  The statistics themselves are
``mlmcli.postest.regression_diagnostics``'s, their labels ``mlmcli.postest.regress_prediction``'s.
"""
from __future__ import annotations

from mlmcli.errors import StataError


def check_dfbeta(name: str, xname: str) -> None:
    """dfbeta(varname) names a coefficient of the fit: the plot's x (x^2 of qfit is a
    temporary variable)."""
    if name != xname:
        raise StataError(f"{name} not found in list of covariates", 322)
