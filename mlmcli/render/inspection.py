"""``inspect``'s block for one variable in Stata 13's layout (published logs: the counts in
columns ending at 49, 59 and 70, the histogram's bars at columns 4, 8, ... 20 over 6 rows)."""
from __future__ import annotations

from mlmcli.results.inspection import Inspection, SignCounts

_HEAD_WIDTH = 44  # where the counts' columns start
_LABEL_AT = 29  # where "Negative" ... start


def _count(n: int) -> str:
    return str(n) if n else "-"


def _histogram_row(bars: tuple[int, ...], row: int) -> str:
    """Row 1 (top) to 6 of the bars: '#' where the bar reaches, '.' on the last for a low bar."""
    cells = []
    for height in bars:
        if height >= 7 - row:
            cells.append("#")
        elif height < 0 and row == 6:
            cells.append(".")
        else:
            cells.append(" ")
    return ("|  " + "   ".join(cells)).rstrip() if cells else "|"


def _counts_row(hist: str, label: str, counts: SignCounts) -> str:
    return (hist.ljust(_LABEL_AT) + label.ljust(_HEAD_WIDTH - _LABEL_AT) + f"{_count(counts.total):>5}"
            + f"{_count(counts.integers):>10}" + f"{_count(counts.nonintegers):>11}")


def render_inspection(item: Inspection) -> str:
    title = f"{item.name}:  {item.var_label}" if item.var_label else f"{item.name}:  "
    title = title[:_HEAD_WIDTH + 2]
    hist = [_histogram_row(item.bars, row) for row in range(1, 7)]
    total = SignCounts(item.nonmissing, item.negative.integers + item.zero.integers + item.positive.integers,
                       item.negative.nonintegers + item.positive.nonintegers)
    lines = ["", title.rstrip().ljust(48) + "Number of Observations",
             "-" * len(title) + " " * (_HEAD_WIDTH - len(title)) + "-" * 30,
             " " * _HEAD_WIDTH + "Total   Integers   Nonintegers",
             _counts_row(hist[0], "Negative", item.negative),
             _counts_row(hist[1], "Zero", item.zero),
             _counts_row(hist[2], "Positive", item.positive),
             hist[3].ljust(_HEAD_WIDTH) + "-----     -----      -----",
             _counts_row(hist[4], "Total", total),
             hist[5].ljust(_LABEL_AT) + "Missing".ljust(_HEAD_WIDTH - _LABEL_AT) + f"{_count(item.missing):>5}",
             "+" + "-" * 22 + " " * (_HEAD_WIDTH - 23) + "-----"]
    ends = item.min_text + item.max_text.rjust(23 - len(item.min_text))
    lines.append(ends.ljust(_HEAD_WIDTH) + f"{item.nonmissing + item.missing:>5}")
    if item.unique is None:
        lines.append("(More than 99 unique values)")
    else:
        lines.append(f"{'(' + str(item.unique):>5} unique value{'s' if item.unique > 1 else ''})")
    if item.undocumented is not None:
        lines.append("")
        if item.undocumented == 0:
            lines.append(f"      {item.name} is labeled and all values are documented in the label.")
        else:
            many = item.undocumented > 1
            lines.append(f"      {item.name} is labeled but {item.undocumented} value{'s' if many else ''} "
                         f"{'are' if many else 'is'} NOT documented in the label.")
    return "\n".join(lines)
