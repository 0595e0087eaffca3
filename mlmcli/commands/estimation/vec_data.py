"""The series of a VECM and the options shared by vec and vecrank (_vecu.ado's sample, trend
terms and checks): vec_data builds D.y, L.y (with the restricted term) and L(1/p-1).D.y (with
sindicators() and the unrestricted terms) on the sample, which must have no gaps; _trend is 1 at its first period
(_vecmktrend.ado)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import integer_option

_TREND_WORDS = (("none", 1), ("rconstant", 2), ("constant", 1), ("rtrend", 2), ("trend", 1))


@dataclass(frozen=True)
class VecModel:
    """What vec's postestimation commands need: the series, the trend, the full cointegrating
    coefficients (endog rows, then _trend and _cons when the model has them) and the fit."""

    endog: tuple
    lags: int
    trend: str
    ce_rows: tuple  # row names of ce_coef
    ce_coef: np.ndarray  # rows x rank
    resid: np.ndarray
    tmin: float
    delta: float
    tvar: str


def parse_trend(text) -> str:
    word = str(text or "").strip()
    if not word:
        return "constant"
    for name, least in _TREND_WORDS:
        if len(word) >= least and name.startswith(word):
            return name
    raise StataError(f"trend({word}) is not a valid trend specification", 198)


def lags_option(opts) -> int:
    if opts.get("lags") is None:
        return 2
    text = str(opts["lags"]).strip()
    try:
        value = float(text)
    except ValueError:
        raise StataError("lags() invalid -- invalid numlist", 121) from None
    if value != int(value):
        raise StataError("lags() invalid -- invalid numlist has noninteger elements", 126)
    if value < 1:
        raise StataError("lags() invalid -- invalid numlist has elements outside of allowed range", 125)
    return int(value)


def refuse_model_options(opts) -> None:
    trend = parse_trend(opts.get("trend"))
    if opts.get("sindicators") is not None and trend in ("none", "rconstant"):
        raise StataError(f"sindicators() cannot be specified with trend({trend})", 198)
    if opts.get("seasonal"):
        raise StataError("option seasonal of vec and vecrank is not implemented in mlmcli", 198)


@dataclass(frozen=True)
class VecData:
    endog: list
    Z0: np.ndarray  # D.y
    Z1: np.ndarray  # L.y (and the restricted term)
    Z2: np.ndarray  # L(1/p-1).D.y (and the unrestricted terms)
    z1_names: list
    z2_names: list
    trend_values: np.ndarray
    sample: np.ndarray
    tmin: float
    tmax: float
    delta: float
    tvar: str


def vec_data(session, cmd, args: str, p: int, trend: str, rank: int = 0, sindicators: str | None = None) -> VecData:
    from mlmcli.commands.estimation.vector_autoregression import lag_name, resolved_names
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.commands.statistics.unit_root_tests import check_time_series
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import canonical_operator

    ds = session.data
    tvar = check_time_series(session, cmd)
    endog = resolved_names(ds, args)
    if len(endog) < 2:
        raise StataError("too few variables specified", 102)
    if len(set(endog)) < len(endog):
        raise StataError("the endogenous variables are perfectly collinear", 459)  # _rmcoll's verdict

    def op(prefix: str, name: str) -> str:
        head, dot, var = name.rpartition(".")
        return f"{canonical_operator(prefix + head)}.{var}"

    diffs = [op("D", y) for y in endog]
    levels = [lag_name(y, 1) for y in endog]
    lagged = [op(f"L{j}D" if j > 1 else "LD", y) for y in endog for j in range(1, p)]
    panel, time, delta = time_structure(ds)
    cols = {n: operated_values(ds, n, panel, time, delta) for n in dict.fromkeys(diffs + levels + lagged)}
    base = list(dict.fromkeys(n.rpartition(".")[2] for n in endog))
    sind = resolved_names(ds, sindicators) if sindicators else []
    sind_cols = {v: operated_values(ds, v, panel, time, delta) for v in sind}
    use = np.asarray(mark_sample(session, cmd, base), bool) & ~np.isnan(time)
    for v in list(cols.values()) + list(sind_cols.values()):  # decided: rows missing an indicator leave the sample
        use &= ~np.isnan(v)
    n = int(use.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    rows = np.flatnonzero(use)[np.argsort(time[use], kind="stable")]
    steps = np.rint((time[rows] - time[rows].min()) / delta).astype(int)
    if np.any(np.diff(steps) > 1):
        raise StataError("the sample has gaps", 498)
    Y = np.column_stack([operated_values(ds, y, panel, time, delta) for y in endog])[rows]
    if np.linalg.matrix_rank(np.column_stack([Y, np.ones(n)])) < len(endog) + 1:
        raise StataError("the endogenous variables are perfectly collinear", 459)
    trend_values = (steps + 1).astype(float)  # _vecmktrend: 1 at the first period of the sample
    Z0 = np.column_stack([cols[d][rows] for d in diffs])
    z1 = [cols[lv][rows] for lv in levels]
    z1_names = list(endog)
    z2 = [cols[c][rows] for c in lagged] + [sind_cols[v][rows] for v in sind]
    z2_names = list(lagged) + sind
    if sind:  # _vecu.ado: _rmcoll of the dependent variables and the indicators
        both = np.column_stack([Y] + [sind_cols[v][rows] for v in sind] + [np.ones(n)])
        if np.linalg.matrix_rank(both) < both.shape[1]:
            raise StataError("at least one of the seasonal indicator variables is perfectly collinear with at least "
                             "one of the dependent variables", 498)
    if trend == "rconstant":
        z1.append(np.ones(n))
        z1_names.append("_cons")
    elif trend == "rtrend":
        z1.append(trend_values)
        z1_names.append("_trend")
    if trend == "trend":
        z2.append(trend_values)
        z2_names.append("_trend")
    if trend in ("constant", "rtrend", "trend"):
        z2.append(np.ones(n))
        z2_names.append("_cons")
    Z2 = np.column_stack(z2) if z2 else np.zeros((n, 0))
    if Z2.shape[1] and np.linalg.matrix_rank(Z2) < Z2.shape[1]:
        raise StataError("the lagged differences are collinear; mlmcli does not reduce the number of lags", 498)
    K = len(endog)
    nz1, nz2 = len(z1_names), Z2.shape[1]
    df_smp = (K * nz2 + (K + nz1 - rank) * rank) // K
    if n <= df_smp:
        raise StataError(f"there are too many parameters in the model\nthe model uses up {df_smp} degrees of "
                         f"freedom, but there are only {n} observations", 498)
    sample = np.zeros(ds.nobs, bool)
    sample[rows] = True
    return VecData(endog, Z0, np.column_stack(z1), Z2, z1_names, z2_names, trend_values, sample,
                   float(time[rows].min()), float(time[rows].max()), float(delta), tvar)


def rank_option(opts) -> int:
    rank = integer_option(opts, "rank", 1)
    if rank < 1:
        raise StataError("rank() invalid -- invalid numlist has elements outside of allowed range", 125)
    return rank
