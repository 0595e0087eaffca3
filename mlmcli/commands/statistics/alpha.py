"""``alpha``: Cronbach's alpha (Stata's alpha.ado, version 4.8.9).

    alpha varlist [if] [in] [, asis casewise detail generate(newvar) item label min(#)
                               reverse(varlist) std]

Sample: without ``casewise`` (and with min() below the number of items) every if/in row
with at least min() items present, else the complete rows.  Constant items are dropped with
alpha.ado's note.  Signs: reverse() as typed, ``asis`` none, else empirical (the sign of
each item's loading on the first principal factor; see ``mlmcli.multivariate``).  Numbers
from ``mlmcli.multivariate.scale_reliability``; layout in ``mlmcli.render.multivariate``.
r(): alpha, k, cov (rho with std); with item the 1 x k matrices ItemTestCorr,
ItemRestCorr, MeanInterItemCov (MeanInterItemCorr) and Alpha.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.fileformats.storage import MAX_FLOAT
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.syntax.varlist import check_new_name, counted_varlist

ALPHA_OPTIONS = [OptionSpec("asis", 1), OptionSpec("casewise", 1), OptionSpec("coo", 3), OptionSpec("detail", 1),
                 OptionSpec("generate", 1, takes_arg=True), OptionSpec("item", 1), OptionSpec("label", 1),
                 OptionSpec("min", 1, takes_arg=True), OptionSpec("reverse", 1, takes_arg=True),
                 OptionSpec("std", 1)]


def numeric_items(ds, names) -> None:
    for name in names:
        if ds.is_string(name):
            raise StataError(f"string variables not allowed in varlist;\n{name} is a string variable", 109)


def _selected_rows(session, cmd, names, minimum: int, casewise: bool) -> np.ndarray:
    from mlmcli.commands.data.common import mark

    ds = session.data
    if casewise or minimum >= len(names):
        return mark(session, cmd, names)
    rows = mark(session, cmd, ())
    present = np.zeros(ds.nobs, int)
    for name in names:
        present += ~np.isnan(ds.numeric(name))
    return rows & (present >= minimum)


def cmd_alpha(session, cmd) -> None:
    from mlmcli.multivariate.scale_reliability import cronbach_alpha, empirical_signs
    from mlmcli.render.multivariate import render_alpha
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.multivariate import AlphaItem, AlphaResult

    ds = session.data
    opts = resolve_options(cmd.options, ALPHA_OPTIONS)
    names = list(dict.fromkeys(counted_varlist(ds, cmd.args, 2)))  # alpha.ado's DropDup
    numeric_items(ds, names)
    minimum = integer_option(opts, "min", 1)
    if minimum < 1 or minimum > len(names):
        raise StataError("invalid option min()", 198)
    reverse = None
    if "reverse" in opts:
        reverse = list(dict.fromkeys(ds.expand_varlist(str(opts["reverse"]))))
        numeric_items(ds, reverse)
    new_name = str(opts["generate"]).strip() if "generate" in opts else None
    std = bool(opts.get("std"))
    rows = _selected_rows(session, cmd, names, minimum, bool(opts.get("casewise") or opts.get("coo")))
    if not rows.any():
        raise StataError("no observations", 2000)
    x = np.column_stack([ds.numeric(n)[rows] for n in names]).astype(float)
    constant = []
    for j, name in enumerate(names):
        values = x[:, j][~np.isnan(x[:, j])]
        if values.size == 0 or values.min() == values.max():  # summarize's r(min) == r(max), missing too
            constant.append(j)
    if constant:
        session.print(" ".join(names[j] for j in constant) + " constant in analysis sample, dropped from analysis")
        keep = [j for j in range(len(names)) if j not in constant]
        names, x = [names[j] for j in keep], x[:, keep]
    if len(names) < 2:  # alpha.ado checks k == 1; with every item constant mlm says the same (decision)
        raise StataError("too few variables specified", 102)
    k = len(names)
    signs = np.ones(k)
    reversed_text = ""
    if reverse is not None:
        rest = [v for v in reverse if v not in names]
        for v in reverse:
            if v in names:
                signs[names.index(v)] = -1.0
                reversed_text += f"{v} "
        if rest:
            session.print(" ".join(rest) + " included in reverse-list, but not in varlist")
    elif not opts.get("asis"):
        found = empirical_signs(x)
        if found is None:
            raise StataError("cannot determine the sense empirically; must specify option asis or reverse()", 459)
        signs = found
        reversed_text = "".join(f" {names[j]}" for j in range(k) if signs[j] < 0)  # alpha.ado's revlist
    item = bool(opts.get("item"))
    if item and k == 2:
        session.print("option -item- ignored with 2 variables")
        item = False
    numbers = cronbach_alpha(x, signs, names, std=std, item=item)
    items = ()
    if item:
        items = tuple(AlphaItem(n, ds.var_labels.get(n, ""), numbers.obs[j, j], int(signs[j]),
                                numbers.item_test[j], numbers.item_rest[j], numbers.item_average[j],
                                numbers.item_alpha[j]) for j, n in enumerate(names))
    complete = not np.isnan(x).any()
    session.print(render_alpha(AlphaResult(
        std=std, reversed_text=reversed_text, average=numbers.average, k=k, alpha=numbers.alpha, items=items,
        label=bool(opts.get("label")), linesize=session.linesize, detail=bool(opts.get("detail")),
        names=tuple(names), C=numbers.C, obs=numbers.obs, complete=complete, n=int(rows.sum()))))
    r: dict = {"cov" if not std else "rho": numbers.average, "k": float(k), "alpha": numbers.alpha}
    if item:
        cols = tuple(names)
        r["ItemTestCorr"] = Matrix(numbers.item_test[None, :], ("r1",), cols)
        r["ItemRestCorr"] = Matrix(numbers.item_rest[None, :], ("r1",), cols)
        r["MeanInterItemCorr" if std else "MeanInterItemCov"] = Matrix(numbers.item_average[None, :], ("r1",), cols)
        r["Alpha"] = Matrix(numbers.item_alpha[None, :], ("r1",), cols)
    session.set_r(r)
    if new_name is not None:  # alpha.ado confirms the new name after its display
        check_new_name(ds, new_name)
        score = np.full(ds.nobs, np.nan)
        score[rows] = numbers.test
        score[np.abs(score) > MAX_FLOAT] = np.nan  # gen float of a value past the largest float: missing
        ds.set_variable(new_name, score.astype(np.float32).astype(float), vtype="float")
        ds.var_labels[new_name] = f"mean({'' if std else 'un'}standardized items)"
