"""The stem-and-leaf plot of ``stem`` ([R] stem), step by step as stem.ado computes it.

``automatic_round``: the unit values are rounded to when neither round() nor truncate() is
given (none for whole numbers; 10^k, k <= 0, the coarsest that loses no distinction rd_stem
checks); ``choose_width``: lines per stem from the range and n (wth_stem: 1, 2, 5 or 10 times
10^(digits-1)); ``stem_lines``: the lines (di_stem), each stem a multiple of the width with its
leaves in order of the values, long lines cut with `` ... (count)``.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.errors import StataError
from mlmcli.results.stem_leaf import StemLine


def _round(x, unit: float):
    """Stata's round(x, unit): unit * floor(x/unit + 1/2)."""
    return unit * np.floor(np.asarray(x) / unit + 0.5)


def automatic_round(x: np.ndarray) -> int | None:
    """The power of ten (its exponent, <= 0) rd_stem rounds ``x`` to; None when ``x`` is whole."""
    if np.all(x == _round(x, 1.0)):
        return None
    spread = float(x.max() - x.min()) or float(x.max())
    log_spread = math.log10(spread) if spread > 0 else math.nan  # log10 of 0 or less: missing
    if math.isnan(log_spread) or log_spread > 2:
        power = 0
    elif log_spread > 1:
        power = -1
    elif log_spread > 0:
        power = -2
    else:
        power = int(log_spread) - 3  # int() truncates toward zero
    while power < 0:
        unit = 10.0 ** power
        if not np.all(np.abs(_round(x, unit) - _round(x, 10 * unit)) < 0.5 * unit):
            break  # rounding any coarser would merge values
        power += 1
    return power


def power_text(power: int) -> str:
    """10^power as a macro holds it: 1, .1, .01 ..."""
    return "1" if power == 0 else "." + "0" * (-power - 1) + "1"


def choose_width(y: np.ndarray, digits: int) -> tuple[int, int]:
    """(digits, width) when width() and lines() are not given (wth_stem)."""
    spread = float(y.max() - y.min())
    n = y.size
    if spread == 0:
        return 1, 10
    tend = 10 ** digits
    width = int(1 + spread / math.sqrt(2 * n * digits))
    if width > tend:
        if digits > 1:  # a digits() typed is kept
            return digits, tend
        while width > 10 ** digits:
            digits += 1
            width = int(1 + spread / math.sqrt(2 * n * digits))
    unit = 10 ** (digits - 1)
    if abs(width - 2 * unit) < abs(width - 5 * unit):
        if abs(width - unit) < abs(width - 2 * unit):
            width = unit
            if digits > 1:
                digits -= 1
        else:
            width = 2 * unit
    else:
        width = 5 * unit if abs(width - 5 * unit) < abs(width - 10 * unit) else 10 * unit
    if width == 1 and digits == 1 and n <= spread * min(spread, 10):
        width = 2
    return digits, width


MAX_LINES = 1_000_000
_SPECIAL_PLACES = {2: ("*", "t", "f", "s", "."), 5: ("*", ".")}


def stem_lines(y: np.ndarray, width: int, digits: int, prune: bool) -> tuple[StemLine, ...]:
    """The plot's lines for whole numbers ``y`` (di_stem)."""
    tend = 10 ** digits
    stem = y - np.sign(y) * np.mod(np.abs(y), width)
    if width > 1:
        stem[(stem == 0) & (y < 0)] = -1  # the -0 stem
    biggest = int(max(abs(stem.min()), abs(stem.max())) / tend)
    fmt = len(str(biggest)) + 2
    order = np.lexsort((y, stem))
    stem, y = stem[order], y[order]
    stems, first, counts = np.unique(stem, return_index=True, return_counts=True)
    nstr = int(counts.max())
    comma = ""
    if digits > 1:
        nstr *= digits + 1
        comma = ","
    cut = fmt + digits + 3 + nstr > 79
    if cut:
        nstr = 76 - fmt - digits
    leaf = [str(int(tend + np.mod(abs(v), tend)))[1:] for v in y]
    leaves = []
    for start, count in zip(first, counts):
        text = comma.join(leaf[start:start + count])[:nstr]
        step = digits + 1 if digits > 1 else 1
        if cut and step * count > nstr:
            room = nstr - 7 - len(str(count))
            keep = room - int(np.sign(room)) * (abs(room) % step)
            text = text[:max(keep, 0)] + f" ... ({count})"
        leaves.append(text)
    special = digits == 1 and width in _SPECIAL_PLACES
    if (stems[-1] - stems[0]) / width > MAX_LINES:  # Stata would print them all (values at 1e150, lines(2))
        raise StataError(f"stem-and-leaf plot would have more than {MAX_LINES:,} lines; specify round() "
                         "or a larger width()", 198)  # mlm's refusal: no Stata evidence
    lines: list[StemLine] = []
    nxt, i = float(stems[0]), 0
    while i < stems.size and nxt <= stems[-1]:
        if stems[i] == nxt or prune:
            nxt, text = float(stems[i]), leaves[i]
            i += 1
        else:
            text = ""
        place = _SPECIAL_PLACES[width][int(np.mod(abs(nxt), 10) / width)] if special else "*" * digits
        head = math.trunc(nxt / tend)
        if head == 0 and nxt < 0:
            label = " " * (fmt - 2) + "-0" + place
        else:
            label = f"{head:>{fmt}d}" + place
        lines.append(StemLine(label, text))
        if nxt >= 0 or nxt < -width or width == 1:
            nxt += width
        elif nxt == -1:
            nxt = 0.0
        else:  # -width, or a stem a rounding away from it (values near 1e150): the -0 stem next
            nxt = -1.0
    return tuple(lines)
