"""svar's output (svar.ado's Dheadernew and ETable2): a blank line, ``Structural vector
autoregression``, a blank line, the constraints (`` ( 1)  [a_1_1]_cons = 1``) and a blank line,
``Sample:`` beside ``No. of obs`` and ``Exactly identified model``/``Overidentified model`` beside
``Log likelihood`` (Stata 13's columns, as var's header: labels at 52, ``=`` at 68, %9.0g), a
blank line, then the table of the parameters as /a_i_j and /b_i_j (a rule between A's and B's; the
long-run model's /c_i_j),
fixed ones ``(constrained)``, and for an overidentified model the LR test of the restrictions.
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def render_svar(sample: str, s: dict, constraints, blocks, level: float, lr_p: float | None, *,
                cnsreport: bool = True, linesize: int = 80) -> str:
    """``blocks``: the table's CoefRow blocks (A's and B's, or C's); ``lr_p``: the LR test's
    p-value of an overidentified model."""
    from mlmcli.render.coef_table import render_coef_table

    out = ["", "Structural vector autoregression", ""]
    if cnsreport and constraints:
        out += [f" ({i:2d})  {c}" for i, c in enumerate(constraints, start=1)] + [""]
    left = "Sample:  " + sample
    out.append(left.ljust(51) + "No. of obs      = " + format_number(s["N"], "%9.0g"))
    kind = "Exactly identified model" if s["oid_df"] < 1 else "Overidentified model"
    out.append(kind.ljust(51) + "Log likelihood  = " + format_number(s["ll"], "%9.0g"))
    out.append("")
    for n, rows in enumerate(blocks):
        table = render_coef_table(None, "", level=level, linesize=linesize, equations=[(None, rows)],
                                  plus=n < len(blocks) - 1)
        out += table.split("\n")[3 if n else 0:]  # each next block below the previous one's rule
    if lr_p is not None:
        chi = format_number(s["chi2_oid"], "%7.4g").strip()
        df = format_number(s["oid_df"], "%3.0f").strip()
        line = f"LR test of identifying restrictions: chi2({df}) = {chi}"
        out.append(line.ljust(59) + "Prob > chi2".ljust(12) + "=" + format_number(lr_p, "%6.3f"))
    return "\n".join(out)
