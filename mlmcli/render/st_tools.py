"""Text of the st tools (stsplit's failure-time list; stptime, strate, stci, ltable tables)."""
from __future__ import annotations

from mlmcli.render.coef_table import level_text
from mlmcli.render.data_list import render_list
from mlmcli.render.numfmt import format_number


def render_failure_times(groups: list, linesize: int) -> str:
    """stsplit, at(failures) list: the failure times in %9.0g columns, per stratum when there
    are strata (stsplit.ado's AtFailures); a blank line after the single list."""
    ncol = max(1, (linesize - 1) // 9)
    lines: list[str] = []
    for i, times in enumerate(groups):
        if len(groups) > 1:
            lines += ["", f"stratum {i + 1}"]
            if not len(times):
                lines.append(" " * 8 + "no failures")
                continue
        cells = [format_number(float(v), "%9.0g").rjust(9) for v in times]
        lines += ["".join(cells[j:j + ncol]) for j in range(0, len(cells), ncol)]
    if len(groups) == 1:
        lines.append("")
    return "\n".join(lines)


MISSING_JACKKNIFE = ("Note: Jackknife confidence intervals are missing because of an insufficient number of "
                     "failures in the dataset.")


def _paragraph(text: str, width: int, hanging: int) -> list[str]:
    """SMCL's {p 0 #} paragraph: wrapped at ``width``, continuation lines indented ``hanging``."""
    import textwrap

    return textwrap.wrap(text, width, subsequent_indent=" " * hanging)


def _cell(value: float, fmt: str) -> str:
    return format_number(float(value), fmt).strip()


def render_strate(names, labels, rows, *, level: str, per: str, smr: bool, records: int, jackknife: bool,
                  cluster: str, clusters: int, show_list: bool, decimals: int, leading_blank: bool = True) -> str:
    """strate.ado's display: the heading lines and the groups as ``list varlist _D _Y _Rate
    _Lower _Upper, noobs subvar`` shows them (_Y as string(_Y, "%8.4f"), the rate columns in
    one %8.#f format, ``decimals`` from strate.ado's SEtfmt)."""
    from mlmcli.results.data import ListColumn, ListTable

    lines = [""] if leading_blank else []
    if smr:
        lines.append(f"Estimated SMRs and lower/upper bounds of {level}% confidence intervals")
    else:
        lines.append("Estimated rates " + (f"(per {per}) " if per != "1" else "")
                     + f"and lower/upper bounds of {level}% confidence intervals")
    lines.append(f"({records} records included in the analysis)")
    if jackknife:
        lines.append("The jackknife was used to calculate confidence intervals")
        if cluster:
            what = ("clusters identified by " + cluster if not names else
                    f"total clusters identified by {cluster} and " + (names[0] if len(names) == 1
                                                                       else "the strata variables"))
            lines.append(f"{clusters:<7}{what}" if len(str(clusters)) < 7 else f"{clusters}{what}")
    if show_list and rows:
        fmt = f"%8.{decimals}f"
        columns = [ListColumn(n, cells, False) for n, cells in zip(names, labels)]
        columns.append(ListColumn("D", [_cell(r.failures, "%4.0f") for r in rows]))
        if smr:
            columns.append(ListColumn("E", [_cell(r.person_time, "%8.2f") for r in rows]))
        else:
            columns.append(ListColumn("Y", [_cell(r.person_time, "%8.4f") for r in rows]))
        columns += [ListColumn("SMR" if smr else "Rate", [_cell(r.rate, fmt) for r in rows]),
                    ListColumn("Lower", [_cell(r.lower, fmt) for r in rows]),
                    ListColumn("Upper", [_cell(r.upper, fmt) for r in rows])]
        lines.append(render_list(ListTable(tuple(columns), tuple(range(1, len(rows) + 1)), show_obs=False)))
        if jackknife and any(r.missing_jackknife for r in rows):
            lines += _paragraph(MISSING_JACKKNIFE, 79, 6)
        lines.append("")
    return "\n".join(lines)


def _col(line: str, col: int) -> str:
    """Stata's _col(#): pad to column # (1-based); a line already past it goes on."""
    return line.ljust(col - 1)


def _stptime_values(line: str, row, per: float, dec: str) -> str:
    line = _col(line, 16) + format_number(row.person_time * per, f"%10.{dec}")
    line = _col(line, 29) + format_number(row.failures, "%8.0g")
    line = _col(line, 39) + format_number(row.rate, f"%10.{dec}")
    line = _col(line, 51) + format_number(row.lower, f"%9.{dec}")
    return _col(line, 63) + format_number(row.upper, f"%9.{dec}")


def render_stptime(bands, groups, total, *, by: str, title: str, per: float, dd: int, level: str, trim: bool,
                   atflg: bool, top: float, jackknife: bool, group_bands=None) -> str:
    """stptime.ado's table (MYdisp; CASE 2 with by()): person-time, failures, rate and its
    interval per at() band ((a-b], the last "> a" unless trim) or per by() group, then total."""
    from mlmcli.render.abbrev import abbrev

    dec = "0g" if dd == -100 else f"{dd}f"
    cil = len(level)
    space, cilabel = ("", "Conf. Interval") if cil < 5 else (" ", "Conf.Interval")
    titpos = 15 if title == "person-time" else 26 - len(title)
    first = (abbrev(by, 9) if group_bands is not None else f"{abbrev(by, 9):>10}") if by else "Cohort"
    head = _col(_col(first, 12) + "|", titpos) + title
    head = _col(_col(_col(head, 29) + "failures", 45) + "rate", 54 - cil) + f"{space}[{level}% {cilabel}]"
    rule = "-" * 11 + "+" + "-" * 59
    lines = ["", head, rule]
    if group_bands is not None:  # CASE 3: by() with at()
        for label, rows in group_bands:
            lines.append(_col(abbrev(label, 9), 12) + "|")
            for a, b, row in rows:
                text = ("(" + format_number(a, "%-4.0g") + "-" + format_number(b, "%4.0g") + "]") if b is not None \
                    else "     >" + format_number(a, "%4.0g") + " "
                lines.append(_stptime_values(text + "|", row, per, dec))
            lines.append(rule)
    elif groups is not None:
        for label, row in groups:
            lines.append(_stptime_values(_col(f"{abbrev(label, 9):>10}", 12) + "|", row, per, dec))
        lines.append(rule)
    else:
        starts = [b for b, _ in bands] + [top if trim else float("inf")]
        for i, (b, row) in enumerate(bands[:-1]):
            label = "(" + format_number(b, "%-4.0g") + "-" + format_number(starts[i + 1], "%4.0g") + "]"
            lines.append(_stptime_values(_col(label, 12) + "|", row, per, dec))
        if not atflg:
            b, row = bands[-1]
            label = ("(" + format_number(b, "%-4.0g") + "-" + format_number(top, "%4.0g") + "]") if trim \
                else "     >" + format_number(b, "%4.0g")
            lines += [_stptime_values(_col(label, 12) + "|", row, per, dec), rule]
    lines.append(_stptime_values(_col("     total", 12) + "|", total, per, dec))
    if jackknife:
        lines += [""] + _paragraph("Note: The jackknife was used to calculate confidence intervals.", 79, 0)
        if any(r.missing_jackknife for r in [total] + [r for _, r in (groups or [])] + [r for _, r in (bands or [])]):
            lines += _paragraph(MISSING_JACKKNIFE, 79, 6)
    return "\n".join(lines)


def _stci_title_lines(words: list[str]) -> tuple[list[str], str]:
    """stci.ado's Displine title: the by values quoted; longer than 12 characters (14 with
    the quotes) each but the last word on a line of its own."""
    quoted = " ".join(f'"{w}"' for w in words)
    if len(quoted) > 14 and len(words) > 1:
        return [f"{w:>12} |" for w in words[:-1]], words[-1]
    return [], " ".join(words)


def render_stci(kind: str, p: int, by: list[str], groups, total, *, level: float, dd: int) -> str:
    """stci.ado's DispHdr and Displine rows: a row per by() group, a rule, then total."""
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.numfmt import format_number as fn

    dec = "0g" if dd == -100 else f"{dd}f"
    lev = level_text(level)
    spaces = {2: "    ", 4: "  "}.get(len(lev), " ")
    heads = [abbrev(v, 12) for v in by]
    lines = [""] + [f"{h:<13}|" for h in heads[:-2]]
    ttl1, ttl2 = (heads[-2], heads[-1]) if len(heads) >= 2 else ("", heads[-1] if heads else "")
    if kind == "emean":
        lines += [f"{ttl1:<13}|    no. of    extended", f"{ttl2:<13}|  subjects        mean"]
        rule = "-" * 13 + "+" + "-" * 22
    elif kind == "rmean":
        lines += [f"{ttl1:<13}|    no. of  restricted",
                  f"{ttl2:<13}|  subjects        mean      Std. Err.{spaces}[{lev}% Conf. Interval]"]
        rule = "-" * 13 + "+" + "-" * 61
    else:
        mytype = f"{p}%"
        lines += [f"{ttl1:<13}|    no. of ",
                  f"{ttl2:<13}|  subjects         {mytype}     Std. Err. {spaces}[{lev}% Conf. Interval]"]
        rule = "-" * 13 + "+" + "-" * 61
    lines.append(rule)

    def row(words, r) -> list[str]:
        extra, ttl = _stci_title_lines(words)
        head = f"{ttl:>12} | " + fn(r.subjects, "%9.0g") + "   " + fn(r.estimate, f"%9.{dec}")
        if kind == "emean":
            return extra + [head + ("(*)" if r.flag == 2 else "")]
        bound = f"%8.{dec}" if kind == "rmean" else "%8.0g"
        star = kind == "rmean" and r.flag == 1
        tail = ("(*)  " if star else "     ") + fn(r.std_error, f"%9.{dec}") + "     " + fn(r.lower, bound) \
            + "   " + fn(r.upper, bound)
        return extra + [head + tail]

    for words, r in groups:
        lines += row(words, r)
    if groups:
        lines.append(rule)
    lines += row(["total"], total)
    flags = [r.flag for _, r in groups] + [total.flag]
    if kind == "rmean" and 1 in flags:
        lines += ["", "(*) largest observed analysis time is censored, mean is underestimated"]
    if kind == "emean" and 2 in flags:
        lines += ["", "(*) no extension needed"]
    return "\n".join(lines)


def render_stvary(table) -> str:
    """stvary.ado's DispHdr and DispStat rows: (variable, {cons, varies, never, always, miss})."""
    from mlmcli.render.abbrev import abbrev

    lines = ["", " " * 15 + "subjects for whom the variable is",
             " " * 49 + "never    always   sometimes",
             "    variable |  constant" + " " * 4 + "varying" + " " * 10 + "   missing" * 3,
             "-" * 13 + "+" + "-" * 62]
    for name, r in table:
        line = f"{abbrev(name, 12):>12} |  " + format_number(r["cons"], "%8.0g") + "  " \
            + format_number(r["varies"], "%9.0g")
        line = line.ljust(46) + format_number(r["never"], "%9.0g") + format_number(r["always"], "%10.0g") \
            + format_number(r["miss"], "%10.0g")
        lines.append(line)
    return "\n".join(lines)


def _rr_block(overall, level: str) -> list[str]:
    spaces = {2: "     ", 4: "   "}.get(len(level), "  ")
    rule = " " * 8 + "-" * 58
    row = " " * 5 + format_number(overall.rr, "%10.3f")
    row = row.ljust(19) + format_number(overall.chi2, "%7.2f")
    row = row.ljust(34) + format_number(overall.p, "%5.4f")
    row = row.ljust(44) + format_number(overall.lower, "%10.3f")
    row = row.ljust(55) + format_number(overall.upper, "%10.3f")
    return ["", rule, " " * 4 + "         RR       chi2        P>chi2 " + f"{spaces}[{level}% Conf. Interval]", rule,
            row, rule]


def _rr_list(by, groups, fmt: str) -> str:
    from mlmcli.results.data import ListColumn, ListTable

    columns = [ListColumn(v, [cells[i] for cells, _, _ in groups]) for i, v in enumerate(by)]
    for head, attr in (("RR", "rr"), ("Lower", "lower"), ("Upper", "upper")):
        columns.append(ListColumn(head, [format_number(getattr(r, attr), fmt).strip() for _, _, r in groups]))
    return render_list(ListTable(tuple(columns), tuple(range(1, len(groups) + 1)), show_obs=False))


def render_rate_ratio(method: str, exposure: str, compare, strata, by, groups, overall, het, *, level: float,
                      control: str, weight_note: str) -> str:
    """stmh.ado's and stmc.ado's text: the heading, the by() groups' ratios, the overall ratio
    and the test of unequal ratios."""
    lev = level_text(level)
    lines = [""]
    ind = "  " if method == "stmh" else "   "
    if method == "stmc":
        lines += ["Mantel-Cox comparisons", ""]
    if compare is not None:
        what = ("Mantel-Haenszel estimates of the rate ratio" if method == "stmc" else
                "Mantel-Haenszel estimate of the rate ratio" if strata else
                "Maximum likelihood estimate of the rate ratio")
        lines += [what, f"{ind}comparing {exposure}=={compare[0]} vs. {exposure}=={compare[1]}"]
    else:
        lines += [f"Score test{'s' if method == 'stmc' else ''} for trend of rates with {exposure}",
                  f"{ind}with an approximate estimate of the ",
                  f"{ind}rate ratio for a one unit increase in {exposure}"]
    if method == "stmc":
        lines.append(f"{ind}controlling for time (by clicks)" + (f" and {' '.join(strata)}" if strata else ""))
    elif strata:
        lines.append(f"{ind}controlling for {' '.join(strata)}")
    if by:
        lines.append(f"{ind}by {' '.join(by)}")
    if weight_note:
        lines.append(f"  ({weight_note}s used; confidence intervals & p-values may be wrong)")
    if method == "stmh":
        lines += ["", f"RR estimate, and lower and upper {lev}% confidence limits"]
        if by:
            lines.append(_rr_list(by, groups, "%6.2f"))
            lines += ["", "Overall estimate controlling for " + " ".join(strata + by)]
        lines += _rr_block(overall, lev)
        if by:
            value, hdf, p = het
            if hdf > 1:
                lines += ["", "Approx test for unequal RRs (effect modification): chi2(" + str(hdf - 1) + ") = "
                          + format_number(value, "%8.2f"), " " * 51 + "Pr>chi2 = " + format_number(p, "%8.4f")]
            else:
                lines += ["", "Too few informative strata for test for unequal OR's"]
        return "\n".join(lines)
    if by:
        title = ("RR estimate, and lower and upper " if compare is not None
                 else "Approximate RR estimate, and lower and upper ") + f"{lev}% confidence limits"
        lines += ["", title, _rr_list(by, groups, "%6.3f")]
    rest = strata + by
    head = "Overall Mantel-Haenszel estimate, controlling for " + (f"time from {control}" if control else "time")
    if not rest:
        lines += ["", head]
    elif len(rest) == 1:
        lines += ["", head + " and", rest[0]]
    elif len(rest) == 2:
        lines += ["", head + " and", f"{rest[0]} and {rest[1]}"]
    else:
        lines += ["", head + " and", ", ".join(rest[:-1]) + ", and " + rest[-1]]
    lines += _rr_block(overall, lev)
    if by and het[1] > 0:
        value, df, p = het
        lines += ["", "Approx chisq for unequal RRs (effect modification)" + format_number(value, "%8.2f")
                  + f" ({df} df, p = " + format_number(p, "%7.5f") + ")"]
    return "\n".join(lines)
