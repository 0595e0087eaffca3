"""``misstable patterns [varlist] [if] [in] [, asis frequency exok bypatterns replace clear]``
([R] misstable), following misstable.ado's steps.

Only numeric variables count; the sample is the if/in observations, and the patterns are those
of the incomplete ones (the complete ones make the first row).  Variables without a missing value
leave; the rest are ordered by their number of missing values, fewest first (``asis``: as typed),
and within a run of equal counts by misstable.ado's ``fixruns``: the variable missing together
most often with the one before it comes next (names break ties).  Patterns are listed most
frequent first (``bypatterns``: by the number of variables missing).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.missing import code as missing_code
from mlmcli.results.missing_values import MissingPatterns
from mlmcli.syntax.options import OptionSpec, resolve_options

PATTERNS_OPTIONS = [OptionSpec("asis"), OptionSpec("frequency", 4), OptionSpec("exok"), OptionSpec("bypatterns", 5),
                    OptionSpec("replace"), OptionSpec("clear"), OptionSpec("nopreserve")]


def _missing_matrix(ds, names, rows, exok: bool) -> np.ndarray:
    cols = []
    for n in names:
        x = ds.numeric(n)[rows]
        cols.append(missing_code(x) == 0 if exok else np.isnan(x))
    return np.column_stack(cols) if cols else np.zeros((int(rows.sum()), 0), dtype=bool)


def _best_partner(overlaps: list[int], names: list[str]) -> int:
    """maxruns: the position of the largest overlap, the smallest name among ties."""
    top = max(overlaps)
    return min((names[j], j) for j, o in enumerate(overlaps) if o == top)[1]


def _fix_run(order: list[int], i0: int, i1: int, D: np.ndarray, names: list[str]) -> None:
    """fixruns_u2 on positions i0..i1 (0-based, inclusive) of ``order``, which have equal counts."""
    while i0 < i1:
        span = order[i0:i1 + 1]
        if i0 > 0:
            before = D[:, order[i0 - 1]]
            overlaps = [int((before & D[:, v]).sum()) for v in span]
            pick = i0 + _best_partner(overlaps, [names[v] for v in span])
        else:
            best, pick = -1, i0
            for pos, v in enumerate(span):
                runs = max(int((D[:, v] & D[:, w]).sum()) for w in span if w != v)
                if runs > best or (runs == best and names[v] < names[order[pick]]):
                    best, pick = runs, i0 + pos
        order[i0], order[pick] = order[pick], order[i0]
        i0 += 1


def _ordered_variables(names: list[str], D: np.ndarray, asis: bool) -> list[int]:
    counts = D.sum(axis=0)
    keep = [j for j in range(len(names)) if counts[j]]
    if asis:
        return keep
    order = sorted(keep, key=lambda j: counts[j])  # stable; ties are settled by _fix_run
    i = 0
    while i < len(order) - 1:
        j = i
        while j + 1 < len(order) and counts[order[j + 1]] == counts[order[i]]:
            j += 1
        if j > i:
            _fix_run(order, i, j, D, names)
        i = j + 1
    return order


def misstable_patterns(session, cmd, words: list[str]) -> None:
    opts = resolve_options(cmd.options, PATTERNS_OPTIONS)
    ds = session.data
    from mlmcli.commands.data.common import mark
    n_sample = int(mark(session, cmd).sum())
    r = {"N_complete": n_sample, "N_incomplete": 0, "K": 0, "vars": ""}
    if opts.get("replace") and ds.changed and not opts.get("clear"):
        raise StataError("no; dataset in memory has changed since last saved", 4)
    if opts.get("clear") and not opts.get("replace"):
        raise StataError("option clear requires option replace", 198)
    names = ds.expand_varlist(" ".join(words)) if words else list(ds.varnames)
    names = [n for n in dict.fromkeys(names) if not ds.is_string(n)]
    done = _early_exit(session, ds, names, n_sample, words)
    if done:
        session.set_r(r)
        if opts.get("replace"):
            session.data = Dataset()
        return
    rows = mark(session, cmd)
    D_all = _missing_matrix(ds, names, rows, bool(opts.get("exok")))
    incomplete = D_all.any(axis=1)
    if not incomplete.any():
        session.print("(no missing values)")
        session.set_r(r)
        if opts.get("replace"):
            session.data = Dataset()
        return
    D = D_all[incomplete]
    order = _ordered_variables(names, D, bool(opts.get("asis")))
    vlist = [names[j] for j in order]
    patterns = _patterns(D[:, order], bool(opts.get("bypatterns")))
    n_incomplete = int(incomplete.sum())
    result = MissingPatterns(tuple(vlist), tuple(patterns), n_sample - n_incomplete, n_incomplete,
                             bool(opts.get("frequency")), bool(opts.get("bypatterns")))
    from mlmcli.render.missing_values import render_missing_patterns
    session.print(render_missing_patterns(result, session.linesize))
    r.update(N_complete=n_sample - n_incomplete, N_incomplete=n_incomplete, K=len(patterns), vars=" ".join(vlist))
    if opts.get("replace"):
        session.data = _patterns_dataset(result)
        session.print("(summary data now in memory)")
    session.set_r(r)


def _early_exit(session, ds, names, n_sample, words) -> bool:
    if not ds.varnames or (not words and not ds.varnames):
        return True
    if not names:
        session.print("(no numeric variables)")
        return True
    if n_sample == 0:
        session.print("(no observations)")
        return True
    return False


def _patterns(D: np.ndarray, bypatterns: bool) -> list[tuple[tuple[bool, ...], int]]:
    """Distinct rows with their frequencies, in printing order: by frequency, then the flags,
    both descending (misstable.ado sorts ascending and prints bottom-up); ``bypatterns``: by the
    number of variables missing, then the flags, ascending."""
    frame = pd.DataFrame(D.astype(int))
    counts = frame.value_counts(sort=False)
    items = [(tuple(bool(v) for v in key), int(n)) for key, n in counts.items()]
    if bypatterns:
        items.sort(key=lambda it: (sum(it[0]), it[0]))
    else:
        items.sort(key=lambda it: (it[1], it[0]), reverse=True)
    return items


def _patterns_dataset(p: MissingPatterns) -> Dataset:
    """``replace``: _freq and the variables (1 nonmissing, 0 missing), one observation per
    pattern in the data order misstable.ado leaves (the reverse of the printed one), then the
    complete pattern with _freq = N_complete."""
    rows = list(reversed(p.patterns)) + [(tuple(False for _ in p.names), p.n_complete)]
    new = Dataset()
    frame = {"_freq": np.array([float(n) for _, n in rows])}
    for k, name in enumerate(p.names):
        frame[name] = np.array([0.0 if flags[k] else 1.0 for flags, _ in rows])
        new.types[name] = "byte"
    top = max(n for _, n in rows)
    new.types["_freq"] = "byte" if top <= 100 else "int" if top <= 32740 else "long"
    new.df = pd.DataFrame(frame, columns=["_freq", *p.names])
    new.changed = True
    return new
