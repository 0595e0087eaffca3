"""Tukey's compound nonlinear smoothers of ``tssmooth nl`` ([TS] tssmooth nl), which hands the
series to ``smooth`` ([R] smooth; smooth.ado 2.1.6 of the Stata 16 tree, whose steps are followed).

A compound smoother is a string of steps: a digit 1-9 is a running median of that span (ends by
shorter spans, the first and last values copied on), ``R`` after it repeats it until nothing
changes, ``H`` is Hanning (1/4, 1/2, 1/4), ``E`` re-estimates the two end values, ``S`` splits
two-value plateaus (only after 3, 3R or S; ``SR`` repeats it); ``,twice`` smooths the rough again
and adds it back.  An even span leaves values between the periods, so even spans come in pairs: the
first lengthens the series by one, the second brings it back.

``store`` rounds each intermediate series to the storage type, as the ado keeps every step in a
variable of the new variable's type (float unless double).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

Store = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Step:
    kind: str          # "median", "hanning", "ends", "split"
    span: int = 0
    repeat: bool = False
    parity: int = 0    # the even-span parity after this step (smooth.ado's `parity')


@dataclass(frozen=True)
class Smoother:
    text: str          # as smooth.ado labels it: upper case, ",twice" spelled out
    steps: tuple[Step, ...]
    twice: bool


def parse_smoother(text: str) -> Smoother:
    """smooth.ado's parse and its dry run's checks, with its messages and codes."""
    orig = text.upper()
    if not orig or not (orig[0].isdigit() or orig[0] == "H"):
        raise StataError("invalid smoother", 198)
    s, twice = orig, False
    at = s.find(",T")
    if at >= 0:
        tail = s[at:]
        if tail != ",TWICE"[: len(tail)]:
            raise StataError("", 198)
        s, orig, twice = s[:at], s[:at] + ",twice", True
    steps: list[Step] = []
    parity, split_ok, rest = 0, False, s
    while rest:
        ok, split_ok = split_ok, False
        first = rest[0]
        if ok and first == "S":
            repeat = rest[:2] == "SR"
            steps.append(Step("split", repeat=repeat))
            rest = rest[2 if repeat else 1:]
            split_ok = True
        elif first.isdigit():
            span = int(first)
            if span == 0:
                raise StataError("", 198)
            split_ok = span == 3
            even = span % 2 == 0
            parity = int(parity != even)
            repeat = rest[1:2] == "R"
            if repeat and even:
                raise StataError(f"{span}R (a repeated even-span median) is not implemented in mlmcli", 199)
            steps.append(Step("median", span, repeat, parity))
            rest = rest[2 if repeat else 1:]
        elif first == "H":
            steps.append(Step("hanning"))
            rest = rest[1:]
        elif first == "E":
            split_ok = ok
            steps.append(Step("ends"))
            rest = rest[1:]
        else:
            raise StataError(f"{first} not allowed in {orig}", 198)
    if parity:
        raise StataError("You must use an even number of even-span smoothers", 498)
    return Smoother(orig, tuple(steps), twice)


def _median3(prev: float, mid: float, nxt: float) -> float:
    """_sm_mu's span-3 rule and _sm_epu's rule (Stata's max/min skip a missing argument)."""
    hi, lo = np.nanmax([nxt, prev]) if not (np.isnan(nxt) and np.isnan(prev)) else np.nan, \
        np.nanmin([nxt, prev]) if not (np.isnan(nxt) and np.isnan(prev)) else np.nan
    if lo <= mid <= hi:
        return mid
    hi2 = np.nan if np.isnan(mid) and np.isnan(prev) else np.nanmax([mid, prev])
    lo2 = np.nan if np.isnan(mid) and np.isnan(prev) else np.nanmin([mid, prev])
    if lo2 <= nxt <= hi2:
        return nxt
    return prev


def _end_value(s2: float, s1: float, s0: float) -> float:
    """_sm_epu: the median of 3 s1 - 2 s2 (s1 extrapolated), s1 and s0."""
    return _median3(s0, s1 + 2 * (s1 - s2), s1)


def _window_median(v: np.ndarray, j: int, span: int) -> float:
    low, high = (j - span // 2, j + span // 2) if span % 2 else (j - span // 2 + 1, j + span // 2)
    if low < 0 or high >= v.size:
        # a span longer than the series: _sm_mu's "sort ... in" leaves the data (decided without a
        # Stata log: sort's message for a range past the last observation)
        raise StataError("Obs. nos. out of range", 198)
    if span == 2:
        return (v[j] + v[j + 1]) / 2
    if span == 3:
        return _median3(v[j - 1], v[j], v[j + 1])
    if span % 2:
        h = span // 2
        return float(np.sort(v[j - h: j + h + 1])[h])
    h1 = span // 2
    window = np.sort(v[j - h1 + 1: j + h1 + 1])
    return (window[h1 - 1] + window[h1]) / 2


def running_median(v: np.ndarray, span: int, parity: int, store: Store) -> np.ndarray:
    """_sm_m: the span's running median, shorter spans towards the ends, ends copied on; an even
    span's values sit between periods: the first of a pair adds a slot, the second removes it."""
    n = v.size
    res = v.copy()
    if span == 1:
        return res
    h = span // 2
    even = 2 * h == span
    if even:
        s, j0, h = 2, 0, h - 1
    else:
        s, j0 = 3, 1
    j1 = n - 2
    while j0 < h:
        for j in (j0, j1):
            res[j] = _window_median(v, j, s)
        j0, j1, s = j0 + 1, j1 - 1, s + 2
    for j in range(j0, j1 + 1):
        res[j] = _window_median(v, j, span)
    res = store(res)
    if not even:
        return res
    if parity:   # first in pair: the first value, then the n - 1 midpoints, then the last value
        return np.concatenate([[v[0]], res[: n - 1], [v[n - 1]]])
    # second in pair: the first value, the midpoints at periods 2 .. n-1, the last value
    return np.concatenate([[v[0]], res[1: n - 2], [v[n - 1]]])


def hanning(v: np.ndarray, store: Store) -> np.ndarray:
    res = v.copy()
    if v.size >= 3:
        res[1:-1] = (v[:-2] + 2 * v[1:-1] + v[2:]) / 4
    return store(res)


def end_points(v: np.ndarray, store: Store) -> np.ndarray:
    res = v.copy()
    n = v.size
    res[0] = _end_value(v[2] if n > 2 else np.nan, v[1] if n > 1 else np.nan, v[0])
    res[n - 1] = _end_value(v[n - 3] if n > 2 else np.nan, v[n - 2] if n > 1 else np.nan, v[n - 1])
    return store(res)


def _repeat(step: Callable[[np.ndarray], np.ndarray], v: np.ndarray) -> np.ndarray:
    """_sm_rpt: apply until a pass changes nothing; missing equals missing, as in Stata (NaN !=
    NaN made a value past float's range, stored as missing, repeat for ever)."""
    base = step(v)
    nxt = step(base)
    while not np.array_equal(base, nxt, equal_nan=True):
        base, nxt = nxt, step(nxt)
    return nxt


def split(z: np.ndarray, store: Store) -> np.ndarray:
    """_sm_s: each two-value plateau that is a peak or a valley gets its two values re-estimated
    from their sides (_sm_epu), then 3R."""
    n = z.size
    res = z.copy()

    def at(i: int) -> float:
        return z[i] if 0 <= i < n else np.nan

    for t in range(2, n - 2):
        if z[t] == z[t + 1]:
            u = t + 1
            s1 = np.sign(z[t] - z[t - 1])
            if s1 and s1 == np.sign(z[u] - at(u + 1)):
                res[t] = _end_value(z[t - 2], z[t - 1], z[t])
                res[u] = _end_value(at(u + 2), at(u + 1), z[u])
    res = store(res)
    return _repeat(lambda v: running_median(v, 3, 0, store), res)


def _compound(x: np.ndarray, smoother: Smoother, store: Store) -> np.ndarray:
    v = store(x.astype(float))
    for step in smoother.steps:
        if step.kind == "median":
            def once(a, step=step):
                return running_median(a, step.span, step.parity, store)
            v = _repeat(once, v) if step.repeat else once(v)
        elif step.kind == "hanning":
            v = hanning(v, store)
        elif step.kind == "ends":
            v = end_points(v, store)
        else:
            v = _repeat(lambda a: split(a, store), v) if step.repeat else split(v, store)
    return v


def nonlinear_smooth(x: np.ndarray, smoother: Smoother, store: Store) -> np.ndarray:
    """The smoothed series of x (no missing values), as smooth.ado computes it."""
    first = _compound(x, smoother, store)
    if not smoother.twice:
        return first
    rough = store(x - first)
    return store(first + _compound(rough, smoother, store))
