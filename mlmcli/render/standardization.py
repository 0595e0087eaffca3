"""dstdize's output as dstdize.ado displays it (its _col() and _skip() arithmetic)."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.display_columns import DisplayLine as _Line
from mlmcli.render.numfmt import format_number
from mlmcli.results.standardization import DstdizeReport, IstdizeReport


def _standard_heading(col: int, heads: str) -> list[str]:
    """The print option's title over the standard population (both ados' arithmetic)."""
    dashes = 28 + col
    d2 = min(80, round((dashes - 19) / 2))
    return ["", "-" * d2 + "Standard Population" + "-" * d2, _Line().col(col).add(heads).text, "-" * min(dashes, 80)]


def _value(v, width: int = 9) -> str:
    """A stratum or group value: strings end at column 9 (_col(10 - length)), numbers %9.0g."""
    if isinstance(v, str):
        return " " * max(0, 9 - len(v)) + v if len(v) <= 9 else v
    return format_number(v, "%9.0g")


def render_dstdize(r: DstdizeReport) -> str:
    f = format_number
    k = len(r.strata_names)
    col = -6 + 9 * k
    out: list[str] = []
    if r.standard:
        dashes = min(28 + col, 80)
        out += _standard_heading(col, "Stratum       Pop.     Dist.")
        for values, pop, share in r.standard:
            out.append("".join(_value(v) for v in values) + "  " + f(pop, "%9.0g") + f(share, "%10.3f"))
        out += ["-" * dashes, _Line().add("Total:").col(col).add(f(r.standard_total, "%14.0g")).text]
    if r.excluded:
        out.append(f"({r.excluded} observation{'s' if r.excluded != 1 else ''} excluded because of missing values)")
    dashes = min(55 + col, 80)
    cl = col + 6
    level_text = f"{r.level:g}"
    spaces = "   " if len(level_text) == 2 else " " if len(level_text) == 4 else ""
    for g in r.groups:
        out += ["", "-" * dashes,
                "-> " + " ".join(r.by_names) + "= " + "".join(_group_value(v) + " " for v in g.group),
                _Line().col(col).add("                       -----Unadjusted-----  Std.").text,
                _Line().col(col).add("                              Pop.  Stratum  Pop.").text,
                _Line().col(col).add("Stratum       Pop.     Cases  Dist. Rate[s] Dst[P]  s*P").text,
                "-" * dashes]
        for row in g.rows:
            out.append("".join(_value(v) for v in row.stratum) + f(row.pop, "%11.0g") + f(row.cases, "%10.0g")
                       + f(row.share, "%7.3f") + f(row.rate, "%7.4f") + f(row.std_share, "%7.3f")
                       + f(row.rate * row.std_share, "%7.4f"))
        out += ["-" * dashes,
                _Line().add("Totals:").col(cl).add(f(g.pop, "%12.0g") + f(g.cases, "%10.0g")
                                                   + "    Adjusted Cases:" + f(g.adjusted_cases, "%9.1f")).text,
                _Line().col(cl).add(" " * 30 + "Crude Rate:" + f(g.crude, "%9.4f")).text,
                _Line().col(cl).add(" " * 27 + "Adjusted Rate:" + f(g.adjusted, "%9.4f")).text,
                _Line().col(cl).add(" " * 12 + spaces + level_text + "% Conf. Interval: [" + f(g.lower, "%6.4f")
                                    + ", " + f(g.upper, "%6.4f") + "]").text]
    out += ["", "Summary of Study Populations:"]
    names = [abbrev(n, 8) for n in r.by_names]
    for name in names[:-1]:
        out.append(_Line().col(10 - len(name)).add(name + " ").text)
    last = _Line().col(10 - len(names[-1])).add(names[-1])
    last.col(14).add("N").col(21).add("Crude").col(31).add("Adj_Rate").col(46).add("Confidence Interval")
    out += [last.text, " " + "-" * 74]
    width = _format_width(r.fmt)
    skip = " " * max(0, 10 - width)
    for g in r.groups:
        for v in g.group[:-1]:
            out.append(_group_cell(v) + " ")
        line = _Line().add(_group_cell(g.group[-1]))
        line.col(4).add(f(g.pop, "%11.0g")).col(16).add(skip + f(g.crude, r.fmt)).col(29).add(skip + f(g.adjusted, r.fmt))
        line.col(43).add("[" + skip + f(g.lower, r.fmt) + ",").col(57).add(skip + f(g.upper, r.fmt) + "]")
        out.append(line.text)
    return "\n".join(out)


def _group_value(v) -> str:
    return v if isinstance(v, str) else format_number(v, "%9.0g").strip()


def _group_cell(v) -> str:
    if isinstance(v, str):
        return _Line().col(max(1, 10 - len(v))).add(v if len(v) < 10 else v[:9] + " ").text
    return format_number(v, "%9.0g")


def _format_width(fmt: str) -> int:
    import re

    m = re.match(r"%-?0?(\d+)", fmt)
    return int(m.group(1)) if m else 10


def _group_cell_11(v) -> str:
    """istdize's summary: strings end at column 10 (_col(11 - length)), numbers %9.0g."""
    if isinstance(v, str):
        return _Line().col(max(1, 11 - len(v))).add(v).text
    return format_number(v, "%9.0g")


def _summary_heads(names: list[str], cases_line: str, extra: list[tuple[int, str]]) -> list[str]:
    """The by() names of istdize's summaries: one per line, the heading "Cases" on its own line
    before a single name, else after the next-to-last one; the last name continues."""
    out = []
    if not names:
        return [_Line().col(8).add(cases_line).text]
    pr = len(names) - 1
    for j, name in enumerate(names, start=1):
        shown = abbrev(name, 8)
        if pr == 0:
            out.append(_Line().col(17).add(cases_line).text)
        line = _Line().col(10 - len(shown)).add(shown)
        if pr and j == pr:
            for column, text in extra:
                line.col(column).add(text)
        out.append(line.text if j == len(names) else line.text + " ")
    return out


def render_istdize(r: IstdizeReport) -> str:
    f = format_number
    k = len(r.strata_names)
    col = -6 + 9 * k
    out: list[str] = []
    level_text = f"{r.level:g}"
    spaces = {4: " ", 5: ""}.get(len(level_text), "   ")
    if r.standard:
        dashes = min(28 + col, 80)
        out += _standard_heading(col, "Stratum               Rate")
        out += ["".join(_value(v) for v in values) + "  " + f(rate, "%19.5f") for values, rate in r.standard]
        out += ["-" * dashes, _Line().add("Standard population's crude rate:").col(col).add(
            "    " + f(r.crude_rate, "%10.5f")).text]
    dashes = min(55 + col, 80)
    for header, g in zip(r.headers, r.groups):
        out += ["", "-" * dashes, header] + ([""] if r.blank_after_header else [])
        out += [_Line().col(col).add("                 Indirect Standardization").text, " ",
                _Line().col(col).add("                 Standard").text,
                _Line().col(col).add("                Population     Observed      Cases").text,
                _Line().col(col).add("Stratum            Rate       Population    Expected").text, "-" * dashes]
        for row in g.rows:
            out.append("".join(_value(v) for v in row.stratum) + f(row.rate, "%17.4f") + f(row.pop, "%14.0gc")
                       + f(row.expected, "%13.2fc"))
        out += ["-" * dashes,
                _Line().add("Totals:").col(col + 24).add(f(g.pop, "%14.0g") + f(g.expected, "%13.2f")).text, "",
                _Line().col(24).add(" " * 26 + "Observed Cases:" + f(g.cases, "%9.0fc")).text,
                _Line().col(24).add(" " * 27 + "SMR (Obs/Exp):" + f(g.smr, "%9.2f")).text,
                _Line().col(24).add(spaces + "  SMR exact " + level_text + "% Conf. Interval: ["
                                    + f(g.smr_lower, "%6.4f") + ", " + f(g.smr_upper, "%6.4f") + "]").text,
                _Line().col(24).add(" " * 30 + "Crude Rate:" + f(g.crude, "%9.4f")).text,
                _Line().col(24).add(" " * 27 + "Adjusted Rate:" + f(g.adjusted, "%9.4f")).text,
                _Line().col(24).add(" " * 10 + spaces + "  " + level_text + "% Conf. Interval: ["
                                    + f(g.lower, "%6.4f") + ", " + f(g.upper, "%6.4f") + "]").text]
    names = list(r.by_names)
    # Summary of the rates
    out += [" ", " ", "", "Summary of Study Populations (Rates):", ""]
    out += _summary_heading(names, "Cases", [(17, "Cases")],
                            [(5, "Observed"), (18, "Crude"), (26, "Adj_Rate"), (36, "Confidence Interval")])
    for g in r.groups:
        line = _summary_values(out, g.group)
        line.col(2).add(f(g.cases, "%10.0fc")).col(8).add(f(g.crude, r.fmt)).col(23).add(f(g.adjusted, r.fmt))
        line.col(35).add("[" + f(g.lower, r.fmt1) + ", " + f(g.upper, r.fmt1) + "]")
        out.append(line.text)
    # Summary of the SMRs
    out += [" ", " ", "Summary of Study Populations (SMR):", ""]
    out += _summary_heading(names, "Cases        Cases                   Exact", [(17, "Cases"), (30, "Cases"), (54, "Exact")],
                            [(5, "Observed"), (18, "Expected"), (30, "SMR"), (38, "Confidence Interval")])
    for g in r.groups:
        line = _summary_values(out, g.group)
        line.col(2).add(f(g.cases, "%10.0fc")).col(15).add(f(g.expected, "%10.2fc")).col(25).add(f(g.smr, "%8.3f"))
        line.col(37).add("[" + f(g.smr_lower, r.fmt1) + ", " + f(g.smr_upper, r.fmt1) + "]")
        out.append(line.text)
    return "\n".join(line.rstrip() if line.strip() else line for line in out)


def _summary_heading(names: list[str], cases_line: str, extra: list, columns: list) -> list[str]:
    """A summary's heading: the by() names, the column titles continuing the last, the rule."""
    heads = _summary_heads(names, cases_line, extra)
    last = _Line().add(heads.pop()) if names else _Line()
    for column, text in columns:
        last.col(column).add(text)
    return heads + [last.text, "-" * 74]


def _summary_values(out: list[str], group: tuple) -> _Line:
    """The by() values of one summary row: all but the last on lines of their own."""
    for v in group[:-1]:
        out.append(_group_cell_11(v) + " ")
    return _Line().add(_group_cell_11(group[-1])) if group else _Line()
