"""frmttable/outreg tables as text (the Results window), RTF (Word ``.doc``) and LaTeX."""
from __future__ import annotations

from mlmcli.results.formatted_table import FormattedTable


def _grid(t: FormattedTable) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    n = t.ncols
    head = [tuple(r) + ("",) * (n + 1 - len(r)) for r in t.ctitles]
    body = [(title,) + tuple(r) + ("",) * (n - len(r)) for title, r in zip(t.rtitles, t.body)]
    return head, body


def render_formatted_text(t: FormattedTable) -> str:
    """Title lines, a rule, the column titles and a rule, the rows (row titles left, cells
    centred), a rule, the notes."""
    head, body = _grid(t)
    rows = head + body
    widths = [max((len(r[k]) for r in rows), default=0) for k in range(t.ncols + 1)]
    width = sum(w + 2 for w in widths)
    rule = "-" * width

    def line(r: tuple[str, ...]) -> str:
        cells = [f" {r[0]:<{widths[0]}} "] + [f" {c:^{w}} " for c, w in zip(r[1:], widths[1:])]
        return "".join(cells).rstrip()

    out = [""] + [ln.center(width).rstrip() for ln in t.title] + [rule]
    if head:
        out += [line(r) for r in head] + [rule]
    out += [line(r) for r in body] + [rule] + [f" {n}" for n in t.notes]
    return "\n".join(out)


def _rtf_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def render_formatted_rtf(t: FormattedTable, *, font: str = "Times New Roman", half_points: int | None = None
                         ) -> list[str]:
    """An RTF document (what Word opens as the .doc frmttable writes): title paragraphs, the
    table with rules above and below the column titles and below the body, the notes.
    ``font``/``half_points``: the document's font and size (asdoc's font() and fs())."""
    head, body = _grid(t)
    first = 2200
    other = 1400
    edges = [first + other * k for k in range(t.ncols + 1)]

    def row(cells: tuple[str, ...], top: bool, bottom: bool) -> str:
        border = ("\\clbrdrt\\brdrs" if top else "") + ("\\clbrdrb\\brdrs" if bottom else "")
        defs = "".join(f"{border}\\cellx{e}" for e in edges)
        text = "".join(f"\\pard\\intbl\\{'ql' if k == 0 else 'qc'} {{{_rtf_text(c)}}}\\cell"
                       for k, c in enumerate(cells))
        return "{\\trowd\\trgaph108\\trleft-108" + defs + text + "\\row}"

    out = ["{\\rtf1\\ansi\\deff0 {\\fonttbl\\f0\\fnil " + _rtf_text(font) + ";}", "{"]
    if half_points is not None:
        out.append(f"\\fs{half_points}")
    out += [f"\\pard\\qc {{{_rtf_text(x)}}}\\par" for x in t.title]
    for i, r in enumerate(head):
        out.append(row(r, top=i == 0, bottom=i == len(head) - 1))
    for i, r in enumerate(body):
        out.append(row(r, top=not head and i == 0, bottom=i == len(body) - 1))
    out += [f"\\pard\\ql {{\\fs20 {_rtf_text(x)}}}\\par" for x in t.notes]
    out += ["}", "}"]
    return out


def _tex_text(s: str) -> str:
    for a, b in (("\\", "\\textbackslash{}"), ("&", "\\&"), ("%", "\\%"), ("$", "\\$"), ("#", "\\#"),
                 ("_", "\\_"), ("{", "\\{"), ("}", "\\}")):
        s = s.replace(a, b)
    return s


def render_formatted_tex(t: FormattedTable) -> list[str]:
    """A LaTeX document holding the table (a tabular with \\hline rules)."""
    head, body = _grid(t)
    out = ["\\documentclass{article}", "\\begin{document}", "\\begin{center}"]
    out += [f"{_tex_text(x)} \\\\" for x in t.title]
    out += ["\\begin{tabular}{l" + "c" * t.ncols + "}", "\\hline"]
    out += [" & ".join(_tex_text(c) for c in r) + " \\\\" for r in head]
    if head:
        out.append("\\hline")
    out += [" & ".join(_tex_text(c) for c in r) + " \\\\" for r in body]
    out += ["\\hline", "\\end{tabular}", "\\end{center}"]
    out += [f"{_tex_text(x)} \\\\" for x in t.notes] if t.notes else []
    out += ["\\end{document}"]
    return out
