"""outreg2's extra rows below the statistics: ``addstat(name, exp, ...)`` and ``addtext(name, text, ...)``.

Each call keeps its rows with its column, formatted when it is written (``adec(#)``), as outreg2
writes its numbers into the file at that call; the table's rows are the labels in the order they
first appear across the columns, a column without a row left blank.
"""
from __future__ import annotations

import math

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

    value = evaluate_number(session, exp)
    if not math.isfinite(value):
        if "e(" in exp:  # outreg2 2.3.2 _addstat_parse: a dot and this note
            session.print(f"{exp.strip()} does not exist; check eret list")
        return "."
    if adec is None:
        return outreg2_autodigits(value)
    return f"{value:,.{adec}f}"  # outreg2's %12.#fc: thousands separated by commas


def added_rows(session, opts: dict) -> tuple[tuple[str, str], ...]:
    """(label, cell text) of this call's addstat() then addtext() rows (outreg2 lists them so).
    addstat numbers: adec(#) decimals with thousands commas, else outreg2's three significant
    digits (autodigits2)."""
    from mlmcli.syntax.options import integer_option

    if opts.get("adec") is not None and not opts.get("addstat"):
        raise StataError("cannot choose adec option without addstat option", 198)
    adec = integer_option(opts, "adec", None, minimum=0, maximum=11)
    rows = []
    for label, exp in _pairs(opts["addstat"], "addstat") if opts.get("addstat") else []:
        rows.append((label, _stat_text(session, exp, adec)))
    for label, text in _pairs(opts["addtext"], "addtext") if opts.get("addtext") else []:
        rows.append((label, text))
    return tuple(rows)


def table_rows(per_column: list[tuple[tuple[str, str], ...]]):
    """EstoutStat rows, one per label (first-appearance order), a cell per column."""
    from mlmcli.results.estout import EstoutStat

    labels: list[str] = []
    for rows in per_column:
        labels += [label for label, _ in rows if label not in labels]
    return tuple(EstoutStat(label, tuple(dict(rows).get(label) for rows in per_column), "")
                 for label in labels)
