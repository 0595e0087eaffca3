"""``snapspan idvar timevar varlist [, generate(newt0var) replace]`` ([ST] snapspan): snapshot
records made time-span records, as snapspan.ado does it.  Within each subject (sorted by
time) a record becomes the span from its time to the next record's time: it takes the next
record's time and the next record's values of varlist (the events), keeps its own values of
the other variables, and the span's start is its own time (generate()).  The subject's first
record stays as the span ending at the first time: id, time and varlist only, the other
variables missing.  The result is sorted by id and time."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name


def _missing_message(n: int, condition: str, fix: str) -> StataError:
    plural = n > 1
    return StataError(f"{n} observation{'s' if plural else ''} {'have' if plural else 'has'} {condition}\n"
                      f"{fix.format(them='them' if plural else 'it')}", 459)


def _checks(ds, ident: str, time: str) -> None:
    if ds.is_string(ident):
        missing_id = int(sum(v == "" for v in ds.df[ident].to_numpy(dtype=object)))
        condition = f'{ident}==""'
    else:
        missing_id = int(np.isnan(ds.numeric(ident)).sum())
        condition = f"{ident}==."
    if missing_id:
        raise _missing_message(missing_id, condition, "either fill {them} in with appropriate values or\n"
                               f"drop {{them}} by typing drop if {condition}")
    missing_t = int(np.isnan(ds.numeric(time)).sum())
    if missing_t:
        raise _missing_message(missing_t, f"{time}==.", "either fix {them} or drop {them}\n"
                               f"by typing drop if {time}==.")


def cmd_snapspan(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("generate", 1, True), OptionSpec("replace", 7),
                                         OptionSpec("clear", 5)])
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if any("." in name for name in names):  # L.x expands to an operator name, not a column (KeyError)
        raise StataError("time-series operators not allowed", 101)
    if len(names) < 3:
        raise StataError("too few variables specified", 102)
    ident, time, events = names[0], names[1], names[2:]
    new = None
    if "generate" in opts:
        words = opts["generate"].split()
        if len(words) != 1:
            raise StataError("generate():  invalid syntax", 198)
        new = words[0]
        check_new_name(ds, new)
    _checks(ds, ident, time)
    frame = ds.df.copy()
    order = np.lexsort((frame[time].to_numpy(dtype=float),
                        pd.factorize(frame[ident], sort=True)[0]))
    frame = frame.iloc[order].reset_index(drop=True)
    ids, t = frame[ident].to_numpy(), frame[time].to_numpy(dtype=float)
    same_next = np.r_[ids[1:] == ids[:-1], False]
    same_prev = np.r_[False, ids[1:] == ids[:-1]]
    duplicate = (same_next & np.r_[t[1:] == t[:-1], False]) | (same_prev & np.r_[False, t[1:] == t[:-1]])
    if duplicate.any():
        subjects = len(set(ids[duplicate].tolist()))
        raise StataError(f"{subjects} subject{'s' if subjects > 1 else ''} {'have' if subjects > 1 else 'has'} "
                         f"{int(duplicate.sum())} duplicate {time} values\n"
                         "it is unclear which record to use at the specified time\nperhaps\n"
                         f"    1.  {ident} is wrong and the records are not really for\n"
                         "        the same subject, or\n"
                         f"    2.  {time} is wrong and one record occurs after the other", 459)
    if not opts.get("replace") and not opts.get("clear") and ds.changed:
        raise StataError("no; dataset in memory has changed since last saved", 4)
    first = ~same_prev
    single = first & ~same_next
    if single.any():
        k, subjects = int(single.sum()), int(first.sum())
        percent = f"{100 * k / subjects:9.1f}".strip()
        session.print(f"note:  {k} obs. ({percent}%) {'have' if k > 1 else 'has'} only a single record; "
                      f"{'they' if k > 1 else 'it'} will be ignored")
        if k == subjects:
            raise StataError("no observations", 2000)
    spans = frame[same_next].copy()
    after = np.flatnonzero(same_next) + 1
    for name in [time, *events]:
        spans[name] = frame[name].to_numpy()[after]
    starts = frame.loc[same_next, time].to_numpy(dtype=float)
    heads = frame[first].copy()
    for name in frame.columns:
        if name not in (ident, time, *events):
            heads[name] = "" if ds.is_string(name) else np.nan
    combined = pd.concat([heads, spans], ignore_index=True)
    t0 = np.r_[np.full(len(heads), np.nan), starts]
    order = np.lexsort((combined[time].to_numpy(dtype=float), pd.factorize(combined[ident], sort=True)[0]))
    out = ds.copy()
    out.df = combined.iloc[order].reset_index(drop=True)
    if new is not None:
        out.set_variable(new, t0[order], ds.types.get(time, "float"))
        out.formats[new] = ds.format_of(time)
    out.sortedby = (ident, time)
    out.filename = None
    out.changed = True
    session.data = out
