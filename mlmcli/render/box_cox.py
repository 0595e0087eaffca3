"""``boxcox``'s output as boxcox.ado's Display shows it (bhead, btitle and _diparm theta, cdisp or
cdisplr with lrtest, lrdispL): the header with N, LR chi2 and Prob > chi2 at column 51 (values
ending at 78), the /theta row, "Estimates of scale-variant parameters" and the tests of
theta = -1, 0, 1."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number as fmt
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class BoxCoxDisplay:
    depvar: str
    nobs: float
    ll: float
    chi2: float
    df: int
    p: float
    theta_row: CoefRow
    notrans: tuple[tuple[str, float], ...]   # (name, coefficient), _cons last
    sigma: float
    restricted: tuple[tuple[str, float, float, float], ...]  # (label, ll, chi2, p) for -1, 0, 1
    lr: tuple[tuple[float, float, float], ...] | None = None  # (chi2, p, df) per non-constant regressor
    level: float = 95.0


def _at(text: str, col: int) -> str:
    return text.ljust(col - 1)


def render_box_cox(r: BoxCoxDisplay, linesize: int = 80) -> str:
    ll_text = fmt(r.ll, "%10.0g").strip()
    out = ["", _at("", 51) + "Number of obs".ljust(16) + "= " + fmt(r.nobs, "%10.0gc"),
           _at(_at("", 51) + f"LR chi2({r.df})", 67) + "= " + fmt(r.chi2, "%10.2f"),
           _at(f"Log likelihood = {ll_text}", 51) + "Prob > chi2".ljust(16) + "= " + fmt(r.p, "%10.3f"), " "]
    out.append(render_coef_table([r.theta_row], r.depvar, stat_label="z", level=r.level, linesize=linesize))
    out += [" ", "Estimates of scale-variant parameters"]
    wide = r.lr is not None
    rule = 47 if wide else 14
    out.append("-" * 13 + "-" + "-" * rule)
    head = " " * 13 + "|      Coef."
    if wide:
        head = _at(_at(head, 27) + " chi2(df)", 36) + "  P>chi2(df)"
        head = _at(head, 52) + "df of chi2"
    out += [head, "-" * 13 + "+" + "-" * rule, _at("Notrans", 14) + "|"]
    k = 0
    for name, b in r.notrans:
        label = abbrev(name, 12).rjust(12)
        if not wide:
            out.append(label + " |  " + fmt(b, "%9.0g"))
        elif name == "_cons":
            out.append(_at(label + " |", 17) + fmt(b, "%9.0g"))
        else:
            chi2, p, df = r.lr[k]
            k += 1
            line = label + " |  " + fmt(b, "%9.0g") + " " + fmt(chi2, "%9.3f") + "  " + fmt(p, "%7.3f")
            out.append(_at(line, 54) + fmt(df, "%2.0f"))
    out += ["-" * 13 + "+" + "-" * rule, "/sigma".rjust(12) + " |  " + fmt(r.sigma, "%9.0g"), "-" * (14 + rule)]
    out += ["", "-" * 57, _at(_at(_at(_at("", 4) + "Test", 17) + "Restricted", 32) + "LR statistic", 50) + "P-value",
            _at(_at(_at(_at("", 5) + "H0:", 15) + "log likelihood", 36) + "chi2", 47) + "Prob > chi2", "-" * 57]
    for label, ll, chi2, p in r.restricted:
        out.append(_at(_at(_at(label, 17) + fmt(ll, "%10.0g"), 32) + fmt(chi2, "%8.2f"), 51) + fmt(p, "%5.3f"))
    out.append("-" * 57)
    return "\n".join(out)
