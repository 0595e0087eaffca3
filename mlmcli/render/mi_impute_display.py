"""``mi impute``'s output as Stata lays it out ([MI] mi impute, [MI] mi impute chained):
the conditional models of chained equations, the header (imputations added and updated),
the methods, and the Observations-per-m table with its legend."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.results.mi import MIImputation


def _line(left: str, label: str, value: int) -> str:
    """``label =`` with its = in column 57 and a 9-wide number, as mi impute's header."""
    return f"{left:<{55 - len(label)}}{label} ={value:>9}"


def render_conditional_models(r: MIImputation) -> str:
    title = "Conditional models (monotone):" if r.monotone else "Conditional models:"
    lines = [title] + [f"{abbrev(name, 14):>18}: {spec}" for name, spec in r.conditional]
    return "\n".join(lines)


def render_mi_impute(r: MIImputation) -> str:
    kind = "Multivariate imputation" if r.chained else "Univariate imputation"
    imputed = f"Imputed: m={r.first} through m={r.last}" if r.last >= r.first else "Imputed: none"
    out = ["", _line(kind, "Imputations", r.M), _line(r.method_title, "added", r.added),
           _line(imputed, "updated", r.updated)]
    if r.chained:
        out += ["", _line("Initialization: monotone", "Iterations", r.iterations), _line("", "burn-in", r.burnin), ""]
        out += [f"{abbrev(name, 14):>18}: {title}" for name, title in r.methods]
    out += ["", "-" * 66,
            f"{'|':>20}{'Observations per m':>33}{'':13}",
            f"{'|':>20}{'-' * 46}",
            f"{'Variable':>18} |   Complete   Incomplete   Imputed |     Total",
            "-" * 19 + "+" + "-" * 35 + "+" + "-" * 10]
    for row in r.rows:
        out.append(f"{abbrev(row.name, 14):>18} |{row.complete:>11}{row.incomplete:>13}{row.imputed:>10} |"
                   f"{row.complete + row.incomplete:>10}")
    out.append("-" * 66)
    if r.legend:
        out += ["(complete + incomplete = total; imputed is the minimum across m",
                " of the number of filled-in observations.)"]
    return "\n".join(out)
