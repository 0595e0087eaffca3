"""``clustermat`` ([MV] clustermat; clustermat.ado): the seven hierarchical linkages on a
user's dissimilarity matrix (square and symmetric with a zero diagonal, or a vector holding
a triangle: shape(lower|upper|llower|uupper)), stored as ``cluster`` stores them with the
dissimilarity ``user matrix <name>``; its other subcommands are cluster's."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.statistics import cluster_objects as store
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

MAT_OPTIONS = [OptionSpec("labelvar", 3, takes_arg=True), OptionSpec("name", 1, takes_arg=True),
               OptionSpec("generate", 3, takes_arg=True), OptionSpec("clear", 5), OptionSpec("add", 3),
               OptionSpec("shape", 2, takes_arg=True), OptionSpec("force", 5)]


def _square(values: np.ndarray, shape: str, name: str, force: bool) -> np.ndarray:
    rows, cols = values.shape
    if rows == cols and rows > 1:
        if shape in ("upper", "lower", "uupper", "llower"):
            raise StataError(f"shape() invalid; {shape} specified, but square matrix found", 198)
        d = values.copy()
        if not np.array_equal(d, d.T):
            if not force:
                raise StataError(f"matrix {name} not symmetric;\nspecify force option to proceed anyway", 505)
            d = (d + d.T) / 2
        if np.any(np.diag(d) != 0):
            if not force:
                raise StataError(f"{name} has nonzero values on diagonal;\nspecify force option to proceed as if "
                                 "they were zero", 559)
            np.fill_diagonal(d, 0)
        return d
    if rows == 1 and cols == 1 and shape not in ("uupper", "llower"):
        raise StataError("1x1 matrix not allowed", 2001)
    if rows != 1 and cols != 1:
        raise StataError(f"{name} invalid; neither square-symmetric, nor vector", 503)
    if not shape:
        raise StataError("option shape() required with vectorized matrix", 198)
    if shape == "full":
        raise StataError("option shape(full) invalid with vectorized input", 198)
    vector = values.ravel()
    strict = shape in ("uupper", "llower")
    dim = ((1 + 8 * len(vector)) ** 0.5 + (1 if strict else -1)) / 2
    if abs(dim - round(dim)) > 1e-10:
        raise StataError(f"size of vector {name} is invalid for a triangle of a square matrix", 503)
    dim = int(round(dim))
    d = np.zeros((dim, dim))
    if shape in ("upper", "uupper"):
        pairs = [(i, j) for i in range(dim) for j in range(i + strict, dim)]
    else:
        pairs = [(i, j) for i in range(dim) for j in range(0, i + 1 - strict)]
    for value, (i, j) in zip(vector, pairs):
        d[i, j] = d[j, i] = value
    return d


def cmd_clustermat(session, cmd) -> None:
    from mlmcli.commands.statistics.cluster import LINKAGES, abbreviated, cmd_cluster, subcommand

    low, inner = subcommand(cmd, "clustermat")
    if abbreviated(low, "kmeans", 1) or abbreviated(low, "kmedians", 4):
        raise StataError(f"clustermat {low} not allowed", 198)
    for full, least, method in LINKAGES:
        if abbreviated(low, full, least):
            return _matrix_linkage(session, inner, method, full)
    known = ("dendrogram", "tree", "generate", "dir", "list", "notes", "drop", "use", "stop", "rename", "renamevar",
             "query", "set", "delete")
    if any(abbreviated(low, word, 2 if word == "tree" else 3 if len(word) > 4 else len(word)) for word in known):
        return cmd_cluster(session, cmd)
    raise StataError(f"unrecognized clustermat subcommand {low}", 198)


def _matrix_linkage(session, cmd, method: str, word: str) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.commands.statistics.cluster import abbreviated, command_line
    from mlmcli.commands.statistics.cluster_variables import height_variable, integer_variable
    from mlmcli.dataset import Dataset
    from mlmcli.multivariate.cluster_analysis import hierarchical

    opts = resolve_options(cmd.options, MAT_OPTIONS)
    matname = (cmd.args or "").strip()
    if not re.fullmatch(r"[^\W\d]\w*", matname):
        raise StataError("invalid syntax", 198)
    shape = str(opts.get("shape") or "").strip().lower()
    if shape:
        hits = [s for s, least in (("lower", 1), ("upper", 1), ("llower", 2), ("uupper", 2), ("full", 1))
                if abbreviated(shape, s, least)]
        if len(hits) != 1:
            raise StataError("option shape() invalid", 198)
        shape = hits[0]
    if matname not in session.matrices:
        raise StataError(f"matrix {matname} not found", 111)
    matrix = session.matrices[matname]
    values = np.asarray(matrix.values, float)
    if np.isnan(values).any():
        raise StataError(f"{matname} has missing values", 504)
    d = _square(values, shape, matname, bool(opts.get("force")))
    negatives = int((np.tril(d) < 0).sum())
    if negatives:
        raise StataError(f"negative {'dissimilarity' if negatives == 1 else 'dissimilarities'} found in {matname}", 559)
    ds = session.data
    clear, add = bool(opts.get("clear")), bool(opts.get("add"))
    typed_sample = cmd.if_exp is not None or cmd.in_range is not None
    if not clear and not add and ds.nobs:
        raise StataError("add or clear are required when a dataset is present", 198)
    if not ds.nobs and typed_sample:
        raise StataError("if and in not allowed with empty dataset", 198)
    if clear and add:
        raise StataError("add and clear may not be specified together", 198)
    if clear and typed_sample:
        raise StataError("clear not allowed with if and in", 198)
    label = str(opts.get("labelvar") or "").strip()
    target = Dataset() if clear else ds
    if label and label in target.varnames:
        raise StataError(f"variable {label} already defined", 110)
    nobs = target.nobs or len(d)
    rows = mark(session, cmd) if target.nobs else np.ones(nobs, bool)
    if int(rows.sum()) != len(d):
        raise StataError(f"number of selected observations must match dimension of {matname}", 198)
    name = store.new_name(target, str(opts["name"]).strip() if opts.get("name") else None)
    stub = str(opts.get("generate") or "").strip() or name
    for suffix in ("_id", "_ord", "_hgt", "_pht"):
        if stub + suffix in target.varnames:
            raise StataError(f"variable {stub + suffix} already defined", 110)
    tree = hierarchical(d, method)
    if not opts.get("name"):
        session.print(f"cluster name: {name}")
    work = target.copy() if target is ds else target
    used = np.flatnonzero(rows)
    ident, order, height = (np.full(nobs, np.nan) for _ in range(3))
    ident[used] = np.arange(1, len(d) + 1)
    order[used] = tree.order + 1
    height[used] = tree.heights
    integer_variable(work, f"{stub}_id", ident)
    integer_variable(work, f"{stub}_ord", order)
    height_variable(work, f"{stub}_hgt", height)
    if label:
        texts = np.full(nobs, "", dtype=object)
        texts[used] = list(matrix.rownames)[:len(d)] if len(matrix.rownames) == len(d) else ""
        width = max((len(t) for t in texts), default=1) or 1
        work.set_variable(label, texts, vtype=f"str{width}")
    store.store(work, name, cmd=command_line(word, cmd, "clustermat"), varlist=None,
                info=["t hierarchical", f"m {method}", f"d user matrix {matname}", f"v id {stub}_id",
                      f"v order {stub}_ord", f"v height {stub}_hgt"])
    session.data = work
