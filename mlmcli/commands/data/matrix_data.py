"""Data and matrices ([P] matrix mkmat): ``svmat`` (a matrix's columns become variables) and
``mkmat`` (variables become a matrix)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options
from mlmcli.syntax.varlist import STORAGE_TYPE_RE, check_new_name

HELP = {
    "svmat": "svmat [type] A [, names(col|eqcol|matcol|stub)] : variables from the columns of matrix A",
    "mkmat": ("mkmat varlist [if] [in] [, matrix(name) nomissing rownames(var) roweq(var) rowprefix(text) obs "
              "nchar(#)] : a matrix from variables"),
}


def cmd_svmat(session, cmd) -> None:
    """``svmat [type] A [, names(col|eqcol|matcol|stub)]``: one variable per column of A
    (A1 A2 ... by default); observations are added when A has more rows than the data."""
    from mlmcli.commands.data.common import fit_storage
    from mlmcli.commands.program.matrix import lookup_any
    from mlmcli.syntax.coefnames import split_eq

    body, options, _ = split_options(cmd.args)
    words = body.split()
    vtype = "float"
    if words and STORAGE_TYPE_RE.match(words[0]) and not words[0].startswith("str") and len(words) == 2:
        vtype = words.pop(0)
    if len(words) != 1:
        raise invalid_syntax()
    opts = resolve_options(options, [OptionSpec("names", 1, takes_arg=True)])
    name = words[0]
    m = lookup_any(session, name)
    values = np.atleast_2d(np.asarray(m.values, float))
    how = (opts.get("names") or "").strip()
    stub = name if how == "" else how
    new = []
    for j, full in enumerate(m.colnames):
        eq, col = split_eq(full)
        if how == "col":
            new.append(col)
        elif how == "eqcol":
            new.append(f"{eq}_{col}" if eq else col)
        elif how == "matcol":
            new.append(f"{name}{col}")
        else:
            new.append(f"{stub}{j + 1}")
    new = [n.replace(".", "_").replace("#", "_") for n in new]
    data = session.data
    for n in new:
        check_new_name(data, n)
    if len(set(new)) != len(new):
        raise StataError(f"variable {new[0]} already defined", 110)
    nrows = values.shape[0]
    df = data.df.copy()
    if nrows > len(df):
        df = df.reindex(pd.RangeIndex(nrows))
    columns = {}
    for j, n in enumerate(new):
        col = np.full(len(df), np.nan)
        col[:nrows] = fit_storage(values[:, j], vtype)
        columns[n] = col
    if len(df) > data.nobs:  # svmat.ado says so before it sets obs
        session.print(f"number of observations will be reset to {nrows}")
        session.print("Press any key to continue, or Break to abort")
    grown = data.copy()
    grown.df = pd.concat([df, pd.DataFrame(columns, index=df.index)], axis=1)
    for n in new:
        grown.types[n] = vtype
    grown.changed = True
    session.data = grown


def cmd_mkmat(session, cmd) -> None:
    """``mkmat varlist [if] [in] [, matrix(A) nomissing rownames(var) roweq(var) rowprefix(s) obs
    nchar(#)]``: without ``matrix()`` each variable becomes a column vector of its name."""
    from mlmcli.commands.data.common import mark
    from mlmcli.results.matrix import Matrix

    opts = resolve_options(cmd.options, [
        OptionSpec("matrix", 3, takes_arg=True), OptionSpec("nomissing", 5), OptionSpec("rownames", 4, takes_arg=True),
        OptionSpec("roweq", 5, takes_arg=True), OptionSpec("rowprefix", 4, takes_arg=True), OptionSpec("obs", 3),
        OptionSpec("nchar", 2, takes_arg=True)])
    data = session.data
    varlist = data.expand_varlist(cmd.args)
    for v in varlist:
        if data.is_string(v):
            raise StataError("type mismatch", 109)
    rows = mark(session, cmd, varlist if "nomissing" in opts else ())
    if not rows.any():
        raise StataError("no observations", 2000)
    values = np.column_stack([data.numeric(v)[rows] for v in varlist])
    nchar = integer_option(opts, "nchar", 32, minimum=1)
    prefix = (opts.get("rowprefix") or "").strip().strip('"')
    index = np.flatnonzero(rows) + 1
    if opts.get("rownames"):
        var = data.resolve(opts["rownames"].strip())
        names = [_row_text(data, var, k) for k in np.flatnonzero(rows)]
        names = [f"{prefix}{n}"[:nchar] for n in names]
    elif "obs" in opts:
        names = [f"{prefix or 'r'}{k}"[:nchar] for k in index]
    else:
        names = [f"{prefix or 'r'}{k}" for k in range(1, len(index) + 1)]
    if opts.get("roweq"):
        var = data.resolve(opts["roweq"].strip())
        names = [f"{_row_text(data, var, k)}:{n}" for k, n in zip(np.flatnonzero(rows), names)]
    names = tuple(n.replace(" ", "_") for n in names)
    target = (opts.get("matrix") or "").strip()
    if target:
        session.matrices[target] = Matrix(values, names, tuple(varlist))
        return
    for j, v in enumerate(varlist):
        session.matrices[v] = Matrix(values[:, [j]], names, (v,))


def _row_text(data, var: str, k: int) -> str:
    value = data.df[var].iloc[k]
    if data.is_string(var):
        return str(value)
    if value != value:
        return "."
    return str(int(value)) if float(value).is_integer() else repr(float(value))
