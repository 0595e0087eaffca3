"""Stata text for the data-management reports (``duplicates report``, ``codebook``,
Stata 13's ``table``); every number and text comes ready in the result objects."""
from __future__ import annotations

from mlmcli.results.data_management import DuplicatesReport


def duplicates_title(varlist_text: str) -> str:
    """``Duplicates in terms of all variables`` / ``... in terms of x y``, after a blank line."""
    return "\nDuplicates in terms of " + (varlist_text or "all variables")


def render_duplicates_report(report: DuplicatesReport) -> str:
    rule = "-" * 38
    lines = [rule, "   copies | observations       surplus", "----------+" + "-" * 27]
    for copies, obs, surplus in report.rows:
        lines.append(f"{copies:>9,} | {obs:>12,} {surplus:>13,}")
    lines.append(rule)
    return "\n".join(lines)


# ----------------------------------------------------------------------------- codebook
def _pair(left: str, value: str) -> str:
    """A codebook line: ``left:`` right-aligned to column 23, two spaces, the value."""
    return f"{left + ':':>23}  {value}".rstrip()


def render_codebook(book) -> str:
    from mlmcli.results.data_management import Codebook
    assert isinstance(book, Codebook)
    if book.compact:
        return _render_compact(book)
    rule = "-" * book.linesize
    lines: list[str] = []
    if book.header:
        lines += ["", rule] + [f"{caption:>13}:  {text}".rstrip() for caption, text in book.header] + [rule]
    for e in book.entries:
        head = e.name
        if e.label:
            gap = max(book.linesize - len(e.name) - len(e.label), 1)
            head = e.name + " " * gap + e.label
        lines += ["", rule, head, rule, "", _pair("type", e.type_text)]
        if e.value_label:
            lines.append(_pair("label", e.value_label))
        lines.append("")
        if e.range_text is not None:
            left = f"{'range:':>23}  {e.range_text}"
            lines.append(f"{left:<54}units:  {e.units_text}")
        left = f"{'unique values:':>23}  {e.unique:,}"
        lines.append(f"{left:<50}missing {e.missing_label}:  {e.missing:,}/{e.nobs:,}")
        if e.tabulation:
            lines.append("")
            if e.labelled_tabulation:
                lines.append(_pair("tabulation", "Freq.   Numeric  Label"))
                for freq, value, label in e.tabulation:
                    lines.append(f"{freq:>30,}  {value:>8}  {label}".rstrip())
            else:
                lines.append(_pair("tabulation", "Freq.  Value"))
                for freq, value, _ in e.tabulation:
                    lines.append(f"{freq:>30,}  {value}".rstrip())
        elif e.mean_text is not None:
            lines += ["", f"{'mean:':>23}{e.mean_text:>10}", f"{'std. dev:':>23}{e.sd_text:>10}"]
            if e.percentiles:
                lines.append("")
                lines.append(f"{'percentiles:':>23} " + "".join(f"{p:>10}" for p in ("10%", "25%", "50%", "75%", "90%")))
                lines.append(" " * 24 + "".join(f"{p:>10}" for p in e.percentiles))
        if e.examples:
            lines.append("")
            lines.append(_pair("examples", e.examples[0]))
            lines += [" " * 25 + ex for ex in e.examples[1:]]
        if e.warnings:
            lines += ["", _pair("warning", e.warnings[0])] + [" " * 25 + w for w in e.warnings[1:]]
        if e.notes:
            lines.append("")
            lines += [f"{'notes:' if i == 0 else '':>23}  {k}.  {note}" for i, (k, note) in enumerate(e.notes)]
    return "\n".join(lines)


def _render_compact(book) -> str:
    rows = book.compact
    name_w = max(max(len(r.name) for r in rows) + 1, 10)
    obs_w = 1 + max(3, max(len(f"{r.nobs}") for r in rows))
    uniq_w = 1 + max(6, max(len(f"{r.unique}") for r in rows))
    mean_w = max(10, max(len(r.mean) for r in rows) + 1)
    min_w = max(6, max(len(r.min) for r in rows) + 1)
    max_w = max(7, max(len(r.max) for r in rows) + 1)
    head = (f"{'Variable':<{name_w}}{'Obs':>{obs_w}}{'Unique':>{uniq_w}}{'Mean':>{mean_w}}{'Min':>{min_w}}"
            f"{'Max':>{max_w}}  Label")
    rule = "-" * book.linesize
    lines = ["", head, rule]
    for r in rows:
        lines.append(f"{r.name:<{name_w}}{r.nobs:>{obs_w}}{r.unique:>{uniq_w}}{r.mean:>{mean_w}}{r.min:>{min_w}}"
                     f"{r.max:>{max_w}}  {r.label}".rstrip())
    lines.append(rule)
    return "\n".join(lines)


# ----------------------------------------------------------------------------- table
def _wrap_words(text: str, width: int) -> list[str]:
    import textwrap
    return textwrap.wrap(text, width, break_long_words=True) or [""]


def render_table(t) -> str:
    """Stata 13's ``table``: the stub (right-aligned values, the title wrapped to its width),
    `` |``, then the cells: one space before the first, ``csepwidth`` before the others, each
    ``cellwidth`` wide (at least 10 and the widest text); rules as wide as the table."""
    ncols = len(t.column_heads)
    texts = [line for row in t.rows for cell in row.cells for line in cell]
    cw = t.cellwidth or max([10] + [len(h) for h in t.column_heads] + [len(x) for x in texts])
    words = [w for line in t.stub_title for w in line.split()]
    sw = t.stubwidth or max([1] + [len(r.stub) for r in t.rows] + [len(w) for w in words])
    title_lines = _wrap_words(" ".join(t.stub_title), sw) if t.stub_title else [""]
    gaps = [1] + [t.csepwidth] * (ncols - 1)
    if t.supercolumns:  # an extra gap between supercolumns
        starts, k = set(), 0
        for _, n in t.supercolumns[:-1]:
            k += n
            starts.add(k)
        gaps = [g + (t.scsepwidth if j in starts else 0) for j, g in enumerate(gaps)]
    body_w = sum(gaps) + cw * ncols
    total_w = sw + 2 + body_w

    def align(text: str) -> str:
        if t.align == "left":
            return text.ljust(cw)
        if t.align == "center":
            return text.center(cw)
        return text.rjust(cw)

    def cells_line(values: list[str]) -> str:
        return "".join(" " * g + align(v) for g, v in zip(gaps, values)).rstrip()

    header_right: list[str] = []
    if t.supercolumn_title:
        header_right.append(t.supercolumn_title.center(body_w).rstrip())
    if t.supercolumns:
        line, j = "", 0
        for label, n in t.supercolumns:
            span = sum(gaps[j:j + n]) + cw * n
            piece = f" {label} "
            dashes = max(span - 1 - len(piece), 2)
            left = dashes // 2
            line += " " + ("-" * left + piece + "-" * (dashes - left))[:span - 1].rjust(span - 1)
            j += n
        header_right.append(line.rstrip())
    if t.column_title:
        header_right.append(t.column_title.center(body_w).rstrip())
    header_right.append(cells_line(list(t.column_heads)))
    n_head = max(len(title_lines), len(header_right))
    left_lines = [""] * (n_head - len(title_lines)) + title_lines
    right_lines = [""] * (n_head - len(header_right)) + header_right
    lines = ["", "-" * total_w]
    lines += [(f"{lt:<{sw}} |" + rt).rstrip() for lt, rt in zip(left_lines, right_lines)]
    lines.append("-" * (sw + 1) + "+" + "-" * body_w)
    for row in t.rows:
        if row.heading:
            lines.append(f"{row.stub:<{sw}} |")
            continue
        depth = max((len(c) for c in row.cells), default=1)
        for k in range(max(depth, 1)):
            stub = row.stub if k == 0 else ""
            values = [c[k] if k < len(c) else "" for c in row.cells]
            lines.append((f"{stub:>{sw}} |" + cells_line(values)).rstrip())
    lines.append("-" * total_w)
    return "\n".join(lines)
