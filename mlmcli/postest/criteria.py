"""Information criteria and the parameter bookkeeping of ``e(b)`` after ``mixed``.

``estat ic`` (Stata [R] estat ic): with ll the (restricted) log likelihood,
df the number of estimated parameters (e(rank)) and N = e(N),

    AIC = -2 ll + 2 df,        BIC = -2 ll + ln(N) df.

``e(b)`` column names after ``mixed`` are ``eq:name``: ``depvar:x`` for fixed
effects, ``lns<l>_<e>_<k>:_cons`` (ln sd of random effect k of equation e at
level l), ``atr<l>_<e>_<j>_<k>:_cons`` (atanh correlations), ``lnsig_e:_cons``.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

from mlmcli.results.postestimation import IcRow
from mlmcli.syntax.coefnames import split_eq

LNS_RE = re.compile(r"^lns(\d+)_(\d+)_(\d+)$")
ATR_RE = re.compile(r"^atr(\d+)_(\d+)_(\d+)(?:_(\d+))?$")


def information_criteria(ll: float, df: int, nobs: int, model: str = ".",
                         ll_null: float = float("nan")) -> IcRow:
    """AIC = -2 ll + 2 df; BIC = -2 ll + ln(N) df."""
    return IcRow(model, int(nobs), ll_null, ll, int(df), -2 * ll + 2 * df, -2 * ll + math.log(nobs) * df)


def with_sample_size(row: IcRow, n: float) -> IcRow:
    """``n(#)`` of ``estat ic``/``estimates stats``: N = n and BIC = -2 ll + ln(n) df."""
    return dataclasses.replace(row, nobs=int(n), bic=information_criteria(row.ll, row.df, n).bic)


@dataclass(frozen=True)
class ParameterCounts:
    """Stata's e(k_f) (fixed), e(k_rs) (random-effect ln-sd's), e(k_rc)
    (correlations/covariances) and e(k_res) (residual parameters)."""

    k_f: int
    k_rs: int
    k_rc: int
    k_res: int

    @property
    def k(self) -> int:
        return self.k_f + self.k_rs + self.k_rc + self.k_res


def count_parameters(colnames: tuple[str, ...] | list[str]) -> ParameterCounts:
    """Count the kinds of parameters from e(b)'s column names."""
    k_f = k_rs = k_rc = k_res = 0
    for full in colnames:
        eq, _ = split_eq(full)
        if LNS_RE.match(eq):
            k_rs += 1
        elif ATR_RE.match(eq):
            k_rc += 1
        elif eq.startswith("lnsig_e") or eq.startswith("r_"):
            k_res += 1
        else:
            k_f += 1
    return ParameterCounts(k_f, k_rs, k_rc, k_res)
