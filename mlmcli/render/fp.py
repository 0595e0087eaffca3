"""fp's "Fractional polynomial comparisons" table (fp.ado's fp_replay_compare)."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import fmt


def _format_for(values) -> str:
    finite = [abs(v) for v in values if math.isfinite(v)]
    top = max(finite) if finite else 0.0
    if top < 1e4:
        return "%10.3f"
    if top < 1e6:
        return "%10.2f"
    if top < 1e8:
        return "%10.0f"
    return "%10.0g"


def render_comparison(variable: str, table, regress_like: bool) -> str:
    """``table``: (rows, the F test's denominator df or None); each row (label, df, deviance,
    deviance difference, P, residual SD, powers)."""
    rows, df2 = table
    hasess = df2 is not None
    width = 65 if hasess else 54
    name = variable if len(variable) <= 12 else variable[:10] + "~" + variable[-1]
    dev_fmt = _format_for([r[2] for r in rows])
    dif_fmt = _format_for([r[3] for r in rows])
    ess_fmt = _format_for([r[5] for r in rows])
    lines = ["Fractional polynomial comparisons:", "-" * 13 + "-" + "-" * width,
             f"{name:>12} |   df    Deviance" + ("  Res. s.d." if hasess else "") + "   Dev. dif.   P(*)   Powers",
             "-" * 13 + "+" + "-" * width]
    for i, (label, df, dev, dif, p, rmse, powers) in enumerate(rows):
        last = i == len(rows) - 1
        text = f"{label:>12} |" + fmt(df, "%5.0f") + " " + _dash(dev_fmt, dev)
        if hasess:
            text += " " + _dash(ess_fmt, rmse)
        pv = ("--" if last else "xx") if not math.isfinite(p) else fmt(p, "%8.3f").strip()
        text += " " + _dash(dif_fmt, dif) + " " + f"{pv:>8}" + "   " + " ".join(fmt(x, "%9.0g").strip() for x in powers)
        lines.append(text.rstrip())
    lines.append("-" * 13 + "-" + "-" * width)
    top = rows[-1][0]
    if hasess:
        lines.append(f"(*) P = sig. level of model with {top} based on F with {df2:g} denominator dof.")
    else:
        lines.append(f"(*) P = sig. level of model with {top} based on chi^2 of dev. dif.")
    return "\n".join(lines)


def _dash(form: str, value: float) -> str:
    text = "--" if not math.isfinite(value) else fmt(value, form).strip()
    return f"{text:>10}"
