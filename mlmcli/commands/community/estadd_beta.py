"""``estadd beta``, ``estadd mean``, ``estadd sd [, nobinary]`` and esttab's ``beta[(fmt)]``
(estadd.ado's estadd_beta, estadd_mean, estadd_sd).  e(mean) and e(sd) are copies of e(b)
with each coefficient's variable's mean / sd over e(sample) (weights as below; with
``nobinary`` a 0/1 variable's sd is ``.z``).  e(beta) is e(beta), a copy of
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
    """The standard deviation; missing when its sums pass the double range (values near 1e308),
    as summarize's."""
    with np.errstate(over="ignore", invalid="ignore"):
        sd = _sd(x, w, wtype)
    return sd if np.isfinite(sd) else float("nan")


def _sd(x: np.ndarray, w: np.ndarray | None, wtype: str) -> float:
    if w is None:
        return float(x.std(ddof=1)) if x.size > 1 else float("nan")
    if wtype in ("aweight", "pweight"):
        w = w * (x.size / w.sum())
        denominator = x.size - 1
    else:
        denominator = w.sum() - 1
    mean = float((w * x).sum() / w.sum())
    return float(np.sqrt((w * (x - mean) ** 2).sum() / denominator)) if denominator > 0 else float("nan")


def _mean(x: np.ndarray, w: np.ndarray | None) -> float:
    if x.size == 0:
        return float("nan")
    with np.errstate(over="ignore", invalid="ignore"):  # a sum past the double range: missing
        mean = float(x.mean()) if w is None else float((w * x).sum() / w.sum())
    return mean if np.isfinite(mean) else float("nan")


def beta_results(session, e, kind: str = "beta", nobinary: bool = False):
    """``e`` with e(beta) (or e(mean), e(sd): ``kind``) added (the result set, not printed)."""
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

    def sd_of(name: str, stat: str = "sd") -> float | None:
        if name not in data.varnames or data.is_string(name):
            return None
        x = np.asarray(data.numeric(name), float)
        keep = sample & ~np.isnan(x)
        w = None if weights is None else weights[keep]
        if stat == "mean":
            return _mean(x[keep], w)
        if stat == "binary":
            return bool(np.isin(x[sample], (0.0, 1.0)).all())  # assert var==0 | var==1 (missing fails)
        return _weighted_sd(x[keep], w, wtype)

    values = np.asarray(b.values, float).ravel().copy()
    absent = extended("z")
    for j, full in enumerate(b.colnames):
        eq, name = split_eq(full)
        var = name.split(".", 1)[1] if "." in name else name
        if kind != "beta":
            value = sd_of(var, "mean" if kind == "mean" else "sd")
            if kind == "sd" and value is not None and nobinary and sd_of(var, "binary"):
                value = None
            values[j] = absent if value is None else value
            continue
        y = depvar if (not eq or eq == "_") else eq
        sd_y = sd_of(y)
        sd_x = sd_of(var)
        values[j] = absent if sd_y is None or sd_x is None else values[j] * sd_x / sd_y
    result = Matrix(values.reshape(1, -1), tuple(b.rownames), tuple(b.colnames))
    return dataclasses.replace(e, matrices={**e.matrices, kind: result})


def estadd_beta(session, rest, prefix: str, replace: bool, quiet: bool, kind: str = "beta") -> None:
    """``estadd beta|mean|sd [, prefix() replace quietly]``: e(<prefix>beta) (or mean, sd), then
    estadd's note.  ``rest``: the words after the subcommand, or (words, nobinary) for sd."""
    from mlmcli.estimation import active as estimates

    words, nobinary = rest if isinstance(rest, tuple) else (rest, False)
    if words.strip():
        raise StataError("invalid syntax", 198)
    e = estimates.active(session)
    name = prefix + kind
    if not replace and (name in e.scalars or name in e.macros or name in e.matrices):
        raise StataError(f"e({name}) already defined", 110)
    added = beta_results(session, e, kind, nobinary)
    beta = added.matrices[kind]
    session.e = dataclasses.replace(e, matrices={**e.matrices, name: beta})
    if not quiet:
        session.print("")
        session.print("added matrix:")
        session.print(f"{f'e({name}) : ':>25} 1 x {beta.values.shape[1]}")


def estadd_mean(session, rest, prefix: str, replace: bool, quiet: bool) -> None:
    estadd_beta(session, rest, prefix, replace, quiet, "mean")


def estadd_sd(session, rest, prefix: str, replace: bool, quiet: bool) -> None:
    estadd_beta(session, rest, prefix, replace, quiet, "sd")
