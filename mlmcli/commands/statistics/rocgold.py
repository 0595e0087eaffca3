"""``rocgold refvar goldvar classvar [classvar ...] [if] [in] [fweight] [, sidak level(#) summary]``
([R] roccomp): each rating's ROC area against the gold standard's, as rocgold.ado 7.3.3 does it:
roctab's area and DeLong standard error for each rating, roccomp's chi2 test of the pair
(standard, rating) on the observations with every rating, its p-value adjusted for the
number of comparisons (Bonferroni, or Sidak with ``sidak``); with ``binormal`` the areas and SEs
are rocfit's and the pair's test roccomp's binormal one ("Fitting binormal model for standard:
goldvar").  ``graph`` is not in mlmcli for rocgold and is refused by name; ``test()`` is rocgold.ado's
"contrast matrix option test() not allowed".  r(): N_g, V (the last pair's covariance), and the
1 x m row vectors chi2, df, p, p_adj.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"rocgold": "rocgold refvar goldvar classvar [classvar ...] [if] [in] [fweight] [, sidak level(#)] : "
                   "ROC areas compared with a gold standard"}
_OPTIONS = [OptionSpec(*row) for row in (
    ("sidak", 3), ("test", None, True), ("binormal", 3), ("level", 1, True), ("graph", 1), ("summary", 3))]


def cmd_rocgold(session, cmd) -> None:
    from mlmcli.classic_tests.roc_area_comparison import compare_areas
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.results.matrix import Matrix
    from mlmcli.roc_analysis import roc_area
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    names = counted_varlist(ds, cmd.args, 3, None)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    if opts.get("test") is not None:
        raise StataError("contrast matrix option test() not allowed", 198)
    if opts.get("graph"):
        raise StataError("option graph not supported by mlmcli for rocgold", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    selected = mark(session, cmd, [])
    selected, w, _ = weights(session, cmd, selected, ("fweight",), default="fweight")
    rows = mark(session, cmd, names)
    rows, _, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    n_missing = int(selected.sum() - rows.sum())
    w = np.ones(ds.nobs) if w is None else w
    d = ds.numeric(names[0])[rows]
    from mlmcli.roc_analysis import check_true_status

    check_true_status(names[0], d)
    for name in names:
        values = ds.numeric(name)[rows]
        if values.min() == values.max():
            raise StataError(f"variable {name} does not vary", 2000)
    wr = w[rows]
    gold = ds.numeric(names[1])[rows]
    binormal = bool(opts.get("binormal"))
    if binormal:
        session.print(f"Fitting binormal model for standard: {names[1]}")

    def area_of(name, values):
        from mlmcli.commands.graphs.roc_comparison import binormal_area

        result = roc_area(d, values, wr, level=level)
        return binormal_area(name, d, values, wr, result, level) if binormal else result

    gold_area = area_of(names[1], gold)
    m = len(names) - 2
    lines = [(names[1], gold_area, None)]
    chi2, df, p, p_adj = np.zeros(m), np.ones(m), np.zeros(m), np.zeros(m)
    comparison = None
    for i, name in enumerate(names[2:]):
        rating = ds.numeric(name)[rows]
        area = area_of(name, rating)
        comparison = compare_areas(d, [gold, rating], wr, [gold_area.area, area.area])
        chi2[i], df[i], p[i] = comparison.chi2, comparison.df, comparison.p
        p_adj[i] = 1 - (1 - comparison.p) ** m if opts.get("sidak") else min(comparison.p * m, 1.0)
        lines.append((name, area, i))
    session.print(_table(lines, chi2, df, p, p_adj, bool(opts.get("sidak"))))
    if n_missing > 0:
        session.print(f"note: {n_missing} observations ignored because of missing values.")
    cols = tuple(names[2:])
    session.set_r({"N_g": float(len(names) - 1),
                   "V": Matrix(comparison.covariance, ("r1", "r2"), ("c1", "c2")),
                   "chi2": Matrix(chi2[None, :], ("chi2",), cols), "df": Matrix(df[None, :], ("df",), cols),
                   "p": Matrix(p[None, :], ("p",), cols), "p_adj": Matrix(p_adj[None, :], ("p_adj",), cols)})


def _table(lines, chi2, df, p, p_adj, sidak: bool) -> str:
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.numfmt import format_number as fmt

    def at(text: str, col: int) -> str:
        return text.ljust(col - 1)

    head = at(at("", 24) + "ROC", 75 if sidak else 70) + ("     Sidak" if sidak else "Bonferroni")
    out = ["", "-" * 79, head,
           at("", 18) + "     Area     Std. Err.       chi2    df   Pr>chi2     Pr>chi2", "-" * 79]
    for name, area, i in lines:
        if i is None:
            out.append(at(at(abbrev(name, 8) + " (standard)", 20) + fmt(area.area, "%7.4f"), 32)
                       + fmt(area.se, "%8.4f"))
            continue
        text = at(abbrev(name, 16), 19) + fmt(area.area, "%8.4f")
        text = at(text, 32) + fmt(area.se, "%8.4f")
        text = at(text, 44) + fmt(chi2[i], "%8.4f")
        text = at(text, 53) + fmt(df[i], "%5.0f")
        text = at(text, 60) + fmt(p[i], "%8.4f")
        out.append(at(text, 72) + fmt(p_adj[i], "%8.4f"))
    out.append("-" * 79)
    return "\n".join(out)
