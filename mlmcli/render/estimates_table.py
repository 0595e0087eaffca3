"""``estimates table`` (and ``estimates dir``) as Stata prints them.

```
-----------------------------------------------------
    Variable |   lnVio        lnMur        lnRob
-------------+---------------------------------------
       shall | -.44296458   -.47337245    -.7733207
             |  .04752832      .048536     .0692623
       _cons |  6.1349189    1.8975555    4.8730511
             |  .01930393    .02196062    .02790933
-------------+---------------------------------------
           N |       4360         4360         4360
-----------------------------------------------------
                                         legend: b/se
```
(Data lines keep Stata's two trailing spaces.)  Each model column is the
width w of ``_column_width`` plus 3 (one space before, two after; three more
for stars); model names are centred over w plus the stars.  The default look
is ``%10.0g``.  The layout follows est_table.ado's Display, checked against a
published Stata log of ``estimates table m1, stats(N r2 r2_a) b(%6.3f) star``
(27 columns wide: w = 7).  Multi-equation models (``mixed``) get an equation
heading row per equation, separated by ``+`` rules.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number, parse_format
from mlmcli.results.postestimation import EstimatesDirResult, EstimatesTableResult, EstTableCell, EstTableRow

DEFAULT_FMT = "%10.0g"


def _width(fmt: str) -> int:
    return parse_format(fmt).width


def _stars(p: float, levels: tuple[float, float, float]) -> str:
    if p is None or p != p:
        return ""
    return "*" * sum(1 for lv in levels if p < lv)


def _display_len(fmt: str, value: float) -> int:
    """est_table's ChkFormat: the length of ``display fmt value`` (a format wider than its
    width, such as %5.4f showing 1.0000, takes the longer text)."""
    return len(format_number(value, fmt))


def _column_width(t: EstimatesTableResult, bfmt_given: bool) -> int:
    """est_table's column width: 7 (9 when a model has an omitted coefficient), widened to the
    displayed length of each format given (b at 1, se at 1, t at -123.45, p and stats at 1.0);
    10 when no b() is given; at least ``modelwidth``."""
    has_omit = any(c is not None and c.omitted for eq in t.equations for r in eq.rows for c in r.cells)
    cw = 9 if has_omit else 7
    if bfmt_given:
        cw = max(cw, _display_len(t.b_format, 1))
    else:
        cw = 10
    probes = (("se", t.se_format, 1.0), ("t", t.t_format, -123.45), ("p", t.p_format, 1.0))
    for what, fmt, value in probes:
        if fmt and what in t.show:
            cw = max(cw, _display_len(fmt, value))
    if t.stats and t.stats_format:
        cw = max(cw, _display_len(t.stats_format, 1.0))
    return max(cw, t.modelwidth or 0)


def render_estimates_table(t: EstimatesTableResult) -> str:
    """The table (leading blank line, no final newline).  ``varwidth`` is the row-label
    column's width (12); a model's column is ``_column_width`` plus 3 blanks (one before, two
    after) plus 3 for the star symbols, which are left-aligned after the right-aligned b;
    model names are centred over the whole column (b and stars).  ``newpanel`` puts the
    statistics in a second table headed ``Statistics`` (est_table.ado's ``Header "Statistics"``,
    the same text in its 2009 and 2018 versions); without it a multi-equation table heads the
    statistics rows with a ``Statistics`` line, as est_table's ``DLine "Statistics" lalign``."""
    bfmt = t.b_format or DEFAULT_FMT
    fmts = {"b": bfmt, "se": t.se_format or bfmt,
            "t": t.t_format or "%7.2f", "p": t.p_format or "%7.4f"}
    w = _column_width(t, t.b_format is not None)
    vw = t.varwidth
    star_w = 3 if t.star else 0
    cw = w + 3 + star_w
    nm = len(t.models)
    # style(columns) (est_table's ChkStyle): "| " before the names, " |" closing every column,
    # and every rule "+-...-+-...-+" (SMCL's corners print as + in text)
    lead, close = ("| ", " |") if t.columns else ("", "  ")
    if t.columns:
        rule = "+-" + "-" * vw + "".join("-+-" + "-" * (w + star_w) for _ in t.models) + "-+"
        mid = rule
    else:
        rule = "-" * (vw + 2 + cw * nm)
        mid = "-" * (vw + 1) + "+" + "-" * (cw * nm)
    total = len(rule)

    def cell_text(text: str, stars: str = "") -> str:
        return " " + text.rjust(w) + stars.ljust(star_w) + close

    def head_cell(name: str) -> str:
        name = abbrev(name, w + star_w)
        left = (w + star_w - len(name)) // 2
        return " " + (" " * left + name).ljust(w + star_w) + close

    blank = "".join(cell_text("") for _ in t.models) if t.columns else ""

    def header(word: str) -> list[str]:
        return [rule, lead + word.rjust(vw) + " |" + "".join(head_cell(m) for m in t.models), mid]

    out = [""]
    if t.title:
        out += [t.title, ""]
    out += header("Variable")
    for k, eq in enumerate(t.equations):
        if k > 0:
            out.append(mid)
        if eq.name is not None:
            out.append(lead + abbrev(eq.name, vw).ljust(vw) + " |" + blank)
        for heads, row in _name_column(t, eq.rows):
            if row is None:  # a factor term's heading
                out.extend(lead + h + blank for h in heads)
                continue
            out.extend(lead + h + blank for h in heads[:-1])
            for i, what in enumerate(t.show):
                cells = "".join(_value_cell(c, what, fmts[what], t, cell_text) for c in row.cells)
                out.append(lead + (heads[-1] if i == 0 else " " * vw + " |") + cells)
    if t.stats:
        if t.newpanel:
            out += [rule, ""] + header("Statistics")
        else:
            out.append(mid)
            if sum(eq.name is not None for eq in t.equations) > 1:
                out.append(lead + "Statistics".ljust(vw) + " |" + blank)
        for name, values in t.stats:
            # est_table: N in %cw.0f, every other statistic in stfmt() (default: the b format)
            fmt = f"%{w}.0f" if name == "N" else (t.stats_format or bfmt)
            out.append(lead + abbrev(name, vw).rjust(vw) + " |"
                       + "".join(cell_text(_stat_text(v, fmt)) for v in values))
    out.append(rule)
    legends = []
    if len(t.show) > 1 or t.show != ("b",):
        legends.append("legend: " + "/".join(t.show))
    if t.star:
        a, b, c = t.star_levels
        legends.append(f"legend: * p<{_lvl(a)}; ** p<{_lvl(b)}; *** p<{_lvl(c)}")
    out += [s.rjust(total) for s in legends]
    out += list(t.extra_notes)
    return "\n".join(out)


def _name_column(t: EstimatesTableResult, rows) -> list[tuple[list[str], EstTableRow | None]]:
    """The name column as est_table draws it: ``_ms_display`` in ``varwidth`` columns with
    ``vsquish`` (coef_table.name_column): a factor term's heading, then its levels (value labels,
    cut or wrapped to the field); rows whose names hold a base level only with ``baselevels``.
    With ``varlabel`` the rows keep their variable labels, one line each."""
    from mlmcli.render.coef_table import name_column
    from mlmcli.results.mixed import CoefRow

    vw = t.varwidth
    if any(r.label for r in rows):
        return [([abbrev(r.label or r.name, vw).rjust(vw) + " |"], r) for r in rows]
    nan = float("nan")
    coef_rows = [CoefRow(r.name, nan, nan, nan, nan, nan, nan, term=r.term, level=r.level,
                         base=_base_row(r)) for r in rows]
    by_name = {r.name: r for r in rows}
    return [(heads, None if row is None else by_name[row.name])
            for heads, row in name_column(coef_rows, vw, baselevels=t.baselevels, vsquish=True,
                                          fvwrap=t.fvwrap, fvwrapon=t.fvwrapon)]


def _base_row(row: EstTableRow) -> bool:
    """A base level in every model that has the row (the rows are named without markers)."""
    present = [c for c in row.cells if c is not None]
    return bool(present) and all(c.base for c in present)


def _stat_text(v, fmt: str) -> str:
    """A statistic's text; blank for one the model lacks (None)."""
    return "" if v is None else format_number(v, fmt).strip()


def _lvl(x: float) -> str:
    return format_number(x, "%9.0g").strip().replace(".", "0.", 1) if x < 1 else format_number(x, "%9.0g").strip()


def _value_cell(c: EstTableCell | None, what: str, fmt: str, t: EstimatesTableResult, cell_text) -> str:
    if c is None:
        return cell_text("")
    if c.omitted or c.base:
        return cell_text("(omitted)" if c.omitted else "(base)") if what == "b" else cell_text("")
    value = getattr(c, what)
    text = format_number(value, fmt).strip()
    stars = _stars(c.p, t.star_levels) if (what == "b" and t.star) else ""
    return cell_text(text, stars)


def render_estimates_dir(result: EstimatesDirResult) -> str:
    """Stata's ``estimates dir`` table.

    Rules are 13 + 1 + (33 + title_width) wide; titles longer than
    ``title_width`` continue on further lines at column 48.
    """
    rows, title_width = result.rows, result.title_width
    lent = 33 + title_width
    lines = ["", "-" * (14 + lent), "        name | command      depvar       npar  title ",
             "-" * 13 + "+" + "-" * lent]
    for r in rows:
        title = r.title
        pieces = [title[i:i + title_width] for i in range(0, len(title), title_width)] or [""]
        depvar = r.depvar if r.depvar in ("no depvar", "mult. depvar") else abbrev(r.depvar, 12)
        lines.append(f"{abbrev(r.name, 12):>12} | {r.command:<12} {depvar:<12}{r.npar:>5}  {pieces[0]}")
        lines += [" " * 13 + "|" + " " * 33 + p for p in pieces[1:]]
    lines.append("-" * (14 + lent))
    return "\n".join(lines)
