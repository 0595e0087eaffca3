"""Stata's time-series operators on panel data ([U] 11.4.4): for observation (i, t),

    L#.x = x(i, t - #)     F#.x = x(i, t + #)     D.x = x(i, t) - x(i, t - 1), D#.x = D(D#-1.x)
    S#.x = x(i, t) - x(i, t - #)

missing when the panel has no observation at that time (t - # means # periods of delta
time units, tsset's delta()).  Operators chain from
the right (``LD.x`` = L.(D.x)); ``L1`` is ``L``.
"""
from __future__ import annotations

import re

import numpy as np

_TOKEN = re.compile(r"^((?:[LFDS]\d*)+)\.([^\W\d]\w*)$", re.IGNORECASE)
_OP = re.compile(r"([LFDS])(\d*)", re.IGNORECASE)


def split_operator(token: str) -> tuple[tuple[tuple[str, int], ...], str] | None:
    """``L2D.x`` -> ((("L", 2), ("D", 1)), "x"); None when ``token`` carries no operator."""
    m = _TOKEN.match(token)
    if not m:
        return None
    ops = tuple((op.upper(), int(n) if n else 1) for op, n in _OP.findall(m.group(1)))
    return ops, m.group(2)


def operator_name(ops, var: str) -> str:
    """Stata's display name: ``L.x``, ``L2.x``, ``LD.x``."""
    return "".join(op + (str(n) if n != 1 else "") for op, n in ops) + "." + var


def _shift(values: np.ndarray, panel: np.ndarray, time: np.ndarray, k: float) -> np.ndarray:
    """x(i, t - k) on every row (NaN where absent or where panel/time is missing)."""
    ok = ~(np.isnan(panel) | np.isnan(time))
    out = np.full(len(values), np.nan)
    lookup = {(p, t): j for j, (p, t) in enumerate(zip(panel, time)) if ok[j]}
    for j in np.flatnonzero(ok):
        src = lookup.get((panel[j], time[j] - k))
        if src is not None:
            out[j] = values[src]
    return out


def apply_operators(ops, values: np.ndarray, panel: np.ndarray, time: np.ndarray,
                    delta: float = 1.0) -> np.ndarray:
    """The operated series: operators applied right to left; a period is ``delta`` time units."""
    x = np.asarray(values, float)
    for op, n in reversed(ops):
        if op == "L":
            x = _shift(x, panel, time, n * delta)
        elif op == "F":
            x = _shift(x, panel, time, -n * delta)
        elif op == "S":
            x = x - _shift(x, panel, time, n * delta)
        else:
            for _ in range(n):
                x = x - _shift(x, panel, time, delta)
    return x
