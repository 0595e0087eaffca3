"""Survey output: svyset's settings, svydescribe's table, the svy header and the
mean/total/ratio table (regressions use render.coef_table with the "Linearized" heading)."""
from __future__ import annotations

from mlmcli.render.coef_table import BASE_WIDTH, ci_header, name_width, render_coef_table
from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.survey import DesignEffects, SurveyDescription, SurveyEstimates, SurveyHeader, SurveySettings

MISSING_SE_NOTE = "Note: missing standard errors because of stratum with single sampling unit."


def render_settings(s: SurveySettings | None) -> str:
    """svyset.ado's Display: a blank line, then ``%13s`` labels and values at column 16."""
    if s is None:
        return "no survey characteristics are set"

    def line(label: str, value: str) -> str:
        return f"{label:>13}: {value}"

    out = [""]
    out.append(line(s.wtype, s.wvar or "") if s.wtype else line("pweight", "<none>"))
    out.append(line("VCE", s.vce))
    if s.vce != "linearized":
        out.append(line("MSE", "on" if s.mse else "off"))
    for name in ("brrweight", "fay", "jkrweight", "sdrweight", "dof"):
        value = getattr(s, name)
        if name in ("fay", "dof"):
            if value is not None:
                out.append(line("Design df" if name == "dof" else "fay", _display_number(value)))
        elif value:  # svyset.ado's FirstLast: the first and the last of three or more
            out.append(line(name, " .. ".join((value[0], value[-1])) if len(value) > 2 else " ".join(value)))
    out.append(line("Single unit", s.singleunit))
    for i, st in enumerate(s.all_stages, start=1):
        out.append(line(f"Strata {i}", st.strata or "<one>"))
        out.append(line(f"SU {i}", st.su if st.su != "_n" else "<observations>"))
        out.append(line(f"FPC {i}", st.fpc or "<zero>"))
        if s.stages_wt:  # a Weight line per stage once any stage has a weight()
            out.append(line(f"Weight {i}", st.weight or "<none>"))
    return "\n".join(out)


def _display_number(value: float) -> str:
    return format_number(float(value), "%9.0g").strip()


def _fc(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def render_description(d: SurveyDescription) -> str:
    """svydescribe.ado's ByS table (no varlist): per stratum #Units (``*``: one unit), #Obs
    and the units' min, mean and max observations; the totals line; the design's missing
    observations when some rows lack a design variable."""
    out = ["", "Survey: Describing stage 1 sampling units", render_settings(d.settings), ""]
    out.append(" " * 38 + "#Obs per Unit")
    out.append(" " * 30 + "-" * 28)
    out.append("  ".join(f"{h:^8}" for h in ("Stratum", "#Units", "#Obs", "min", "mean", "max")).rstrip())
    rule = "  ".join(["-" * 8] * 6)
    out.append(rule)
    for r in d.strata:
        star = "*" if r.units == 1 else " "
        out.append(f"{r.label[:8]:>8}{_fc(r.units):>10}{star}{_fc(r.obs):>9}{_fc(r.min_obs):>10}"
                   f"{_fc(r.obs / r.units, 1):>10}{_fc(r.max_obs):>10}")
    out.append(rule)
    out.append(f"{_fc(d.n_strata):>8}{_fc(d.n_units):>10}{_fc(d.n_obs):>10}{_fc(d.min_obs):>10}"
               f"{_fc(d.n_obs / d.n_units if d.n_units else 0, 1):>10}{_fc(d.max_obs):>10}")
    if d.n_missing_design:
        out.append("")
        out.append(" " * 18 + f"{_fc(d.n_missing_design):>10}" + " = #Obs with missing values in the ")
        out.append(" " * 18 + "  " + "-" * 8 + "   survey characteristics")
        out.append(" " * 18 + f"{_fc(d.n_total):>10}")
    return "\n".join(out)


def _g(value: float) -> str:
    return format_number(value, "%9.0g").strip()


def render_header(h: SurveyHeader, width: int = 78) -> str:
    """The survey header: ``Survey: <title>``, a blank line, then the design (left) beside the
    sample and the test (right).  Regressions (78 columns): labels padded to 19, values %9 at
    columns 21-30 and 69-78.  mean/total/ratio (``narrow``): the right block ends at the
    table's width, its values as wide as the widest plus two (published Stata 13 logs)."""
    right: list[tuple[str, str]] = [("Number of obs", str(h.n_obs)), ("Population size", _g(h.population))]
    if h.subpop_obs is not None:
        right += [("Subpop. no. of obs", str(h.subpop_obs)), ("Subpop. size", _g(h.subpop_size))]
    if h.replications is not None:
        right.append(("Replications", str(h.replications)))
    right.append(("Design df", _g(h.design_df)))
    if h.F is not None and not h.narrow:
        right.append((f"F({format_number(h.df1, '%4.0f')},{format_number(h.df2, '%7.0f')})",
                      format_number(h.F, "%9.2f").strip()))
        right.append(("Prob > F", format_number(h.p_F, "%9.4f").strip()))
    if h.r2 is not None and not h.narrow:
        right.append(("R-squared", format_number(h.r2, "%9.4f").strip()))
    out = [h.title, ""]
    if h.narrow:
        lw = max(16, max(len(k) for k, _ in right))
        vw = max(len(v) for _, v in right) + 2
        start = width - (lw + 2) - vw
        left = [f"{'Number of strata':<16} = {h.n_strata:>7}"] + \
            [f"{'Number of PSUs':<16} = {h.n_psu:>7}"] * h.show_psus
        for i, (k, v) in enumerate(right):
            lft = left[i] if i < len(left) else ""
            out.append(f"{lft:<{start}}{k:<{lw}} ={v:>{vw}}")
    else:
        lw = max(18, max(len(k) for k, _ in right))
        left = [f"{'Number of strata':<18} = {h.n_strata:>9}"] + \
            [f"{'Number of PSUs':<18} = {h.n_psu:>9}"] * h.show_psus
        for i, (k, v) in enumerate(right):
            lft = left[i] if i < len(left) else ""
            out.append(f"{lft:<48}{k:<{lw}} = {v:>9}")
    return "\n".join(out)


def render_estimate_table(r: SurveyEstimates, linesize: int = 80, cformat: str = "%9.0g") -> str:
    """mean/total/ratio's table: name | estimate, Linearized Std. Err., the t interval
    (``cformat``: the numbers' format, cformat() of mean ... outside svy)."""
    s = name_width([(None, r.rows)], linesize=linesize) if r.rows else BASE_WIDTH
    total = s + 50
    # the vcetype centred over Std. Err. as _coef_table does (Linearized 13 spaces in, BRR 17)
    # (mean/total/proportion outside svy with vce(analytic): no vcetype line)
    vce_line = [" " * s + " |" + " " * (14 + (9 - len(r.vce_label)) // 2) + r.vce_label] if r.vce_label else []
    out = ["-" * total, *vce_line,
           ("Over" if r.over else "").rjust(s) + " |" + r.column.rjust(11) + "Std. Err.".rjust(12)
           + ci_header(r.level).rjust(25),
           "-" * (s + 1) + "+" + "-" * (total - s - 2)]
    for i, row in enumerate(r.rows):
        if r.equations and (i == 0 or r.equations[i] != r.equations[i - 1]):  # proportion's variable
            out.append(abbrev(r.equations[i], s).ljust(s) + " |")
        out.append(abbrev(row.name, s).rjust(s) + " |" + format_number(row.coef, cformat).rjust(11)
                   + format_number(row.se, cformat).rjust(11) + format_number(row.ci_lo, cformat).rjust(14)
                   + format_number(row.ci_hi, cformat).rjust(12))
    out.append("-" * total)
    return "\n".join(out)


def render_survey_estimates(r: SurveyEstimates, linesize: int = 80, header: bool = True, table: bool = True,
                            legend: bool = True, baselevels: bool = False, formats: dict | None = None) -> str:
    """The whole svy output after "(running cmd on estimation sample)": blank, header, blank,
    the legend (ratio, proportion), the table and the lonely-PSU note (svy's noheader,
    notable and nolegend leave their parts out; ``baselevels``: the base rows shown;
    ``formats``: the table's cformat/sformat/pformat, None for Stata's defaults)."""
    formats = formats or {}
    out = [""] if header or table else []
    if r.rows:
        width = name_width([(None, r.rows)], linesize=linesize) + 50
        if header:
            out += [render_header(r.header, width), ""]
        if r.legend and legend:
            lw = max(len(name) for name, _ in r.legend)
            out.extend(f"{name:>{max(lw, 13)}}: {text}" if name else "" for name, text in r.legend)
            out.append("")
        if table:
            out.append(render_estimate_table(r, linesize, formats.get("cformat") or "%9.0g"))
    else:
        if header:
            out += [render_header(r.header), ""]
        if table:
            out.append(_coefficient_table(r, linesize, baselevels, formats))
    if r.missing_se and table:
        out.append(MISSING_SE_NOTE)
    if r.strata_omitted and table:
        out.append(f"Note: {r.strata_omitted} strata omitted because they contain no subpopulation members."
                   if r.strata_omitted > 1 else
                   "Note: 1 stratum omitted because it contains no subpopulation members.")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def _coefficient_table(r: SurveyEstimates, linesize: int, baselevels: bool = False, formats: dict | None = None) -> str:
    table = render_coef_table(r.coef_rows, r.depvar, stat_label="t", level=r.level, linesize=linesize,
                              vce_label=r.vce_label, coef_label=r.coef_label, eform=r.eform,
                              plus=bool(r.ancillary), baselevels=baselevels, **(formats or {}))
    if not r.ancillary:
        return table
    out = [table]
    s = table.splitlines()[0].count("-") - 66
    for k, row in enumerate(r.ancillary + r.derived):  # /cut#, /lnalpha, alpha: estimate, SE, interval
        if r.derived and k == len(r.ancillary):  # (render/glm_table's layout)
            out.append("-" * (s + 1) + "+" + "-" * 64)
        cf = (formats or {}).get("cformat") or "%9.0g"
        out.append(row.name.rjust(s) + " |" + format_number(row.coef, cf).rjust(11)
                   + format_number(row.se, cf).rjust(11) + " " * 17
                   + format_number(row.ci_lo, cf).rjust(13) + format_number(row.ci_hi, cf).rjust(12))
    out.append("-" * (s + 66))
    return "\n".join(out)


FPC_DEFF_NOTE = ("Note: Weights must represent population totals for deff to be correct when using an FPC; "
                 "however, deft is invariant to the scale of weights.")


def render_effects(r: DesignEffects, linesize: int = 80) -> str:
    """estat effects' table: estimate, Linearized Std. Err., DEFF and DEFT (58 columns)."""
    import textwrap

    from mlmcli.render.survey_estat import estimate_columns_table

    # six significant digits: .758641 and .754308 in a published Stata log of estat effects
    cols = [("DEFF", 3, 11)] * r.deff + [("DEFT", 4, 11)] * r.deft + [("MEFF", 5, 11)] * r.meff \
        + [("MEFT", 6, 11)] * r.meft
    rows = [(coef, se, *(effects[k - 3] for _, k, _ in cols)) for _, coef, se, *effects in r.rows]
    out = [""] + estimate_columns_table([row[0] for row in r.rows], r.depvar, r.column, r.vce_label, rows,
                                        [(name, w, "%9.6g") for name, _, w in cols], linesize,
                                        r.equations)
    if r.fpc:
        out.extend(textwrap.wrap(FPC_DEFF_NOTE, linesize - 2, subsequent_indent=" " * 6))
    return "\n".join(out)
