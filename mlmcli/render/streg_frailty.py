"""streg with frailty(): the header and the footnote (Stata 13's layouts).

Unshared, the title line is streg's and the frailty (``Gamma frailty``, ``Inverse-Gaussian
frailty``) stands below the form, aligned with it.  shared(): the title breaks after ``--``, the
form and the frailty (``Gamma shared frailty``) on lines of their own indented 9, ``Number of
obs`` and ``Number of groups`` at column 49 beside them (``=`` at 68, %9.0g values), ``Group variable: v``, then
``Obs per group: min =`` (``avg``, ``max`` at column 64) beside the subjects, failures and time
at risk, the test and the log likelihood with ``=`` at 68 (st_hcd_sh's layout).  Below the
table streghet_footnote's ``Likelihood-ratio test of theta=0: chibar2(01) = `` (%8.2f, or
%8.2e outside (0.005, 1e4)) `` Prob>=chibar2 = `` (%5.3f), and the warning when a subject's
records are in different groups.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number


def _right(text: str, label: str, value: str) -> str:
    return text.ljust(48) + label.ljust(19) + "= " + value


def frailty_title(r) -> list[str]:
    """Unshared: the title, then the frailty under the form."""
    head, _ = r.title.split(" -- ")
    return [r.title, " " * (len(head) + 4) + r.frailty["title"]]


def _shared_title(r) -> list[str]:
    head, form = r.title.split(" -- ")
    return [f"{head} --", " " * 9 + form, " " * 9 + r.frailty["title"]]


def shared_header(r) -> list[str]:
    fr = r.frailty
    title = _shared_title(r)
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [title[0], _right(title[1], "Number of obs", format_number(r.nobs, "%9.0g")),
            _right(title[2], "Number of groups", format_number(fr["n_groups"], "%9.0g")),
            "Group variable: " + abbrev(fr["shared"], 12), "",
            _right("No. of subjects = " + format_number(r.n_subjects, "%12.0g"), "Obs per group: min",
                   format_number(fr["g_min"], "%9.0g")),
            "No. of failures = " + format_number(r.n_failures, "%12.0g") + " " * 33 + "avg = "
            + format_number(fr["g_avg"], "%9.0g"),
            "Time at risk    = " + format_number(r.time_at_risk, "%12.0g") + " " * 33 + "max = "
            + format_number(fr["g_max"], "%9.0g"), "",
            _right("", f"{r.chi2_type} chi2({r.df_m})", format_number(r.chi2, "%9.2f")),
            _right(f"{crit:<15} =   " + format_number(r.loglik, "%10.0g"), "Prob > chi2",
                   format_number(r.p, "%9.4f"))]


def frailty_footnote(r) -> list[str]:
    chi = r.frailty["chi2_c"]
    out = []
    if chi is not None:
        fmt = "%8.2f" if (0.005 < chi < 1e4) or chi == 0 else "%8.2e"
        out.append("Likelihood-ratio test of theta=0: chibar2(01) = " + format_number(chi, fmt)
                   + " Prob>=chibar2 = " + format_number(r.frailty["p_c"], "%5.3f"))
    if r.frailty["sh_warn"]:
        out.append("Warning: Observations within subject belong to different frailty groups.")
    return out
