"""ktau's output: ktau.ado's two-variable text and its lower-triangle matrix."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.kendall_tau import KendallMatrix, KendallPairReport

_KEY = {"taua": "tau_a", "taub": "tau_b", "score": "score", "se": "se of score", "obs": "Number of obs",
        "p": "Sig. level"}


def render_kendall_pair(report: KendallPairReport) -> str:
    r = report.pair
    se_line = "    SE of score = " + format_number(r.se_score, "%11.3f")
    if r.ties:
        se_line += "   (corrected for ties)"
    return "\n".join([
        "",
        "  Number of obs = " + format_number(r.N, "%7.0f"),
        "Kendall's tau-a = " + format_number(r.tau_a, "%12.4f"),
        "Kendall's tau-b = " + format_number(r.tau_b, "%12.4f"),
        "Kendall's score = " + format_number(r.score, "%7.0f"),
        se_line,
        "",
        f"Test of Ho: {abbrev(report.xname, 20)} and {abbrev(report.yname, 20)} are independent",
        "     Prob > |z| = " + format_number(r.p, "%12.4f") + "  (continuity corrected)"])


def render_kendall_matrix(m: KendallMatrix) -> str:
    out = [m.obs_note] if m.obs_note else []
    if not (len(m.stats) == 1 and m.stats[0] == "taua"):
        out += ["", "+-----------------+", "|  Key            |", "+-----------------+"]
        out += [f"|   {_KEY[s]:<14}|" for s in m.stats]
        out.append("+-----------------+")
    k = len(m.names)
    j0 = 0
    while j0 < k:
        j1 = min(j0 + m.columns_per_block, k - 1)
        out.append("")
        out.append(" " * 13 + "|" + "".join(f"{abbrev(n, 8):>11}" for n in m.names[j0:j1 + 1]))
        out.append("-" * 13 + "+" + "-" * (11 * (j1 - j0 + 1)))
        for i in range(j0, k):
            for position, stat in enumerate(m.stats):
                line = (f"{abbrev(m.names[i], 12):>12} | " if position == 0 else " " * 13 + "| ")
                last = min(j1, i - 1) if stat == "p" else min(j1, i)
                for j in range(j0, last + 1):
                    if m.blank[i][j] and i != j:
                        line += " " * 11
                        continue
                    value = m.values[stat][i][j]
                    if stat == "obs":
                        line += " " + format_number(value, "%9.0g") + " "
                    else:
                        mark = ("*" if m.starred[i][j] and i != j else " ") if stat in ("taua", "taub") else " "
                        line += " " + format_number(value, "%9.4f") + mark
                out.append(line.rstrip())
            if len(m.stats) > 1:
                out.append(" " * 13 + "|")
        j0 = j1 + 1
    return "\n".join(out)
