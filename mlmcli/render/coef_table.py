"""Stata's coefficient table (``_coef_table``), shared by ``mixed`` and ``regress``.

Geometry (LAYOUT.md section 3): a name column of width ``s`` (12, widened to
the longest row label when the linesize allows), ``|`` at column s+2, then
Coef. (%9.0g, ends s+13), Std. Err. (%9.0g, s+24), z/t (%8.2f, s+33),
P>|z| (%5.3f, s+41), CI low (%9.0g, s+54), CI high (%9.0g, s+66).
Factor-variable terms print as a heading row and one row per level, framed by
empty ``|`` rows; a pure factor with one shown level collapses to ``1.x`` unless that
level has a value label.  Labels too wide for the column: render/factor_labels.py.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Sequence

from mlmcli.render.abbrev import abbrev
from mlmcli.render.factor_labels import level_lines, piece_line, term_pieces
from mlmcli.render.numfmt import format_number, format_within
from mlmcli.results.mixed import CoefRow
from mlmcli.syntax.coefnames import display_name

BASE_WIDTH = 12
MAX_NAME_WIDTH = 32
RIGHT_WIDTH = 66  # columns right of the name column


def level_text(level: float) -> str:
    """``95`` -> ``95``; ``99.5`` -> ``99.5`` (Stata prints c(level) with %g)."""
    return format_number(level, "%9.0g").strip()


def offset_row(name: str, width: int, kind: str = "(offset)") -> str:
    """The table row of an offset() or exposure() variable: its name, 1 in the coefficient
    column, then ``(offset)`` or ``(exposure)``."""
    return abbrev(name, width).rjust(width) + " |" + "1".rjust(11) + "  " + kind


def ci_header(level: float) -> str:
    return f"[{level_text(level)}% Conf. Interval]"


def hline(n: int) -> str:
    return "-" * n


@dataclass(frozen=True)
class _Line:
    kind: str  # row | heading | level | sep
    label: str = ""
    row: CoefRow | None = None


def _labelled(row: CoefRow) -> bool:
    """The row's level text is a value label (Stata 13+ shows it under a heading)."""
    return row.level is not None and row.level != numeric_level(row.name)


def _layout(rows: Sequence[CoefRow], baselevels: bool) -> list[_Line]:
    """Rows -> display lines (headings, levels, separators) in Stata's order.

    An interaction term (``#`` in its name) is framed by empty ``|`` rows even when it
    prints on one line (``c.x#c.z``), as every factor-variable group is: Stata's
    ``_coef_table`` separates a term with more than one component from its neighbours
    (LAYOUT.md section 3: "an empty row first ... another empty row after the group").
    A factor's main effect with one row shown prints ``1.foreign`` on one line, or, when its
    level has a value label, the heading ``foreign`` and the row ``Foreign`` -- an empty row
    before the heading but none after (published Stata 14-18 logs, docs/factor_labels.md)."""
    shown = [r for r in rows if baselevels or not r.base]
    terms = [r.term for r in shown]
    levels = [r.level for r in shown]
    for i, r in enumerate(shown[:-1]):  # x followed by L.x: row --. under the heading x
        if r.term is None and shown[i + 1].term == r.name and (levels[i + 1] or "").endswith("."):
            terms[i], levels[i] = r.name, "--."
    counts: dict[str, int] = {}
    for t in terms:
        if t is not None:
            counts[t] = counts.get(t, 0) + 1
    lines: list[_Line] = []
    current: str | None = None
    open_after = False  # the group just printed is a one-row main effect: no empty row after it
    for r, term, level in zip(shown, terms, levels):
        time_series = (level or "").endswith(".")  # L1., D1., LD.: [U] 11.4.4
        single = term is not None and counts[term] == 1 and "#" not in term and not time_series
        grouped = term is not None and level is not None and not (single and not _labelled(r))
        if grouped:
            if term != current:  # a heading always has an empty row before it
                if lines and lines[-1].kind != "sep":
                    lines.append(_Line("sep"))
                lines.append(_Line("heading", term))
                current, open_after = term, single
            # time-series rows end in their dot where factor levels leave a space
            lines.append(_Line("row" if time_series else "level", level or "", r))
            continue
        if current is not None:
            if not open_after:
                lines.append(_Line("sep"))
            current = None
        if "#" in r.name and not grouped:  # c.x#c.z: a term of its own, framed
            if lines and lines[-1].kind != "sep":
                lines.append(_Line("sep"))
            lines.append(_Line("row", display_name(r.name), r))
            lines.append(_Line("sep"))
            continue
        lines.append(_Line("row", display_name(r.name), r))
    return lines


def table_lines(rows: Sequence[CoefRow], baselevels: bool = False) -> list[tuple[str, str, CoefRow | None]]:
    """(kind, label, row) of the table's lines without its empty spacer rows -- headings,
    factor levels and rows as the display groups them, labels unabbreviated (putdocx's
    etable builds its Word table from them)."""
    return [(ln.kind, ln.label, ln.row) for ln in _layout(rows, baselevels) if ln.kind != "sep"]


def _label_need(line: _Line) -> int:
    if line.kind == "level":
        return len(line.label) + 1
    if line.kind in ("row", "heading"):
        return len(line.label)
    return 0


def name_width(equations: Sequence[tuple[str | None, Sequence[CoefRow]]], *, linesize: int = 80,
               baselevels: bool = False) -> int:
    """Width s of the name column: 12, stretched to the longest label if the
    table (s + 66 columns) leaves two free columns at the linesize (max 32)."""
    need = BASE_WIDTH
    for _, rows in equations:
        for line in _layout(rows, baselevels):
            need = max(need, _label_need(line))
    limit = min(MAX_NAME_WIDTH, linesize - RIGHT_WIDTH - 2)
    return max(BASE_WIDTH, min(need, limit))


@dataclass(frozen=True)
class CoefFormats:
    """``cformat()`` (coef, SE, CI), ``sformat()`` (z/t) and ``pformat()`` (P) display formats."""

    c: str = "%9.0g"
    s: str = "%8.2f"
    p: str = "%5.3f"


def ancillary_line(row, s: int, cformat: str | None = None, label: str | None = None) -> str:
    """An ancillary row (/sigma, /lnalpha and alpha, /ln_p and p, rho ...): estimate, SE and
    interval, no z or P, in the table's ``cformat`` (Stata's _b_table draws the diparm and
    auxiliary rows in the columns' formats; %9.0g when none is set); ``(constrained)`` after a
    value constraints() fixes.  ``row``: a CoefRow (``coef``) or a VarianceRow (``estimate``)."""
    cf = cformat or "%9.0g"
    name = abbrev(label or getattr(row, "name", None) or row.label, s).rjust(s) + " |"
    est = getattr(row, "coef", None)
    est = row.estimate if est is None else est
    if getattr(row, "constrained", False):
        return name + format_number(est, cf).rjust(11) + "  (constrained)"
    return (name + format_number(est, cf).rjust(11) + format_number(row.se, cf).rjust(11) + " " * 17
            + format_number(row.ci_lo, cf).rjust(13) + format_number(row.ci_hi, cf).rjust(12))


def _numbers(row: CoefRow, f: CoefFormats = CoefFormats(), mode: str | None = None,
             eform: bool = False, betas=None) -> str:
    """The numbers of a row: ``mode`` None (coef, se, z/t, P, CI), ``pvalue`` (coef, se, DF,
    t, P), ``ci`` (coef, se, DF, CI) -- Stata 14's dftable() layouts -- or ``legend``
    (coef only; the legend follows); ``betas`` (regress's beta): coef, se, t, P and the
    standardized coefficient by row name.  A base, omitted or empty row shows its b = 0, or
    exp(0) = 1 in an exponentiated (``eform``) table."""
    if row.base or row.omitted:
        tag = "(base)" if row.base else ("(empty)" if getattr(row, "empty", False) else "(omitted)")
        return format_number(1 if eform else 0, f.c).rjust(11) + "  " + tag
    coef = format_number(row.coef, f.c).rjust(11)
    if getattr(row, "constrained", False):
        return coef + "  (constrained)"
    if mode == "legend":
        return coef
    se = format_number(row.se, f.c).rjust(11)
    if mode == "pvalue":
        return (coef + se + format_number(row.df, DF_FORMAT).rjust(11)
                + format_within(row.stat, f.s).rjust(9) + format_number(row.p, f.p).rjust(8))
    if betas is not None:
        return (coef + se + format_within(row.stat, f.s).rjust(9) + format_number(row.p, f.p).rjust(8)
                + format_number(betas.get(row.name, float("nan")), f.c).rjust(25))
    if mode == "ci":
        return (coef + se + format_number(row.df, DF_FORMAT).rjust(11)
                + format_number(row.ci_lo, f.c).rjust(13) + format_number(row.ci_hi, f.c).rjust(12))
    return (coef + se
            + format_within(row.stat, f.s).rjust(9)
            + format_number(row.p, f.p).rjust(8)
            + format_number(row.ci_lo, f.c).rjust(13)
            + format_number(row.ci_hi, f.c).rjust(12))


def row_numbers(row: CoefRow, formats: dict | None = None, diparm: bool = False) -> str:
    """A row's numbers (coef, SE, z, P, interval) in ``formats`` (``display_formats``' dict of
    cformat/sformat/pformat; a key absent: Stata's default), for tables drawn row by row.
    ``diparm``: a row of ``_diparm`` typed alone (boxcox's /lambda), which _b_table.class 1.1.5's
    display_diparm draws in %9.0g, %9.0g, %8.2f, %5.3f whatever the formats, its limits in cformat."""
    f = formats or {}
    cformat = f.get("cformat") or "%9.0g"
    if diparm:
        text = _numbers(row)
        if row.base or row.omitted or getattr(row, "constrained", False):
            return text
        return text[:-25] + format_number(row.ci_lo, cformat).rjust(13) + format_number(row.ci_hi, cformat).rjust(12)
    return _numbers(row, CoefFormats(cformat, f.get("sformat") or "%8.2f", f.get("pformat") or "%5.3f"))


DF_FORMAT = "%9.2f"  # a coefficient's DF in dftable(ci|pvalue), as e(df_min) in the header


@dataclass(frozen=True)
class TableOptions:
    """The display options of an estimation table ([R] estimation options, "display_options"):
    ``noomitted`` and ``noemptycells`` drop rows, ``baselevels``/``allbaselevels`` show the base
    levels, ``vsquish`` drops the separator rows, ``nolstretch`` keeps the name column at 12,
    ``cformat()``/``sformat()``/``pformat()`` set the column formats, ``coeflegend`` shows
    the ``_b[]`` legend in place of the statistics, ``nofvlabel`` the factor levels' values
    in place of their value labels and ``fvwrap()``/``fvwrapon()`` how many lines a long value
    label may take and where it breaks (render/factor_labels.py); ``level_text`` redraws a
    factor row's level text from the data's value labels as the table is drawn (None: the
    texts of the fit)."""

    baselevels: bool = False
    noomitted: bool = False
    noemptycells: bool = False
    vsquish: bool = False
    nolstretch: bool = False
    coeflegend: bool = False
    cformat: str | None = None
    sformat: str | None = None
    pformat: str | None = None
    nofvlabel: bool = False
    fvwrap: int = 1
    fvwrapon: str = "word"
    level_text: Callable[[str], str | None] | None = None
    free_parameters: bool = False  # coeflegend's ancillary rows as Stata 15's free parameters: _b[/cut1]
    typed_cformat: str | None = None  # the cformat() typed alone (no setting): heckman, twostep's rho/sigma

    def rows(self, rows: Sequence[CoefRow]) -> list[CoefRow]:
        """The rows the table shows (omitted and empty cells dropped when asked)."""
        out = list(rows)
        if self.level_text is not None and not self.nofvlabel:
            out = [relabelled_row(r, self.level_text) for r in out]
        if self.nofvlabel:
            out = [dataclasses.replace(r, level=numeric_level(r.name)) if r.level is not None
                   and not r.level.endswith(".") else r for r in out]
        if self.noomitted:
            out = [r for r in out if not r.omitted]  # as mixed's filter: empty cells are omitted too
        if self.noemptycells:
            out = [r for r in out if not r.empty]
        return out

    def width(self, rows: Sequence[CoefRow], linesize: int) -> int:
        """The name column's width for these rows under these options."""
        if self.nolstretch:
            return BASE_WIDTH
        return name_width([(None, self.rows(rows))], linesize=linesize, baselevels=self.baselevels)

    def table_kwargs(self) -> dict:
        """The keyword arguments of ``render_coef_table`` these options set."""
        return {"baselevels": self.baselevels, "vsquish": self.vsquish, "nolstretch": self.nolstretch,
                "cformat": self.cformat, "sformat": self.sformat, "pformat": self.pformat,
                "mode": "legend" if self.coeflegend else None, "fvwrap": self.fvwrap,
                "fvwrapon": self.fvwrapon}


def relabelled_row(row: CoefRow, level_text) -> CoefRow:
    """``row`` with its level text redrawn by ``level_text`` (kept when it reads none)."""
    if row.level is None or row.level.endswith("."):  # no level, a time-series row
        return row
    text = level_text(row.name)
    return row if text is None or text == row.level else dataclasses.replace(row, level=text)


def numeric_level(name: str) -> str:
    """``2.schgend`` -> ``2``; ``1.a#3b.c`` -> ``1 3``; ``1.f#c.x`` -> ``1``: the levels' values
    (``nofvlabel``'s row labels, regress's and mixed's; the level text of unlabelled factors)."""
    out = []
    for part in name.split("#"):
        op = part.split(".", 1)[0] if "." in part else ""
        digits = "".join(ch for ch in op if ch.isdigit() or ch == "-")
        if digits:
            out.append(digits)
    return " ".join(out)


def _legend(name: str, eq: str | None) -> str:
    """The ``_b[]`` name coeflegend shows; an ancillary row ``/sigma`` of an equation's block is
    e(b)'s ``sigma:_cons`` (Stata 13's ml ``/name`` equations: ``_b[sigma:_cons]``, as
    heckman's ``_b[athrho:_cons]``; Stata 15's free parameters ``_b[/sigma]`` came later)."""
    if eq and name.startswith("/") and len(name) > 1:
        return f"_b[{name[1:]}:_cons]"
    return f"_b[{eq}:{name}]" if eq else f"_b[{name}]"


def render_coef_table(rows: Sequence[CoefRow] | None, depvar: str, *, stat_label: str = "z",
                      level: float = 95.0, linesize: int = 80, robust: bool = False,
                      cluster: tuple[int, str] | None = None, baselevels: bool = False,
                      equations: Sequence[tuple[str | None, Sequence[CoefRow]]] | None = None,
                      vce_label: str | None = None, width: int | None = None,
                      cformat: str | None = None, sformat: str | None = None,
                      pformat: str | None = None, coef_label: str = "Coef.", mode: str | None = None,
                      vsquish: bool = False, nolstretch: bool = False,
                      legend_eqs: Sequence[str | None] | None = None, eform: bool = False,
                      betas=None, plus: bool = False, fvwrap: int = 1, fvwrapon: str = "word") -> str:
    """The table from its top rule to its bottom rule (no blank lines around).

    ``rows``: a single-equation table; or ``equations``: (equation name, rows)
    blocks, each introduced by its name and separated by ``+`` rules (the
    ``estmetric`` layout).  ``cluster`` = (N clusters, variable) prints Stata's
    ``(Std. Err. adjusted for N clusters in var)`` line above the table;
    ``robust`` (or ``vce_label``) adds the ``Robust`` heading over Std. Err.
    ``cformat``/``sformat``/``pformat``: Stata's options of the same names
    (widths up to 9, 8 and 5 keep the columns in place).  ``coef_label``: the first
    column's heading (``Odds Ratio``, ``IRR`` for exponentiated coefficients).  ``mode``:
    ``pvalue``/``ci`` (dftable()) or ``legend`` (coeflegend: the ``_b[]`` name of each row,
    ``legend_eqs`` the equation each block's names need, None for the first); ``vsquish`` drops
    the empty separator rows; ``nolstretch`` keeps the name column at 12.  ``eform``: the
    rows are exponentiated coefficients, so base/omitted/empty rows show 1 (Stata's layout).
    ``betas``: regress's beta column (by row name) in place of the interval; ``plus``: the
    table ends with the ``--+--`` rule, open for more rows.  ``fvwrap``/``fvwrapon``: a
    value label wider than its field wraps over at most that many lines, at words or at the
    width (1: cut with ``..``); a term heading wider than the column is split at ``#``.
    """
    fmts = CoefFormats(cformat or "%9.0g", sformat or "%8.2f", pformat or "%5.3f")
    eqs = list(equations) if equations is not None else [(None, list(rows or ()))]
    s = width or (BASE_WIDTH if nolstretch else name_width(eqs, linesize=linesize, baselevels=baselevels))
    total = s + RIGHT_WIDTH
    out: list[str] = []
    if cluster is not None:
        n, var = cluster
        note = f"(Std. Err. adjusted for {format_number(n, '%9.0g').strip()} clusters in {var})"
        out.append(note.rjust(total))
    out.append(hline(total))
    label = vce_label or ("Robust" if robust or cluster is not None else None)
    if label == "Bootstrap":  # [R] bootstrap: observed coefficients, normal-based intervals
        out.append(" " * s + " |   Observed   Bootstrap" + " " * 25 + "Normal-based")
    elif label:  # centred over "Std. Err." (its 9 columns), an odd space and an overflow to the left
        out.append(" " * s + " |" + " " * (14 + (9 - len(label)) // 2) + label)
    p_label = f"P>|{stat_label}|"
    name_head = abbrev(depvar, s).rjust(s) + " |"
    if mode == "legend":
        out.append(name_head + coef_label.rjust(11) + "  Legend")
    elif mode == "pvalue":
        out.append(name_head + coef_label.rjust(11) + "Std. Err.".rjust(12) + "DF".rjust(10)
                   + stat_label.rjust(9) + p_label.rjust(9))
    elif mode == "ci":
        head = name_head + coef_label.rjust(11) + "Std. Err.".rjust(12) + "DF".rjust(10)
        out.append(head + ci_header(level).rjust(s + 2 + 58 - len(head)))
    else:
        head = (name_head + coef_label.rjust(11) + "Std. Err.".rjust(12)
                + stat_label.rjust(7) + p_label.rjust(9))
        out.append(head + ("Beta" if betas is not None else ci_header(level)).rjust(total - len(head)))
    mid = hline(s + 1) + "+" + hline(total - s - 2)
    out.append(mid)
    for i, (eq, eq_rows) in enumerate(eqs):
        if i > 0:
            out.append(mid)
        if eq is not None:
            out.append(abbrev(eq, s).ljust(s) + " |")
        leq = legend_eqs[i] if legend_eqs is not None and i < len(legend_eqs) else None
        for heads, row in name_column(eq_rows, s, baselevels=baselevels, vsquish=vsquish, fvwrap=fvwrap,
                                      fvwrapon=fvwrapon):
            if row is not None:
                tail = "  " + _legend(row.name, leq) if mode == "legend" else ""
                heads[-1] += _numbers(row, fmts, mode, eform, betas) + tail
            out.extend(heads)
    out.append(mid if plus else hline(total))
    return "\n".join(out)


def name_column(rows: Sequence[CoefRow], s: int, *, baselevels: bool = False, vsquish: bool = False,
                fvwrap: int = 1, fvwrapon: str = "word") -> list[tuple[list[str], CoefRow | None]]:
    """The name column of ``rows`` in ``s`` columns as ``_ms_display`` draws it (also
    ``estimates table``'s): per table line group its texts (each ending in its bar) and the row
    whose numbers go on the last one (None for headings and empty rows)."""
    lines = _layout(rows, baselevels)
    if vsquish:
        lines = [ln for ln in lines if ln.kind != "sep"]
    while lines and lines[-1].kind == "sep":
        lines.pop()
    out: list[tuple[list[str], CoefRow | None]] = []
    for line in lines:
        if line.kind == "sep":
            out.append(([" " * s + " |"], None))
        elif line.kind == "level":
            out.append(([text.rjust(s - 1) + "  |" for text in level_lines(line.label, s - 1, fvwrap, fvwrapon)],
                        line.row))
        elif line.kind == "heading" or "#" in line.label:
            out.append(([piece_line(piece, s) for piece in term_pieces(line.label, s)],
                        None if line.kind == "heading" else line.row))
        else:
            out.append(([abbrev(line.label, s).rjust(s) + " |"], line.row))
    return out
