"""``memory`` ([D] memory): the memory the data in memory and the session's results take,
in Stata 13's table (used and allocated bytes by kind).

mlm's own accounting, not Stata's: data = observations x the storage widths (describe's
size; strL values by their lengths), variable names/labels/formats and value labels by their
text, Stata matrices (named, e() and r()) at 8 bytes an element, Mata matrices likewise.
mlm allocates no more than it uses, has no ado-files or maxvar area, and does not count the
Python interpreter's own overhead: those rows are 0.  The column layout is decided without
Stata's output at hand; nothing is stored in r()."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import storage_bytes


def _data_bytes(ds) -> tuple[int, int]:
    fixed, strls = 0, 0
    for name in ds.varnames:
        vtype = ds.types.get(name, "float")
        if vtype == "strL":
            strls += sum(len(str(v).encode()) for v in ds.df[name].to_numpy(dtype=object))
        else:
            fixed += storage_bytes(vtype)
    return fixed * ds.nobs, strls


def _matrix_bytes(values) -> int:
    total = 0
    for value in values:
        arr = getattr(value, "values", value)
        if isinstance(arr, np.ndarray):
            total += 8 * arr.size
    return total


def cmd_memory(session, cmd) -> None:
    from mlmcli.errors import StataError

    if cmd.args.strip() or cmd.options:
        raise StataError("invalid syntax", 198)
    ds = session.data
    data, strls = _data_bytes(ds)
    names = sum(len(n) + len(ds.var_labels.get(n, "")) + len(ds.formats.get(n, "")) for n in ds.varnames)
    names += sum(len(t) + 8 for lab in ds.value_labels.values() for t in lab.values())
    matrices = _matrix_bytes(session.matrices.values()) + _matrix_bytes(session.r.values())
    mata = _matrix_bytes(session.mata.values())
    rows = [("data", data), ("strLs", strls), None, ("data & strLs", data + strls), "",
            None, ("data & strLs", data + strls), ("var. names, %fmts, ...", names), ("overhead", 0), "",
            ("Stata matrices", matrices), ("ado-files", 0), ("stored results", 0), "",
            ("Mata matrices", mata), ("Mata functions", 0), "", ("set maxvar usage", 0), "",
            ("other", 0), None, ("grand total", data + strls + names + matrices + mata)]
    lines = ["", "Memory usage", f"{'used':>45}{'allocated':>25}", "-" * 70]
    for row in rows:
        if row is None:
            lines.append("-" * 70)
        elif row == "":
            lines.append("")
        else:
            label, value = row
            lines.append(f"{label:<29}{value:>16,}{value:>25,}")
    session.print("\n".join(lines))
