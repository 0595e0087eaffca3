"""Stata 13's ``margins``, ``contrast`` and ``pwcompare`` output.

Header (``_coef_table_header`` and margins' legends)::

    <blank>
    Predictive margins                                Number of obs   =      21158
    Model VCE    : OIM
    <blank>
    Expression   : Linear prediction, fixed portion, predict()
    dy/dx w.r.t. : educgroupc
    at           : educgroupc      =          -2
    <blank>

``Number of obs`` starts at column 51, its value is %10.0g ending at column 78; legend
titles take 13 columns then ``: ``; an at() pair is the name padded to 16, ``= `` and
the value (%9.0g) right-aligned in 11, then `` (mean)`` for a statistic.  Several at()
rows each get a blank line before them (``vsquish`` removes them).

Table (``_coef_table``): a name column of width s (12, stretched to the longest label),
``|``, then Margin/dy/dx/Contrast (%9.0g in 11), Std. Err. (11; title 12), z/t (%8.2f in 9),
P>|z| (%5.3f in 8), the interval (13 + 12).  The VCE title (``Delta-method``) is centred
over Std. Err. on its own line; a multiple-comparison title (``Bonferroni``) is centred
over P and over the interval.  The CI-only table (``contrast``/``pwcompare`` default) is
Contrast (11), Std. Err. (11), interval (14 + 12).  The Wald table of ``contrast``: df
(%9.0g in 11), chi2/F (%9.2f in 12), P (%9.4f in 11).
"""
from __future__ import annotations

import math
import textwrap

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.margins import ContrastResult, MarginRow, MarginsHeader, MarginsResult, PairwiseResult

BASE_WIDTH = 12
MAX_NAME_WIDTH = 32


# ------------------------------------------------------------------ header
def _legend_line(title: str, text: str, linesize: int) -> list[str]:
    """``title        : text`` with text wrapped under column 16."""
    head = (abbrev(title, 12).ljust(13) + ": ") if title else " " * 15
    width = max(linesize - 15, 20)
    chunks = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [head + chunks[0]] + [" " * 15 + c for c in chunks[1:]]


def render_header(h: MarginsHeader, linesize: int = 80) -> list[str]:
    """The lines from the blank line above the title to the last legend line."""
    out = [""]
    title = h.title
    if h.survey is not None:  # _coef_table_header's svy block, as svy estimation prints it
        from mlmcli.render.survey import render_header as survey_header

        out += survey_header(h.survey).splitlines()
        title = None
    elif h.n_obs is not None:
        title = title.ljust(50) if len(title) < 50 else title + " "
        title += "Number of obs   = " + format_number(h.n_obs, "%10.0g")
    if title is not None:
        out.append(title)
    if h.model_vce:
        out.append("Model VCE    : " + h.model_vce)
    blank_done = False
    if h.legend:
        out.append("")
        blank_done = True
        for line in h.legend:
            out += _legend_line(line.title, line.text, linesize)
    for block in h.at_blocks:
        if not h.squish_at or not blank_done:
            out.append("")
            blank_done = True
        for line in block:
            out += _legend_line(line.title, line.text, linesize)
    return out


# ------------------------------------------------------------------ tables
def _is_shown(r: MarginRow) -> bool:
    return not r.base


def _groups(shown) -> list[tuple[str | None, str, bool]]:
    """(heading, label, time-series row) of each shown row.  A time-series operated row
    (``L.x2``) prints as the coefficient table prints it (``render.coef_table``): under the
    heading x2 as ``L1.``, and a plain x2 row just before it as ``--.`` under the same heading."""
    out = []
    for i, r in enumerate(shown):
        if r.operated is not None:
            out.append((r.operated[0], r.operated[1], True))
            continue
        nxt = shown[i + 1] if i + 1 < len(shown) else None
        if r.term is None and nxt is not None and nxt.operated is not None and nxt.operated[0] == r.label \
                and nxt.eq == r.eq:
            out.append((r.label, "--.", True))
            continue
        out.append((r.term, r.label, False))
    return out


def _layout(rows, vsquish: bool) -> list[tuple[str, str, MarginRow | None]]:
    """(kind, label, row) display lines: eq, heading, level, row, sep."""
    lines: list[tuple[str, str, MarginRow | None]] = []
    current_eq: str | None = None
    current_term: str | None = None
    shown = [r for r in rows if _is_shown(r)]
    for r, (term, label, time_series) in zip(shown, _groups(shown)):
        if r.eq != current_eq:
            if current_eq is not None:
                lines.append(("rule", "", None))
            if r.eq:
                lines.append(("eq", r.eq, None))
            current_eq, current_term = r.eq, None
        if term is not None:
            if term != current_term:
                if lines and lines[-1][0] not in ("sep", "eq", "rule") and not vsquish:
                    lines.append(("sep", "", None))
                lines.append(("heading", term, None))
                current_term = term
            # time-series rows end in their dot where factor levels leave a space
            lines.append(("row" if time_series else "level", label, r))
        else:
            if current_term is not None and not vsquish:
                lines.append(("sep", "", None))
            current_term = None
            lines.append(("row", label, r))
    while lines and lines[-1][0] == "sep":
        lines.pop()
    return lines


def table_lines(rows) -> list[tuple[str, str, MarginRow | None]]:
    """(kind, label, row) of a margins table's lines without spacers and rules -- equations,
    headings, levels and rows, labels unabbreviated (putdocx's etable)."""
    return [line for line in _layout(rows, vsquish=True) if line[0] not in ("sep", "rule")]


def _name_width(lines, linesize: int, right: int) -> int:
    need = BASE_WIDTH
    for kind, label, _ in lines:
        if kind == "level":
            need = max(need, len(label) + 1)
        elif kind in ("heading", "row", "eq"):
            need = max(need, len(label))
    limit = linesize - right - 2  # Stata's lstretch: labels widen the column up to the linesize
    return max(BASE_WIDTH, min(need, limit))


def _centre(text: str, start: int, width: int, ceil: bool = False) -> tuple[int, str]:
    pad = width - len(text)
    left = (pad + 1) // 2 if ceil else pad // 2
    return start + max(left, 0), text


def _overlay(width: int, pieces: list[tuple[int, str]]) -> str:
    line = [" "] * width
    for pos, text in pieces:
        for i, ch in enumerate(text):
            if 0 <= pos + i < width:
                line[pos + i] = ch
    return "".join(line).rstrip()


def _stub(kind: str, label: str, s: int) -> str:
    if kind == "eq":
        return abbrev(label, s).ljust(s) + " |"
    if kind == "level":
        return abbrev(label, s - 1).rjust(s - 1) + "  |"
    if kind in ("heading", "row"):
        return abbrev(label, s).rjust(s) + " |"
    return " " * s + " |"


def _plain_line(kind: str, stub: str, r, s: int, total: int, cf: str) -> str | None:
    """A table line without statistics: an equation rule, a heading, a margin not estimable or
    omitted (b: 0 unless a constant margin); None for a margin with its numbers."""
    if kind == "rule":
        return "-" * (s + 1) + "+" + "-" * (total - s - 2)
    if r is None:
        return stub
    if not r.estimable:
        return stub + "  (not estimable)"
    if r.omitted:
        return stub + format_number(r.b, cf).rjust(11) + "  (omitted)"
    return None


def shown_columns(noci: bool, nopvalues: bool) -> str:
    """The ``columns`` of ``estimates_table`` that the display options noci/nopvalues leave."""
    return {(False, False): "full", (True, False): "pv", (False, True): "ci", (True, True): "se"}[(noci, nopvalues)]


def estimates_table(rows, *, column_title: str, vce_title: str, stat_label: str, level: float,
                    linesize: int = 80, columns: str = "full", mctitle: str = "", vsquish: bool = False,
                    cformat: str | None = None, pformat: str | None = None, sformat: str | None = None,
                    depvar: str = "", df_column: bool = False) -> str:
    """A coefficient-style table of ``MarginRow``s.  ``columns``: ``full`` (estimate, SE, z,
    P, CI), ``ci`` (estimate, SE, CI), ``pv`` (estimate, SE, z, P), ``se`` (estimate, SE),
    ``b`` (estimate only),
    ``legend`` (coeflegend: the estimate and its ``_b[]`` name); ``df_column`` (``small``
    after mixed, dfmethod()): each row's DF after the SE in the ``ci`` and ``pv`` tables."""
    cf, sf, pf = cformat or "%9.0g", sformat or "%8.2f", pformat or "%5.3f"
    df_column = df_column and columns in ("ci", "pv")
    right = {"full": 64, "ci": 48, "pv": 39, "se": 24, "b": 11, "legend": 64}[columns] + (14 if df_column else 0)
    lines = _layout(rows, vsquish)
    s = _name_width(lines, linesize, right + 2)
    total = s + 2 + right
    out = ["-" * total]
    base = s + 2  # column index of the first character after "|"
    tops = []
    if "\n" in column_title:  # contrasts of effects: "Contrast" above "dy/dx"
        upper, column_title = column_title.split("\n", 1)
        tops.append((base + 11 - len(upper), upper))
    if vce_title and columns != "legend":  # over the Std. Err. column, which the legend replaces
        tops.append(_centre(vce_title, base + 12, 12))
    shift = 14 if df_column else 0
    if mctitle and columns in ("full", "pv"):
        tops.append(_centre(mctitle, base + 25 + shift, 15, ceil=True))
    if mctitle and columns in ("full", "ci"):
        tops.append(_centre(mctitle, base + (39 if columns == "full" else 23) + 5 + shift, 20))
    if tops:
        out.append(_overlay(total, [(0, " " * s + " |")] + tops))
    p_label = f"P>|{stat_label}|"
    ci = f"[{format_number(level, '%9.0g').strip()}% Conf. Interval]"
    head = abbrev(depvar, s).rjust(s) + " |" + column_title.rjust(11)
    if columns == "legend":  # coeflegend: the _b[] name of each margin in place of the statistics
        head += "  Legend"
    elif columns != "b":
        head += "Std. Err.".rjust(12)
    if df_column:
        head += "df".rjust(13)
    if columns in ("full", "pv"):
        head += stat_label.rjust(8 if df_column else 7) + p_label.rjust(9)
    if columns in ("full", "ci"):
        head += ci.rjust(total - len(head))
    out.append(head)
    out.append("-" * (s + 1) + "+" + "-" * (total - s - 2))
    for kind, label, r in lines:
        stub = _stub(kind, label, s)
        special = _plain_line(kind, stub, r, s, total, cf)
        if special is not None:
            out.append(special)
            continue
        text = format_number(r.b, cf).rjust(11)
        if columns == "legend":
            out.append(stub + text + f"  _b[{r.name}]")
            continue
        if columns != "b":
            text += format_number(r.se, cf).rjust(11)
        if df_column:
            text += format_number(r.df, "%9.1f").rjust(14)
        if columns in ("full", "pv"):
            text += format_number(r.stat, sf).rjust(9) + format_number(r.p, pf).rjust(8)
        if columns == "full":
            text += format_number(r.lo, cf).rjust(13) + format_number(r.hi, cf).rjust(12)
        elif columns == "ci":
            text += format_number(r.lo, cf).rjust(14) + format_number(r.hi, cf).rjust(12)
        out.append(stub + text)
    out.append("-" * total)
    return "\n".join(out)


def render_margins(res: MarginsResult, linesize: int = 80, vsquish: bool = False, coeflegend: bool = False) -> str:
    out = render_header(res.header, linesize)
    out.append("")
    if res.counts:
        out += [comparisons_count_table(res.counts), ""]
    table = estimates_table(res.rows, column_title=res.column_title, vce_title=res.vce_title,
                            stat_label=res.stat_label, level=res.level, linesize=linesize,
                            columns="legend" if coeflegend else "b" if res.nose else res.columns,
                            mctitle=res.mctitle, vsquish=vsquish,
                            cformat=res.cformat, pformat=res.pformat, sformat=res.sformat)
    if res.cluster is not None:  # _coef_table's note for e(clustvar), right-aligned over the table
        n, var = res.cluster
        note = f"(Std. Err. adjusted for {format_number(n, '%9.0g').strip()} clusters in {var})"
        out.append(note.rjust(len(table.splitlines()[0])))
    out.append(table)
    out += list(res.notes)
    return "\n".join(out)


# ------------------------------------------------------------------ contrast / pwcompare
def wald_table(res: ContrastResult, linesize: int = 80) -> str:
    """contrast's table of joint tests (df, chi2 or F, P)."""
    stat = res.stat_label
    s = BASE_WIDTH
    for w in res.wald:
        s = max(s, len(w.label) + (1 if w.term is not None else 0), len(w.term or ""))
    ddf = 11 if res.small else 0  # small: each F test's denominator DF
    s = min(s, linesize - 2 - 34 - ddf - (11 if res.mctitle else 0))
    total = s + 2 + 34 + ddf + (11 if res.mctitle else 0)
    out = ["-" * total]
    if res.mctitle:
        out.append(" " * s + " |" + " " * (34 + ddf) + res.mctitle.rjust(11))
    head = " " * s + " |" + "df".rjust(11) + ("ddf".rjust(11) if ddf else "") + stat.rjust(12) + f"P>{stat}".rjust(11)
    if res.mctitle:
        head += f"P>{stat}".rjust(11)
    out.append(head)
    out.append("-" * (s + 1) + "+" + "-" * (total - s - 2))
    current = None
    for w in res.wald:
        if w.term is not None and w.term != current:
            if current is not None:
                out.append(" " * s + " |")
            out.append(abbrev(w.term, s).rjust(s) + " |")
            current = w.term
        elif w.term is None and current is not None:
            out.append(" " * s + " |")
            current = None
        if w.term is not None:
            stub = abbrev(w.label, s - 1).rjust(s - 1) + ("  |" if w.label != "Joint" else " |")
            if w.label == "Joint":
                stub = "Joint".rjust(s) + " |"
        else:
            stub = abbrev(w.label, s).rjust(s) + " |"
        if w.note:
            out.append(stub + "  " + w.note)
            continue
        text = format_number(w.df, "%9.0g").rjust(11) \
            + (format_number(w.ddf if w.ddf is not None else float("nan"), "%9.2f").rjust(11) if ddf else "") \
            + format_number(w.stat, "%9.2f").rjust(12) + format_number(w.p, "%9.4f").rjust(11)
        if res.mctitle:
            text += format_number(w.adjusted_p, "%9.4f").rjust(11) if w.adjusted_p is not None else ""
        out.append(stub + text)
    if res.denominator is not None and not res.small:
        out.append(" " * s + " |")
        out.append("Denominator".rjust(s) + " |" + format_number(res.denominator, "%9.0g").rjust(11))
    out.append("-" * total)
    return "\n".join(out)


def _title_block(res, linesize: int) -> list[str]:
    """margins' header, or the title and ``Margins      : asbalanced`` of contrast/pwcompare."""
    if res.header is not None:
        return render_header(res.header, linesize)
    out = ["", res.title]
    if res.margins_line:
        out += ["", "Margins      : " + res.margins_line]
    return out


def render_contrast(res: ContrastResult, linesize: int = 80, vsquish: bool = False) -> str:
    out = _title_block(res, linesize)
    if res.show_wald and res.wald:
        out += ["", wald_table(res, linesize)]
    out += list(res.notes)
    if res.contrasts:
        out.append("")
        out.append(estimates_table(res.contrasts, column_title=res.column_title, vce_title=res.vce_title,
                                   stat_label=res.row_stat_label, level=res.level, linesize=linesize,
                                   columns=res.columns, mctitle=res.mctitle,
                                   vsquish=vsquish, cformat=res.cformat, pformat=res.pformat,
                                   sformat=res.sformat, df_column=res.small))
    return "\n".join(out)


def comparisons_count_table(counts) -> str:
    s = max([BASE_WIDTH] + [len(t) for t, _ in counts])
    total = s + 2 + 13
    out = ["-" * total, " " * s + " |" + "Number of".rjust(13), " " * s + " |" + "Comparisons".rjust(13),
           "-" * (s + 1) + "+" + "-" * 13]
    for term, n in counts:
        out.append(abbrev(term, s).rjust(s) + " |" + str(n).rjust(13))
    out.append("-" * total)
    return "\n".join(out)


def _percent(level: float) -> str:
    return format_number(100.0 - level, "%9.0g").strip()


def groups_table(rows, codes, *, mctitle: str, vce_title: str, level: float, cformat: str | None = None,
                 linesize: int = 80, vsquish: bool = False, column_title: str = "Margin", depvar: str = "",
                 noun: str = "Margins") -> str:
    """The ``groups`` table of ``pwcompare`` (and pwmean's of the means): each row, its SE and
    its group code (``codes``, in ``rows`` order; None: too many letters), as Stata's
    ``_b_table`` (type groups) lays it out: columns 11, 11, 3 and the codes' width (at least 7
    and the mcompare title), the VCE title over the SE column, the mcompare title over
    Groups, and the note on the letters below."""
    if codes is None:
        return "Note: Too many groups to be reported in a table."
    mctitle = mctitle or "Unadjusted"
    code_of = {id(r): c for r, c in zip(rows, codes)}

    def width(cs):
        return max([len(c) for c in cs] + [max(7, len(mctitle))])

    w5 = width(codes)
    if linesize - (25 + w5) - 2 < 12:  # a narrow screen: the codes lose their spacing
        code_of = {k: c.replace(" ", "") for k, c in code_of.items()}
        w5 = width(code_of.values())
    right = 25 + w5
    lines = _layout(rows, vsquish)
    s = _name_width(lines, linesize, right + 2)
    total = s + 2 + right
    base = s + 2
    tops = [(0, " " * s + " |"), (total - len(mctitle), mctitle)]
    vce = vce_title
    if vce:  # _b_table: "%#s" with # = len + ceil((12 - len)/2 + 1), after the 11-wide Margin column
        end = 11 + len(vce) + math.ceil((12 - len(vce)) / 2 + 1)
        tops.append((base + end - len(vce), vce))
    out = ["-" * total, _overlay(total, tops),
           abbrev(depvar, s).rjust(s) + " |" + column_title.rjust(11) + "Std. Err.".rjust(12) + "  "
           + "Groups".rjust(w5),
           "-" * (s + 1) + "+" + "-" * (total - s - 2)]
    cf = cformat or "%9.0g"
    for kind, label, r in lines:
        stub = _stub(kind, label, s)
        special = _plain_line(kind, stub, r, s, total, cf)
        if special is not None:
            out.append(special)
        else:
            text = stub + format_number(r.b, cf).rjust(11) + format_number(r.se, cf).rjust(11)
            code = code_of.get(id(r), "")
            out.append(text + ("   " + code.rjust(w5) if code.strip() else ""))  # no letter: an empty cell
    out.append("-" * total)
    note = (f"Note: {noun} sharing a letter in the group label are not significantly different "
            f"at the {_percent(level)}% level.")
    out += textwrap.wrap(note, width=total - 1, subsequent_indent=" " * 6)
    return "\n".join(out)


def render_pwcompare(res: PairwiseResult, linesize: int = 80, vsquish: bool = False) -> str:
    out = _title_block(res, linesize)
    if res.mctitle:
        out += ["", comparisons_count_table(res.counts)]
    if res.show_margins and res.margins:
        out.append("")
        out.append(estimates_table(res.margins, column_title="Margin", vce_title=res.vce_title,
                                   stat_label=res.row_stat_label, level=res.level, linesize=linesize,
                                   columns="ci", vsquish=vsquish, cformat=res.cformat, df_column=res.small))
    if res.show_groups:
        out += ["", groups_table(res.margins, res.groups, mctitle=res.mctitle, vce_title=res.vce_title,
                                 level=res.level, cformat=res.cformat, linesize=linesize, vsquish=vsquish)]
    if res.comparisons:
        out.append("")
        out.append(estimates_table(res.comparisons, column_title="Contrast", vce_title=res.vce_title,
                                   stat_label=res.row_stat_label, level=res.level, linesize=linesize,
                                   columns=res.columns, mctitle=res.mctitle or "Unadjusted", vsquish=vsquish,
                                   cformat=res.cformat, pformat=res.pformat, sformat=res.sformat,
                                   df_column=res.small))
    out += list(res.notes)
    return "\n".join(out)
