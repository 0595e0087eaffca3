"""``stbase`` without at(): multiple-record st data in baseline form (stbase.ado's BaseST,
Stata 16 tree).  The st sample (if/in) is kept; then per id(), in time order, the records are cut
into spells (a new spell after a gap or after a record with _d != 0: st_subid); each spell
becomes its first record with the spell's last _t (and the last values of stset's time and
failure variables).  Without gaps or multiple failures that is one record per id; with them, each
id keeps its first spell's record, followed by copies of it carrying each later spell's _t0, _t
(and stset's variables) with _d = 1 -- all the copies keep the first record's covariates ("all
records have covariate values at baseline").  _d of a spell is its first record's, as the ado
leaves it.  The data stay st (a note is added; _dta[st_set] forbids streset).
"""
from __future__ import annotations

import numpy as np


def replace_values(ds, name: str, values) -> None:
    """replace: the values in the variable's place, its type promoted when they need it."""
    from mlmcli.commands.data.common import fit_storage, smallest_type

    values = np.asarray(values, float)
    vtype = smallest_type(values, ds.types.get(name, "double"))
    ds.set_variable(name, fit_storage(values, vtype), vtype)


def stbase_records(session, cmd, ds, desc, show: bool) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.render.survival import render_st_show

    if show:
        session.print(render_st_show(desc))
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    work = ds.copy()
    if not rows.all():
        work.take_rows(rows)
        work.changed = True
    idv = desc.id
    if not idv:
        session.data = work
        session.print("\nnothing to do; single-record st data already baseline")
        return
    ids = work.df[idv].to_numpy()
    t0, t, d = (work.numeric(v).astype(float) for v in ("_t0", "_t", "_d"))
    order = np.lexsort((t, ids))
    ids, t0, t, d = ids[order], t0[order], t[order], d[order]
    first = np.r_[True, ids[1:] != ids[:-1]] if ids.size else np.zeros(0, bool)
    if first.all():
        work.take_rows(order)
        session.data = work
        session.print(f"\nnothing to do; data have one record per id({idv}) and so is already baseline")
        return
    gap_break = ~first & (t0 != np.r_[np.nan, t[:-1]])
    fail_break = ~first & (np.r_[0.0, d[:-1]] != 0)
    gaps, mult = bool(gap_break.any()), bool(fail_break.any())
    spell_start = first | gap_break | fail_break
    starts = np.flatnonzero(spell_start)
    ends = np.r_[starts[1:] - 1, ids.size - 1]
    subject = np.cumsum(first)[starts]  # the id of each spell (1, 2, ...)
    c = ds.chars
    user = {k: c.get(k, "") for k in ("st_bt", "st_bd", "st_bt0")}
    user = {k: v for k, v in user.items() if v and v in work.varnames}
    spell_values = {"_t0": t0[starts], "_t": t[ends], "_d": d[starts]}
    for key, name in user.items():  # time and failure: the spell's last; time0: its first
        values = work.numeric(name).astype(float)[order]
        spell_values[name] = values[ends] if key in ("st_bt", "st_bd") else values[starts]
    first_spell = np.r_[True, subject[1:] != subject[:-1]]
    # each spell's output row is a copy of its id's first spell's first record
    source = order[starts[np.maximum.accumulate(np.where(first_spell, np.arange(starts.size), 0))]]
    if not (gaps or mult):
        source = order[starts]
    work.take_rows(source)
    later = ~first_spell
    replace_values(work, "_t0", spell_values["_t0"])
    replace_values(work, "_t", spell_values["_t"])
    replace_values(work, "_d", np.where(later, 1.0, spell_values["_d"]))
    for name in user.values():
        replace_values(work, name, spell_values[name])
    from mlmcli.commands.survival.st_split import add_st_note

    add_st_note(work, "records now baseline (stbase run)")
    work.chars["st_set"] = "may not streset after running stbase"
    work.changed = True
    session.data = work
    several = gaps or mult
    lines = ["notes:", f"    1.  {'there were' if gaps else 'no'} gaps",
             f"    2.  {'there were' if mult else 'no'} multiple failures or reentries after failures",
             f"    3.  baseline data have {'multiple records' if several else 'one record'} per id({idv})"]
    if several:
        lines.append("    4.  all records have covariate values at baseline")
    session.print("\n".join(lines))
