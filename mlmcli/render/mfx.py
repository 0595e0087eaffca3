"""mfx's table (mfx.ado's Replay, Display, Displaynose) from ``mlmcli.results.mfx.MfxResult``."""
from __future__ import annotations

import math

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.mfx import MfxResult


def _at(line: str, col: int, text: str) -> str:
    return line + " " * max(col - 1 - len(line), 0) + text


def _five_digits(s: float) -> str:
    """mfx's sigfm 5 9: the standard error rounded to 5 decimals (5 significant digits from 10
    up), shown %9.0g; a tiny one that rounds to 0 as ".00000"."""
    if s == 0 or not math.isfinite(s):
        return format_number(s, "%9.0g")
    a = math.log10(abs(s))
    if a < 0 and int(a) != a:
        a -= 1
    if a > 5:
        step = 10.0 ** (int(a) - 5 + 1)
    elif a < -5:
        rounded = round(abs(s) / 1e-5) * 1e-5
        if rounded == 0:
            return ("-" if s < 0 else "") + ".00000".rjust(9 - (s < 0))
        step = 1e-5
    else:
        step = 10.0 ** (-(5 - int(a) - 1)) if int(a) > 0 else 1e-5
    value = math.copysign(round(abs(s) / step) * step, s)
    return format_number(float(f"{value:.15g}"), "%9.0g")


def render_mfx(r: MfxResult) -> str:
    predict = f", {r.predict}" if r.predict else ""
    head = "Marginal effects" if r.marginal else "Elasticities"
    lines = ["", f"{head} after {r.cmd}", f"      y  = {r.label} (predict{predict})",
             "         = " + format_number(r.y, "%10.0g")]
    footer = []
    if any(row.discrete for row in r.rows):
        footer = [f"(*) {r.title} is for discrete change of dummy variable from 0 to 1"]
    if r.rows and r.rows[0].se is None:
        lines += ["-" * 33 + "-" + "-" * 45,
                  _at(_at("variable".rjust(32) + " |", 45, r.title), 67, "X"), "-" * 33 + "+" + "-" * 45]
        for row in r.rows:
            line = abbrev(row.name, 32).rjust(32) + ("*" if row.discrete else " ") + "|  "
            line = _at(_at(line, 42, format_number(row.effect, "%9.0g") + "   "), 62, format_number(row.x, "%8.6g"))
            lines.append(line)
        return "\n".join(lines + ["-" * 33 + "-" + "-" * 45] + footer)
    level = level_text(r.level)
    spaces = {2: ("    ", "   "), 4: ("   ", "  ")}.get(len(level), ("  ", "  "))
    header = _at(_at(_at(_at(_at(_at("variable |", 17, r.title), 26, "Std. Err."), 40, "z"), 45, "P>|z|"), 52,
                     f"[{spaces[0]}{level}% C.I.   ]"), 75, "X")
    lines += ["-" * 9 + "-" + "-" * 68, header, "-" * 9 + "+" + "-" * 68]
    from scipy.stats import norm

    z_crit = norm.ppf(1 - (1 - r.level / 100) / 2)
    for row in r.rows:
        z = row.effect / row.se if row.se else float("nan")
        p = 2 * norm.sf(abs(z)) if math.isfinite(z) else float("nan")
        lines.append(abbrev(row.name, 8).rjust(8) + ("*" if row.discrete else " ") + "|  "
                     + format_number(row.effect, "%9.0g") + "   " + _five_digits(row.se) + " "
                     + format_number(z, "%7.2f") + "  " + format_number(p, "%6.3f") + "  "
                     + format_number(row.effect - z_crit * row.se, "%8.0g") + " "
                     + format_number(row.effect + z_crit * row.se, "%8.0g") + "  " + format_number(row.x, "%8.6g"))
    return "\n".join(lines + ["-" * 9 + "-" + "-" * 68] + footer)
