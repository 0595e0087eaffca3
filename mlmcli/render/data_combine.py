"""Text of the ``merge`` result table and the ``reshape`` summary (Stata 13)."""
from __future__ import annotations

from mlmcli.results.data import MergeSummary, ReshapeSummary


def render_merge_table(summary: MergeSummary) -> str:
    """``    Result                           # of obs.`` with counts ending at col 45.

    ``counts`` maps _merge codes (1 master only, 2 using only, 3 matched) to numbers
    of observations.  The ``from master``/``from using`` lines appear only when
    something is unmatched.  With ``update`` the matched line splits into not updated (3),
    missing updated (4) and nonmissing conflict (5).
    """
    counts, genvar, update = summary.counts, summary.genvar, summary.update
    tag = genvar or "_merge"

    def row(label: str, n: int, code: int | None = None) -> str:
        text = f"{label:<33}{n:>12,}"
        return text + (f"  ({tag}=={code})" if code is not None else "")

    rule = "    " + "-" * 41
    m1, m2, m3 = counts.get(1, 0), counts.get(2, 0), counts.get(3, 0)
    lines = ["", "    Result                           # of obs.", rule, row("    not matched", m1 + m2)]
    if m1 + m2:
        lines.append(row("        from master", m1, 1 if genvar is not False else None))
        lines.append(row("        from using", m2, 2 if genvar is not False else None))
        lines.append("")
    tagged = genvar is not False
    if update:
        m4, m5 = counts.get(4, 0), counts.get(5, 0)
        lines.append(row("    matched", m3 + m4 + m5))
        lines.append(row("        not updated", m3, 3 if tagged else None))
        lines.append(row("        missing updated", m4, 4 if tagged else None))
        lines.append(row("        nonmissing conflict", m5, 5 if tagged else None))
    else:
        lines.append(row("    matched", m3, 3 if tagged else None))
    lines.append(rule)
    return "\n".join(lines)


def render_reshape(summary: ReshapeSummary) -> str:
    """``(note: j = ...)`` then the wide->long (or long->wide) summary table.

    ``xij``: (left text, right text) pairs, e.g. ("inc80 inc81", "inc") going long.
    Left-hand figures end at col 39, ``->`` sits at cols 43-44, right-hand text starts at col 48.
    """
    direction, j_values, n_before, n_after = summary.direction, summary.j_values, summary.n_before, summary.n_after
    k_before, k_after, jvar, xij = summary.k_before, summary.k_after, summary.jvar, summary.xij
    src, dst = ("wide", "long") if direction == "long" else ("long", "wide")
    rule = "-" * 77
    lines = [f"(note: j = {' '.join(j_values)})", "", f"{'Data':<35}{src:>4}   ->   {dst}", rule,
             f"{'Number of obs.':<30}{n_before:>9}   ->{n_after:>8}",
             f"{'Number of variables':<30}{k_before:>9}   ->{k_after:>8}"]
    jlabel = f"j variable ({len(j_values)} values)"
    if direction == "long":
        lines.append(f"{jlabel:<42}->   {jvar}")
    else:
        lines.append(f"{jlabel:<30}{jvar:>9}   ->   (dropped)")
    lines.append("xij variables:")
    for left, right in xij:
        lines.append(f"{left:>39}   ->   {right}")
    lines.append(rule)
    return "\n".join(lines)
