"""The survival commands' text as Stata 13 prints it.

stset (st.ado and st_set.ado): the settings block (``     failure event:  died == 1``,
labels right-aligned to column 19, two spaces, the value), a blank line, a rule of 78, the
counts (``%11.0g`` of the count rounded to 0.001, two spaces, the text; an exclusion that is
probably a mistake ends ``PROBABLE ERROR`` at column 65), a rule, the records remaining,
subjects, failures and time at risk, and the three ``t =`` lines (``%9.0g`` at columns 66-74).

st_show (before every st estimation command's output): ``         failure _d:  ...`` and
``   analysis time _t:  ...`` (and origin, enter, exit, id, weight lines).

stcox: the log (``Iteration n:   log likelihood = ...``, ``Refining estimates:``), the title
``Cox regression -- Breslow method for ties``, the header (left labels in 16 columns,
``= `` and a %12.0g value; right block from column 49, label in 17 columns, ``=`` and the
value ending at column 78) and the coefficient table of ``_t`` (``Haz. Ratio`` unless nohr).
"""
from __future__ import annotations

from mlmcli.render.coef_table import RIGHT_WIDTH, ancillary_line, hline, name_width, offset_row, render_coef_table
from mlmcli.render.abbrev import abbrev
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.results.survival import CoxResult, StDescription, StEstimationHeader, StSetSummary


def _line(label: str, value: str, col: int = 19) -> str:
    return (label + ":").rjust(col) + "  " + value


def render_st_description(d: StDescription) -> str:
    """st.ado's block (a leading blank line)."""
    out = [""]
    if d.id:
        out.append(_line("id", d.id))
    if d.failvar:
        event = f"{d.failvar} == {d.events}" if d.events else f"{d.failvar} != 0 & {d.failvar} < ."
    else:
        event = f"(assumed to fail at time={d.bt})"
    out.append(_line("failure event", event))
    start = d.bt0 or (f"{d.bt}[_n-1]" if d.id else "origin" if d.origin else "0")
    out.append(_line("obs. time interval", f"({start}, {d.bt}]"))
    if d.enter:
        out.append(_line("enter on or after", d.enter))
    out.append(_line("exit on or before", d.exit or "failure"))
    if d.origin or d.scale != "1":
        out.append(_line("t for analysis", ("(time-origin)" if d.origin else "time")
                         + (f"/{d.scale}" if d.scale != "1" else "")))
        if d.origin:
            out.append(_line("origin", d.origin))
    if d.weight:
        out.append(_line("weight", d.weight))
    if d.ifexp:
        out.append(_line("if exp", d.ifexp))
    return "\n".join(out)


def _count(value: float, text: str) -> str:
    return format_number(round(float(value), 3), "%11.0g") + "  " + text


def render_stset(s: StSetSummary) -> str:
    """stset's whole output (a leading blank line)."""
    out = [render_st_description(s.description), "", hline(78)]
    obs = "observation" if s.n_total == 1 else "observations"
    out.append(_count(s.n_total, f"total {obs}"))
    if s.exclusions:
        for e in s.exclusions:
            text = _count(e.count, e.text)
            out.append(text.ljust(64) + "PROBABLE ERROR" if e.probable_error else text)
            out += [" " * 13 + more for more in e.continuation]
    else:
        out.append(_count(0, "exclusions"))
    out.append(hline(78))
    obs = "observation" if s.remaining == 1 else "observations"
    if s.weighted_total is not None:
        out.append(_count(s.remaining, f"physical {obs} remaining, equal to"))
        obs = "observation" if s.weighted_total == 1 else "observations"
        out.append(_count(s.weighted_total, f"weighted {obs}, representing"))
    else:
        out.append(_count(s.remaining, f"{obs} remaining, representing"))
    if s.subjects is not None:
        out.append(_count(s.subjects, "subject" if s.subjects == 1 else "subjects"))
    out.append(_count(s.failures, ("failure" if s.failures == 1 else "failures") + f" in {s.failure_data}"))
    if s.at_risk_after_failure:
        out.append(_count(s.at_risk_after_failure, ("subject remains" if s.at_risk_after_failure == 1
                                                    else "subjects remain") + " at risk after failure"))
    out.append(_count(s.time_at_risk, "total analysis time at risk and under observation"))
    out.append(" " * 48 + "at risk from t = " + format_number(0, "%9.0g"))
    out.append(" " * 37 + "earliest observed entry t = " + format_number(s.earliest_entry, "%9.0g"))
    out.append(" " * 42 + "last observed exit t = " + format_number(s.last_exit, "%9.0g"))
    return "\n".join(out)


def render_st_show(d: StDescription) -> str:
    """st_show.ado's lines above an st estimation command's output (a leading blank line)."""
    if d.failvar:
        fail = f"{d.failvar} == {d.events}" if d.events else d.failvar
    else:
        fail = "1 (meaning all fail)"
    out = ["", " " * 9 + "failure _d:  " + fail]
    t = f"({d.bt}-origin)" if d.origin else d.bt
    out.append(" " * 3 + "analysis time _t:  " + t + (f"/{d.scale}" if d.scale != "1" else ""))
    if d.origin:
        out.append(" " * 13 + "origin:  " + d.origin)
    if d.enter:
        out.append("  enter on or after:  " + d.enter)
    if d.exit:
        out.append("  exit on or before:  " + d.exit)
    if d.id:
        out.append(" " * 17 + "id:  " + d.id)
    if d.weight:
        out.append(" " * 13 + "weight:  " + d.weight)
    return "\n".join(out)


TIES_TITLE = {"breslow": "Breslow method for ties", "efron": "Efron method for ties",
              "exactm": "exact marginal likelihood", "exactp": "exact partial likelihood", "none": "no ties"}


def _left(label: str, value: str, width: int = 16) -> str:
    return label.ljust(width) + "= " + value.rjust(12)


def _right(label: str, value: str) -> str:
    return label.ljust(17) + "=" + value.rjust(12)


def _pair(left: str, right: str = "") -> str:
    return (left.ljust(48) + right) if right else left


def st_header(title: str, r: StEstimationHeader) -> list[str]:
    """The title and the header of the st estimation commands (st_hcd's block and the test);
    after a robust VCE (``r.pseudo``) the left labels take 21 columns (``Log
    pseudolikelihood``), as Stata's stcox header does."""
    chi2_type = r.chi2_type
    width = 21 if r.pseudo else 16
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [title, "",
            _pair(_left("No. of subjects", format_number(r.n_subjects, "%12.0g"), width),
                  _right("Number of obs", format_number(r.nobs, "%12.0g"))),
            _left("No. of failures", format_number(r.n_failures, "%12.0g"), width),
            _left("Time at risk", format_number(r.time_at_risk, "%12.0g"), width),
            _pair("", _right(_test_label(r, chi2_type), format_number(r.chi2, "%12.2f"))),
            _pair(_left(crit, format_number(r.loglik, "%10.0g"), width),
                  _right("Prob > F" if chi2_type == "F" else "Prob > chi2", format_number(r.p, "%12.4f")))]


def _test_label(r, test_type: str) -> str:
    """``LR chi2(k)``, ``Wald chi2(k)``, or under jackknife st_hcd's ``F(%4.0f,%7.0f)``."""
    if test_type == "F":
        return f"F({format_number(r.df_m, '%4.0f')},{format_number(r.df_r, '%7.0f')})"
    return f"{test_type} chi2({r.df_m})"


def render_cox_header(r: CoxResult) -> list[str]:
    title = "Stratified Cox regr." if r.strata else "Cox regression"
    return st_header(f"{title} -- {TIES_TITLE[r.ties]}", r)


def render_cox_table(r: CoxResult, *, hr: bool = True, linesize: int = 80, options=None) -> str:
    """The table; ``options`` (``TableOptions``): the display options (noomitted, vsquish,
    baselevels, formats, coeflegend ...)."""
    return st_coef_table(r, r.coefs_hr if hr else r.coefs, robust=r.vce != "oim", eform=hr,
                         coef_label="Haz. Ratio" if hr else "Coef.", linesize=linesize, options=options)


def st_coef_table(r, rows, *, robust: bool, eform: bool, coef_label: str, linesize: int = 80, options=None) -> str:
    """stcox's and stcrreg's coefficient table of ``rows``: with tvc() (``r.n_tvc``) the main and
    tvc equations (stcox_footnote's note below the table), the replicates' clusters over it
    (_coef_table's legend).  ``r`` has n_tvc, level, n_clusters/cluster_var, vce_label, df_r
    and replications."""
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions()
    rows = list(rows)
    eqs = [("main", opts.rows(rows[:len(rows) - r.n_tvc])), ("tvc", opts.rows(rows[len(rows) - r.n_tvc:]))] \
        if r.n_tvc else None
    rows = opts.rows(rows)
    s = 12 if opts.nolstretch else name_width(eqs or [(None, rows)], linesize=linesize, baselevels=opts.baselevels)
    cluster = (r.n_clusters, r.cluster_var) if r.cluster_var and r.n_clusters else None
    table = render_coef_table(None if eqs else rows, "_t", level=r.level, linesize=linesize, robust=robust,
                              cluster=cluster, width=s, equations=eqs, vce_label=r.vce_label,
                              stat_label="t" if r.df_r is not None else "z", eform=eform, coef_label=coef_label,
                              legend_eqs=["main", "tvc"] if eqs and opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    if r.replications:
        n, var = r.replications
        table.insert(0, f"(Replications based on {n} clusters in {abbrev(var, 12)})".rjust(s + RIGHT_WIDTH))
    return "\n".join(table)


def render_cox(r: CoxResult, *, hr: bool = True, nolog: bool = False, noshow: bool = False,
               noheader: bool = False, linesize: int = 80, notes=(), options=None) -> str:
    """Everything stcox prints (a leading blank line); ``notes`` (``note: x omitted because
    of collinearity``) right after the st lines, before the iteration log."""
    out: list[str] = []
    if not noshow:
        out.append(render_st_show(r.description))
    out += list(notes)
    crit = "log pseudolikelihood" if r.pseudo else "log likelihood"
    if not nolog and r.iteration_log.phases:
        out.append("")
        out += [iteration_line(st.iteration, st.loglik, crit, st.note) for st in r.iteration_log.phases[0].steps]
        out.append("Refining estimates:")
        out.append(iteration_line(0, r.refining_loglik, crit))
    out.append("")
    if not noheader:
        out += render_cox_header(r)
        out.append("")
    out.append(render_cox_table(r, hr=hr, linesize=linesize, options=options))
    out += cox_footnote(r, linesize)
    return "\n".join(out)


def cox_footnote(r: CoxResult, linesize: int = 80) -> list[str]:
    """stcox_footnote: ``Stratified by v`` ending at column min(78, linesize), and with tvc() the
    note on the tvc equation (a paragraph of that width, continuation lines indented 6)."""
    width = min(78, linesize)
    out = []
    if r.strata:
        out.append(" " * (width - 14 - len(r.strata)) + "Stratified by " + r.strata)
    if r.n_tvc:
        out += tvc_note(r.texp, linesize)
    return out


def tvc_note(texp: str, linesize: int = 80) -> list[str]:
    """The note below a table with a tvc equation (a paragraph of width min(78, linesize),
    continuation lines indented 6)."""
    import textwrap

    return textwrap.wrap(f"Note: variables in tvc equation interacted with {texp}", width=min(78, linesize),
                         subsequent_indent=" " * 6, break_long_words=False, break_on_hyphens=False)


def render_streg_table(r, *, hr: bool = True, tr: bool = False, linesize: int = 80, options=None) -> str:
    """The _t table (hazard or time ratios without _cons, as Stata 13's eform tables; or
    coefficients), the ancillary()/anc2() equations, then ``/ln_p`` rows and ``p``/``1/p``
    below rules; ``options`` (``TableOptions``): the display options (coeflegend: each row's
    ``_b[]`` name, ``/ln_p`` as ``_b[ln_p:_cons]``, p and 1/p their value alone)."""
    from mlmcli.render.coef_table import TableOptions
    from mlmcli.render.glm_table import ancillary_legend

    opts = options or TableOptions()
    eform = (hr or tr) and bool(r.coefs_hr)
    rows = opts.rows([row for row in r.coefs_hr if row.name != "_cons"] if eform else list(r.coefs))
    eqs = [("_t", rows)] + [(name, opts.rows(eq_rows)) for name, eq_rows in r.aux_equations]
    s = 12 if opts.nolstretch else name_width(
        [(None, [row for _, rs in eqs for row in rs] + list(r.ancillary) + list(r.natural))],
        linesize=linesize, baselevels=opts.baselevels)
    cluster = (r.n_clusters, r.cluster_var) if r.cluster_var and r.n_clusters else None
    kw = dict(level=r.level, linesize=linesize, width=s, robust=r.pseudo, cluster=cluster, eform=eform,
              vce_label=getattr(r, "vce_label", None), stat_label="t" if getattr(r, "df_r", None) is not None else "z",
              coef_label=("Haz. Ratio" if hr else "Tm. Ratio") if eform else "Coef.", **opts.table_kwargs())
    if opts.coeflegend and r.aux_equations:
        kw["legend_eqs"] = [None] + [name for name, _ in r.aux_equations]
    if r.aux_equations:
        table = render_coef_table(None, "", equations=eqs, **kw).split("\n")
    else:
        table = render_coef_table(rows, "_t", **kw).split("\n")
    if r.offset_name:  # the last row of the _t equation, as Stata's tables show an offset
        line = offset_row(r.offset_name, s)
        if r.aux_equations:
            at = next(i for i, text in enumerate(table) if text.startswith(r.aux_equations[0][0].ljust(s) + " |")) - 1
        else:
            at = len(table) - 1
        table.insert(at, line)
    table.pop()
    mid = hline(s + 1) + "+" + hline(RIGHT_WIDTH - 2)
    if r.ancillary:
        anc = render_coef_table(list(r.ancillary), "_t", level=r.level, linesize=linesize, width=s,
                                cformat=opts.cformat, sformat=opts.sformat, pformat=opts.pformat).split("\n")
        table.append(mid)
        table += ([ancillary_legend(row, s, opts.cformat) for row in r.ancillary] if opts.coeflegend
                  else [line for line in anc if line.lstrip().startswith("/")])
    if r.natural:
        table.append(mid)
        table += [ancillary_legend(row, s, opts.cformat) if opts.coeflegend else ancillary_line(row, s, opts.cformat)
                  for row in r.natural]
    table.append(hline(s + RIGHT_WIDTH))
    if getattr(r, "replications", None):  # the replicates' clusters (_coef_table's legend)
        n, var = r.replications
        table.insert(0, f"(Replications based on {n} clusters in {abbrev(var, 12)})".rjust(s + RIGHT_WIDTH))
    return "\n".join(table)


def _streg_header(r) -> list[str]:
    """st_header, or with frailty() the title on three lines (shared(): streg_frailty's header)."""
    if not r.frailty:
        return st_header(r.title, r)
    from mlmcli.render.streg_frailty import frailty_title, shared_header

    if r.frailty["shared"]:
        return shared_header(r)
    return frailty_title(r) + st_header(r.title, r)[1:]


def render_streg(r, *, hr: bool = True, tr: bool = False, nolog: bool = False, noshow: bool = False,
                 noheader: bool = False, linesize: int = 80, cnsreport: bool = True, options=None) -> str:
    """Everything streg prints (a leading blank line); the constraints above the table unless
    ``nocnsreport``."""
    out: list[str] = []
    if not noshow:
        out.append(render_st_show(r.description))
    crit = "log pseudolikelihood" if r.pseudo else "log likelihood"
    if not nolog:
        for phase in r.iteration_log.phases:
            out += ["", phase.heading, ""] if phase.heading else [""]
            for st in phase.steps:  # technique()'s "(switching technique to t)" above its iteration
                out += ([st.before] if st.before else []) + [iteration_line(st.iteration, st.loglik, crit, st.note)]
    out += [""] + ([] if noheader else _streg_header(r) + [""])
    out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels if cnsreport else (), start=1)]
    out.append(render_streg_table(r, hr=hr, tr=tr, linesize=linesize, options=options))
    if r.frailty:
        from mlmcli.render.streg_frailty import frailty_footnote

        out += frailty_footnote(r)
    return "\n".join(line.rstrip() for line in out)


def render_stsum(risk: float, rate: float, subjects: float, p25: float, p50: float, p75: float,
                 title: str = "total") -> str:
    """stsum's table (stsum.ado's DispHdr and Displine; a leading blank line)."""
    head1 = " " * 9 + "|" + " " * 15 + "incidence" + " " * 7 + "no. of" + " " * 4 + "|------ Survival time -----|"
    head2 = " " * 9 + "| time at risk" + " " * 5 + "rate" + " " * 8 + "subjects" + " " * 8 + "25%" + " " * 7 \
        + "50%" + " " * 7 + "75%"
    line = (title.rjust(8) + " | " + format_number(risk, "%12.0g") + "  " + format_number(rate, "%9.0g"))
    line = line.ljust(39) + format_number(subjects, "%9.0g") + "  " + format_number(p25, "%9.0g") + " " \
        + format_number(p50, "%9.0g") + " " + format_number(p75, "%9.0g")
    return "\n".join(["", head1, head2, "-" * 9 + "+" + "-" * 69, line])


def render_stdescribe(s: dict, weighted_data: bool = False) -> str:
    """stdescribe's table (stdescribe.ado's DispHdr/Displine; a leading blank line): labels,
    the total (%10.0g) from column 23, then mean, min, median, max (%9.0g)."""
    def line(label: str, total=None, row=None) -> str:
        text = label.ljust(22) + (format_number(total, "%10.0g") + "   " if total is not None else " " * 13)
        if row is None:
            return text.rstrip()
        mean, lo, med, hi = row
        return (text + format_number(mean, "%9.0g") + "   " + format_number(lo, "%9.0g") + "  "
                + format_number(med, "%9.0g") + "  " + format_number(hi, "%9.0g"))
    out = ["", " " * 35 + "|" + "-" * 14 + " per subject " + "-" * 14 + "|"]
    if weighted_data:
        out.append(" " * 24 + "unweighted" + " " * 3 + "unweighted" + " " * 12 + "unweighted")
    out.append("Category" + " " * 19 + "total" + " " * 8 + "mean" + " " * 9 + "min" + " " * 5 + "median"
               + " " * 8 + "max")
    out.append("-" * 78)
    out.append(line("no. of subjects", s["subjects"]))
    out.append(line("no. of records", s["records"][0], s["records"][1:]))
    out.append("")
    out.append(line("(first) entry time", None, s["entry"][1:]))
    out.append(line("(final) exit time", None, s["exit"][1:]))
    out.append("")
    out.append(line("subjects with gap", s["subjects_with_gap"]))
    out.append(line("time on gap if gap", s["gap"][0], s["gap"][1:]) if s["gap"] is not None
               else line("time on gap if gap", 0))
    out.append(line("time at risk", s["risk"][0], s["risk"][1:]))
    out.append("")
    out.append(line("failures", s["failures"][0], s["failures"][1:]))
    out.append("-" * 78)
    return "\n".join(out)
