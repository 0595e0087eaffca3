"""The tables of ``nestreg`` (nestreg.ado's WaldTable and LLTable) and ``stepwise``'s log.

The tables are ``_tab`` tables (_tab.class): a left margin of 2, each column starting where
the previous one ended (plus one for a bar ``|`` before it); a title is shown in its column's
string format (``%(w-1)s`` unless set), a number after ``pad`` spaces in the column's numeric
format (``%(w-1).0g`` unless set); an empty (.z) cell shows nothing.  In a text log the
corner and tee characters print as ``+`` and ``-`` (``{c TLC}`` ``+``, ``{c TT}`` ``-``, ``{c +}``
``+``, ``{c LT}`` ``|``).  stepwise's lines are ``{p2colset 0 23 32 2}``: the second column at
column 23.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.numfmt import format_number
from mlmcli.results.model_building import NestregLRTable, NestregWaldTable, StepwiseLog


@dataclass(frozen=True)
class _Col:
    width: int
    bar: bool = False  # a bar before this column
    title: str | None = None  # string format of titles
    num: str | None = None
    pad: int = 0


class _Tab:
    def __init__(self, cols: list[_Col], right_bar: bool, lmargin: int = 2):
        self.cols, self.right_bar = cols, right_bar
        self.starts, pos = [], lmargin + 1
        for c in cols:
            self.starts.append(pos)
            pos += c.width + (1 if c.bar else 0)
        self.end = pos

    def sep(self, kind: str) -> str:
        left, mid, right = {"top": ("+", "-", "+"), "middle": ("|", "+", "|"), "bottom": ("+", "-", "+")}[kind]
        out = " " * (self.starts[0] - 1)
        for i, c in enumerate(self.cols):
            if c.bar:
                out += left if i == 0 else mid
            out += "-" * c.width
        return out + (right if self.right_bar else "")

    def _line(self, cells) -> str:
        out = ""
        for start, c, cell in zip(self.starts, self.cols, cells):
            if c.bar:
                out = out.ljust(start - 1) + "|"
            if cell:
                out = out.ljust(start - 1 + (1 if c.bar else 0)) + cell
        if self.right_bar:
            out = out.ljust(self.end - 1) + "|"
        return out

    def titles(self, texts) -> str:
        cells = []
        for c, t in zip(self.cols, texts):
            fmt_w = int((c.title or f"%{c.width - 1}s")[1:-1])
            cells.append(t.rjust(fmt_w) if t else "")
        return self._line(cells)

    def row(self, values) -> str:
        cells = []
        for c, v in zip(self.cols, values):
            if v is None:
                cells.append("")
            else:
                cells.append(" " * c.pad + format_number(v, c.num or f"%{c.width - 1}.0g"))
        return self._line(cells)


def render_nestreg_wald(t: NestregWaldTable, survey: bool = False) -> str:
    if t.kind == "F":
        cols = [_Col(7, bar=True), _Col(9, bar=True, num="%7.2f", pad=1), _Col(7), _Col(10),
                _Col(9, num="%6.4f", pad=2)]
        top = ["", "", "Block", "Design" if survey else "Residual", ""]
        head = ["Block", "F", "df", "df", "Pr > F"]
    else:
        cols = [_Col(7, bar=True), _Col(10, bar=True, title="%10s", num="%9.2f", pad=1), _Col(8),
                _Col(9, num="%6.4f", pad=2)]
        top = None
        head = ["Block", "Wald chi2", "df", "Pr > F"]
    if t.r2:
        cols += [_Col(9, num="%6.4f", pad=2), _Col(9, num="%6.4f", pad=2)]
        top = (top or ["", "", "", ""]) + ["", "Change"]
        head += ["R2", "in R2"]
    tab = _Tab(cols, right_bar=True)
    out = [tab.sep("top")]
    if top is not None:
        out.append(tab.titles(top))
    out += [tab.titles(head), tab.sep("middle")]
    out += [tab.row((i,) + tuple(r)) for i, r in enumerate(t.rows, start=1)]
    out.append(tab.sep("bottom"))
    return "\n".join(out)


def render_nestreg_lr(t: NestregLRTable) -> str:
    cols = [_Col(7, bar=True), _Col(11, bar=True, num="%9.0g", pad=1), _Col(9, num="%7.2f", pad=1), _Col(7),
            _Col(9, num="%6.4f", pad=2), _Col(10), _Col(10)]
    tab = _Tab(cols, right_bar=True)
    out = [tab.sep("top"), tab.titles(["Block", "LL", "LR", "df", "Pr > LR", "AIC", "BIC"]), tab.sep("middle")]
    out += [tab.row((i,) + tuple(r)) for i, r in enumerate(t.rows, start=1)]
    out.append(tab.sep("bottom"))
    return "\n".join(out)


def render_stepwise_log(log: StepwiseLog) -> str:
    return "\n".join((left.ljust(22) + right).rstrip() if len(left) < 22 else left + " " + right
                     for left, right in log.lines)
