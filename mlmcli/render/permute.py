"""permute's results as permute.ado's DisplayResults draws them: the header (title, Number of
strata, Number of obs), the legend (command, expressions, permute var), the table T | T(obs) c n
p=c/n SE(p) [95% Conf. Interval] and the notes.  The header's columns are those of bootstrap's
Stata 13 header (replicate_explist.render_exp_list); the row's columns those of the example
output at the end of permute.ado."""
from __future__ import annotations

from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number


def render_permute(items, results, command: str, permvar: str, nobs: int, level: float, n_strata,
                   event: str, shown: dict, missing: bool) -> str:
    """event: the event counted as the note shows it (``|T| >= |T(obs)|``)."""
    out = []
    if not shown.get("noheader"):
        title = str(shown.get("title") or "Monte Carlo permutation results").strip().strip('"')
        block = ([("Number of strata", n_strata)] if n_strata is not None else []) + [("Number of obs", nobs)]
        out += [""] + [(title if i == 0 else "").ljust(48) + label.ljust(19) + "=" + format_number(float(v), "%10.0fc").rjust(10)
                       for i, (label, v) in enumerate(block)]
        if not shown.get("nolegend"):
            legend = [("command", command)] + list(items) + [("permute var", permvar)]
            out += [""] + [f"{name:>13}:  {exp}" for name, exp in legend]
    if shown.get("notable"):
        return "\n".join(out)
    shown_level = level_text(level)
    ci_title = f"[{shown_level}% " + ("Conf. Interval]" if len(shown_level) == 2 else "Conf. Int.]")
    out += ["", "-" * 78,
            "T            |     T(obs)       c       n   p=c/n   SE(p)" + ci_title.rjust(21),
            "-" * 13 + "+" + "-" * 64]
    for (name, _), t in zip(items, results):
        out.append(f"{name[:12]:>12} |" + format_number(t.observed, "%9.0g").rjust(11)
                   + format_number(float(t.c), "%9.0g").strip().rjust(8)
                   + format_number(float(t.n), "%9.0g").strip().rjust(8)
                   + format_number(t.p, "%7.4f").rjust(8) + format_number(t.se, "%7.4f").rjust(8)
                   + format_number(t.lower, "%9.0g").rjust(10) + format_number(t.upper, "%9.0g").rjust(11))
    out.append("-" * 78)
    out.append("Note: Confidence interval is with respect to p=c/n." if len(items) == 1
               else "Note: Confidence intervals are with respect to p=c/n.")
    out.append(f"Note: c = #{{{event}}}")
    if missing:
        out.append("Note: Missing values observed in permutation replicates.")
    return "\n".join(out)
