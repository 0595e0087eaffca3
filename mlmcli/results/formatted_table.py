"""The tables of frmttable and outreg (John Luke Gallup's commands): text cells, pure data,
and the two ways tables combine (``append``: rows below; ``merge``: columns beside, rows
matched by their titles)."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class FormattedTable:
    """``body``: the cells of each row, already formatted text; ``rtitles``: one per body row
    ("" for the rows under a statistic: its substatistics); ``ctitles``: header rows, each
    starting with the heading of the row-title column; ``title``/``notes``: lines above
    and below the table."""

    body: tuple[tuple[str, ...], ...]
    rtitles: tuple[str, ...]
    ctitles: tuple[tuple[str, ...], ...] = ()
    title: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.body), default=0)


def _pad(row: tuple[str, ...], n: int) -> tuple[str, ...]:
    return tuple(row) + ("",) * (n - len(row))


def _header(ctitles: tuple[tuple[str, ...], ...], rows: int, ncols: int) -> list[tuple[str, ...]]:
    out = [_pad(r, ncols + 1) for r in ctitles]
    return [("",) * (ncols + 1)] * (rows - len(out)) + out


def append_rows(old: FormattedTable, new: FormattedTable) -> FormattedTable:
    """``new``'s rows below ``old``'s (columns padded to the wider table)."""
    n = max(old.ncols, new.ncols)
    body = tuple(_pad(r, n) for r in old.body + new.body)
    return replace(old, body=body, rtitles=old.rtitles + new.rtitles,
                   ctitles=tuple(_pad(r, n + 1) for r in old.ctitles) or new.ctitles,
                   notes=old.notes + tuple(x for x in new.notes if x not in old.notes))


def _blocks(table: FormattedTable) -> list[tuple[tuple[str, int], list[int]]]:
    """Rows grouped under their titled row: ((title, occurrence), row indexes)."""
    blocks: list[tuple[tuple[str, int], list[int]]] = []
    seen: dict[str, int] = {}
    for i, title in enumerate(table.rtitles):
        if title or not blocks:
            k = seen.get(title, 0)
            seen[title] = k + 1
            blocks.append(((title, k), [i]))
        else:
            blocks[-1][1].append(i)
    return blocks


def merge_columns(old: FormattedTable, new: FormattedTable) -> FormattedTable:
    """``new``'s columns to the right of ``old``'s; rows are matched by row title (and the
    rows under it by position); a row block only ``new`` has goes after the block that
    precedes it in ``new`` (at the end when none does)."""
    n_old, n_new = old.ncols, new.ncols
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    new_by_key = dict(new_blocks)
    order: list[tuple[tuple[str, int], list[int] | None, list[int] | None]] = \
        [(key, rows, new_by_key.get(key)) for key, rows in old_blocks]
    keys = [k for k, _, _ in order]
    previous = None
    for key, rows in new_blocks:
        if key not in keys:
            at = keys.index(previous) + 1 if previous in keys else len(keys)
            order.insert(at, (key, None, rows))
            keys.insert(at, key)
        previous = key
    body, rtitles = [], []
    for key, old_rows, new_rows in order:
        depth = max(len(old_rows or ()), len(new_rows or ()))
        for j in range(depth):
            left = _pad(old.body[old_rows[j]], n_old) if old_rows and j < len(old_rows) else ("",) * n_old
            right = _pad(new.body[new_rows[j]], n_new) if new_rows and j < len(new_rows) else ("",) * n_new
            body.append(left + right)
            rtitles.append(key[0] if j == 0 else "")
    depth = max(len(old.ctitles), len(new.ctitles))
    head_old, head_new = _header(old.ctitles, depth, n_old), _header(new.ctitles, depth, n_new)
    ctitles = tuple(a + b[1:] for a, b in zip(head_old, head_new))
    return replace(old, body=tuple(body), rtitles=tuple(rtitles), ctitles=ctitles,
                   notes=old.notes + tuple(x for x in new.notes if x not in old.notes))
