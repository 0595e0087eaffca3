"""``putdocx table name = etable[(#1 #2 ...)]``: the coefficient table(s) the last estimation
command displays, as Word tables ([RPT] putdocx table: "an automatically generated table ...
derived from the coefficient table of the last estimation command"; several tables -- mixed's
fixed and random-effects parts -- are added as name1, name2, ... unless etable(numlist) picks
some).

The table is read from the command's own replay, so every estimator's rows come out as it shows
them (factor-variable group rows, equation rows, random-effects parameters, ``(base)`` /
``(omitted)``): a coefficient table is a run of lines with a ``|`` between the row label and the
columns, from its heading (``depvar |  Coef.  Std. Err. ...``) to the rule closing it; the
heading's titles are split where two or more blanks part them, the confidence interval's title
spanning its two columns; the numbers are the text shown, a parenthesized remark (``(base
outcome)``, ``(omitted)``) one cell.
"""
from __future__ import annotations

import io
import re

from mlmcli.errors import StataError

_RULE = re.compile(r"^[-+=]+$")
_CELL = re.compile(r"\([^)]*\)|\S+")  # "(base outcome)", "(omitted)": one cell


def _replayed_text(session) -> str:
    from mlmcli.commands.postestimation.estimates import replay_results

    e = session.e
    if e is None:
        raise StataError("last estimates not found", 301)
    out = session.out
    saved = (out.stream, out.log, out.quiet, out.column, session.r)
    out.stream, out.log, out.quiet = io.StringIO(), None, 0
    try:
        replay_results(session, e)
        return out.stream.getvalue()
    finally:
        out.stream, out.log, out.quiet, out.column, session.r = saved


def _heading(right: str) -> list[tuple[str, int]]:
    """(title, columns it spans): the interval's title ("[95% Conf. Interval]") spans two."""
    titles = [t for t in re.split(r"\s{2,}", right.strip()) if t]
    return [(t, 2 if "Interval" in t or "interval" in t else 1) for t in titles]


def coefficient_tables(text: str) -> list[list[list]]:
    """Each coefficient table of a replay: rows of cells, the heading's cells (title, span)."""
    tables, current = [], None
    for line in text.split("\n"):
        stripped = line.strip()
        if current is None:
            if "|" in line and not _RULE.match(stripped.replace("|", "")) and stripped:
                left, _, right = line.partition("|")
                heading = _heading(right)
                if heading and any(t in right for t in ("Coef", "Estimate", "Odds", "Ratio", "Rate", "Haz",
                                                         "Margin", "dy/dx", "exp(b)", "Coefficient", "IRR",
                                                         "Std. Err", "Std. err")):
                    current = [[(left.strip(), 1)] + heading]
            continue
        if not stripped:
            continue
        if _RULE.match(stripped):
            if "+" not in stripped and len(current) > 1:  # the closing rule
                tables.append(current)
                current = None
            continue
        if "|" not in line:  # a note inside the table ends it
            tables.append(current)
            current = None
            continue
        left, _, right = line.partition("|")
        if left.strip() or right.strip():  # the display's blank spacer rows are not table rows
            current.append([left.strip()] + _CELL.findall(right))
    if current is not None and len(current) > 1:
        tables.append(current)
    return tables


def etable_rows(session, which: str) -> list[list]:
    """The tables etable[(numlist)] asks for: a list of tables, each a list of rows."""
    tables = coefficient_tables(_replayed_text(session))
    if not tables:
        raise StataError("no coefficient table found in the last estimation's output", 198)
    if not which.strip():
        return tables
    picked = []
    for word in which.split():
        if not word.isdigit() or not 1 <= int(word) <= len(tables):
            raise StataError(f"etable({which.strip()}) invalid: the estimation shows {len(tables)} "
                             f"table{'s' if len(tables) > 1 else ''}", 198)
        picked.append(tables[int(word) - 1])
    return picked
