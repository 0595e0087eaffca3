"""``cluster generate`` (groups(), cut(); cluster.ado's ClGenGrps/ClGenCut) and the cluster
utilities (dir, list, drop, use, rename, renamevar, notes, query) over the store of
cluster_objects.py."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.statistics import cluster_objects as store
from mlmcli.multivariate.cluster_analysis import groups_for_count
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import is_name

GENERATE_OPTIONS = [OptionSpec("name", 1, takes_arg=True), OptionSpec("ties", 1, takes_arg=True)]
LIST_PARTS = ("notes", "type", "method", "dissimilarity", "similarity", "chars", "vars", "other")


def _chosen(ds, opts) -> str:
    current = store.names(ds)
    if not current:
        raise StataError("no cluster solutions currently defined", 198)
    if opts.get("name"):
        return store.expand(ds, str(opts["name"]).strip(), onlyone=True)[0]
    return current[0]


def _tree(ds, name: str):
    r = store.query(ds, name)
    if r.get("type") != "hierarchical":
        raise StataError(f"{name} is not a hierarchical cluster analysis", 198)
    ident = ds.numeric(r["idvar"])
    used = np.flatnonzero(~np.isnan(ident))
    used = used[np.argsort(ident[used], kind="stable")]
    order = ds.numeric(r["ordervar"])[used].astype(int)
    heights = ds.numeric(r["heightvar"])[used]
    if r.get("similarity"):  # larger is closer: the cuts run on the negatives (ClGenGrps' sort)
        heights = -heights
    return used, order, heights


def tree_groups(ds, name: str, count: int, ties: str):
    """(the analysed rows in data order, their groups for groups(count)) for cluster stop;
    the groups are None when ties(skip) skips count."""
    used, order, heights = _tree(ds, name)
    made, groups = groups_for_count(heights, count, ties)
    if made is None:
        return used, None
    values = np.empty(len(used))
    values[order - 1] = groups  # the observation at position p is the order[p]-th analysed row
    return used, values


def _put_groups(ds, newvar: str, used, order, position_groups) -> None:
    """Row of observation order[p] gets the group of position p."""
    from mlmcli.commands.statistics.cluster_variables import integer_variable

    values = np.full(ds.nobs, np.nan)
    values[used[order - 1]] = position_groups
    integer_variable(ds, newvar, values)


def cluster_generate(session, cmd) -> None:
    from mlmcli.multivariate.cluster_analysis import groups_for_cut
    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.varlist import check_new_name

    ds = session.data
    m = re.fullmatch(r"\s*(\w+)\s*=\s*(\w+)\s*\((.*)\)\s*", cmd.args or "")
    if not m:
        raise StataError("invalid syntax", 198)
    stub, function, argument = m.groups()
    if not is_name(stub):
        raise StataError(f"{stub} invalid name", 198)
    function = function.lower()
    opts = resolve_options(cmd.options, GENERATE_OPTIONS)
    if len(function) >= 2 and "groups".startswith(function):
        ties = str(opts.get("ties") or "error").strip().lower()
        for full, kept in (("error", "error"), ("skip", "skip"), ("fewer", "less"), ("less", "less"),
                           ("more", "more")):
            if ties and full.startswith(ties):
                ties = kept
                break
        else:
            raise StataError("invalid ties() option", 198)
        name = _chosen(ds, opts)
        counts = sorted(set(int(v) for v in numlist(argument)))
        if not counts or any(c <= 0 for c in counts) or any(float(v) != int(v) for v in numlist(argument)):
            raise StataError("invalid numlist has elements outside of allowed range", 125)
        used, order, heights = _tree(ds, name)
        plans = []
        for count in counts:
            made, groups = groups_for_count(heights, count, ties)
            if made is None:
                continue
            newvar = stub + str(count) if len(counts) > 1 else stub
            check_new_name(ds, newvar)
            plans.append((newvar, groups))
            if made == len(heights) and count > len(heights):
                break
        for newvar, groups in plans:
            _put_groups(ds, newvar, used, order, groups)
        return
    if function == "cut":
        if opts.get("ties"):
            raise StataError("option ties() not allowed", 198)
        name = _chosen(ds, opts)
        try:
            cut = float(argument)
        except ValueError:
            raise StataError("invalid syntax", 198) from None
        check_new_name(ds, stub)
        used, order, heights = _tree(ds, name)
        if store.query(ds, name).get("similarity"):
            cut = -cut  # a similarity at or below cut separates groups
        _put_groups(ds, stub, used, order, groups_for_cut(heights, cut))
        return
    raise StataError(f"unrecognized command:  clusgen_{function}", 199)


def cluster_utility(session, cmd, sub: str) -> None:
    ds = session.data
    words = (cmd.args or "").split()
    if sub == "dir":
        if words or cmd.options:
            raise StataError("invalid syntax", 198)
        current = store.names(ds)
        if current:
            session.print("\n".join(current))
        session.set_r({"names": " ".join(current)})
        return
    if sub == "list":
        chosen = store.expand(ds, " ".join(words)) if words else store.names(ds)
        typed = set()
        for option in cmd.options:
            word = option.name
            hit = [p for p in LIST_PARTS + ("all",) if p.startswith(word) and len(word) >= 1]
            if not hit or option.arg is not None:
                raise StataError(f"option {option.name} not allowed", 198)
            typed.add(hit[0])
        parts = set(LIST_PARTS) if not typed or "all" in typed else typed
        text = store.listing(ds, chosen, parts, min(session.linesize, 255) - 1)
        if text:
            session.print(text)
        session.set_r({"names": " ".join(chosen)})
        return
    if sub == "renamevar":
        _renamevar(ds, words, cmd.options)
        return
    if sub == "notes":  # free text, as typed (the command is raw)
        _notes(session, cmd.args or "")
        return
    if cmd.options:
        raise StataError("options not allowed", 101)
    if sub == "drop":
        if not words:
            raise StataError("invalid syntax", 198)
        for name in (store.names(ds) if words == ["_all"] else store.expand(ds, " ".join(words))):
            store.drop(ds, name)
    elif sub == "use":
        if len(words) != 1:
            raise StataError("invalid syntax", 198)
        store.use(ds, words[0])
    elif sub == "rename":
        if len(words) != 2:
            raise StataError("invalid syntax", 198)
        store.rename(ds, words[0], words[1])
    elif sub == "query":
        if len(words) > 1:
            raise StataError("invalid syntax", 198)
        result = ({"names": " ".join(store.names(ds))} if not words
                  else store.query(ds, store.expand(ds, words[0], onlyone=True)[0]))
        session.set_r(result)



def _renamevar(ds, words, options) -> None:
    """cluster renamevar old new [, name(clname) prefix]."""
    opts = resolve_options(options, [OptionSpec("name", 1, takes_arg=True), OptionSpec("prefix", 1)])
    if len(words) != 2:
        raise StataError("invalid syntax", 198)
    store.rename_variable(ds, _chosen(ds, opts), words[0], words[1], bool(opts.get("prefix")))


def _notes(session, text: str) -> None:
    ds = session.data
    head, colon, body = text.partition(":")
    words = head.split()
    if words and words[0] == "drop" and not colon:
        if len(words) < 2:
            raise StataError("invalid syntax", 198)
        name = store.expand(ds, words[1], onlyone=True)[0]
        if len(words) == 2:
            store.drop_notes(ds, name, None)
        elif words[2] != "in" or len(words) == 3:
            raise StataError("invalid syntax", 198)
        else:
            from mlmcli.syntax.numlist import numlist
            store.drop_notes(ds, name, [int(v) for v in numlist(" ".join(words[3:]))])
        return
    if colon:
        if len(words) != 1 or not body.strip():
            raise StataError("invalid syntax", 198)
        store.add_note(ds, store.expand(ds, words[0], onlyone=True)[0], body.strip())
        return
    chosen = store.expand(ds, head) if words else store.names(ds)
    text = store.listing(ds, chosen, {"notes"}, min(session.linesize, 255) - 1)
    if text:
        session.print(text)
