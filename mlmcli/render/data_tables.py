"""Text of ``summarize``, ``tabulate``, ``fre`` and ``tabstat`` in Stata 13's layout
(see ../shared/handout/LAYOUT.md section 10).

Renderers take the result types of ``mlmcli.results.data`` and return text (no
final newline); every table begins with the blank line Stata prints before it.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.data import (DetailStats, FreTable, OneWayTable, PearsonChi2, SummarizeTable, TabstatTable,
                                TwoWayTable)


def g9(x) -> str:
    return format_number(x, "%9.0g")


def wrap_label(text: str, width: int) -> list[str]:
    """Word-wrap ``text`` into ``width`` columns; a word longer than a line is cut
    and its remainder starts the next line (``(TERRITORY`` / ``) NAME``)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if len(cand) <= width:
            cur = cand
            continue
        if cur:
            lines.append(cur)
            cur = ""
        while len(word) > width:
            lines.append(word[:width])
            word = word[width:]
        cur = word
    if cur or not lines:
        lines.append(cur)
    return lines


# ----------------------------------------------------------------------------- summarize
def render_summarize(table: SummarizeTable) -> str:
    """``    Variable |       Obs        Mean    Std. Dev.       Min        Max``; with
    aweights/iweights a ``Weight`` column follows a narrower ``Obs``."""
    rows, separator, fmts, weighted = table.rows, table.separator, table.formats, table.weighted
    width = 65 if weighted else 56
    rule = "-" * 13 + "+" + "-" * width
    head = ("    Variable |     Obs      Weight        Mean   Std. Dev.       Min        Max" if weighted
            else "    Variable |       Obs        Mean    Std. Dev.       Min        Max")
    lines = ["", head, rule]
    shown = 0  # rows with numbers; a factor's heading row is not counted
    for i, r in enumerate(rows):
        if r.kind == "heading":  # ``       rep78 |``: the term's name, its levels below
            lines.append(f"{abbrev(r.name, 12):>12} |")
            continue
        if separator and shown and shown % separator == 0:
            at = len(lines) - 1 if i and rows[i - 1].kind == "heading" else len(lines)
            lines.insert(at, rule)  # a rule goes above the heading, never between it and its level
        shown += 1
        f = fmts[i] if fmts else "%9.0g"
        label = f"{r.name[:11]:>11}  |" if r.kind == "level" else f"{abbrev(r.name, 12):>12} |"
        if weighted:
            line = f"{label} {format_number(r.n, '%7.0g')}"
            if r.n > 0:
                line += (f"   {g9(r.sum_w)}   {format_number(r.mean, f):>9}  {format_number(r.sd, f):>9}"
                         f"  {format_number(r.min, f):>9}  {format_number(r.max, f):>9}")
        else:
            line = f"{label} {g9(r.n)}"
            if r.n > 0:
                line += (f"   {format_number(r.mean, f):>9}   {format_number(r.sd, f):>9}"
                         f"  {format_number(r.min, f):>9}  {format_number(r.max, f):>9}")
        lines.append(line)
    return "\n".join(lines)


def render_summarize_detail(d: DetailStats) -> str:
    """``summarize, detail``: title centred over a 61-column rule, then percentiles with
    the 4 smallest/largest values (cols 1-31) beside Obs, moments (label col 39, value ends col 61)."""
    p = d.percentiles

    def ext(seq, i) -> str:
        return g9(seq[i]) if i < len(seq) else " " * 9

    def left(lab: str, i: int, extreme: str | None) -> str:
        return f"{lab}    {g9(p[i])}" + (f"      {extreme}" if extreme is not None else "")

    body = [
        (left(" 1%", 0, ext(d.smallest, 0)), None),
        (left(" 5%", 1, ext(d.smallest, 1)), None),
        (left("10%", 2, ext(d.smallest, 2)), ("Obs", d.n)),
        (left("25%", 3, ext(d.smallest, 3)), ("Sum of Wgt.", d.sum_w)),
        None,
        (left("50%", 4, None), ("Mean", d.mean)),
        (" " * 24 + "Largest", ("Std. Dev.", d.sd)),
        (left("75%", 5, ext(d.largest, 0)), None),
        (left("90%", 6, ext(d.largest, 1)), ("Variance", d.var)),
        (left("95%", 7, ext(d.largest, 2)), ("Skewness", d.skewness)),
        (left("99%", 8, ext(d.largest, 3)), ("Kurtosis", d.kurtosis)),
    ]
    title = d.title
    lines = ["", " " * max((61 - len(title)) // 2, 0) + title, "-" * 61,
             "      Percentiles      Smallest"]
    for item in body:
        if item is None:
            lines.append("")
            continue
        text, right = item
        if right is not None:
            text = f"{text:<31}       {right[0]:<14}{g9(right[1])}"
        lines.append(text.rstrip())
    return "\n".join(lines)


# ----------------------------------------------------------------------------- tabulate
def frequency_text(value, width: int) -> str:
    """A tabulate frequency: a whole number with thousands commas, an aweighted or iweighted
    one that is not whole in %<width>.0g, right-aligned in ``width`` columns (one-way: 11, as
    Stata's ``tab foreign [aw=mpg]`` shows `` 48.4098985``; two-way cells: 10, by analogy)."""
    value = float(value)
    if value.is_integer():
        return f"{int(value):>{width},}"
    return format_number(value, f"%{width}.0g")


def render_tab1(table: OneWayTable) -> str:
    """One-way ``tabulate``: Freq. / Percent / Cum. with a Total row."""
    title, labels, freqs = table.title, table.labels, table.freqs
    total = sum(freqs)
    w = max([11] + [len(s) for s in labels])
    title_lines = wrap_label(title, w)
    lines = [""]
    for extra in title_lines[:-1]:
        lines.append(f"{extra:>{w}} |")
    lines.append(f"{title_lines[-1]:>{w}} |      Freq.     Percent        Cum.")
    rule = "-" * (w + 1) + "+" + "-" * 35
    lines.append(rule)
    cum = 0
    for lab, f in zip(labels, freqs):
        cum += f
        lines.append(f"{lab:>{w}} |{frequency_text(f, 11)}{100 * f / total:>12.2f}{100 * cum / total:>12.2f}")
    lines.append(rule)
    lines.append(f"{'Total':>{w}} |{frequency_text(total, 11)}{100:>12.2f}")
    return "\n".join(lines)


_KEY_TEXT = {"freq": "frequency", "expected": "expected frequency", "row": "row percentage", "col": "column percentage",
             "cell": "cell percentage"}


def render_tab_key(table: TwoWayTable) -> str:
    """The ``Key`` box Stata prints above a two-way table with percentages."""
    show = table.show
    entries = [_KEY_TEXT[k] for k in show]
    inner = max(len(e) for e in entries + ["Key"]) + 2
    lines = ["", "+" + "-" * inner + "+", "| " + "Key".ljust(inner - 1) + "|", "|" + "-" * inner + "|"]
    for e in entries:
        left = (inner - len(e)) // 2
        lines.append("|" + " " * left + e + " " * (inner - len(e) - left) + "|")
    lines.append("+" + "-" * inner + "+")
    return "\n".join(lines)


def render_tab2(table: TwoWayTable, *, linesize: int = 110) -> str:
    """Two-way ``tabulate``, in panels of as many columns as fit the linesize (7 at 110);
    each panel repeats the Total column and ends with the Total row.

    ``show``: what each cell holds, in order: ``freq`` (counts with thousands commas),
    ``expected`` frequencies (``%10.1f``), ``row``/``col``/``cell`` percentages (``%10.2f``).  With more than one line per row,
    rules separate the rows.
    """
    row_title, col_title, row_labels, col_labels = table.row_title, table.col_title, table.row_labels, table.col_labels
    counts = table.counts
    show = list(table.show or ["freq"])
    w = max([10] + [len(s) for s in row_labels])
    per_panel = max(1, (linesize - (w + 2) - 13) // 11)
    ncol = len(col_labels)
    nrow = len(row_labels)
    row_tot = [sum(r) for r in counts]
    col_tot = [sum(counts[i][j] for i in range(nrow)) for j in range(ncol)]
    grand = sum(row_tot)
    title_lines = wrap_label(row_title, w)

    def figures(kind: str, n: float, rtot: float, ctot: float) -> str:
        if kind == "freq":
            return frequency_text(n, 10)
        if kind == "expected":  # the count independence predicts, rtot * ctot / N, %10.1f
            return f"{rtot * ctot / grand:>10.1f}" if grand else f"{'.':>10}"
        denom = {"row": rtot, "col": ctot, "cell": grand}[kind]
        return f"{100.0 * n / denom:>10.2f}" if denom else f"{'.':>10}"

    panels = []
    for start in range(0, ncol, per_panel):
        cols = list(range(start, min(start + per_panel, ncol)))
        span = 11 * len(cols)  # cells end at cols 22, 33, ... ; then " |"
        # the row title's lines sit bottom-aligned in the stub; the column title shares
        # the line just above the column values
        stub_lines = [""] * max(0, 2 - len(title_lines)) + title_lines
        ctitle = col_title[:span]
        pad = span - len(ctitle)
        lines = [f"{t:>{w}} |" for t in stub_lines[:-2]]
        lines.append((f"{stub_lines[-2]:>{w}} |" + " " * max((pad + 1) // 2, 0) + ctitle).rstrip())
        heads = " ".join(f"{col_labels[j][:10]:>10}" for j in cols)
        lines.append(f"{title_lines[-1]:>{w}} |{heads} |     Total")
        rule = "-" * (w + 1) + "+" + "-" * span + "+" + "-" * 10
        lines.append(rule)
        body = [(row_labels[i], counts[i], row_tot[i]) for i in range(nrow)]
        for k, (lab, cnt, rtot) in enumerate(body):
            if k and len(show) > 1:
                lines.append(rule)
            for m, kind in enumerate(show):
                cells = " ".join(figures(kind, cnt[j], rtot, col_tot[j]) for j in cols)
                total = figures(kind, rtot, rtot, grand)
                lines.append(f"{lab if m == 0 else '':>{w}} |{cells} |{total} ")
        lines.append(rule)
        for m, kind in enumerate(show):
            cells = " ".join(figures(kind, col_tot[j], grand, col_tot[j]) for j in cols)
            lines.append(f"{'Total' if m == 0 else '':>{w}} |{cells} |{figures(kind, grand, grand, grand)} ")
        panels.append("\n".join(lines))
    return "\n" + "\n\n".join(panels)


def render_chi2(test: PearsonChi2) -> str:
    """``          Pearson chi2(4) =  27.2640   Pr = 0.000`` (after a blank line)."""
    return f"\n{'Pearson chi2(' + str(test.df) + ')':>25} = {test.chi2:>8.4f}   Pr = {test.p:5.3f}"


def render_lr_chi2(test: PearsonChi2, blank: bool) -> str:
    """`` likelihood-ratio chi2(4) =  28.1100   Pr = 0.000``, below Pearson's line (after a
    blank line when it is the first test)."""
    line = f"{'likelihood-ratio chi2(' + str(test.df) + ')':>25} = {test.chi2:>8.4f}   Pr = {test.p:5.3f}"
    return ("\n" if blank else "") + line


def render_cramers_v(v: float, blank: bool) -> str:
    """``               Cramér's V =   0.1234`` (after a blank line when it is the first test)."""
    return ("\n" if blank else "") + f"{'Cramér' + chr(39) + 's V':>25} = {v:>8.4f}"


def render_fisher_exact(p: float, one_sided: float | None, blank: bool) -> str:
    """``           Fisher's exact =                 0.202`` (and ``1-sided Fisher's exact``
    of a 2 x 2 table); after a blank line unless it follows the chi2 line."""
    lines = [""] if blank else []
    lines.append(f"{'Fisher' + chr(39) + 's exact':>25} =                 {p:5.3f}")
    if one_sided is not None:
        lines.append(f"{'1-sided Fisher' + chr(39) + 's exact':>25} =                 {one_sided:5.3f}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- fre
def render_fre(table: FreTable) -> str:
    """Ben Jann's ``fre`` table: Freq. / Percent / Valid / Cum. (golden 04); percentages
    with ``decimals`` places (``format(#)``)."""
    name, var_label, valid, missing, decimals = table.name, table.var_label, table.valid, table.missing, table.decimals
    n_valid = sum(f for _, _, f in valid)
    n_all = n_valid + sum(f for _, _, f in missing)
    every = list(valid) + list(missing)
    vw = max((len(v) for v, lab, _ in every if lab is not None), default=0)

    def stub(value: str, lab: str | None) -> str:
        return f"{value:<{vw}} {lab}" if lab is not None else value

    lw = max([5] + [len(stub(v, lab)) for v, lab, _ in every])
    sw = 8 + lw
    lines = ["", f"{name} -- {var_label}" if var_label else name, "-" * (sw + 46),
             f"{'':{sw}} |      Freq.    Percent      Valid       Cum.", "-" * (sw + 1) + "+" + "-" * 44]

    d = decimals

    def num(x) -> str:
        return f"  {g9(x)}"

    cum = 0
    for k, (v, lab, f) in enumerate(valid):
        cum += f
        head = "Valid  " if k == 0 else " " * 7
        lines.append(f"{head} {stub(v, lab):<{lw}} |{num(f)}{100 * f / n_all:>11.{d}f}"
                     f"{100 * f / n_valid:>11.{d}f}{100 * cum / n_valid:>11.{d}f}")
    if valid:
        pct = 100 * n_valid / n_all if n_all else 0.0
        lines.append(f"{'':7} {'Total':<{lw}} |{num(n_valid)}{pct:>11.{d}f}{100:>11.{d}f}{'':11}")
    for k, (v, lab, f) in enumerate(missing):
        head = "Missing" if k == 0 else " " * 7
        lines.append(f"{head} {stub(v, lab):<{lw}} |{num(f)}{100 * f / n_all:>11.{d}f}{'':22}")
    if missing:
        missing_total = n_all - n_valid
        if len(missing) > 1:
            lines.append(f"{'':7} {'Total':<{lw}} |{num(missing_total)}{100 * missing_total / n_all:>11.{d}f}{'':22}")
        lines.append(f"{'Total':<{sw}} |{num(n_all)}{100:>11.{d}f}{'':22}")
    lines.append("-" * (sw + 46))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- tabstat
STAT_HEADERS = {"n": "N", "count": "N", "sum": "sum", "mean": "mean", "sd": "sd", "variance": "variance",
                "min": "min", "max": "max", "range": "range", "cv": "cv", "semean": "se(mean)",
                "skewness": "skewness", "kurtosis": "kurtosis", "median": "p50", "iqr": "iqr"}


def render_tabstat(table: TabstatTable) -> str:
    """``tabstat``.  ``groups``: (label, values[var][stat]); ``total`` the same for all rows.

    ``fmts``: a display format per variable (``%9.0g`` unless ``format`` was given); each
    figure takes 10 columns (a space, then the value right-aligned in 9).
    """
    varnames, stats, groups, total, by_name, by_label = (table.varnames, table.stats, table.groups, table.total,
                                                         table.by_name, table.by_label)
    fmts, stats_in_columns = table.formats, table.stats_in_columns
    heads = [STAT_HEADERS.get(s, s) for s in stats]

    def cell(x, fmt) -> str:
        return " " + format_number(x, fmt).strip().rjust(9)

    lines = [""]
    if by_name is not None:
        if stats_in_columns:
            lines.append(f"Summary for variables: {' '.join(varnames)}")
            lines.append(f"     by categories of: {by_name} {by_label}")
        else:
            lines.append(f"Summary statistics: {', '.join(heads)}")
            lines.append(f"  by categories of: {by_name} {by_label}")
        lines.append("")
        labels = [g for g, _ in groups] + (["Total"] if total is not None else [])
        w = max([len(by_name)] + [len(s) for s in labels])
        ncols = len(stats) if stats_in_columns else len(varnames)
        colheads = heads if stats_in_columns else [abbrev(v, 8) for v in varnames]
        # longstub: a second stub column names each row's variable (12 wide) or statistic (8 wide)
        inner_head, inner_w = ("variable", 12) if stats_in_columns else ("stats", 8)
        inner = [abbrev(v, inner_w) for v in varnames] if stats_in_columns else heads
        stub_w = w + 1 + inner_w if table.longstub else w

        def stub(label: str, k: int) -> str:
            if not table.longstub:
                return f"{label:>{w}}"
            return f"{label:>{w}} {inner[k]:>{inner_w}}"

        rule = "-" * (stub_w + 1) + "+" + "-" * (10 * ncols)
        head_stub = f"{abbrev(by_name, w):>{w}} {inner_head:>{inner_w}}" if table.longstub \
            else f"{abbrev(by_name, w):>{w}}"
        lines.append(f"{head_stub} |" + "".join(f"{h:>10}" for h in colheads))
        lines.append(rule)
        blocks = list(groups) + ([("Total", total)] if total is not None else [])
        rows_per_block = len(varnames) if stats_in_columns else len(stats)
        for k, (label, vals) in enumerate(blocks):
            if k and (label == "Total" or rows_per_block > 1):
                lines.append(rule)
            if stats_in_columns:
                for v in range(len(varnames)):
                    lab = label if v == 0 else ""
                    lines.append(f"{stub(lab, v)} |" + "".join(cell(vals[v][s], fmts[v]) for s in range(len(stats))))
            else:
                for s in range(len(stats)):
                    lab = label if s == 0 else ""
                    lines.append(f"{stub(lab, s)} |" + "".join(cell(vals[v][s], fmts[v]) for v in range(len(varnames))))
        lines.append("-" * (stub_w + 1 + 1 + 10 * ncols))
        return "\n".join(lines)
    vals = total
    if stats_in_columns:
        w, stub, colheads = 12, "variable", heads
        rows = [(abbrev(name, w), [cell(vals[v][s], fmts[v]) for s in range(len(stats))])
                for v, name in enumerate(varnames)]
    else:
        w, stub, colheads = 8, "stats", [abbrev(v, 8) for v in varnames]
        rows = [(h, [cell(vals[v][s], fmts[v]) for v in range(len(varnames))]) for s, h in enumerate(heads)]
    lines.append(f"{stub:>{w}} |" + "".join(f"{h:>10}" for h in colheads))
    lines.append("-" * (w + 1) + "+" + "-" * (10 * len(colheads)))
    lines.extend(f"{lab:>{w}} |" + "".join(cells) for lab, cells in rows)
    lines.append("-" * (w + 2 + 10 * len(colheads)))
    return "\n".join(lines)
