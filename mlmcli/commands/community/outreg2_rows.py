"""outreg2's extra rows below the statistics: ``addstat(name, exp, ...)``, ``e(scalars)`` / ``e(all)``
and ``addtext(name, text, ...)``.

Each call keeps its rows with its column, formatted when it is written (``adec(#)``), as outreg2
writes its numbers into the file at that call; the table's rows are the labels in the order they
first appear across the columns, a column without a row left blank.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.render.estout_cells import outreg2_autodigits
from mlmcli.textscan import split_top


def _pairs(text: str, option: str) -> list[tuple[str, str]]:
    items = [item.strip() for item in split_top(text, ",")]  # commas in () or quotes kept
    if len(items) % 2 or any(not item for item in items[::2]):
        raise StataError(f"outreg2: {option}() takes pairs: {option}(name, "
                         f"{'exp' if option == 'addstat' else 'text'}[, name, ...])", 198)
    names = [unquote(s) for s in items[::2]]
    return list(zip(names, items[1::2] if option == "addstat" else [unquote(s) for s in items[1::2]]))


def _stat_text(session, exp: str, adec: int | None) -> str:
    from mlmcli.expr import evaluate_number

    return _number_text(session, evaluate_number(session, exp), exp, adec)


def _number_text(session, value: float, exp: str, adec: int | None) -> str:
    if not math.isfinite(value):
        if "e(" in exp:  # outreg2 2.3.2 _addstat_parse: a dot and this note
            session.print(f"{exp.strip()} does not exist; check eret list")
        return "."
    if adec is None:
        return outreg2_autodigits(value)
    return f"{value:,.{adec}f}"  # outreg2's %12.#fc: thousands separated by commas


def e_scalar_rows(session, e, opts: dict) -> tuple[tuple[str, str], ...]:
    """outreg2's ``e(scalars)``: _outreg2 turns it into addstat pairs ``name, e(name)`` after the
    user's addstat() ones, read from each column's own estimates (it restores each in turn).
    ``e(all)`` (``all`` anywhere in the list) is every scalar of ``: e(scalars)`` but N (always
    reported); otherwise the names listed (commas or blanks), each once.  A name e() does not
    hold is ``.`` with addstat's note."""
    from mlmcli.commands.postestimation.listings import e_results_listed
    from mlmcli.syntax.options import integer_option

    words = []
    for w in str(opts.get("e") or "").replace(",", " ").split():
        if w not in words:  # macroUnique
            words.append(w)
    if not words:
        return ()
    adec = integer_option(opts, "adec", None, minimum=0, maximum=11)
    scalars = e_results_listed(e)[0]
    names = [n for n in scalars if n != "N"] if "all" in words else words
    rows = []
    for name in names:
        value = scalars.get(name, e.scalars.get(name))
        try:
            number = float(value) if value is not None else math.nan
        except (TypeError, ValueError):
            number = math.nan
        rows.append((name, _number_text(session, number, f"e({name})", adec)))
    return tuple(rows)


def groups_row(e, opts: dict) -> tuple[tuple[str, str], ...]:
    """makeFile's "Number of <ivar>" row (xt and mixed-model columns): e(N_g) -- the first
    element when it is a matrix, "the work around for xtmixed" -- in %12.0fc, labelled by
    e(ivar) ("groups" when e(ivar) is not set: ``local ivar = e(ivar)`` is then "."); none
    without e(N_g) or under ``noni``."""
    from mlmcli.commands.postestimation.listings import e_results_listed

    if opts.get("noni") or e is None:
        return ()
    scalars, macros, matrices, _ = e_results_listed(e)
    value = scalars.get("N_g")
    if value is None and "N_g" in matrices:
        value = np.asarray(getattr(matrices["N_g"], "values", matrices["N_g"]), dtype=float).ravel()[0]
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ()
    if not math.isfinite(number):
        return ()
    name = str(macros["ivar"]).rstrip() if "ivar" in macros else "groups"
    return (("Number of " + name, f"{number:,.0f}"),)


def added_rows(session, opts: dict, e=None) -> tuple[tuple[str, str], ...]:
    """(label, cell text) of this call's addstat(), e() (of the column's estimates ``e``) then
    addtext() rows (outreg2 lists them so).
    addstat numbers: adec(#) decimals with thousands commas, else outreg2's three significant
    digits (autodigits2)."""
    from mlmcli.syntax.options import integer_option

    if opts.get("adec") is not None and not opts.get("addstat") and not opts.get("e"):
        raise StataError("cannot choose adec option without addstat option", 198)
    adec = integer_option(opts, "adec", None, minimum=0, maximum=11)
    rows = []
    for label, exp in _pairs(opts["addstat"], "addstat") if opts.get("addstat") else []:
        rows.append((label, _stat_text(session, exp, adec)))
    if e is not None:
        rows.extend(e_scalar_rows(session, e, opts))
    for label, text in _pairs(opts["addtext"], "addtext") if opts.get("addtext") else []:
        rows.append((label, text))
    return tuple(rows)


def text_list(text: str) -> list[str]:
    """outreg2's comma-separated title() / addnote() list (its partxtl2): a line per item, a
    quoted comma kept, ``""`` an empty line."""
    return [unquote(item.strip()) for item in split_top(text, ",")]


def table_rows(per_column: list[tuple[tuple[str, str], ...]]):
    """EstoutStat rows, one per label (first-appearance order), a cell per column."""
    from mlmcli.results.estout import EstoutStat

    labels: list[str] = []
    for rows in per_column:
        labels += [label for label, _ in rows if label not in labels]
    return tuple(EstoutStat(label, tuple(dict(rows).get(label) for rows in per_column), "")
                 for label in labels)
