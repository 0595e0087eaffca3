"""``estpost tabulate rowvar colvar`` (estpost.ado's estpost_tabulate_twoway): the cells of the
two-way table posted column by column, each column's rows then its Total row, with a Total
column last (unless ``nototal``):

- e(b) the frequencies, columns named ``colvalue:rowvalue`` (value labels as names unless one
  holds ``:``, ``.`` or ``"`` or is longer than 30 characters, then the values, the labels in
  e(labels) for rows and e(eqlabels) for columns);
- e(pct) percent of all, e(colpct) percent of the column's total, e(rowpct) percent of the row's
  total; e(N), e(r), e(c) (tabulate's r(r), r(c)), e(rowvar), e(colvar).

Shown unless ``quietly`` as estpost does: a line naming the column variable, then ``matlist``
of e(b) e(pct) e(colpct) e(rowpct) with twidth(12) format(%9.0g) and lines between the column
variable's values (matlist.ado's lines(eq)): each column's name on a line of its own.
tabulate's tests (chi2, exact, gamma, lrchi2, taub, V, all) and ``missing`` are refused.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec

TWOWAY_OPTS = [OptionSpec("esample", 2), OptionSpec("quietly", 1), OptionSpec("nototal", 5),
               OptionSpec("nolabel", 5), OptionSpec("missing", 1), OptionSpec("elabels", 2),
               OptionSpec("chi2", 2), OptionSpec("exact", 1, takes_arg=True, arg_optional=True),
               OptionSpec("gamma", 1), OptionSpec("lrchi2", 2), OptionSpec("taub", 2), OptionSpec("v"),
               OptionSpec("all"), OptionSpec("nolog", 4)]
_TESTS = ("chi2", "exact", "gamma", "lrchi2", "taub", "v", "all", "missing")


def _categories(ds, var: str, touse: np.ndarray) -> tuple[np.ndarray, list, list[str]]:
    """(codes of the observations used, sorted values, their labels) -- a string variable as
    encode makes it: its sorted strings are the labels of 1, 2, ..."""
    if ds.is_string(var):
        column = ds.df[var].to_numpy(dtype=object)[touse].astype(str)
        strings, codes = np.unique(column, return_inverse=True)
        return codes, list(range(1, len(strings) + 1)), [str(s) for s in strings]
    column = ds.numeric(var)[touse]
    values, codes = np.unique(column, return_inverse=True)
    return codes, values.tolist(), [ds.value_label_text(var, v) or "" for v in values.tolist()]


def _bad(label: str) -> bool:
    return bool(re.search(r'[:."]', label)) or len(label) > 30


def _row_names(values: list, labels: list[str], force: bool) -> tuple[list[str], list[str], str]:
    """_estpost_namesandlabels: (names, names without blanks for the listing, e(labels))."""
    texts = [format_number(v, "%9.0g").strip() for v in values]
    if force or any(_bad(lab) for lab in labels):
        return texts, texts, " ".join(f'{t} `"{lab}"\'' for t, lab in zip(texts, labels) if lab)
    names = [lab or t for lab, t in zip(labels, texts)]
    return names, [n.replace(" ", "_") for n in names], ""


def _column_names(values: list, labels: list[str], force: bool) -> tuple[list[str], str]:
    """_estpost_eqnamesandlabels: (equation names, e(eqlabels): every column's label)."""
    texts = [format_number(v, "%9.0g").strip() for v in values]
    shown = [lab or t for lab, t in zip(labels, texts)]
    if force or any(_bad(s) for s in shown):
        return texts, " ".join(f'`"{s}"\'' for s in shown)
    return shown, ""


def tabulate_twoway(session, cmd, names: list[str], opts: dict) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix
    from mlmcli.sample import mark_sample

    for name in _TESTS:
        if opts.get(name):
            raise StataError(f"estpost tabulate: option {name} not available in mlm", 198)
    ds = session.data
    rvar, cvar = names
    touse = mark_sample(session, cmd, names, strok=True)
    if not touse.any():
        raise StataError("no observations", 2000)
    rcodes, rvalues, rlabels = _categories(ds, rvar, touse)
    ccodes, cvalues, clabels = _categories(ds, cvar, touse)
    cell = np.zeros((len(rvalues), len(cvalues)))
    np.add.at(cell, (rcodes, ccodes), 1)
    n = float(cell.sum())
    use_labels, force = not opts.get("nolabel"), bool(opts.get("elabels"))
    rnames, rshown, labels = _row_names(rvalues, rlabels if use_labels else [""] * len(rvalues), force)
    eqnames, eqlabels = _column_names(cvalues, clabels if use_labels else [""] * len(cvalues), force)
    if not opts.get("nototal"):  # the row totals as a last column, the column totals as a last row
        cell = np.vstack([np.hstack([cell, cell.sum(axis=1, keepdims=True)]),
                          np.append(cell.sum(axis=0), n)[None, :]])
        rnames, rshown, eqnames = rnames + ["Total"], rshown + ["Total"], eqnames + ["Total"]
    col_total = cell.sum(axis=0) if opts.get("nototal") else cell[-1, :]
    row_total = cell.sum(axis=1) if opts.get("nototal") else cell[:, -1]
    count = cell.T.reshape(-1)  # column by column
    pct = count / n * 100
    colpct = (cell / col_total[None, :] * 100).T.reshape(-1)
    rowpct = (cell / row_total[:, None] * 100).T.reshape(-1)
    cols = tuple(f"{eq}:{r}" for eq in eqnames for r in rnames)
    if not opts.get("quietly"):
        rows = [(eq, r) for eq in eqnames for r in rshown]
        session.print(listing_twoway(rvar, cvar, rows, [count, pct, colpct, rowpct]))
        if labels or eqlabels:
            session.print()
            if labels:
                session.print("row labels saved in macro e(labels)")
            if eqlabels:
                session.print("column labels saved in macro e(eqlabels)")
    row_of = {"b": "y1"}
    matrices = {key: Matrix(values[None, :], (row_of.get(key, "c1"),), cols)
                for key, values in (("b", count), ("rowpct", rowpct), ("colpct", colpct), ("pct", pct))}
    session.e = EstimationResults(
        cmd="estpost", scalars={"N": n, "r": float(len(rvalues)), "c": float(len(cvalues))},
        macros={"cmd": "estpost", "subcmd": "tabulate", "rowvar": rvar, "colvar": cvar, "labels": labels,
                "eqlabels": eqlabels, "wtype": "", "wexp": ""},
        matrices=matrices, sample=touse.copy() if opts.get("esample") else None)


def listing_twoway(rvar: str, cvar: str, rows: list[tuple[str, str]], columns: list[np.ndarray]) -> str:
    """estpost's display: ``di _n %-12s cvar " |" {space 44}``, then matlist.ado's layout of
    the four statistics (twidth(12), %9.0g, a blank and a value 9 wide and a blank per
    column, lines(eq): a rule and the equation's name on its own line where it changes)."""
    from mlmcli.render.abbrev import abbrev

    heads = ["e(b)", "e(pct)", "e(colpct)", "e(rowpct)"]
    span = 11 * len(heads)
    rule = "-" * 13 + "+" + "-" * span
    lines = ["", f"{abbrev(cvar, 12):<12} |" + " " * 44,
             f"{abbrev(rvar, 12):>12} |" + "".join(f" {h:>9} " for h in heads)]
    current = None
    for i, (eq, name) in enumerate(rows):
        if eq != current:
            lines.append(rule)
            lines.append(f"{abbrev(eq, 12):<13}|" + " " * span)
            current = eq
        values = "".join(f" {format_number(float(c[i]), '%9.0g'):>9} " for c in columns)
        lines.append(f"{abbrev(name, 12):>12} |" + values)
    return "\n".join(lines)
