"""The tables of estat ginvariant and estat ggof after sem with group() (sem_estat_ginvariant.ado:
``Tests for group invariance of parameters`` in _matrix_table's layout with the formats
%9.3f %3.0f %8.4f for each test's chi2, df and p; ``Joint tests for each parameter class``;
sem_estat_ggof.ado: ``Group-level fit statistics``, N in %7.0g and the rest in %9.3f)."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number

S = 12
LEGEND = {"scoef": "Structural coefficients", "scons": "Structural intercepts", "mcoef": "Measurement coefficients",
          "mcons": "Measurement intercepts", "serrvar": "Covariances of structural errors",
          "merrvar": "Covariances of measurement errors",
          "smerrcov": "Covariances of structural and measurement errors",
          "meanex": "Means of exogenous variables", "covex": "Covariances of exogenous variables"}


def _label(text: str) -> str:
    return text.rjust(S) + " |" if len(text) <= S else abbrev(text, S).rjust(S) + " |"


def _test(t) -> str:
    if t is None:
        return "         .".rjust(10) + "  .".rjust(6) + "       .".rjust(10)
    chi2, df, p = t
    return (format_number(chi2, "%9.3f").rjust(10) + format_number(df, "%3.0f").rjust(6)
            + format_number(p, "%8.4f").rjust(10))


def _head() -> list[str]:
    width = S + 2 + 52
    return ["-" * width, " " * S + " |" + "Wald Test".center(26) + "Score Test".center(26),
            " " * S + " |" + ("chi2".rjust(10) + "df".rjust(6) + "p>chi2".rjust(10)) * 2,
            "-" * (S + 1) + "+" + "-" * (width - S - 2)]


def render_ginvariant(rows, measurement: set, joint=None, legend: bool = False) -> str:
    """rows: (parameter, wald, score) with ``parameter.name`` a slot name (``x2:F``)."""
    width = S + 2 + 52
    out = ["", "Tests for group invariance of parameters", ""] + _head()
    section = None
    eq_seen = None
    for par, w, sc in rows:
        eq, _, col = par.name.partition(":")
        if eq.startswith(("var(", "cov(", "mean(")):
            if section != "other":
                out.append("-" * (S + 1) + "+" + "-" * (width - S - 2))
                section = "other"
            out.append(_label(eq) + _test(w) + _test(sc))
            continue
        sec = "Measurement" if eq in measurement else "Structural"
        if sec != section:
            if section is not None:
                out.append("-" * (S + 1) + "+" + "-" * (width - S - 2))
            out.append(sec.ljust(S) + " |")
            section, eq_seen = sec, None
        if eq != eq_seen:
            if eq_seen is not None:
                out.append("  " + "-" * (S - 1) + "+" + "-" * (width - S - 2))
            text = f"  {abbrev(eq, S - 5)} <-"
            out.append(text.ljust(S) + " |")
            eq_seen = eq
        out.append(_label(col) + _test(w) + _test(sc))
    out.append("-" * width)
    if joint is not None:
        out += ["", "Joint tests for each parameter class", ""] + _head()
        out += [_label(cls) + _test(w) + _test(sc) for cls, w, sc in joint]
        out.append("-" * width)
        if legend:
            out += [f"{cls:>12s} | {LEGEND[cls]}" for cls, _, _ in joint]
    return "\n".join(out)


def render_ggof(labels, rows, columns, fmt: str = "%9.3f", notes=()) -> str:
    width = S + 2 + 10 * len(columns)
    out = ["", "Group-level fit statistics", "-" * width,
           " " * S + " |" + "".join(c.rjust(10) for c in columns),
           "-" * (S + 1) + "+" + "-" * (width - S - 2)]
    for label, row in zip(labels, rows):
        cells = []
        for c in columns:
            f = "%7.0g" if c in ("N", "df") else fmt
            cells.append(format_number(row[c], f).rjust(10))
        out.append(_label(label) + "".join(cells))
    out.append("-" * width)
    return "\n".join(out + list(notes))
