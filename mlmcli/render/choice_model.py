"""``asclogit``'s output and ``estat alternatives``' table.

The header is asclogit.ado's Header (Stata 13's words: ``Case variable:``, ``Alternative
variable:``): the title, then ``Number of obs`` from column 48 with ``=`` at 67 and the value
in %10.0g; ``Number of cases``; a blank line; ``Alts per case: min =`` and, under it from
column 63, ``avg =`` (%10.1f) and ``max =``; a blank line; ``Wald chi2(df)`` from column 51
and ``Log likelihood = `` with ``Prob > chi2``.  The table is _coef_table's multi-equation
table: the alternative-specific variables under the alternatives variable's name, then one
block per alternative, the base one's heading followed by ``(base alternative)``.

``estat alternatives``: asclogit_estat.ado's ._tab table (left margin 2; widths |10 11 18|11 11
11|; numbers %7.0g %9.0g . %10.0g %10.0g %10.2f; titles in %(w-1)s), corners as a text log
shows them (``+``, tees ``-``).
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.choice_model import AlternativesSummary, ChoiceModelResult

BASE_ALTERNATIVE = "  (base alternative)"


def _field(left: str, label: str, value: str, at: int = 47) -> str:
    return left.ljust(at) + label.ljust(66 - at) + "= " + value.rjust(10)


def render_header(r: ChoiceModelResult) -> list[str]:
    pad = " " * 62
    return [
        _field(r.title, "Number of obs", format_number(r.nobs, "%10.0g")),
        _field(f"Case variable: {abbrev(r.case_var, 24)}", "Number of cases", format_number(r.n_cases, "%10.0g")),
        "",
        _field(f"Alternative variable: {abbrev(r.alt_var, 17)}", "Alts per case: min",
               format_number(r.alt_min, "%10.0g")),
        pad + "avg = " + format_number(r.alt_avg, "%10.1f").rjust(10),
        pad + "max = " + format_number(r.alt_max, "%10.0g").rjust(10),
        "",
        _field("", f"Wald chi2({r.df_m})", format_number(r.chi2, "%10.2f"), at=50),
        _field(f"Log likelihood = {format_number(r.loglik, '%10.0g')}", "Prob > chi2",
               format_number(r.p, "%10.4f"), at=50),
    ]


def render_choice_table(r: ChoiceModelResult, *, linesize: int = 80, options=None) -> str:
    from mlmcli.render.coef_table import BASE_WIDTH, MAX_NAME_WIDTH, RIGHT_WIDTH, TableOptions, name_width, \
        render_coef_table

    opts = options or TableOptions()
    blocks = [(eq.name, opts.rows(eq.rows)) for eq in r.equations]
    s = name_width(blocks, linesize=linesize, baselevels=opts.baselevels)
    longest = max((len(name) for name, _ in blocks), default=0)
    s = BASE_WIDTH if opts.nolstretch else max(s, min(longest, MAX_NAME_WIDTH, linesize - RIGHT_WIDTH - 2), BASE_WIDTH)
    lines = render_coef_table(None, r.depvar, equations=blocks, level=r.level, linesize=linesize, width=s,
                              legend_eqs=[name for name, _ in blocks] if opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    for eq in r.equations:
        if eq.base:
            head = abbrev(eq.name, s).ljust(s) + " |"
            at = lines.index(head)
            lines[at] = head + BASE_ALTERNATIVE
    return "\n".join(lines)


def render_asclogit(r: ChoiceModelResult, *, linesize: int = 80, log: bool = False, noheader: bool = False,
                    options=None) -> str:
    """Everything asclogit prints (leading blank line, no final newline)."""
    from mlmcli.render.glm_table import render_glm_iteration_log

    out: list[str] = []
    if log and r.iteration_log.phases:
        out.append(render_glm_iteration_log(r.iteration_log))
    out.append("")
    if not noheader:
        out += render_header(r) + [""]
    out.append(render_choice_table(r, linesize=linesize, options=options))
    return "\n".join(out)


def render_alternatives(s: AlternativesSummary) -> str:
    """estat alternatives (see the module docstring)."""
    top, mid, bottom = ("  +" + "-" * 39 + "-" + "-" * 33 + "+", "  |" + "-" * 39 + "+" + "-" * 33 + "|",
                        "  +" + "-" * 39 + "-" + "-" * 33 + "+")

    def line(c1, c2, c3, c4, c5, c6) -> str:
        return ("  |" + c1.ljust(10) + c2.ljust(11) + c3.ljust(18) + "|" + c4.ljust(11) + c5.ljust(11)
                + c6.ljust(11) + "|")

    out = ["", f"   Alternatives summary for {s.alt_var}", top,
           line("", "Alternative".rjust(10), "", "Cases ".rjust(10), "Frequency".rjust(10), "Percent".rjust(10)),
           line("index  ".rjust(9), "value".rjust(10), "label".rjust(17), "present".rjust(10),
                "selected".rjust(10), "selected".rjust(10)),
           mid]
    for row in s.rows:
        out.append(line(format_number(row.index, "%7.0g"), format_number(row.value, "%9.0g"),
                        abbrev(row.label, 17).rjust(17), format_number(row.cases, "%10.0g"),
                        format_number(row.selected, "%10.0g"), format_number(100 * row.fraction, "%10.2f")))
    out.append(bottom)
    return "\n".join(out)


def render_rologit(r, *, linesize: int = 80, log: bool = False, options=None) -> str:
    """rologit: cox's log (``Iteration #:`` lines, ``Refining estimates:``), then rologit.ado's
    Display: Number of obs / of groups from column 49 with ``=`` at 67; the ties line with
    ``Obs per group:``; min/avg (%10.2f)/max; ``LR chi2(df)`` and ``Log likelihood = ``
    (%9.0g) with ``Prob > chi2``; the table under depvar."""
    from mlmcli.render.coef_table import TableOptions, render_coef_table
    from mlmcli.render.iteration_log import iteration_line

    out: list[str] = []
    crit = "log pseudolikelihood" if r.robust else "log likelihood"
    if log and r.steps:
        out.append("")
        out += [iteration_line(st.iteration, st.loglik, crit, st.note) for st in r.steps]
        out += ["Refining estimates:", iteration_line(0, r.refining_loglik, crit)]
    names = {"breslow": "Breslow", "efron": "Efron"}
    ties = f"Ties handled via the {names.get(r.ties, r.ties)} method" if r.ties not in ("", "none") else \
        "No ties in data"
    p = r.p
    out += ["", _field(r.title, "Number of obs", format_number(r.nobs, "%10.0fc"), at=48),
            _field(f"Group variable: {abbrev(r.group_var, 12)}", "Number of groups",
                   format_number(r.n_groups, "%10.0f"), at=48),
            "",
            ties.ljust(48) + "Obs per group:",
            " " * 48 + "              min = " + format_number(r.g_min, "%10.0fc").rjust(10),
            " " * 48 + "              avg = " + format_number(r.g_avg, "%10.2fc").rjust(10),
            " " * 48 + "              max = " + format_number(r.g_max, "%10.0fc").rjust(10),
            "",
            _field("", f"{r.chi2_type} chi2({r.df_m})", format_number(r.chi2, "%10.2f"), at=48),
            f"{crit[0].upper() + crit[1:]} = {format_number(r.loglik, '%9.0g')}".ljust(48) + "Prob > chi2       = "
            + format_number(p, "%10.4f").rjust(10),
            ""]
    opts = options or TableOptions()
    out.append(render_coef_table(opts.rows(r.rows), r.depvar, level=r.level, linesize=linesize, robust=r.robust,
                                 cluster=r.cluster, **opts.table_kwargs()))
    return "\n".join(out)


def _mfx_number(v: float) -> str:
    # the digits of a Stata 13 estat mfx log (.040054, .06418, -.085735): six decimals at most
    return format_number(round(float(v), 6), "%9.0g")


def render_choice_mfx(r) -> str:
    """estat mfx after asclogit (asclogit_estat's Mfx display): per alternative a blank line,
    ``Pr(choice = alt|1 selected) =`` with %10.0g; the header with dp/dx at column 18, Std. Err.
    at 26, z at 39, P>|z| at 45, the interval's title at 52 and X at 77; one block per
    alternative-specific variable (a row per alternative), then ``casevars``; an indicator's
    name gets ``*`` and the table Stata 13's footnote.  Column widths (10 10 8 8 10 10 9 after
    the bar) decided without a Stata log at hand."""
    from mlmcli.render.coef_table import level_text

    lev = level_text(r.level)
    ci = f"[    {lev}% C.I.    ]" if len(lev) == 2 else f"[   {lev}% C.I.  ]"
    head = "variable     |".ljust(17) + "dp/dx".ljust(8) + "Std. Err.".ljust(13) + "z".ljust(6) + "P>|z|".ljust(7)
    head = (head + ci).ljust(76) + "X"
    rule, top, bottom = "-" * 13 + "+" + "-" * 65, "-" * 79, "-" * 79  # a text log's TT/BT corners: dashes
    out: list[str] = []
    for t in r.tables:
        out += ["", f"Pr(choice = {t.alternative}|{r.selected} selected) =" + format_number(t.pr, "%10.0g"), top,
                head, rule]
        discrete = False
        for i, block in enumerate(t.blocks):
            if i:
                out.append(rule)
            out.append(abbrev(block.title, 12).ljust(13) + "|")
            for row in block.rows:
                discrete |= row.discrete
                name = abbrev(row.name, 11 if row.discrete else 12) + ("*" if row.discrete else "")
                out.append(name.rjust(12) + " |" + _mfx_number(row.dpdx).rjust(10) + _mfx_number(row.se).rjust(10)
                           + format_number(row.z, "%5.2f").rjust(8) + format_number(row.p, "%5.3f").rjust(8)
                           + _mfx_number(row.lower).rjust(10) + _mfx_number(row.upper).rjust(10)
                           + _mfx_number(row.x).rjust(9))
        out.append(bottom)
        if discrete:
            out.append("(*) dp/dx is for discrete change of indicator variable from 0 to 1")
    return "\n".join(out)
