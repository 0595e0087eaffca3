"""``boxcox``'s output as boxcox.ado's Display shows it (bhead, btitle and _diparm, cdisp or
cdisplr with lrtest, lrdispL/lrdispR/lrdispT): the header with N, LR chi2 and Prob > chi2 at
column 51 (values ending at 78), the /lambda and /theta rows, "Estimates of scale-variant
parameters" (Notrans and Trans sections, /sigma) and the tests of the powers at -1, 0, 1."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import render_coef_table, row_numbers
from mlmcli.render.numfmt import format_number as fmt
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class BoxCoxDisplay:
    depvar: str
    model: str
    nobs: float
    ll: float
    chi2: float
    df: int
    p: float
    power_rows: tuple[CoefRow, ...]
    notrans: tuple[tuple[str, float], ...]   # (name, coefficient), _cons last
    trans: tuple[tuple[str, float], ...]
    sigma: float
    restricted: tuple[tuple[str, float, float, float], ...]  # (label, ll, chi2, p) for -1, 0, 1
    lr: tuple[tuple[float, float, float], ...] | None = None  # (chi2, p, df): notrans, then trans regressors
    level: float = 95.0


def _at(text: str, col: int) -> str:
    return text.ljust(col - 1)


def _scale_variant(r: BoxCoxDisplay) -> list[str]:
    wide = r.lr is not None
    rule = 47 if wide else 14
    head = " " * 13 + "|      Coef."
    if wide:
        head = _at(_at(_at(head, 27) + " chi2(df)", 36) + "  P>chi2(df)", 52) + "df of chi2"
    out = ["-" * (14 + rule), head]
    k = 0
    for section, entries, gap in (("Notrans", r.notrans, "  "), ("Trans", r.trans, " ")):
        if not entries:
            continue
        out += ["-" * 13 + "+" + "-" * rule, _at(section, 14) + "|"]
        for name, b in entries:
            label = abbrev(name, 12).rjust(12)
            if not wide:
                out.append(label + " |  " + fmt(b, "%9.0g"))
            elif name == "_cons" and section == "Notrans":
                out.append(_at(label + " |", 17) + fmt(b, "%9.0g"))
            else:
                chi2, p, df = r.lr[k]
                k += 1
                line = label + " |  " + fmt(b, "%9.0g") + " " + fmt(chi2, "%9.3f") + gap + fmt(p, "%7.3f")
                out.append(_at(line, 54) + fmt(df, "%2.0f"))
    out += ["-" * 13 + "+" + "-" * rule, "/sigma".rjust(12) + " |  " + fmt(r.sigma, "%9.0g"), "-" * (14 + rule)]
    return out


def _tests(r: BoxCoxDisplay) -> list[str]:
    shift = 6 if r.model == "theta" else 0
    width = 57 + shift
    out = ["-" * width,
           _at(_at(_at(_at("", 4) + "Test", 17 + shift) + "Restricted", 32 + shift) + "LR statistic", 50 + shift)
           + "P-value",
           _at(_at(_at(_at("", 5) + "H0:", 15 + shift) + "log likelihood", 36 + shift) + "chi2", 47 + shift)
           + "Prob > chi2", "-" * width]
    for label, ll, chi2, p in r.restricted:
        out.append(_at(_at(_at(label, 17 + shift) + fmt(ll, "%10.0g"), 32 + shift) + fmt(chi2, "%8.2f"), 51 + shift)
                   + fmt(p, "%5.3f"))
    return out + ["-" * width]


def _power_table(r: BoxCoxDisplay, linesize: int, formats: dict | None) -> str:
    """The /lambda, /theta rows: boxcox.ado's Display calls _diparm typed alone, whose rows keep
    %9.0g, %8.2f and %5.3f and take set cformat for the limits alone (row_numbers' diparm)."""
    table = render_coef_table(list(r.power_rows), r.depvar, stat_label="z", level=r.level, linesize=linesize)
    if not (formats or {}).get("cformat"):
        return table
    lines = table.split("\n")
    for row in r.power_rows:
        head = abbrev(row.name, 12).rjust(12) + " |"
        lines = [head + row_numbers(row, formats, diparm=True) if ln.startswith(head) else ln for ln in lines]
    return "\n".join(lines)


def render_box_cox(r: BoxCoxDisplay, linesize: int = 80, formats: dict | None = None) -> str:
    ll_text = fmt(r.ll, "%10.0g").strip()
    out = ["", _at("", 51) + "Number of obs".ljust(16) + "= " + fmt(r.nobs, "%10.0gc"),
           _at(_at("", 51) + f"LR chi2({r.df})", 67) + "= " + fmt(r.chi2, "%10.2f"),
           _at(f"Log likelihood = {ll_text}", 51) + "Prob > chi2".ljust(16) + "= " + fmt(r.p, "%10.3f"), " "]
    out.append(_power_table(r, linesize, formats))
    out += [" ", "Estimates of scale-variant parameters"] + _scale_variant(r)
    out += [" " if r.model in ("lambda", "theta") else ""] + _tests(r)
    return "\n".join(out)
