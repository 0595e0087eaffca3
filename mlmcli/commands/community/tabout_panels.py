"""tabout's panels as string matrices (lists of rows of text), built the way tabout.ado 2.0.7's
Mata routines build them: ``do_output`` (frequency tables), ``sum_output`` (summary tables),
the N column and row (``build_ncol``/``add_nrow``), the N in the labels (``add_nlab``), and the
clean-ups (``strip_neg``: the "-999" placeholders; ``strip_rows``: repeated heading rows).

A panel's first two rows are headings (``#H2``: the column values, ``#H3``: the cell labels);
its first column the row labels.  tabout_write.py turns a panel into the file's lines.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from mlmcli.expr.string_functions import strproper
from mlmcli.render.numfmt import format_number

BLANK = "-999"  # tabout's placeholder for a cell left empty


@dataclass(frozen=True)
class NOptions:
    """npos()/nlab()/noffset()/nnoc: where the unweighted N goes and how it is written."""
    pos: str  # col row both lab tufte
    label: str
    offset: int  # noffset(#) - 1
    comma: bool  # False with nnoc


@dataclass(frozen=True)
class Labels:
    rows: list  # the row variable's value labels (or values), without the total
    cols: list | None  # the column variable's, without the total (None: one-way)
    vtotal: str
    htotal: str


def strofreal(value: float, fmt: str) -> str:
    """Mata's strofreal(): the number in the format, leading blanks removed."""
    return format_number(value, fmt).strip()


def number_text(value: float) -> str:
    """A value as a row or column heading (strofreal's %9.0g)."""
    return strofreal(value, "%9.0g")


def cell_formats(format_text: str, n: int) -> list[tuple[str, str]]:
    """f(): per cell the Stata format and its extra (p: a % after, m: money before, nil)."""
    words = fix_gaps(format_text.split(), n)
    out = []
    for word in words:  # extraformat() then fixformat()
        fmt, extra = "", "nil"
        if "p" in word:
            fmt, extra = word.replace("p", ""), "p"
        if "m" in word:  # read from the typed word again: m wins over p
            fmt, extra = word.replace("m", ""), "m"
        if fmt == "":
            fmt, extra = word, "nil"
        digits = fmt[:1]
        if not digits.isdigit():  # "%14.cf" is no format: strofreal() gives ""
            out.append(("", extra))
            continue
        out.append((f"%14.{digits}fc" if "c" in fmt else f"%14.{digits}f", extra))
    return out


def fix_gaps(words: list, n: int) -> list:
    """fixgaps(): the last entry repeated up to n entries, or the first n."""
    if len(words) < n:
        return words + [words[-1]] * (n - len(words))
    return words[:n]


def make_str(values: list, fmt: str, extra: str, money: str) -> list:
    """makestr(): formatted numbers, '' for missing."""
    out = []
    for row in values:
        texts = []
        for v in row:
            if v is None or (isinstance(v, float) and math.isnan(v)):
                texts.append("")
                continue
            a = strofreal(v, fmt) if fmt else ""
            if extra == "p":
                a += "%"
            elif extra == "m":
                a = money + a
            texts.append(a)
        out.append(texts)
    return out


def count_tables(raw: list, oneway: bool) -> dict[str, list]:
    """build_mats(): freq (with the totals), cell, col and row percents, cumulative col percents."""
    rows = [list(r) + [sum(r)] for r in raw]
    rows.append([sum(col) for col in zip(*rows)])
    if oneway:
        rows = [[r[0]] for r in rows]
    nr, nc = len(rows), len(rows[0])
    grand = rows[-1][-1]
    ce = [[rows[i][j] / grand * 100 for j in range(nc)] for i in range(nr)]
    ro = [[rows[i][j] / rows[i][-1] * 100 for j in range(nc)] for i in range(nr)]
    co = [[rows[i][j] / rows[-1][j] * 100 for j in range(nc)] for i in range(nr)]
    cu = [[math.nan] * nc for _ in range(nr)]
    for j in range(nc):
        for i in range(nr - 1):
            cu[i][j] = co[i][j] if i == 0 else cu[i - 1][j] + co[i][j]
    return {"FR": rows, "CE": ce, "CO": co, "RO": ro, "CU": cu}


def n_counts(obs: list) -> tuple[list, list, list]:
    """build_nmats(): the row totals (COBS), the column totals (ROBS) and trunc'd row percents."""
    full = [list(r) + [sum(r)] for r in obs]
    full.append([sum(col) for col in zip(*full)])
    cobs = [r[-1] for r in full]
    robs = full[-1]
    pcobs = [float(math.trunc(c / cobs[-1] * 100)) for c in cobs]
    return cobs, robs, pcobs


def add_nlab(labels: list, counts: list, tufte: bool, nlab: str, nform: str) -> list:
    if tufte:
        left, right = " (", "%)"
    else:
        k = nlab.find("#")
        left, right = " " + (nlab[:k] if k > 0 else ""), nlab[k + 1:] if k >= 0 else nlab
    return [lab + left + strofreal(c, nform) + right for lab, c in zip(labels, counts)]


def build_ncol(x: list, cobs: list, n: NOptions, numcat: int, layout: str, nform: str) -> list:
    noffset = min(n.offset, numcat - 1)
    a = [strofreal(c, nform) for c in cobs]
    d = [a[i] for i, c in enumerate(cobs) if c != -1]
    if layout == "r_block":
        if noffset == 0:
            b = [BLANK, BLANK] + a
        else:
            d = [BLANK, BLANK] + d
            space = len(d) * noffset
            b = [BLANK] * space + d
            b += [BLANK] * (len(x) - (len(d) + space))
    elif layout == "row":
        b = [BLANK] * len(x)
        k = noffset + 2
        for value in d:
            b[k] = value
            k += numcat
    else:
        b = [BLANK, BLANK] + d
    b[0] = n.label
    return [row + [cell] for row, cell in zip(x, b)]


def add_nrow(x: list, robs: list, n: NOptions, numcat: int, layout: str, nform: str, oneway: bool,
             n_label: str) -> list:
    noffset = min(n.offset, numcat - 1)
    d = [strofreal(c, nform) for c in robs]
    if oneway:
        d = d[:1]
    width = len(x[0])
    if layout == "c_block":
        if noffset == 0:
            b = d + [BLANK] * (width - len(d) - 1)
        else:
            space = len(d) * noffset
            b = [BLANK] * space + d + [BLANK] * (width - (len(d) + space + 1))
    elif layout == "col":
        b = [BLANK] * (width - 1)
        k = noffset
        for value in d:
            b[k] = value
            k += numcat
    else:
        b = [BLANK] * (width - 1)
        b[:len(d)] = d
    return x + [["@N@" + n_label] + b]


def strip_neg(x: list) -> list:
    return [["" if c == BLANK else c for c in row] for row in x]


def strip_rows(x: list) -> list:
    """The first two rows, then every row but a repeated #H2; a repeated #H3 loses its tag."""
    out = [list(x[0]), list(x[1])]
    for row in x[2:]:
        if row[0] != "#H2":
            out.append([""] + row[1:] if row[0] == "#H3" else list(row))
    return out


def _labelled_rows(labels: Labels, n: NOptions | None, cobs, pcobs, nform) -> list:
    rl = list(labels.rows) + [labels.vtotal]
    if n is not None and n.pos == "tufte":
        rl = add_nlab(rl, pcobs, True, n.label, nform)
    elif n is not None and n.pos == "lab":
        rl = add_nlab(rl, cobs, False, n.label, nform)
    return rl


def frequency_panel(tables: dict, cats: list, formats: list, clabs: list, layout: str, oneway: bool,
                    labels: Labels, money: str, n: NOptions | None, obs, n_label: str) -> tuple[list, int]:
    """do_output() without svy: the panel and how many bottom rows are totals (numrows)."""
    numcat = len(cats)
    nform = "%14.0fc" if n is None or n.comma else "%14.0f"
    cobs, robs, pcobs = n_counts(obs) if n is not None else ([], [], [])
    hlabs = (list(labels.cols) + [labels.htotal]) if not oneway else None
    pieces = []
    for cat, (fmt, extra), clab in zip(cats, formats, clabs):
        m = tables[cat]
        piece = make_str(m, fmt, extra, money)
        if layout in ("col", "c_block", "r_block"):
            piece = [[clab] * len(m[0])] + piece
        if not oneway:
            piece = [hlabs] + piece
        pieces.append(piece)
    numcols = len(tables[cats[-1]][0])
    finrows = len(pieces[-1])
    if layout == "c_block":
        data = [sum((p[i] for p in pieces), []) for i in range(finrows)]
    elif layout == "r_block":
        data = [row for p in pieces for row in p]
    elif layout == "col":
        data = [[p[i][j] for j in range(numcols) for p in pieces] for i in range(finrows)]
    else:
        data = []
    rlabels = _labelled_rows(labels, n, cobs, pcobs, nform)
    orig = list(labels.rows) + [labels.vtotal]
    if layout == "row":
        start = 1 if not oneway else 0
        data = [p[j] for j in range(start, finrows) for p in pieces]
        labs = list(clabs)
        labs[0] = " " + labs[0]
        fin = [(lab + labs[0]) if k == 0 else labs[k] for lab in rlabels for k in range(numcat)]
        data = [[f] + row for f, row in zip(fin, data)]
        top = ["#H2"] + ([""] * numcols if oneway else hlabs)
        data = [top, ["#H3"] + [""] * (len(top) - 1)] + data
    else:
        rlabels = ["#H2", "#H3"] + rlabels
        if oneway:
            data = [[""] * len(data[0])] + data
        if layout == "r_block":
            if n is not None:
                cobs = cobs + [-1] * ((len(cobs) + 2) * (numcat - 1))
            extra_labels = (["#H3"] if oneway else ["#H2", "#H3"]) + orig
            rlabels = rlabels + extra_labels * (numcat - 1)
        data = [[lab] + row for lab, row in zip(rlabels, data)]
    if n is not None:
        if n.pos in ("col", "both"):
            data = build_ncol(data, cobs, n, numcat, layout, nform)
        if n.pos in ("row", "both"):
            data = add_nrow(data, robs, n, numcat, layout, nform, oneway, n_label)
    data = strip_rows(strip_neg(data))
    numrows = numcat if layout == "row" else 1
    if n is not None and n.pos in ("row", "both"):
        numrows += 1
    return data, numrows


def summary_panel(raw: list, cells: list, format_text: str, clab: str, oneway: bool, labels: Labels,
                  money: str, n: NOptions | None, obs, n_label: str) -> tuple[list, int]:
    """sum_output(): the statistics (rows: values then the total) under their headings."""
    numcols = len(raw[0])
    nform = "%14.0fc" if n is None or n.comma else "%14.0f"
    cobs, robs, pcobs = n_counts(obs) if n is not None else ([], [], [])
    formats = cell_formats(format_text, numcols)
    if oneway:
        columns = [make_str([[r[j]] for r in raw], *formats[j], money) for j in range(numcols)]
        data = [sum((c[i] for c in columns), []) for i in range(len(raw))]
    else:
        data = make_str(raw, *formats[0], money)
    rlabels = _labelled_rows(labels, n, cobs, pcobs, nform)
    kinds = [strproper(w) for w in cells[0::2]]
    names = cells[1::2]
    clabs = fix_gaps(clab.split(), numcols) if clab else None
    if oneway:
        top, nxt = kinds, clabs if clabs is not None else names
    else:
        top = list(labels.cols) + [labels.htotal]
        cstr = clabs[0] if clabs is not None else kinds[0] + "_" + names[0]
        nxt = (numcols * (cstr + " ")).split()
    nxt = [w.replace("_", " ") for w in nxt]
    data = [list(top), list(nxt)] + data
    data = [[lab] + row for lab, row in zip(["#H2", "#H3"] + rlabels, data)]
    if n is not None:
        if n.pos in ("col", "both"):
            data = build_ncol(data, cobs, n, 0, "nil", nform)
        if n.pos in ("row", "both"):
            data = add_nrow(data, robs, n, 0, "nil", nform, oneway, n_label)
    data = strip_neg(data)
    numrows = 2 if n is not None and n.pos in ("row", "both") else 1
    return data, numrows
