"""fracpoly's text (frac_154, fracgen): the search log or its dots, fracgen's ``-> gen`` lines,
the deviance line and the ``compare`` table.  Takes plain values and the search's rows."""
from __future__ import annotations

from mlmcli.render.numfmt import fmt


def power_text(p: float) -> str:
    return fmt(p, "%9.0g").strip()


def powers_text(powers) -> str:
    return " ".join(power_text(p) for p in powers)


def render_log(fits, degree: int, normal: bool = True) -> str:
    """fracpoly's log: one line per model (Power 1 holds the last power, as frac_154 prints
    its loop indices from the last); ``normal`` False: without the Res S.D. column."""
    head = "Model #      Deviance " + ("  Res S.D. " if normal else "") + "".join(
        f" Power {i}" for i in range(1, degree + 1))
    lines = ["", head, ""]
    for k, fit in enumerate(fits, start=1):
        text = f"{k:5d}".ljust(9) + fmt(fit.deviance, "%12.3f") + ("   " + fmt(fit.rsd, "%8.0g") if normal else "")
        padded = [None] * (degree - len(fit.powers)) + list(fit.powers)
        for p in reversed(padded):
            text += " " * 6 + ". " if p is None else fmt(p, "%8.1f")
        lines.append(text)
    return "\n".join(lines)


def render_gen_lines(names, term_texts, adjustments, where: str, say: str = "if e(sample)") -> str:
    """fracgen's ``-> gen double name = term-adj say`` lines (``say``: fracpoly's ``if e(sample)``,
    fracgen's if and in as typed) and ``(where: X = ...)``."""
    lines = []
    for name, term, adj in zip(names, term_texts, adjustments):
        if adj is None:
            lines.append(f"-> gen double {name} = {term} {say}")
        else:
            sign = "+" if adj < 0 else "-"
            lines.append(f"-> gen double {name} = {term}{sign}{fmt(abs(adj), '%12.0g').strip()} {say}")
    if where:
        lines.append(f"   (where: X = {where})")
    return "\n".join(line.rstrip() for line in lines)


def render_deviance(deviance: float, rhs: str | None, count: int, powers) -> str:
    """``Deviance: #. Best powers of x among # models fit: p1 p2.`` (rhs None: fixed powers)."""
    text = "Deviance:" + fmt(deviance, "%9.2f") + ". "
    if rhs is not None:
        text += f"Best powers of {rhs} among {count} models fit: {powers_text(powers)}."
    return text


def render_comparison(rhs: str, rows, degree: int, normal: bool = True) -> str:
    """frac_154's fraccomp table, with regress's Res. SD column (``normal``) or without it."""
    rule = "-" * (78 if normal else 63)
    name = rhs if len(rhs) <= 12 else rhs[:10] + "~" + rhs[-1]
    lines = ["", "Fractional polynomial model comparisons:", rule,
             name.ljust(17) + "df       Deviance   " + ("   Res. SD   " if normal else "")
             + "Dev. dif.  P (*)  Powers", rule]
    for row in rows:
        text = row.label.ljust(17) + f"{row.df:2d}" + "  " + fmt(row.deviance, "%13.3f")
        if normal:
            text += " " * 5 + fmt(row.rsd, "%8.0g")
        if row.difference is None:
            text += " " + "       --" * 2 + "  " + powers_text(row.powers)
        else:
            text += " " * 3 + fmt(row.difference, "%7.3f") + fmt(row.p, "%9.3f") + "  " + powers_text(row.powers)
        lines.append(text.rstrip())
    lines.append(rule)
    lines.append(f"(*) P-value from deviance difference comparing reported model with m = {degree} model")
    return "\n".join(lines)
