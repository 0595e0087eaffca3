"""swilk's and sfrancia's tables, laid out as Stata's swilk.ado and sfrancia.ado draw them (a copy
of Stata's ado tree: github:opensafely-core/cohort-extractor bin/ado/base/s/swilk.ado,
sfrancia.ado)."""
from __future__ import annotations

from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number

_TITLES = {"swilk": " " * 19 + "Shapiro-Wilk W test for normal data",
           "swilk_ln": " " * 9 + "Shapiro-Wilk W test for 3-parameter lognormal data",
           "sfrancia": " " * 18 + "Shapiro-Francia W' test for normal data"}


def render_normality_w(kind: str, rows, note_range: tuple[int, int, str] | None, linesize: int = 80) -> str:
    """kind: "swilk", "swilk_ln" or "sfrancia"; rows: (abbreviated name, NormalityW);
    note_range: (nmin, nmax, transformation words or "") when the validity note is shown."""
    if kind == "sfrancia":
        head = ["    Variable |       Obs       W'          V'        z       Prob>z", "-" * 13 + "+" + "-" * 53]
        sep = " |"
    else:
        head = ["    Variable |        Obs       W           V         z       Prob>z", "-" * 13 + "+" + "-" * 54]
        sep = " | "
    lines = ["", _TITLES[kind], ""] + head
    for name, t in rows:
        lines.append(f"{name:>12}{sep}" + format_number(float(t.n), "%10.0fc") + "   "
                     + format_number(t.w, "%8.5f") + "   " + format_number(t.v, "%8.3f") + "  "
                     + format_number(t.z, "%8.3f") + "    "
                     + format_number(max(t.p, .00001) if kind == "sfrancia" else t.p, "%7.5f"))
    if note_range is not None:
        nmin, nmax, words = note_range
        text = f"Note: The normal approximation to the sampling distribution of W' is valid for {nmin}<=n<={nmax}"
        text += f" under the {words} transformation." if words else "."
        # {p 0 6 2 67}: a paragraph 67 columns wide at most
        lines += [""] + wrap_paragraph(text, min(linesize, 69))
    return "\n".join(lines)
