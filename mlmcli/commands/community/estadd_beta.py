"""``estadd beta`` and esttab's ``beta[(fmt)]`` (estadd.ado's estadd_beta): e(beta), a copy of
e(b) with each coefficient times sd(x) / sd(y) over e(sample), where

- y is the coefficient's equation (none or ``_``: e(depvar)), x the coefficient's
  name after its first ``.`` (estadd's confirm_numvar: ``2.g`` -> ``g``, ``L.x`` -> ``x``, so a
  factor level is scaled by the sd of its variable, as in Stata);
- a coefficient whose x or y is not a numeric variable (``_cons``, an interaction, an
  ancillary equation) is ``.z``, which estout shows as an empty cell;
- the sd is summarize's with e(wtype)/e(wexp) (pweights as aweights): aweights normalised to
  sum to N, fweights and iweights counted (sum w - 1 in the denominator).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import extended


def _weighted_sd(x: np.ndarray, w: np.ndarray | None, wtype: str) -> float:
    if w is None:
        return float(x.std(ddof=1)) if x.size > 1 else float("nan")
    if wtype in ("aweight", "pweight"):
        w = w * (x.size / w.sum())
        denominator = x.size - 1
    else:
        denominator = w.sum() - 1
    mean = float((w * x).sum() / w.sum())
    return float(np.sqrt((w * (x - mean) ** 2).sum() / denominator)) if denominator > 0 else float("nan")


def beta_results(session, e):
    """``e`` with e(beta) added (the result set, not printed)."""
    from mlmcli.expr import evaluate
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.coefnames import split_eq

    if e.sample is None:
        raise StataError("e(sample) information not available", 498)
    if e.macros.get("subpop"):
        raise StataError("estadd beta after a subpopulation estimate is not available in mlm", 198)
    b = e.matrices.get("b")
    if b is None:
        raise StataError("last estimates not found", 301)
    data = session.data
    sample = np.asarray(e.sample, bool)
    wtype = e.macros.get("wtype", "")
    weights = None
    if wtype:
        weights = np.asarray(evaluate(session, e.macros.get("wexp", "").lstrip("= ").strip()), float)
    depvar = (e.macros.get("depvar", "").split() or [""])[0]

    def sd_of(name: str) -> float | None:
        if name not in data.varnames or data.is_string(name):
            return None
        x = np.asarray(data.numeric(name), float)
        keep = sample & ~np.isnan(x)
        w = None if weights is None else weights[keep]
        return _weighted_sd(x[keep], w, wtype)

    values = np.asarray(b.values, float).ravel().copy()
    absent = extended("z")
    for j, full in enumerate(b.colnames):
        eq, name = split_eq(full)
        y = depvar if (not eq or eq == "_") else eq
        sd_y = sd_of(y)
        sd_x = sd_of(name.split(".", 1)[1] if "." in name else name)
        values[j] = absent if sd_y is None or sd_x is None else values[j] * sd_x / sd_y
    beta = Matrix(values.reshape(1, -1), tuple(b.rownames), tuple(b.colnames))
    return dataclasses.replace(e, matrices={**e.matrices, "beta": beta})


def estadd_beta(session, rest: str, prefix: str, replace: bool, quiet: bool) -> None:
    """``estadd beta [, prefix() replace quietly]``: e(<prefix>beta), then estadd's note."""
    from mlmcli.estimation import active as estimates

    if rest.strip():
        raise StataError("invalid syntax", 198)
    e = estimates.active(session)
    name = prefix + "beta"
    if not replace and (name in e.scalars or name in e.macros or name in e.matrices):
        raise StataError(f"e({name}) already defined", 110)
    added = beta_results(session, e)
    beta = added.matrices["beta"]
    session.e = dataclasses.replace(e, matrices={**e.matrices, name: beta})
    if not quiet:
        session.print("")
        session.print("added matrix:")
        session.print(f"{f'e({name}) : ':>25} 1 x {beta.values.shape[1]}")
