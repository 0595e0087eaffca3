"""``rocfit``'s output as rocfit.ado shows it: the title and N, the goodness-of-fit lines and the
log likelihood, DISTab1 (intercept, slope with its z test of slope = 1, the cutpoints; ELine's
%11.6f %10.6f %9.2f %6.3f %10.6f %10.6f) and DISTab2 (the indices from the binormal fit)."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.numfmt import format_number as fmt


@dataclass(frozen=True)
class RocfitDisplay:
    title: str
    nobs: float
    chi2_gf: float
    df_gf: int
    p_gf: float
    ll: float
    rows: tuple[tuple[str, float, float, float, float, float, float], ...]  # name, b, se, z, p, lb, ub
    n_main: int                                                              # rows above the cutpoints
    indices: tuple[tuple[str, float, float, float, float], ...]              # name, estimate, se, lb, ub
    level: float = 95.0
    counts: tuple = ()   # (n0, n1): the category counts, for rocplot


def _level_text(level: float) -> str:
    return format(level, "g")


def render_rocfit(r: RocfitDisplay) -> str:
    top, mid, bot = "-" * 13 + "-" + "-" * 64, "-" * 13 + "+" + "-" * 64, "-" * 78
    digits = len(_level_text(r.level))
    ci = f"[{_level_text(r.level)}% Conf. Interval]"
    out = ["", r.title.ljust(50) + "Number of obs".ljust(16) + "= " + fmt(r.nobs, "%10.0gc"),
           f"Goodness-of-fit chi2({r.df_gf}) =  " + fmt(r.chi2_gf, "%10.2f"),
           "Prob > chi2             =  " + fmt(r.p_gf, "%10.4f"),
           "Log likelihood          =  " + fmt(r.ll, "%10.0g"), "", top,
           "             |      Coef.   Std. Err.      z    P>|z|"
           + {2: "     ", 4: "   "}.get(digits, "  ") + ci, mid]
    for i, (name, b, se, z, p, lb, ub) in enumerate(r.rows):
        if i == r.n_main:
            out.append(mid)
        out.append(name.rjust(12) + " |" + fmt(b, "%11.6f") + " " + fmt(se, "%10.6f") + fmt(z, "%9.2f") + "  "
                   + fmt(p, "%6.3f") + "   " + fmt(lb, "%10.6f") + "  " + fmt(ub, "%10.6f"))
    out += [bot, top, " " * 13 + "|                    Indices from binormal fit",
            "       Index |   Estimate   Std. Err.               " + {2: "      ", 4: "    "}.get(digits, "   ") + ci,
            mid]
    for name, est, se, lb, ub in r.indices:
        line = name.rjust(12) + " |" + fmt(est, "%11.6f") + " " + fmt(se, "%10.6f")
        out.append(line.ljust(56) + fmt(lb, "%10.6f") + "  " + fmt(ub, "%10.6f"))
    out += [bot, "(*) z test for slope==1"]
    return "\n".join(out)
