"""``cluster`` ([MV] cluster; cluster.ado): kmeans and kmedians partitions, the seven
hierarchical linkages, ``cluster generate`` (groups(), cut()) and the utilities (dir, list,
drop, use, rename, renamevar, notes, query; commands/statistics/cluster_objects.py).

Results are stored as cluster.ado stores them: the group variable (kmeans) or the
``<name>_id``/``_ord``/``_hgt`` variables (row r: its observation number r, the number of the
observation at dendrogram position r, the height linking positions r and r+1), and the
characteristics of cluster_objects.py.  Numbers in ``mlmcli.multivariate.cluster_analysis``.
cluster stop: cluster_stop.py; cluster dendrogram: cluster_dendrogram.py; clustermat:
clustermat.py.  Refused by name: binary and mixed measures,
cluster set/delete/parsedistance, the pseudo heights of a dendrogram reversal.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.statistics import cluster_objects as store
from mlmcli.commands.statistics.cluster_variables import height_variable, integer_variable, numeric_varlist
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

LINKAGES = [("singlelinkage", 1, "single"), ("averagelinkage", 1, "average"), ("completelinkage", 1, "complete"),
             ("centroidlinkage", 4, "centroid"), ("medianlinkage", 3, "median"),
             ("waveragelinkage", 3, "waverage"), ("wardslinkage", 4, "wards")]
_REFUSED = {"set": "cluster set", "delete": "cluster delete", "parsedistance": "cluster parsedistance"}
KMEANS_OPTIONS = [OptionSpec("k", 1, takes_arg=True), OptionSpec("name", 1, takes_arg=True),
                  OptionSpec("generate", 3, takes_arg=True), OptionSpec("start", 1, takes_arg=True),
                  OptionSpec("iterate", 4, takes_arg=True), OptionSpec("keepcenters", 4),
                  OptionSpec("measure", 3, takes_arg=True)]
LINK_OPTIONS = [OptionSpec("name", 1, takes_arg=True), OptionSpec("generate", 3, takes_arg=True),
                OptionSpec("measure", 3, takes_arg=True)]


def abbreviated(word: str, full: str, least: int) -> bool:
    return least <= len(word) <= len(full) and full.startswith(word)


def subcommand(cmd, name: str):
    """(the subcommand word in lower case, the rest parsed: args, if, in, options), from a raw
    command whose own text (``cmd.text``) the stored command lines reuse."""
    import re
    from dataclasses import replace

    from mlmcli.parser import parse_arguments

    sub, rest = re.match(r"\s*([^\s,]*)(.*)", cmd.args or "", re.S).groups()  # "stop, rule(duda)"
    # case counts: cluster KMEANS is no subcommand (cluster.ado compares the word as typed)
    if not sub:
        raise StataError(f"must specify a {name} subcommand", 198)
    if sub == "notes" or (len(sub) >= 4 and "notes".startswith(sub)):
        return sub, replace(cmd, args=rest.strip(), options=())  # a note is free text
    return sub, replace(parse_arguments(rest, name), text=cmd.text, prefixes=cmd.prefixes)


def cmd_cluster(session, cmd) -> None:
    sub, inner = subcommand(cmd, "cluster")
    if abbreviated(sub, "kmeans", 1) or abbreviated(sub, "kmedians", 4):
        return _kmeans(session, inner, medians=abbreviated(sub, "kmedians", 4))
    for full, least, method in LINKAGES:
        if abbreviated(sub, full, least):
            return _linkage(session, inner, method)
    if abbreviated(sub, "generate", 3):
        from mlmcli.commands.statistics.cluster_generate import cluster_generate
        return cluster_generate(session, inner)
    if sub in ("dir", "list", "drop", "use", "rename", "renamevar", "query") or abbreviated(sub, "notes", 4):
        from mlmcli.commands.statistics.cluster_generate import cluster_utility
        return cluster_utility(session, inner, "notes" if abbreviated(sub, "notes", 4) else sub)
    if abbreviated(sub, "dendrogram", 4) or abbreviated(sub, "tree", 2):
        from mlmcli.commands.statistics.cluster_dendrogram import cluster_dendrogram
        return cluster_dendrogram(session, inner)
    if sub == "measures":
        from mlmcli.commands.statistics.cluster_measures import cluster_measures
        return cluster_measures(session, inner)
    if abbreviated(sub, "stop", 4):
        from mlmcli.commands.statistics.cluster_stop import cluster_stop
        return cluster_stop(session, inner)
    for word, title in _REFUSED.items():
        if abbreviated(sub, word, 3):
            raise StataError(f"{title} is not implemented in mlm", 199)
    raise StataError(f"unrecognized command:  cluster_{sub}", 199)


def _variables(session, cmd):
    from mlmcli.commands.data.common import mark

    names = numeric_varlist(session.data, cmd.args)
    return names, mark(session, cmd, names)


def _measure(opts, method: str) -> str:
    from mlmcli.multivariate.cluster_analysis import parse_measure

    default = "L2squared" if method in ("centroid", "median", "wards") else "L2"
    return parse_measure(opts.get("measure"), default)


def _kind(measure: str) -> str:
    """The info item's letter: d (dissimilarity) or s (similarity)."""
    from mlmcli.multivariate.cluster_analysis import is_similarity
    return "s" if is_similarity(measure) else "d"


def _range(measure: str, p: int) -> str:
    from mlmcli.multivariate.cluster_analysis import measure_range
    return measure_range(measure, p)


def command_line(word: str, cmd, command: str = "cluster") -> str:
    """The stored command line: ``cluster <full subcommand> <the rest as typed>``."""
    parts = cmd.text.strip().split(None, 2)
    return " ".join(f"{command} {word} {parts[2] if len(parts) > 2 else ''}".split())


def _kmeans(session, cmd, *, medians: bool) -> None:
    from mlmcli.multivariate import cluster_analysis as ca

    ds = session.data
    opts = resolve_options(cmd.options, KMEANS_OPTIONS)
    if "k" not in opts:
        raise StataError("option k() required", 198)
    try:
        k = int(str(opts["k"]).strip())
    except ValueError:
        raise StataError("k() invalid -- invalid number", 121) from None
    if k <= 0:
        raise StataError("k() invalid -- invalid numlist has elements outside of allowed range", 125)
    iterate = integer_option(opts, "iterate", 10000)
    measure = _measure(opts, "kmeans")
    names, rows = _variables(session, cmd)
    start_text = str(opts.get("start") or "krandom").strip()
    way, argument, stored_start = _parse_start(start_text, ds)
    if rows.sum() < k:
        raise StataError("insufficient observations", 2001)
    name = store.new_name(ds, str(opts["name"]).strip() if opts.get("name") else None)
    target = str(opts["generate"]).strip() if opts.get("generate") else name
    if target in ds.varnames:
        if not opts.get("generate"):
            raise StataError(f"unable to create new variable {name};\nuse the generate() option to specify a varname",
                             110)
        raise StataError(f"variable {target} already defined", 110)
    x = np.column_stack([ds.numeric(n) for n in names]).astype(float)
    used = np.flatnonzero(rows)
    centers, used = _start_centers(session, x, used, k, way, argument, medians)
    part = ca.kmeans(x[used], centers, medians=medians, measure=measure, iterate=iterate)
    if not opts.get("name"):
        session.print(f"cluster name: {name}")
    groups = np.full(ds.nobs, np.nan)
    groups[used] = part.groups
    integer_variable(ds, target, groups)
    if opts.get("keepcenters"):
        _append_centers(ds, names, part.centers)
    method = "kmedians" if medians else "kmeans"
    store.store(ds, name, cmd=command_line(method, cmd), varlist=names,
                info=["t partition", f"m {method}", f"{_kind(measure)} {measure}", f"o k {k}",
                      f"o start {stored_start}", f"o range {_range(measure, len(names))}", f"v group {target}"])


def _append_centers(ds, names, centers) -> None:
    """keepcenters: the k centres appended as new observations; a variable whose type cannot
    hold a centre exactly becomes double (cluster.ado recasts to double and back, capture)."""
    import pandas as pd

    frame = pd.concat([ds.df, pd.DataFrame({n: centers[:, j] for j, n in enumerate(names)})], ignore_index=True)
    for name in ds.varnames:
        if ds.is_string(name):
            frame[name] = frame[name].fillna("")
    ds.append_rows(frame)
    for j, name in enumerate(names):
        vtype = ds.types.get(name)
        values = centers[:, j]
        if vtype == "float" and not np.array_equal(values.astype(np.float32).astype(float), values):
            ds.types[name] = "double"
        elif vtype in ("byte", "int", "long") and not np.array_equal(values, np.round(values)):
            ds.types[name] = "double"


def _parse_start(text: str, ds):
    """cluster.ado's ParseStart -> (way, argument, the start() text stored)."""
    word, _, rest = text.partition("(")
    word, comma, option = word.partition(",")
    word, option = word.strip().lower(), option.strip().lower()
    argument = rest[:-1].strip() if rest.endswith(")") else None
    if rest and argument is None:
        raise StataError("invalid start() option", 198)
    for full, least in (("krandom", 2), ("prandom", 2)):
        if abbreviated(word, full, least):
            return full, argument, f"{full}({argument})" if argument else full
    for full in ("firstk", "lastk"):
        if abbreviated(word, full, 1):
            if comma and not abbreviated(option, "exclude", 2):
                raise StataError("invalid syntax", 198)
            return full, "exclude" if comma else None, f"{full} , exclude" if comma else full
    if abbreviated(word, "everykth", 6) or abbreviated(word, "segments", 3):
        if argument or comma:
            raise StataError("invalid syntax", 198)
        full = "everykth" if word.startswith("ev") else "segments"
        return full, None, full
    if abbreviated(word, "group", 1):
        if not argument:
            raise StataError("option group() required", 198)
        var = ds.expand_varlist(argument)
        if len(var) != 1:
            raise StataError("too many variables specified", 103)
        return "group", var[0], f"group({var[0]})"
    if abbreviated(word, "random", 1):
        return "random", argument, f"random({argument})" if argument else "random"
    raise StataError("invalid start() option", 198)


def _start_centers(session, x, used, k, way, argument, medians):
    """The k starting centres and the rows clustered (firstk/lastk, exclude drops the seeds)."""
    from mlmcli.expr.random_numbers import generator, restart
    from mlmcli.multivariate import cluster_analysis as ca

    sample = x[used]
    if ca.distinct_rows(sample) < k:
        raise StataError("insufficient observations due to ties", 2001)
    if way in ("krandom", "prandom", "random") and argument:
        try:
            restart(session, int(float(argument)))
        except ValueError:
            raise StataError("invalid numlist", 121) from None
    if way in ("krandom", "firstk", "lastk"):
        key = np.arange(len(used), dtype=float)
        if way == "krandom":  # one float uniform per observation of the dataset, as uniform()
            key = generator(session).random(len(x)).astype(np.float32)[used].astype(float)
        elif way == "lastk":
            key[len(used) - k:] -= len(used) + 1
        picks = ca.seed_rows(sample, k, key)
        centers = sample[picks]
        if argument == "exclude":
            used = np.delete(used, picks)
            if len(used) < k:
                raise StataError("insufficient observations", 2001)
        return centers, used
    if way == "random":
        low, high = np.nanmin(sample, axis=0), np.nanmax(sample, axis=0)
        draws = generator(session).random((sample.shape[1], k)).T
        return draws * (high - low) + low, used
    codes = None
    if way == "group":
        values = session.data.numeric(argument)[used]
        present = ~np.isnan(values)
        levels = np.unique(values[present])
        if len(levels) != k:
            raise StataError(f"{argument} does not define {k} groups", 198)
        codes = np.full(len(used), -1)
        codes[present] = np.searchsorted(levels, values[present])
    uniform = generator(session).random(len(x)).astype(np.float32)[used] if way == "prandom" else None
    start = ca.partition_start(len(used), k, way, uniform, codes)
    centers = np.array([np.median(sample[start == g], axis=0) if medians else sample[start == g].mean(axis=0)
                        for g in range(k)])
    return centers, used


def _linkage(session, cmd, method: str) -> None:
    from mlmcli.multivariate import cluster_analysis as ca

    ds = session.data
    opts = resolve_options(cmd.options, LINK_OPTIONS)
    names, rows = _variables(session, cmd)
    if rows.sum() <= 1:
        raise StataError("insufficient observations", 2001)
    measure = _measure(opts, method)
    name = store.new_name(ds, str(opts["name"]).strip() if opts.get("name") else None)
    stub, _, extra = str(opts.get("generate") or "").partition(",")
    stub, every = stub.strip() or name, extra.strip()
    if every not in ("", "all") or (extra and not every):
        raise StataError("invalid generate() option", 198)
    if every and method != "single":
        raise StataError("invalid generate() option", 198)
    if len(stub) + 4 > 32:
        raise StataError(f"{stub} invalid stub name", 7)
    for suffix in ("_id", "_ord", "_hgt", "_pht") + (("_pi", "_lam") if every else ()):
        if stub + suffix in ds.varnames:
            raise StataError(f"variable {stub + suffix} already defined", 110)
    x = np.column_stack([ds.numeric(n) for n in names]).astype(float)[rows]
    sign = -1.0 if ca.is_similarity(measure) else 1.0  # similarities agglomerate as their negatives
    d = sign * ca.pairwise(x, x, measure)
    if not np.all(np.isfinite(d)):  # values near 1e307: their distances overflow to Stata's missing
        # (decided without a Stata log: clustermat's r(504) for a matrix with missing values)
        raise StataError("matrix has missing values", 504)
    tree = ca.hierarchical(d, method)
    if not opts.get("name"):
        session.print(f"cluster name: {name}")
    used = np.flatnonzero(rows)
    n = len(used)
    ident, order, height = (np.full(ds.nobs, np.nan) for _ in range(3))
    ident[used] = np.arange(1, n + 1)
    order[used] = tree.order + 1
    height[used] = sign * tree.heights
    integer_variable(ds, f"{stub}_id", ident)
    integer_variable(ds, f"{stub}_ord", order)
    height_variable(ds, f"{stub}_hgt", height)
    info = ["t hierarchical", f"m {method}", f"{_kind(measure)} {measure}", f"o range {_range(measure, len(names))}",
            f"v id {stub}_id", f"v order {stub}_ord", f"v height {stub}_hgt"]
    if every:  # generate(stub, all): single linkage's pointer representation
        pointer, level = np.full(ds.nobs, np.nan), np.full(ds.nobs, np.nan)
        pointer[used], level[used] = tree.pointer + 1, sign * tree.level
        integer_variable(ds, f"{stub}_pi", pointer)
        height_variable(ds, f"{stub}_lam", level)
        info += [f"v pi {stub}_pi", f"v lambda {stub}_lam"]
    store.store(ds, name, cmd=command_line(f"{method}linkage", cmd), varlist=names, info=info)
