"""cluster stop's tables (cluster_stop.ado's layout): one row per number of clusters, the
Calinski-Harabasz pseudo-F (%9.2f) or the Duda-Hart Je(2)/Je(1) (%9.4f) and pseudo
T-squared (%9.2f), each right-aligned to the widest and centred in 11 columns."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def _centre(text: str, width: int = 11) -> str:
    """SMCL's {center 11:...}; an odd spare column goes to the left (mlm's reading, docs/cluster.md)."""
    spare = max(width - len(text), 0)
    return " " * (spare - spare // 2) + text + " " * (spare // 2)


def _columns(values, fmt):
    texts = [format_number(v, fmt).strip() for v in values]
    wide = max(len(t) for t in texts)
    return [_centre(t.rjust(wide)) for t in texts]


def render_calinski(counts: list[int], values: list[float]) -> str:
    digits = max(len(str(c)) for c in counts)
    lines = ["",
             "+-------------+-------------+",
             "|             |  Calinski/  |",
             "|  Number of  |  Harabasz   |",
             "|  clusters   |  pseudo-F   |",
             "|-------------+-------------|"]
    for count, value in zip(counts, _columns(values, "%9.2f")):
        lines.append(f"| {_centre(str(count).rjust(digits))} | {value} |")
    lines.append("+-------------+-------------+")
    return "\n".join(lines)


def render_duda(counts: list[int], ratios: list[float], t2: list[float]) -> str:
    digits = max(len(str(c)) for c in counts)
    lines = ["",
             "+-------------+---------------------------+",
             "|             |         Duda/Hart         |",
             "|  Number of  |             |  pseudo     |",
             "|  clusters   | Je(2)/Je(1) |  T-squared  |",
             "|-------------+-------------+-------------|"]
    for count, ratio, t in zip(counts, _columns(ratios, "%9.4f"), _columns(t2, "%9.2f")):
        lines.append(f"| {_centre(str(count).rjust(digits))} | {ratio} | {t} |")
    lines.append("+-------------+-------------+-------------+")
    return "\n".join(lines)
