"""``mi describe`` and ``mi estimate`` as Stata prints them ([MI] mi describe, [MI] mi
estimate: the header of "Multiple-imputation estimates", the variance table, the
coefficient table with t on each coefficient's degrees of freedom)."""
from __future__ import annotations

import math

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import hline, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.mi import MIDescription, MIEstimateResult

LEFT = 50  # where the right-hand header labels start


def _value(x: float, fmt: str) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ".".rjust(10)
    if abs(x) >= 1e7:  # a huge df (little between-imputation variance) keeps the column
        fmt = "%10.0g"
    return format_number(x, fmt).rjust(10)


def _line(left: str, label: str, value: str) -> str:
    return (left.ljust(LEFT) + label.ljust(16) + "=" + value.rjust(11)).rstrip()


def render_mi_estimate(r: MIEstimateResult, *, noheader: bool = False, notable: bool = False,
                       baselevels: bool = False) -> str:
    out: list[str] = []
    if not noheader:
        out.append("")
        out.append(_line("Multiple-imputation estimates", "Imputations", _value(r.M, "%10.0f")))
        out.append(_line(r.title, "Number of obs", _value(r.N, "%10.0f")))
        out.append(_line("", "Average RVI", _value(r.rvi_avg, "%10.4f")))
        out.append(_line("", "Largest FMI", _value(r.fmi_max, "%10.4f")))
        if r.complete_df is not None:
            out.append(_line("", "Complete DF", _value(r.complete_df, "%10.0f")))
        adjust = "Small sample" if r.complete_df is not None else "Large sample"
        out.append(_line("DF adjustment:" + adjust.rjust(15), "DF:     min", _value(r.df_min, "%10.2f")))
        out.append(_line("", "        avg", _value(r.df_avg, "%10.2f")))
        out.append(_line("", "        max", _value(r.df_max, "%10.2f")))
        vce = "Within VCE type:" + r.vcetype.rjust(13)
        if r.test is not None:
            F, df1, df2, p = r.test
            df2_text = "." if not math.isfinite(df2) else format_number(df2, "%7.1f")
            out.append(_line("Model F test:" + "Equal FMI".rjust(16),
                             f"F({df1:4d},{df2_text.rjust(7)})", _value(F, "%10.2f")))
            out.append(_line(vce, "Prob > F", _value(p, "%10.4f")))
        else:
            out.append(vce)
    if r.vartable:
        out.append("")
        out.append(render_variance_table(r))
    if not notable and r.citable:
        out.append("")
        single = len(r.equations) == 1
        out.append(render_coef_table(r.equations[0][1] if single else None, r.depvar, stat_label="t",
                                     level=r.level, equations=None if single else r.equations,
                                     coef_label=r.coef_label, eform=r.coef_label != "Coef.",
                                     baselevels=baselevels))
    if not notable and r.dftable:
        if r.citable and not noheader:
            out += ["", "Degrees of freedom"]
        out.append("")
        out.append(render_df_table(r))
    return "\n".join(out)


def render_df_table(r: MIEstimateResult) -> str:
    """dftable: each coefficient with its Std. Err., t and P>|t| on its own df_mi, the df and
    the percent increase in the standard error due to the missing data, 100 (sqrt(T/W) - 1)
    (Stata's e(pise_mi)); the columns' widths are mlm's (Stata's layout was not seen)."""
    s = 12
    total = s + 66
    out = [hline(total), " " * s + " |" + " " * 54 + "% Increase",
           abbrev(r.depvar, s).rjust(s) + " |" + r.coef_label.rjust(11) + "   Std. Err.      t    P>|t|"
           + "DF".rjust(11) + "   Std. Err.", hline(s + 1) + "+" + hline(total - s - 2)]
    increase = {(eq, v.name): 100.0 * (math.sqrt(v.total / v.within) - 1.0) if v.within > 0 else math.nan
                for eq, rows in r.variance_rows for v in rows}
    for i, (eq, rows) in enumerate(r.equations):
        if i > 0:
            out.append(hline(s + 1) + "+" + hline(total - s - 2))
        if eq is not None and len(r.equations) > 1:
            out.append(abbrev(eq, s).ljust(s) + " |")
        for row in rows:
            name = abbrev(row.name, s).rjust(s) + " |"
            if row.base or row.omitted:
                out.append(name + "          0  " + ("(base)" if row.base else "(omitted)"))
                continue
            pise = increase.get((eq, row.name), math.nan)
            out.append(name + _cell(row.coef, "%9.0g", 11) + _cell(row.se, "%9.0g", 11)
                       + _cell(row.stat, "%8.2f", 9) + _cell(row.p, "%5.3f", 8)
                       + _cell(row.df, "%9.1f", 11) + _cell(pise, "%7.2f", 12))
    out.append(hline(total))
    return "\n".join(out)


def _cell(x: float, fmt: str, width: int) -> str:
    if x is None or not math.isfinite(x):
        return ".".rjust(width)
    text = format_number(x, fmt).strip()
    if len(text) > width - 1:
        text = format_number(x, "%9.3g").strip()
    return text.rjust(width)


def render_variance_table(r: MIEstimateResult) -> str:
    s = 12
    total = s + 66
    out = ["Variance information", hline(total),
           " " * s + " |        Imputation variance" + " " * 29 + "Relative",
           " " * s + " |    Within   Between     Total       RVI       FMI    efficiency",
           hline(s + 1) + "+" + hline(total - s - 2)]
    for i, (eq, rows) in enumerate(r.variance_rows):
        if i > 0:
            out.append(hline(s + 1) + "+" + hline(total - s - 2))
        if eq is not None and len(r.variance_rows) > 1:
            out.append(abbrev(eq, s).ljust(s) + " |")
        for v in rows:
            nums = "".join(format_number(x, "%9.0g").rjust(10) for x in (v.within, v.between, v.total, v.rvi, v.fmi))
            out.append(abbrev(v.name, s).rjust(s) + " |" + nums + format_number(v.efficiency, "%9.0g").rjust(13))
    out.append(hline(total))
    return "\n".join(out)


def render_mi_describe(d: MIDescription) -> str:
    def with_counts(items) -> str:
        return " ".join(f"{n}({c})" for n, c in items)

    out = ["", f"  Style:  {d.style}", f"          last mi update {d.updated}", "",
           f"  Obs.:   complete  {d.complete:11d}",
           f"          incomplete{d.incomplete:11d}  (M = {d.M} imputation{'s' if d.M != 1 else ''})",
           "          ---------------------",
           f"          total     {d.complete + d.incomplete:11d}", "",
           "  Vars.:  imputed:  " + (f"{len(d.imputed)}; {with_counts(d.imputed)}" if d.imputed else "0"), "",
           "          passive:  " + (f"{len(d.passive)}; {with_counts(d.passive)}" if d.passive else "0"), "",
           "          regular:  " + (f"{len(d.regular)}; {' '.join(d.regular)}" if d.regular else "0"), "",
           "          system:   " + (f"{len(d.system)}; {' '.join(d.system)}" if d.system else "0"), ""]
    n = len(d.unregistered)
    if n == 0:
        out.append("         (there are no unregistered variables)")
    elif d.detail or n <= 5:
        out.append(f"         (there {'is' if n == 1 else 'are'} {n} unregistered variable{'s' if n != 1 else ''}; "
                   f"{' '.join(d.unregistered)})")
    else:
        out.append(f"         (there are {n} unregistered variables)")
    return "\n".join(out)


def render_mi_transformations(header: dict, complete_df: float | None, terms, rows, depvar: str,
                              level: float) -> str:
    """``mi estimate (name: exp) ...``'s block after the coefficient table: the Transformations
    header, the legend ``name: exp`` and the table of the combined transformations."""
    out = ["", _line("Transformations", "Average RVI", _value(header["rvi_avg"], "%10.4f")),
           _line("", "Largest FMI", _value(header["fmi_max"], "%10.4f"))]
    if complete_df is not None:
        out.append(_line("", "Complete DF", _value(complete_df, "%10.0f")))
    adjust = "Small sample" if complete_df is not None else "Large sample"
    out.append(_line("DF adjustment:" + adjust.rjust(15), "DF:     min", _value(header["df_min"], "%10.2f")))
    out.append(_line("", "        avg", _value(header["df_avg"], "%10.2f")))
    out.append(_line("", "        max", _value(header["df_max"], "%10.2f")))
    out.append("")
    width = max(len(abbrev(name, 12)) for name, _ in terms)
    out += [f"{abbrev(name, 12).rjust(width + 4)}: {exp}" for name, exp in terms]
    out.append("")
    out.append(render_coef_table(list(rows), depvar, stat_label="t", level=level))
    return "\n".join(out)
