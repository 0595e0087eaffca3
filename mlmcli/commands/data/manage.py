"""Managing data: ``sort``, ``gsort``, ``keep``/``drop``, ``rename``, ``order``,
``preserve``/``restore`` (``xtset``/``tsset``: data/panel_settings.py).  The registry also points here for ``label``,
``format``, ``encode``/``decode`` and ``recode``, which live in ``data_labels``."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import gsort_keys, mark
from mlmcli.errors import StataError
from mlmcli.missing import code as missing_code
from mlmcli.sorted_codes import stable_lexsort, text_codes
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name


# ----------------------------------------------------------------------------- sorting
def sort_frame(ds, names: list[str], descending: list[bool] | None = None) -> None:
    """Stable sort of the dataset; missing values last, ``""`` first among strings."""
    if ds.nobs == 0 or not names:
        return
    descending = descending or [False] * len(names)
    keys = []
    for name, desc in zip(reversed(names), reversed(descending)):
        if ds.is_string(name):
            ranks = text_codes(ds.df[name])  # np.unique's inverse (int64: a radix sort alone)
            keys.append(-ranks if desc else ranks)
        else:
            x = ds.numeric(name)
            miss = np.isnan(x)
            # missing is greater than any number; gsort -x still puts it last
            base = np.where(miss, missing_code(x), -x if desc else x)  # . < .a < … < .z
            keys.append(base)
            keys.append(miss.astype(float))
    order = stable_lexsort(keys)
    if not np.array_equal(order, np.arange(order.size)):  # already in order: no copy of every column
        ds.take_rows(order)
    ds.changed = True


def cmd_sort(session, cmd) -> None:
    """``sort varlist [, stable]``: ascending, stable; sets the sort order."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "sort"):
            return
    resolve_options(cmd.options, [OptionSpec("stable")])
    if cmd.in_range is not None or cmd.if_exp:
        raise StataError("invalid syntax", 198) if cmd.if_exp else StataError("in range not allowed", 101)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    sort_frame(ds, names)
    ds.sortedby = tuple(names)


def cmd_gsort(session, cmd) -> None:
    """``gsort [+|-]varname ...``: ``-`` sorts descending (missing values still last)."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "gsort"):
            return
    opts = resolve_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True)])
    ds = session.data
    names, desc = gsort_keys(ds, cmd.args)
    sort_frame(ds, names, desc)
    ds.sortedby = tuple(names) if not any(desc) else ()
    if isinstance(opts.get("generate"), str):
        new = opts["generate"].strip()
        check_new_name(session.data, new)
        change = np.zeros(max(ds.nobs - 1, 0), dtype=bool)
        for n in names:
            col = ds.df[n].to_numpy(dtype=object)
            change |= np.array([not (a == b or (a != a and b != b)) for a, b in zip(col[1:], col[:-1])], dtype=bool)
        codes = np.cumsum(np.r_[True, change]) if ds.nobs else np.array([])
        ds.set_variable(new, codes.astype(float), "long" if ds.nobs > 32740 else "int")


# ----------------------------------------------------------------------------- keep / drop
def _obs_message(session, n: int) -> None:
    session.print(f"({n:,} observation{'s' if n != 1 else ''} deleted)")


def _keep_rows(session, keep: np.ndarray) -> None:
    ds = session.data
    dropped = int((~keep).sum())
    if dropped:
        ds.take_rows(keep)
        ds.changed = True
    _obs_message(session, dropped)


def cmd_drop(session, cmd) -> None:
    """``drop varlist`` or ``drop if exp`` / ``drop in range``: ``(N observations deleted)``."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "drop"):
            return
    _keep_or_drop(session, cmd, keep=False)


def cmd_keep(session, cmd) -> None:
    """``keep varlist`` or ``keep if exp`` / ``keep in range``."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "keep"):
            return
    _keep_or_drop(session, cmd, keep=True)


def _keep_or_drop(session, cmd, keep: bool) -> None:
    resolve_options(cmd.options, [])
    ds = session.data
    args = cmd.args.strip()
    if args and (cmd.if_exp or cmd.in_range):
        raise StataError("invalid syntax", 198)
    if args:
        if getattr(session, "by_mask", None) is not None or getattr(session, "by_vars", ()):
            raise StataError(f"{'keep' if keep else 'drop'} varlist may not be combined with by", 190)
        if args == "_all" and not ds.varnames and not keep:
            # drop _all with no variables: the do-file idiom ``clear`` / ``drop _all`` runs on
            # (decided: no public log shows Stata's answer; failing would stop the do-file)
            session.data = type(ds)(value_labels=ds.value_labels)
            session.data.changed = True
            return
        names = ds.expand_varlist(args)
        if keep:
            ds.drop_variables([v for v in ds.varnames if v not in set(names)])
        elif set(names) == set(ds.varnames):
            labels = ds.value_labels
            session.data = type(ds)(value_labels=labels)
            session.data.changed = True
        else:
            ds.drop_variables(names)
        return
    if not (cmd.if_exp or cmd.in_range):
        raise StataError("varlist required", 100)
    rows = mark(session, cmd)
    _keep_rows(session, rows if keep else ~rows)


# ----------------------------------------------------------------------------- rename / order
def cmd_rename(session, cmd) -> None:
    """``rename old new``; the group forms (``rename (a b) (c d)``, ``rename x* y*``,
    ``rename varlist, upper|lower|proper``) are in ``rename_group``.  All names change at
    once, so ``rename (a b) (b a)`` swaps and ``rename (a b c) (b c a)`` cycles, as in Stata."""
    from mlmcli.commands.data.rename_group import apply_renames, rename_pairs

    ds = session.data
    args = cmd.args.strip()
    pairs = rename_pairs(ds, args, cmd.options)
    if pairs is None:
        parts = args.split()
        raise StataError("invalid syntax" if len(parts) > 2 else "too few variables specified",
                         198 if len(parts) > 2 else 102)
    apply_renames(ds, pairs)


def cmd_renpfix(session, cmd) -> None:
    """``renpfix oldstub [newstub]`` (renpfix.ado, undocumented since Stata 12): the variables
    ``oldstub*`` renamed to begin with newstub instead (the stub dropped when none is typed);
    r(varlist) the new names.  Every new name is checked before any is changed."""
    from mlmcli.commands.data.rename_group import apply_renames

    if cmd.options:
        raise StataError("invalid syntax", 198)
    words = cmd.args.split()
    if not words or len(words) > 2:
        raise StataError("invalid syntax" if words else "varlist required", 198 if words else 100)
    prefix, new = words[0], words[1] if len(words) == 2 else ""
    ds = session.data
    names = ds.expand_varlist(prefix + "*")
    pairs = [(v, new + v[len(prefix):]) for v in names]
    apply_renames(ds, pairs)
    session.set_r({"varlist": " ".join(n for _, n in pairs)})


def cmd_order(session, cmd) -> None:
    """``order varlist [, first last before(var) after(var) alphabetic]``; ``b()``/``a()``
    abbreviate before()/after() ([D] order's syntax table)."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "order"):
            return
    opts = resolve_options(cmd.options, [OptionSpec("first"), OptionSpec("last"), OptionSpec("before", 1, takes_arg=True),
                                       OptionSpec("after", 1, takes_arg=True), OptionSpec("alphabetic", 5),
                                       OptionSpec("sequential", 3)])
    for side in ("before", "after"):  # before() typed empty is not typed: order.ado's syntax Before(varname)
        if isinstance(opts.get(side), str) and not opts[side].strip():
            del opts[side]
    placing = [o for o in ("first", "last", "before", "after") if o in opts]
    if len(placing) > 1:
        raise StataError(f"options {placing[0]} and {placing[1]} may not be combined", 198)
    if opts.get("alphabetic") and opts.get("sequential"):
        raise StataError("options alphabetic and sequential may not be combined", 198)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    names = list(dict.fromkeys(names))  # a name typed twice is placed once
    if opts.get("alphabetic"):
        names = sorted(names, key=str.lower)
    elif opts.get("sequential"):  # a1 a2 a10: numbers inside names compare as numbers
        names = sorted(names, key=lambda n: [int(t) if t.isdecimal() else t.lower() for t in re.findall(r"\d+|\D+", n)])
    rest = [v for v in ds.varnames if v not in set(names)]
    if opts.get("last"):
        cols = rest + names
    elif isinstance(opts.get("before"), str) or isinstance(opts.get("after"), str):
        anchor = ds.resolve((opts.get("before") or opts.get("after")).strip())
        if anchor in names:
            raise StataError(f"{anchor} may not be in the varlist", 198)
        pos = rest.index(anchor) + (0 if isinstance(opts.get("before"), str) else 1)
        cols = rest[:pos] + names + rest[pos:]
    else:
        cols = names + rest
    ds.replace_columns(ds.df[cols])
    ds.changed = True


def cmd_move(session, cmd) -> None:
    """``move varname1 varname2`` (Stata 10's [D] move, superseded by ``order`` but still run):
    varname1 takes varname2's position and the variables from varname2 on shift right --
    ``order varname1, before(varname2)``."""
    if cmd.options:
        raise StataError("options not allowed", 101)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    if len(names) > 2:
        raise StataError("too many variables specified", 103)
    moved, anchor = names
    if moved == anchor:
        return
    rest = [v for v in ds.varnames if v != moved]
    pos = rest.index(anchor)
    ds.replace_columns(ds.df[rest[:pos] + [moved] + rest[pos:]])
    ds.changed = True


# ----------------------------------------------------------------------------- preserve / restore
def cmd_preserve(session, cmd) -> None:
    """``preserve``: keep a copy of the data for ``restore``."""
    if session.preserved is not None:
        raise StataError("already preserved", 621)
    session.preserved = session.data.copy()
    session.preserved_frame = session.current_frame  # restore puts them back in this frame


def cmd_restore(session, cmd) -> None:
    """``restore [, not preserve]``."""
    opts = resolve_options(cmd.options, [OptionSpec("not"), OptionSpec("preserve")])
    if session.preserved is None:
        raise StataError("nothing to restore", 622)
    if opts.get("not"):
        session.preserved = None
        return
    from mlmcli.frame_store import restore_preserved

    restore_preserved(session, session.preserved.copy() if opts.get("preserve") else session.preserved)
    if not opts.get("preserve"):
        session.preserved = None
