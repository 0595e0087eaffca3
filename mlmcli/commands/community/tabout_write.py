"""tabout's file text: a panel (tabout_panels.py) written as tabout.ado 2.0.7's ``write_tab``
(tab, csv, semi), ``write_tex`` and ``write_htm`` write it, and ``write_body``'s document
frame.  Each function returns the lines it appends to the file.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Look:
    """The options that shape the text, for every panel of one tabout call."""
    style: str  # tab csv semi tex htm
    h1: str
    h2: str
    h3: str
    delim: str
    lspace: int
    font: str  # plain bold italic
    angle: str
    booktabs: bool
    cl1: str
    cl2: str
    cltr1: str
    cltr2: str
    border: str
    showtot: bool
    finaltot: bool
    n_fix: bool  # one-way with the N column: its heading comes from the first row


@dataclass(frozen=True)
class Pass:
    """Where a panel stands among the row variables."""
    first: bool
    last: bool
    single: bool  # one row variable and no ptotal(single) panel
    vvarname: str
    hvarname: str


def fixfont(text: str, look: Look) -> str:
    if look.style == "tex" and look.font != "plain":
        return ("\\textbf{" if look.font == "bold" else "\\emph{") + text + "}"
    if look.style == "htm" and look.font != "plain":
        return ("<B>" if look.font == "bold" else "<I>") + text + ("</B>" if look.font == "bold" else "</I>")
    return text


def texclean(text: str, look: Look) -> str:
    if look.style != "tex":
        return text
    return text.replace("$", "\\$").replace("&", "\\&").replace("_", "\\_").replace("%", "\\%")


def write_tab(x: list, numrows: int, p: Pass, look: Look, oneway: bool) -> list:
    sep = {"csv": ",", "semi": ";"}.get(look.style, "\t")
    if look.style == "csv":  # fix_commas(): a cell with a comma in double quotes
        x = [[f'"{c}"' if "," in c else c for c in row] for row in x]
    out = []
    done = False
    if p.first:
        if not oneway and look.h1 != "nil":
            out.append(look.h1.replace(look.delim, sep) if look.h1 else sep + p.hvarname + (len(x[0]) - 2) * sep)
        if look.h2 != "nil":
            if look.h2:
                out.append(look.h2.replace(look.delim, sep))
            elif x[0][1] != "":
                line = ""
                if p.single:
                    line, done = p.vvarname, True
                out.append(line + "".join(sep + c for c in x[0][1:]))
        if look.h3 != "nil":
            if look.h3:
                out.append(look.h3.replace(look.delim, sep))
            else:
                line = p.vvarname if p.single and not done else ""
                last = len(x[0]) - 1
                out.append(line + "".join(sep + x[0 if look.n_fix and j == last else 1][j] for j in range(1, last + 1)))
    if not p.single and p.vvarname != "!PTOTAL!":
        out.append(p.vvarname + (len(x[0]) - 1) * sep)
    size = len(x) if look.showtot else len(x) - numrows
    for row in x[2:size]:
        if not row[0].startswith("@N@"):
            out.append(sep.join(row))
    if p.last and x[-1][0].startswith("@N@"):
        if not look.finaltot:
            out.append("")
        out.append(sep.join(x[-1]).replace("@N@", "", 1))
    return out + [""] * look.lspace


def _multi(row: list) -> list[tuple[str, int]] | None:
    """fixmulti(): runs of equal column headings; None when every run is one column."""
    runs: list[list] = [[row[1], 1]]
    for j in range(2, len(row)):
        if row[j] == row[j - 1]:
            runs[-1][1] += 1
        else:
            runs.append([row[j], 1])
    return None if len(runs) == len(row) - 1 else [(name, k) for name, k in runs]


def _cmidrules(spec: str, trims: str) -> str:
    cols, trim = spec.split(), trims.split()
    trim = trim + [trim[-1]] * (len(cols) - len(trim)) if len(trim) < len(cols) else trim[:len(cols)]
    line = "\\cmidrule(l{" + trim[0] + "}){" + cols[0] + "} "
    return line + "".join("\\cmidrule(l{" + trim[j] + "}){" + cols[j] + "}" for j in range(1, len(cols)))


def _h1_lines(x: list, p: Pass, look: Look, oneway: bool, do_ncol: bool, spanned) -> list:
    """tex and htm's first heading: h1() as typed, or the column variable over its columns."""
    if oneway or look.h1 == "nil":
        return []
    if look.h1:
        return [look.h1]
    return spanned(len(x[0]) - (2 if do_ncol else 1), p.hvarname)


def _h2_start(x: list, p: Pass, look: Look, vvar: str) -> tuple[list, str | None, bool]:
    """tex and htm's second heading: (h2() as typed, the start of the built line or None when
    none is built, whether the row variable's name went into it)."""
    if look.h2 == "nil":
        return [], None, False
    if look.h2:
        return [look.h2], None, False
    if x[0][1] == "":
        return [], None, False
    return [], (vvar if p.single else ""), p.single


def write_tex(x: list, numrows: int, p: Pass, look: Look, oneway: bool, do_ncol: bool) -> list:
    sep, term = "&", " \\\\"
    rule = "\\midrule" if look.booktabs else "\\hline"
    out = []
    done = False
    if p.first:
        out += _h1_lines(x, p, look, oneway, do_ncol, lambda k, name: [
            " & \\multicolumn{" + str(k) + "}{c}{" + fixfont(texclean(name, look), look) + "} \\\\"])
        if look.cl1:
            out.append(_cmidrules(look.cl1, look.cltr1))
        typed, line, done = _h2_start(x, p, look, fixfont(texclean(p.vvarname, look), look))
        out += typed
        if line is not None:
            runs = _multi(x[0])
            if runs is not None:
                for name, k in runs:
                    name = fixfont(texclean(name, look), look)
                    line += (" & \\multicolumn{" + str(k) + "}{c}{" + name + "}") if k != 1 else sep + name
            else:
                for c in x[0][1:]:
                    text = fixfont(texclean(c, look), look)
                    line += sep + ("\\rot{" + look.angle + "}{" + text + "}" if look.angle != "0" else text)
            out.append(line + term)
        if look.cl2:  # tabout.ado pads cl2's trims from cltr1's
            out.append(_cmidrules(look.cl2, look.cltr1))
        if look.h3 != "nil":
            if look.h3:
                out.append(look.h3)
            else:
                line = fixfont(texclean(p.vvarname, look), look) if p.single and not done else ""
                last = len(x[0]) - 1
                line += "".join(sep + texclean(x[0 if look.n_fix and j == last else 1][j], look)
                                for j in range(1, last + 1))
                out.append(line + term)
    out += [rule] * look.lspace
    if not p.single and p.vvarname != "!PTOTAL!":
        out.append(fixfont(texclean(p.vvarname, look), look) + (len(x[0]) - 1) * sep + term)
    size = len(x) if look.showtot else len(x) - numrows
    for row in x[2:size]:
        if not row[0].startswith("@N@"):
            out.append(sep.join(texclean(c, look) for c in row) + term)
    if p.last and x[-1][0].startswith("@N@"):
        line = x[-1][0] + "".join(sep + texclean(c, look) for c in x[-1][1:])
        if not look.finaltot:
            out.append(rule)
        out.append(line.replace("@N@", "", 1) + term)
    return out


def write_htm(x: list, numrows: int, p: Pass, look: Look, oneway: bool, do_ncol: bool) -> list:
    pre, post = "<TD>", "</TD>"
    out = []
    done = False
    if p.first:
        out += _h1_lines(x, p, look, oneway, do_ncol, lambda k, name: [
            "<TR>", pre + post + "<TD colspan=" + str(k) + " align=center>" + fixfont(name, look) + post, "</TR>"])
        typed, line, done = _h2_start(x, p, look, fixfont(p.vvarname, look))
        out += typed
        if line is not None:
            runs = _multi(x[0])
            if runs is not None:
                for name, k in runs:
                    name = fixfont(name, look)
                    line += ("<TD colspan=" + str(k) + " align=center>" + name) if k != 1 else pre + name + post
            else:
                line += "".join(pre + fixfont(c, look) + post for c in x[0][1:])
            out += ["<TR>", pre + line, "</TR>"]
        if look.h3 != "nil":
            if look.h3:
                out.append(look.h3)
            else:
                line = fixfont(p.vvarname, look) if p.single and not done else ""
                last = len(x[0]) - 1
                line += "".join(pre + x[0 if look.n_fix and j == last else 1][j] + post for j in range(1, last + 1))
                out += ["<TR>", pre + post + line, "</TR>"]
    if not p.single and p.vvarname != "!PTOTAL!":
        out += ["<TR>", pre + fixfont(p.vvarname, look) + post, "</TR>"]
    size = len(x) if look.showtot else len(x) - numrows
    for row in x[2:size]:
        if not row[0].startswith("@N@"):
            out += ["<TR>", "".join(pre + c + post for c in row), "</TR>"]
    if p.last and x[-1][0].startswith("@N@"):
        line = x[-1][0] + "".join(pre + c + post for c in x[-1][1:])
        out += ["<TR>", line.replace("@N@", "<TD>", 1), "</TR>"]
    return out


def body_lines(top: bool, style: str, ncols: int, border: str) -> list:
    """write_body(): the LaTeX document or HTML page around the table."""
    if style == "tex":
        if top:
            return ["\\documentclass{article}", "\\usepackage{multicol}", "\\begin{document}",
                    "\\begin{tabular}{l" + "r" * (ncols - 1) + "}", "\\hline"]
        return ["\\hline", "\\end{tabular}", "\\end{document}"]
    if style == "htm":
        return ["<HTML>", "<BODY> <TABLE " + border + ">"] if top else ["</TABLE>", "</BODY>", "</HTML>"]
    return []
