"""estat cv, estat size and estat strata after svy (svy_estat.ado's DisplayTable and Strata):
the estimate, its Std. Err. and extra columns; the table of singleton and certainty strata."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import BASE_WIDTH, name_width
from mlmcli.render.numfmt import format_number
from mlmcli.results.survey import EstimateColumns, StrataCounts


def estimate_columns_table(labels, depvar: str, column: str, vce_label: str, rows, columns, linesize: int,
                           equations=()) -> list:
    """The lines of DisplayTable: name | estimate, Std. Err. (the vcetype above it), then each
    (title, width, format) column; the first extra title ends a column before its numbers (as
    estat effects' DEFF does in a published Stata log)."""
    from mlmcli.results.mixed import CoefRow

    probe = [CoefRow(label, 0, 0, 0, 0, 0, 0) for label in labels]
    s = name_width([(None, probe)], linesize=linesize) if probe else BASE_WIDTH
    total = s + 2 + 22 + sum(w for _, w, _ in columns)
    head = abbrev(depvar, s).rjust(s) + " |" + column.rjust(11) + "Std. Err.".rjust(12)
    head += "".join(title.rjust(w - (1 if i == 0 else 0)) for i, (title, w, _) in enumerate(columns))
    out = ["-" * total, " " * s + " |" + " " * (14 + (9 - len(vce_label)) // 2) + vce_label, head.rstrip(),
           "-" * (s + 1) + "+" + "-" * (total - s - 2)]
    shown_eqs = len(set(equations)) > 1 or any(eq != label for eq, label in zip(equations, labels))
    for i, (label, (coef, se, *values)) in enumerate(zip(labels, rows)):
        if shown_eqs and equations[i] and (i == 0 or equations[i] != equations[i - 1]):
            if i:  # DisplayTable's rule before each equation (the first one's is the heading's)
                out.append("-" * (s + 1) + "+" + "-" * (total - s - 2))
            out.append(abbrev(equations[i], s).ljust(s) + " |")
        line = (abbrev(label, s).rjust(s) + " |" + format_number(coef, "%9.0g").rjust(11)
                + format_number(se, "%9.0g").rjust(11))
        line += "".join(format_number(v, fmt).strip().rjust(w) for v, (_, w, fmt) in zip(values, columns))
        out.append(line)
    out.append("-" * total)
    return out


def render_estimate_columns(t: EstimateColumns, linesize: int = 80) -> str:
    labels = [row[0] for row in t.rows]
    depvar = "Over" if t.over else t.depvar
    lines = estimate_columns_table(labels, depvar, t.column, t.vce_label, [row[1:] for row in t.rows], t.columns,
                                   linesize, t.equations)
    return "\n".join(["", *lines, *t.notes])


def render_strata(t: StrataCounts) -> str:
    """Strata's _tab: Stage (7 wide) | Singleton, Certainty and Total strata (11 each) and,
    under singleunit(scaled), the Scale factor (12, %6.3g)."""
    extra = 12 if t.scaled else 0
    rule = "-" * 7 + "+" + "-" * (33 + extra)
    out = ["", rule, " " * 7 + "|" + "Singleton".rjust(11) + "Certainty".rjust(11) + "Total".rjust(11)
           + ("Scale".rjust(12) if t.scaled else ""),
           " Stage |" + "strata".rjust(11) * 3 + ("factor".rjust(12) if t.scaled else ""), rule]
    for i, (single, certain, total, scale) in enumerate(t.stages, start=1):
        # the ado's pads: none for the Singleton and Certainty numbers, one after Total's
        line = f"{i:>6} |" + f"{single:>11}{certain:>11}{total:>10} "
        if t.scaled:
            line += format_number(scale, "%6.3g").rjust(6) + " " * 6
        out.append(line.rstrip())
    out.append(rule)
    return "\n".join(out + list(t.notes))
