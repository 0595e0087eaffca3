"""stcrreg's text as Stata prints it (stcrreg.ado's Display and DiHeader).

The st settings (st_show), ml's log (``Iteration n:   log pseudolikelihood = ...``), then a
blank line and the header: the title, and from column 50 the counts (label, ``=`` at column
67, the value %10.0g in columns 69-78); on the left ``Failure event`` and ``Competing event``
with ``: `` at column 16 (17 when the competing events are several), the event text (events
longer than 25 characters as ``(1)``/``(2)``, written out below the table); a blank line,
``Wald chi2(df)`` (%9.2f from column 70) and ``Log pseudolikelihood = `` %10.0g beside
``Prob > chi2`` (%6.4f from column 73).  A blank line and the table of ``_t`` with ``SHR``
(unless noshr) and ``Robust`` standard errors; without competing events the warning that the
model is Cox regression.
"""
from __future__ import annotations

from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.render.survival import render_st_show, st_coef_table, tvc_note
from mlmcli.results.competing_risks import CompetingRisksResult


def _at(left: str, col: int, text: str) -> str:
    """``text`` from 1-based column ``col`` (Stata's _col())."""
    return left.ljust(col - 1) + text


def _count(left: str, label: str, value: float) -> str:
    return _at(_at(left, 50, label), 67, "=") + " " + format_number(value, "%10.0g").rjust(10)


def _event(label: str, event, col: int, number: int) -> tuple[str, int]:
    """The left part of an event line and its footnote number (0: written in place)."""
    if len(event.text) <= 25:
        text = event.text + (" (meaning all fail)" if event.text == "1" else "") \
            + (" nonzero, nonmissing" if event.nonzero else "")
        return _at(label, col, ": " + text), 0
    return _at(label, col, f": ({number})"), number


def render_header(r: CompetingRisksResult) -> tuple[list[str], list[str]]:
    """The header lines and the footnotes for the events written as (1)/(2)."""
    col = 17 if r.compete.multiple else 16
    fail_left, fnum = _event("Failure event" + ("s" if r.failure.multiple else ""), r.failure, col, 1)
    comp_left, cnum = _event("Competing event" + ("s" if r.compete.multiple else ""), r.compete, col,
                             1 + (1 if fnum else 0))
    out = [_count("Competing-risks regression", "No. of obs", r.nobs),
           _count("", "No. of subjects", r.n_subjects),
           _count(fail_left, "No. failed", r.n_failed),
           _count(comp_left, "No. competing", r.n_competing),
           _count("", "No. censored", r.n_censored), ""]
    if r.n_reps is not None:  # vce(bootstrap|jackknife): e(N_reps)
        out.append(_count("", "Replications", r.n_reps))
    test = f"Wald chi2({r.df_m})"
    if r.chi2_type == "F":  # jackknife: F(%4.0g, %7.0g) on e(df_m), e(df_r)
        test = f"F({format_number(r.df_m, '%4.0g')},{format_number(r.df_r, '%7.0g')})"
    out.append(_at(_at("", 50, test), 67, "=") + "  " + format_number(r.chi2, "%9.2f").rjust(9))
    left = "Log pseudolikelihood = " + format_number(r.loglik, "%10.0g")
    prob = "Prob > F" if r.chi2_type == "F" else "Prob > chi2"
    out.append(_at(_at(left, 50, prob), 67, "=") + "     " + format_number(r.p, "%6.4f").rjust(6))
    notes = []
    if fnum:
        notes.append(f"({fnum}) {r.failure.text}")
    if cnum:
        notes.append(f"({cnum}) {r.compete.text}")
    return out, notes


def render_table(r: CompetingRisksResult, *, shr: bool = True, linesize: int = 80, options=None) -> str:
    """The table (stcox's, with tvc() its main and tvc equations); ``options`` (``TableOptions``):
    the display options stcrreg's Display hands _coef_table (noomitted, vsquish, baselevels,
    formats, coeflegend ...)."""
    return st_coef_table(r, r.coefs_shr if shr else r.coefs, robust=True, eform=shr,
                         coef_label="SHR" if shr else "Coef.", linesize=linesize, options=options)


def render_stcrreg(r: CompetingRisksResult, *, shr: bool = True, nolog: bool = False, noshow: bool = False,
                   noheader: bool = False, notable: bool = False, linesize: int = 80, cnsreport: bool = True,
                   options=None) -> str:
    """Everything stcrreg prints (a leading blank line); the constraints above the table unless
    ``nocnsreport``."""
    out: list[str] = []
    if not noshow:
        out.append(render_st_show(r.description))
    if not nolog and r.steps:
        out.append("")
        out += [iteration_line(st.iteration, st.loglik, "log pseudolikelihood", st.note) for st in r.steps]
    notes: list[str] = []
    if not noheader:
        header, notes = render_header(r)
        out += [""] + header
    if not notable:
        out.append("")  # _coef_table: the constraints, then the table
        out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels if cnsreport else (), start=1)]
        out.append(render_table(r, shr=shr, linesize=linesize, options=options))
        if r.n_tvc:
            out += tvc_note(r.texp, linesize)
        if not r.n_competing:
            out.append("Warning: no competing risks events found; model is Cox regression")
    out += notes
    return "\n".join(line.rstrip() for line in "\n".join(out).split("\n"))
