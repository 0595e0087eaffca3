"""tetrachoric's output: tetrachoric.ado's two-variable text and its lower-triangle matrix."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.tetrachoric import TetrachoricMatrix

_KEY = {"rho": "rho", "obs": "Number of obs", "se": "Std. error", "p": "2-sided exact P"}


def render_tetrachoric_pair(x: str, y: str, n: float, rho: float, se: float, p: float) -> str:
    return "\n".join([
        "",
        "   Number of obs = " + format_number(n, "%12.0fc"),
        " Tetrachoric rho = " + format_number(rho, "%12.4f"),
        "       Std error = " + format_number(se, "%12.4f"),
        "",
        f"Test of Ho: {abbrev(x, 20)} and {abbrev(y, 20)} are independent",
        " 2-sided exact P = " + format_number(p, "%12.4f")])


def render_tetrachoric_matrix(m: TetrachoricMatrix) -> str:
    out = []
    if "obs" not in m.stats:
        out.append(f"(obs={format_number(m.nobs[0][1], '%10.0fc').strip()})")
    if list(m.stats) != ["rho"]:
        out += ["", "+" + "-" * 19 + "+", "|  Key" + " " * 14 + "|", "+" + "-" * 19 + "+"]
        out += [f"|   {_KEY[s]:<16}|" for s in m.stats]
        out.append("+" + "-" * 19 + "+")
    if m.nneg:
        out += ["", "matrix with tetrachoric correlations is not positive semidefinite;",
                f"  it has {m.nneg} negative {'eigenvalue' if m.nneg == 1 else 'eigenvalues'}",
                "  maxdiff(corr,adj-corr) = " + format_number(m.mdiff, "%7.4f"),
                "  (adj-corr: tetrachoric correlations adjusted to be positive semidefinite)"]
    header = "adj-corr" if m.adjusted else ""
    k = len(m.names)
    j0 = 0
    while j0 < k:
        j1 = min(j0 + m.columns_per_block, k - 1)
        out.append("")
        out.append(f"{header:>12} |" + "".join(f"{abbrev(n, 8):>9}" for n in m.names[j0:j1 + 1]))
        out.append("-" * 13 + "+" + "-" * (9 * (j1 - j0 + 1)))
        for i in range(j0, k):
            for position, stat in enumerate(m.stats):
                line = f"{abbrev(m.names[i], 12):>12} | " if position == 0 else " " * 13 + "| "
                last = min(j1, i - 1) if stat == "p" else min(j1, i)
                for j in range(j0, last + 1):
                    shown = not m.blank[i][j] or (i == j and stat in ("rho", "obs"))
                    if not shown:
                        line += " " * 9
                    elif stat == "rho":
                        line += " " + format_number(m.rho[i][j], "%7.4f") + ("*" if m.starred[i][j] and i != j else " ")
                    elif stat == "obs":
                        line += " " + format_number(m.nobs[i][j], "%7.0g") + " "
                    else:
                        line += " " + format_number((m.se if stat == "se" else m.p)[i][j], "%7.4f") + " "
                out.append(line.rstrip())
            if len(m.stats) > 1:
                out.append(" " * 13 + "|")
        j0 = j1 + 1
    return "\n".join(out)
