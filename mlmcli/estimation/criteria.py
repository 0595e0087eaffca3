"""Information criteria of stored or active results (``estat ic``, ``estimates stats``,
``estimates table, stats(aic bic)``): AIC = -2 ll + 2 df, BIC = -2 ll + ln(N) df with
df = the number of estimated parameters (formulas in ``mlmcli.postest.criteria``)."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.estimation.results import EstimationResults


def ic_row(e: EstimationResults, name: str = ".", n: float | None = None, missing_ok: bool = False):
    """One ``estat ic`` row of ``e`` (``n``: the ``n(#)`` option, the N of BIC).  ``missing_ok``
    (estimates stats): results without e(ll) give a row of missing ll, AIC and BIC, as
    estimates.ado's Stats fills its matrix from e(ll) whatever it holds (svy's results)."""
    from mlmcli.postest.criteria import information_criteria, with_sample_size

    if "ll" not in e.scalars and not missing_ok:
        raise StataError("likelihood information not found in last estimation results", 321)
    if "N" not in e.scalars and not missing_ok:  # results posted without obs() (ereturn post, repest)
        raise StataError("e(N) not found", 321)
    df = e.n_parameters()
    if missing_ok and not ({"rank", "k"} & set(e.scalars)):  # posted results: Stats' GetRankV
        df = rank_of_v(e) or 0
    row = information_criteria(e.scalars.get("ll", float("nan")), df, int(e.scalars.get("N", 1)),
                               model=name, ll_null=e.scalars.get("ll_0", float("nan")))
    if "N" not in e.scalars:  # estimates stats reads e(N) as it is: missing N, missing BIC
        import dataclasses

        row = dataclasses.replace(row, nobs=float("nan"), bic=float("nan"))
    return row if n is None else with_sample_size(row, n)


def rank_of_v(e: EstimationResults) -> int | None:
    """estimates.ado's GetRankV without e(rank): colsof(V) - diag0cnt(syminv(V)); None when
    the results hold no e(V) (Stats then assumes rank 0 and says so)."""
    import numpy as np

    from mlmcli.expr.matrix_algebra import Mat, invsym

    V = e.matrices.get("V")
    if V is None:
        return None
    inverse = invsym(Mat(np.asarray(V.values, float), tuple(V.rownames), tuple(V.colnames))).values
    return int(np.count_nonzero(np.diag(inverse)))


def ic_table(rows) -> tuple:
    """The ``estat ic`` result and its r(): r(S) holds the rows (N ll0 ll df AIC BIC)."""
    import numpy as np

    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatIcResult

    S = np.array([[r.nobs, r.ll_null, r.ll, r.df, r.aic, r.bic] for r in rows], float)
    return EstatIcResult(tuple(rows)), {"S": Matrix(S, tuple(r.model for r in rows),
                                                    ("N", "ll0", "ll", "df", "AIC", "BIC"))}


def stat_value(e: EstimationResults, stat: str) -> float:
    """A ``stats()`` entry of ``estimates table``: an e() scalar, or ``aic``/``bic``."""
    if stat in ("aic", "bic"):  # est_table's GetStats: -2*e(ll) + 2*rank, missing without e(ll) or e(N)
        row = ic_row(e, missing_ok=True)
        return row.aic if stat == "aic" else row.bic
    return float(e.scalars.get(stat, float("nan")))


def stat_or_none(e: EstimationResults, stat: str) -> float | None:
    """``stat_value`` for a table cell: None where the model has no such statistic."""
    import math

    try:
        v = stat_value(e, stat)
    except StataError:
        return None
    return v if math.isfinite(v) else None
