"""Which observations a command uses: ``if``, ``in``, the by-group, listwise deletion.

This is Stata's ``marksample``: a row is in the sample when the ``if``
expression is true there (nonzero; a missing value is nonzero, so ``if x > 5``
includes rows where x is missing), it lies in the ``in`` range, it belongs to
the current by-group (``session.by_mask``), and no variable of the varlist is
missing in it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, InRange
from mlmcli.errors import StataError


def in_range_mask(session, in_range: InRange | None) -> np.ndarray:
    """Rows of ``in first[/last]``: 1-based, negative counts from the end, ``f``/``l``."""
    n = session.data.nobs
    mask = np.zeros(n, dtype=bool)
    if in_range is None:
        mask[:] = True
        return mask
    if n == 0 and in_range.first.lower() in ("f", "l") and (in_range.last or "l").lower() in ("f", "l"):
        return mask
    first, last = in_range_rows(in_range, n)
    mask[first - 1:last] = True
    return mask


def in_range_rows(in_range: InRange, n: int) -> tuple[int, int]:
    """``in first[/last]`` as 1-based observation numbers (first, last) among n."""
    first = _bound(in_range.first, n)
    last = first if in_range.last is None else _bound(in_range.last, n)
    if first < 1 or last > n or first > last:
        raise StataError("Obs. nos. out of range", 198)
    return first, last


def _bound(text: str, n: int) -> int:
    t = text.strip().lower()
    if t == "f":
        return 1
    if t == "l":
        return n
    try:
        k = int(t)
    except ValueError:
        raise StataError("invalid syntax", 198) from None
    if k < 0:
        return n + k + 1
    if k == 0:
        raise StataError("Obs. nos. out of range", 198)
    return k


def mark_sample(session, cmd: Command, varlist=(), *, strok: bool = False) -> np.ndarray:
    """Boolean mask over the dataset's rows of the observations ``cmd`` uses.

    Rows with a missing value in any variable of ``varlist`` are dropped.  A
    string variable drops rows holding ``""`` when ``strok``; without
    ``strok`` a string variable counts as missing everywhere (Stata's
    ``marksample``), so the sample is empty.
    """
    data = session.data
    mask = in_range_mask(session, cmd.in_range)
    by_mask = getattr(session, "by_mask", None)
    if by_mask is not None:
        mask &= np.asarray(by_mask, dtype=bool)
    if cmd.if_exp:
        from mlmcli.expr import evaluate_condition

        mask &= evaluate_condition(session, cmd.if_exp)
    names = data.expand_varlist(varlist, allow_empty=True) if isinstance(varlist, str) else list(varlist)
    for name in names:
        full = data.resolve(name)
        if data.is_string(full):
            if not strok:
                mask[:] = False
                continue
            col = data.df[full].to_numpy(dtype=object)
            mask &= np.array([v is not None and v == v and str(v) != "" for v in col], dtype=bool)
        else:
            mask &= ~np.isnan(data.numeric(full))
    return mask


def mark_weight(session, cmd: Command, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The weight expression's values, dropping rows where it is missing.

    Returns (mask, weights or None); commands apply their own rules on top (e.g. integer
    frequency weights)."""
    if cmd.weight is None:
        return mask, None
    from mlmcli.expr import evaluate

    w = evaluate(session, cmd.weight.exp)
    if w.dtype == object:
        raise StataError("type mismatch", 109)
    mask = mask & ~np.isnan(w)
    return mask, w


def refuse_sample_qualifiers(cmd) -> None:
    """A command (or an me equation) whose ``syntax`` takes no if, in or weight: Stata's
    ``if not allowed`` / ``in range not allowed`` / ``weights not allowed`` r(101), in that order."""
    if cmd.if_exp is not None:
        raise StataError("if not allowed", 101)
    if cmd.in_range is not None:
        raise StataError("in range not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
