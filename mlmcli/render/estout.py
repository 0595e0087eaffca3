"""``esttab`` / ``estout`` tables written as esttab writes them (benjann/estout: esttab.ado's
mode defaults, estout.ado's layout), in the modes ``smcl`` (the screen), ``fixed`` (.txt),
``tab``, ``csv``/``scsv``, ``rtf``, ``html`` and ``tex``/``booktabs``.

The screen layout (published example, repec.sowi.unibe.ch/stata/estout/esttab.html)::

    --------------------------------------------
                          (1)             (2)
                        price           price
    --------------------------------------------
    weight              1.747**         3.465***
                       (2.72)          (5.49)

    mpg                -49.51           21.85
                      (-0.57)          (0.29)
    ...
    --------------------------------------------
    N                      74              74
    --------------------------------------------
    t statistics in parentheses
    * p<0.05, ** p<0.01, *** p<0.001

Geometry: the row labels left-aligned in ``varwidth`` (12; 20 with labels), then per model
column the delimiter (one space) and a cell ``modelwidth`` (12) wide, plus the width of the
widest star symbol when the column carries stars: a value and its stars (padded to that
width) are right-aligned together; headers and statistics are right-aligned in
``modelwidth`` and followed by blanks where stars would be.  Every line is padded to the
table's width.  Numbers use estout's formats (estout_cells.py): ``a#`` (``SignificantDigits``: integers
without decimals, |x| < 1 with # significant digits, |x| >= 1 with # + 1 significant digits
and at least one decimal), ``#`` (%(#+9).#f), or a Stata format.
"""
from __future__ import annotations

import re

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import level_text
from mlmcli.render.estout_cells import cell_text, layout_cell, star_symbols, styled_number
from mlmcli.render.estout_document import at_codes, longtable_head, markdown_divider, markdown_wrap, page_document, \
    substitute
from mlmcli.results.estout import DEFAULT_STARS, EstoutTable, cell_parts

# per mode: star symbols, the star legend's "p<" text, note labels, statistics labels
_STAR_SYMBOL = {"rtf": "{\\super %s}", "html": "<sup>%s</sup>", "tex": "\\sym{%s}", "mmd": "<sup>%s</sup>"}
_STAR_LABEL = {"rtf": " {\\i p} < ", "html": " <i>p</i> < ", "tex": " \\(p<@\\)", "mmd": " *p* < "}
_STAT_LABELS = {
    "plain": ({"N": "N", "r2": "R-sq", "r2_a": "adj. R-sq", "r2_p": "pseudo R-sq", "aic": "AIC", "bic": "BIC"},
              {"N": "Observations", "r2": "R-squared", "r2_a": "Adjusted R-squared", "r2_p": "Pseudo R-squared",
               "aic": "AIC", "bic": "BIC"}),
    "rtf": ({"N": "{\\i N}", "r2": "{\\i R}{\\super 2}", "r2_a": "adj. {\\i R}{\\super 2}",
             "r2_p": "pseudo {\\i R}{\\super 2}", "aic": "{\\i AIC}", "bic": "{\\i BIC}"},
            {"N": "Observations", "r2": "{\\i R}{\\super 2}", "r2_a": "Adjusted {\\i R}{\\super 2}",
             "r2_p": "Pseudo {\\i R}{\\super 2}", "aic": "{\\i AIC}", "bic": "{\\i BIC}"}),
    "html": ({"N": "<i>N</i>", "r2": "<i>R</i><sup>2</sup>", "r2_a": "adj. <i>R</i><sup>2</sup>",
              "r2_p": "pseudo <i>R</i><sup>2</sup>", "aic": "<i>AIC</i>", "bic": "<i>BIC</i>"},
             {"N": "Observations", "r2": "<i>R</i><sup>2</sup>", "r2_a": "Adjusted <i>R</i><sup>2</sup>",
              "r2_p": "Pseudo <i>R</i><sup>2</sup>", "aic": "<i>AIC</i>", "bic": "<i>BIC</i>"}),
    "tex": ({"N": "\\(N\\)", "r2": "\\(R^{2}\\)", "r2_a": "adj. \\(R^{2}\\)", "r2_p": "pseudo \\(R^{2}\\)",
             "aic": "\\textit{AIC}", "bic": "\\textit{BIC}"},
            {"N": "Observations", "r2": "\\(R^{2}\\)", "r2_a": "Adjusted \\(R^{2}\\)", "r2_p": "Pseudo \\(R^{2}\\)",
             "aic": "\\textit{AIC}", "bic": "\\textit{BIC}"}),
    "mmd": ({"N": "*N*", "r2": "*R*<sup>2</sup>", "r2_a": "adj. *R*<sup>2</sup>", "r2_p": "pseudo *R*<sup>2</sup>",
             "aic": "*AIC*", "bic": "*BIC*"},
            {"N": "Observations", "r2": "*R*<sup>2</sup>", "r2_a": "Adjusted *R*<sup>2</sup>",
             "r2_p": "Pseudo *R*<sup>2</sup>", "aic": "*AIC*", "bic": "*BIC*"}),
}
_AUX_LABELS = {
    "plain": {"t": "t statistics", "z": "z statistics", "p": "p-values", "ci": "% confidence intervals"},
    "rtf": {"t": "{\\i t} statistics", "z": "{\\i z} statistics", "p": "{\\i p}-values",
            "ci": "% confidence intervals"},
    "html": {"t": "<i>t</i> statistics", "z": "<i>z</i> statistics", "p": "<i>p</i>-values",
             "ci": "% confidence intervals"},
    "tex": {"t": "\\textit{t} statistics", "z": "\\textit{z} statistics", "p": "\\textit{p}-values",
            "ci": "\\% confidence intervals"},
    "mmd": {"t": "*t* statistics", "z": "*z* statistics", "p": "*p*-values",
            "ci": "\\% confidence intervals"},  # esttab.ado's mmd_cilab keeps LaTeX's \%
}


def family(mode: str) -> str:
    """The label family of a mode: rtf, html, tex (and booktabs), mmd (markdown), else plain."""
    return {"rtf": "rtf", "html": "html", "tex": "tex", "booktabs": "tex", "mmd": "mmd"}.get(mode, "plain")


def stat_label(name: str, mode: str, long: bool) -> str:
    return _STAT_LABELS.get(family(mode), _STAT_LABELS["plain"])[1 if long else 0].get(name, name)


def aux_label(kind: str, mode: str, level: float = 95.0) -> str:
    text = _AUX_LABELS[family(mode)].get(kind, "")
    if kind == "ci":
        return level_text(level) + text
    return text or "Standard errors"


def star_symbol(sym: str, mode: str) -> str:
    if mode == "mmd":  # esttab.ado's mmd_starlevels: <sup>\*</sup>; star()'s own symbols stay as typed
        return _STAR_SYMBOL["mmd"] % sym.replace("*", "\\*")
    template = _STAR_SYMBOL.get(family(mode))
    return template % sym if template else sym


def star_legend(levels, mode: str) -> str:
    label = _STAR_LABEL.get(family(mode), " p<")
    parts = []
    for sym, text, _ in levels:
        parts.append(sym + (label.replace("@", text) if "@" in label else label + text))
    return ", ".join(parts)


class _Mode:
    """begin / delimiter / end of a row, the rules and gaps, of one esttab mode."""

    def __init__(self, mode: str, t: EstoutTable, ncols: int, plain_csv: bool = False):
        self.mode = mode
        span = ncols + 1
        self.widths = mode in ("smcl", "fixed", "html", "tex", "booktabs", "mmd")
        self.begin, self.delim, self.end = "", " ", ""
        self.rule = self.midgap = None
        self.toprule = self.bottomrule = None
        if mode == "tab":
            self.delim = "\t"
        elif mode in ("csv", "scsv"):
            lhs = '"' if plain_csv else '="'
            self.begin, self.delim, self.end = lhs, ('",' if mode == "csv" else '";') + lhs, '"'
        elif mode == "html":
            align = f' align="{t.alignment}"' if t.alignment else ""
            self.begin, self.delim, self.end = "<tr><td>", f"</td><td{align}>", "</td></tr>"
            self.rule = f"<tr><td colspan={span}><hr></td></tr>"
            self.midgap = f"<tr><td colspan={span}>&nbsp;</td></tr>"
        elif mode in ("tex", "booktabs"):
            self.delim, self.end = "&", "\\\\"
            self.midgap = "[1em]" if mode == "tex" else "\\addlinespace"
            self.toprule, self.rule, self.bottomrule = (("\\hline\\hline", "\\hline", "\\hline\\hline")
                                                        if mode == "tex" else ("\\toprule", "\\midrule", "\\bottomrule"))
            if t.longtable:  # esttab.ado's tex_toprule: the longtable's head and foot after the top rule
                self.toprule += longtable_head(mode)
        elif mode == "mmd":  # esttab.ado's mmd: no rules or gaps; MakeMMDdef's line under the header
            self.begin, self.delim, self.end = "| ", " | ", " |"
            self.rule = ""
        elif mode == "rtf":
            self.midgap = None  # an empty table row, made by the writer
        self.gap_line = "" if mode in ("smcl", "fixed", "tab", "csv", "scsv") else self.midgap
        if mode == "mmd":
            self.gap_line = None
        if mode in ("smcl", "fixed"):
            self.rule = "@hline"
        for name, given in zip(("begin", "delim", "end"), t.row_parts):  # begin() delimiter() end()
            if given is not None:
                setattr(self, name, given)
        if self.toprule is None:
            self.toprule = self.rule
        if self.bottomrule is None:
            self.bottomrule = self.rule


def _rtf_rowdefs(vw: int, widths: list[int]) -> tuple[str, str, str, str]:
    """(plain, top-border, bottom-border row definitions, empty row) as estout's
    MakeRtfRowdefs: 120 twips a character, \\trgaph108 on each side, \\trleft-108."""
    brdrt, brdrb = "\\clbrdrt\\brdrw10\\brdrs", "\\clbrdrb\\brdrw10\\brdrs"
    pos = vw * 120 + 2 * 108 - 108
    plain, top, bottom, empty = f"\\cellx{pos}", f"{brdrt}\\cellx{pos}", f"{brdrb}\\cellx{pos}", "\\pard\\intbl\\ql\\cell"
    for w in widths:
        pos += w * 120 + 2 * 108
        plain += f"\\cellx{pos}"
        top += f"{brdrt}\\cellx{pos}"
        bottom += f"{brdrb}\\cellx{pos}"
        empty += "\\pard\\intbl\\ql\\cell"
    return plain, top, bottom, plain + empty


def render_estout(t: EstoutTable, mode: str = "smcl", *, plain_csv: bool = False, level: float = 95.0) -> list[str]:
    """The table's lines in ``mode`` (no final newline)."""
    ncols = max((len(r) for r in t.cells), default=1)
    star_col = [any(k < len(r) and any(el.star for el in cell_parts(r[k])) for r in t.cells) for k in range(ncols)]
    levels = tuple((star_symbol(sym, mode) if mode != "mmd" or t.star_levels == DEFAULT_STARS else sym, text, lv)
                   for sym, text, lv in t.star_levels)
    m = _Mode(mode, t, ncols * t.nmodels, plain_csv)
    widths = m.widths or t.padded
    vw = t.varwidth if widths else 0
    model_widths = t.modelwidth if isinstance(t.modelwidth, tuple) else (t.modelwidth,)

    def mw_of(k: int) -> int:  # estout's modelwidth list, one width per column in turn
        return model_widths[k % len(model_widths)] if widths else 0

    sw = max((len(s) for s, _, _ in levels), default=0) if (widths and any(star_col)) else 0
    if t.padded and not any(model_widths):  # modelwidth 0: "no white space is added"
        sw = 0
    columns = [(mi, k) for mi in range(t.nmodels) for k in range(ncols)]
    total = vw + sum(len(m.delim) + mw_of(k) + (sw if star_col[k] else 0) for _, k in columns)

    def label_text(text: str) -> str:
        if t.abbreviate and vw and len(text) > vw:
            text = abbrev(text, vw) if vw <= 32 else text[:vw]
        return text.ljust(vw) if vw else text

    def label_cut(text: str, width: int) -> str:  # estout's Abbrev of a caption to its column
        if t.abbreviate and width and len(text) > width:
            return abbrev(text, width) if width <= 32 else text[:width]
        return text

    def value_cell(k: int, value: str, stars: str) -> str:
        if not widths:
            return value + stars
        if star_col[k]:
            return (value + stars.ljust(sw)).rjust(mw_of(k) + sw)
        return value.rjust(mw_of(k))

    def head_cell(k: int, text: str) -> str:
        if not widths:
            return text
        return text.rjust(mw_of(k)) + (" " * sw if star_col[k] else "")

    rtf_rows = _rtf_rowdefs(t.varwidth, [model_widths[k % len(model_widths)] + (3 if star_col[k] else 0)
                                         for _, k in columns]) \
        if mode == "rtf" else None
    body: list[str] = []

    def row(label: str, cells: list[str]) -> str:
        if mode == "rtf":
            return ("{\\trowd\\trgaph108\\trleft-108@ROWDEF\\pard\\intbl\\ql {" + label
                    + "".join("}\\cell \\pard\\intbl\\q" + (t.alignment or "c") + " {" + c for c in cells)
                    + "}\\cell\\row}")
        return m.begin + label_text(label) + "".join(m.delim + c for c in cells) + m.end

    def gap() -> None:
        if mode == "rtf":
            body.append("{\\trowd\\trgaph108\\trleft-108" + rtf_rows[3] + "\\row}")
        elif m.gap_line is not None:
            body.append(m.gap_line)

    def rule(kind: str = "mid") -> None:
        text = {"top": m.toprule, "bottom": m.bottomrule}.get(kind, m.rule)
        if text == "@hline":
            body.append((t.hlinechar or "-") * total)
        elif text:
            body.append(text)

    def header(texts: list[str]) -> str:
        cells = []
        for mi, k in columns:
            text = texts[mi] if k == 0 else ""
            if mode in ("tex", "booktabs"):
                text = "\\multicolumn{1}{c}{" + text + "}"
            cells.append(head_cell(k, text))
        return row("", cells)

    head_start = len(body)
    user = {k: at_codes(v, t, total, ncols * t.nmodels + 1, star_legend(levels, mode) if any(star_col) else "")
            for k, v in t.framing.items()}  # prehead() ... postfoot(), their @ codes filled in
    if t.fragment or (t.framing_replaces and "prehead" in user):  # fragment, prehead(): no top rule or gap
        pass
    elif t.lines:
        rule("top")
    elif t.gaps and mode in ("smcl", "fixed", "tab", "csv", "scsv"):
        body.append("")
    unstack = t.extra.get("unstack")
    if t.mgroups is not None:  # estout.ado writes the model groups first
        from mlmcli.render.estout_groups import mgroups_cells, unstacked_pattern
        groups = t.mgroups if not unstack else {**t.mgroups, "pattern": unstacked_pattern(t.mgroups, unstack)}
        cells, repeat = mgroups_cells(groups, columns, mw_of, lambda k: sw if star_col[k] else 0,
                                      len(m.delim), widths, t.abbreviate)
        body.append(row(t.mgroups.get("lhs", ""), cells) + repeat)
    for texts in (t.numbers, t.mlabels):
        if texts is None:
            continue
        if unstack:  # a model's number and title over its first column (LaTeX: spanning its columns)
            from mlmcli.render.estout_groups import model_headers
            body.append(row("", model_headers(list(texts), unstack["model_of"], columns, mw_of,
                                              lambda k: sw if star_col[k] else 0, len(m.delim), widths,
                                              t.abbreviate, mode in ("tex", "booktabs"))))
        else:
            body.append(header(list(texts)))
    if unstack and unstack.get("eqlabels") is not None:  # estout's equations caption row (eqlabels(, lhs()))
        body.append(row(t.extra.get("eqlabels_lhs", ""), [head_cell(k, label_cut(unstack["eqlabels"][mi], mw_of(k)) if k == 0 else "")
                             for mi, k in columns]))
    if t.collabels is not None:  # estout.ado's WriteCaption of the columns: the same labels for each model
        body.append(row("", [head_cell(k, t.collabels[k] if k < len(t.collabels) else "") for _, k in columns]))
    if "posthead" in user:  # posthead(): the user's lines instead of the rule (gap) below the header
        body.extend(user["posthead"])
    elif t.lines:
        rule()
    elif t.gaps:
        gap()
    if mode == "mmd":  # estout.ado writes the markdown divider after posthead()
        body.append(markdown_divider(vw, [mw_of(k) for _, k in columns], [star_col[k] for _, k in columns], sw))
    first_coef_row = len(body)
    n_vars = sum(len(q.rows) for q in t.equations)
    seen = 0
    for qi, eq in enumerate(t.equations):
        if eq.label is not None:
            if qi > 0 and t.lines and t.eqlines:
                rule()
            elif qi > 0 and t.gaps:  # esttab.ado: noeqlines -> eqlabels(, begin(midgap))
                gap()
            body.append(row(eq.label, [head_cell(k, "") for _, k in columns]))
        for r in eq.rows:
            refcat = None
            if r.refcat is not None:  # estout's GenerateRefcatRow: the label in a model's first column
                refcat = row(r.refcat[0], [head_cell(k, r.refcat[1][mi] if k == 0 else "") for mi, k in columns])
                if not r.refcat[2]:
                    body.append(refcat)
            label_pieces = wrapped_label(r.label, vw, len(t.cells)) if t.extra.get("wrap") else [r.label]
            for ri, elements in enumerate(t.cells):
                cells = []
                for mi, k in columns:
                    entry = r.entries[mi]
                    if k >= len(elements):
                        cells.append(value_cell(k, "", ""))
                        continue
                    value, stars = cell_text(entry, cell_parts(elements[k]), levels, t.incell_delimiter,
                                              t.number_style)
                    cells.append(value_cell(k, value, stars))
                body.append(row(label_pieces[ri] if ri < len(label_pieces) else "", cells))
            if refcat is not None and r.refcat[2]:  # refcat(, below)
                body.append(refcat)
            seen += 1
            if t.gaps and seen < n_vars:
                gap()
    for label, texts in t.extra.get("indicate", []):  # indicate(): a Yes/No row per group
        body.append(row(label, [head_cell(k, texts[mi] if k == 0 else "") for mi, k in columns]))
    if "prefoot" in user:  # prefoot(): the user's lines instead of the rule (gap) above the statistics
        body.extend(user["prefoot"])
    if t.stats:
        if "prefoot" in user:
            pass
        elif t.lines:
            rule()
        elif t.gaps:
            gap()
        for st in t.stats:
            if st.columns is not None:  # layout(): a row of several cells, one per column of a model
                body.append(row(st.label, [_layout_column(st, mi, k, levels, t.number_style, star_col[k], value_cell,
                                                          head_cell) for mi, k in columns]))
                continue
            cells = []
            for mi, k in columns:
                v = st.values[mi] if k == 0 else None
                if st.template is not None:
                    text = "" if v is None else layout_cell(st.template, v, st.fmt, t.number_style)
                else:
                    text = "" if v is None else v if isinstance(v, str) else styled_number(v, st.fmt, t.number_style)
                if st.p is not None and text:  # stats(, star): the model's stars, not on an empty cell
                    stars = star_symbols(st.p[mi], levels) if k == 0 else ""
                    cells.append(value_cell(k, text, stars) if star_col[k] else head_cell(k, text + stars))
                    continue
                cells.append(head_cell(k, text))  # str: as written
            body.append(row(st.label, cells))
    last_row = len(body) - 1
    closing = not t.fragment and not (t.framing_replaces and "postfoot" in user)
    if not closing:  # fragment, postfoot(): no bottom rule or gap
        pass
    elif t.lines:
        rule("bottom")
    elif t.gaps and mode in ("smcl", "fixed", "tab", "csv", "scsv"):
        body.append("")
    notes = list(t.notes) + ([star_legend(levels, mode)] if t.star_legend and any(star_col) else []) \
        + list(t.extra.get("notes_after_legend", ()))  # outreg2's addnote(): below its star note
    if mode == "rtf":
        for i in range(head_start, len(body)):
            rowdef = rtf_rows[1] if (i == head_start and t.lines and not t.fragment) else (
                rtf_rows[2] if (i == last_row and t.lines and not t.fragment) else rtf_rows[0])
            if t.lines and i == first_coef_row:
                rowdef = rtf_rows[1]
            body[i] = body[i].replace("@ROWDEF", rowdef)
    opening = not t.fragment and not (t.framing_replaces and "prehead" in user)
    colspec = t.alignment or "c" * ncols  # esttab.ado's MakeTeXColspec: a c per column of a model
    head, tail = _wrap(t, mode, notes, ncols * t.nmodels, any(star_col), plain_csv, colspec)
    if t.page is not None:
        head, tail = page_document(t, mode, head, tail)
    if t.extra.get("bare_tex"):  # estout's style(tex): the rows and notes alone, no tabular, stars plain
        head = []
        body, tail = ([re.sub(r"\\sym\{([^}]*)\}", r"\1", line) for line in part]
                      for part in (body, [line for line in tail if line.startswith("\\multicolumn")]))
    lines = (user.get("prehead", []) + (head if opening else []) + body + (tail if closing else [])
             + user.get("postfoot", []))
    return substitute(lines, t.substitute if t.substitute is not None else
                      ((("_", "\\_"), ("\\_cons ", "\\_cons")) if mode in ("tex", "booktabs", "mmd") else ()))


def _layout_column(st, mi: int, k: int, levels, style, star_column: bool, value_cell, head_cell) -> str:
    """Column ``k`` of model ``mi`` in a stats(, layout()) row of several cells: its cell's
    statistics (the row's values after those of the cells before it) in the cell's text;
    empty past the row's cells; the model's stars on a starred cell (stats(, star))."""
    if k >= len(st.columns):
        return head_cell(k, "")
    template, n, starred = st.columns[k]
    start = sum(c[1] for c in st.columns[:k])
    values = st.values[mi]
    text = "" if values is None else layout_cell(template, values[start:start + n], st.fmt[start:start + n], style)
    stars = star_symbols(st.p[mi], levels) if st.p is not None and starred and text else ""
    if star_column:
        return value_cell(k, text, stars)
    return head_cell(k, text + stars)


def _wrap(t: EstoutTable, mode: str, notes: list[str], ncols: int, stars: bool,
          plain_csv: bool, colspec: str = "c") -> tuple[list[str], list[str]]:
    """The mode's opening and closing around the table (caption, environments; notes)."""
    span = ncols + 1
    title = t.title
    titles = title.split("\n") if title else []  # outreg2's title(a, b): a line each
    if mode in ("smcl", "fixed", "tab"):
        return titles, list(notes)
    if mode in ("csv", "scsv"):
        lhs = '"' if plain_csv else '="'
        return [f'{lhs}{line}"' for line in titles], [f'{lhs}{n}"' for n in notes]
    title = " ".join(titles)
    if mode == "html":
        tail = [f"<tr><td colspan={span}>" + "<br />".join(notes) + "</td></tr>"] if notes else []
        return ['<table border="0" width="*">'] + ([f"<caption>{title}</caption>"] if title else []), \
            tail + ["</table>"]
    if mode == "mmd":
        return markdown_wrap(title, notes)
    if mode in ("tex", "booktabs"):
        out = []
        floating = bool(title) if t.float_table is None else t.float_table  # esttab.ado: (title | float) & !nofloat
        env = "longtable" if t.longtable else "tabular"  # longtable: no table float, its caption inside
        if floating:
            out += ["{" if t.longtable else "\\begin{table}[htbp]\\centering"]
        elif stars:
            out += ["{"]
        if stars:
            out += ["\\def\\sym#1{\\ifmmode^{#1}\\else\\(^{#1}\\)\\fi}"]
        if title and not t.longtable:
            out += [f"\\caption{{{title}}}"]
        out += [f"\\begin{{{env}}}{{l*{{{t.nmodels}}}{{{colspec}}}}}"]
        if title and t.longtable:
            out += [f"\\caption{{{title}}}\\\\"]
        tail = [f"\\multicolumn{{{span}}}{{l}}{{\\footnotesize {n}}}\\\\" for n in notes]
        return out, tail + [f"\\end{{{env}}}"] + ((["}"] if t.longtable else ["\\end{table}"]) if floating
                                                  else (["}"] if stars else []))
    # rtf
    out = ["{\\rtf1\\ansi\\deff0 {\\fonttbl" + t.fonttbl + "}",
           "{\\info {\\author .}{\\company .}{\\title .}}", "\\deflang1033\\plain\\fs24",
           "{\\footer\\pard\\qc\\plain\\f0\\fs24\\chpgn\\par}"]
    for line in titles:
        out.append(f"{{\\pard\\keepn\\ql {line}\\par}}")
    return out + ["{"], ["}"] + [f"{{\\pard\\ql\\fs20 {n}\\par}}" for n in notes] + ["{\\pard \\par}", "}"]


def wrapped_label(label: str, varwidth: int, rows: int) -> list[str]:
    """estout's ``wrap``: with varwidth() of 2 or more and several rows of statistics per
    coefficient, the label's pieces of varwidth characters (``piece ..., nobreak``) on those
    rows in turn, the last row taking every piece left; otherwise the label on the first row."""
    from mlmcli.render.text_pieces import pieces

    if varwidth < 2 or rows < 2:
        return [label]
    parts = pieces(label, varwidth, nobreak=True)
    if len(parts) <= 1:
        return [label]
    return parts[:rows - 1] + [" ".join(parts[rows - 1:])]

