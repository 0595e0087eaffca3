"""The variables of the cluster commands: the numeric varlist they analyse and the integer and
height variables they make, typed and formatted as cluster.ado's ReformatDisp leaves them."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def numeric_varlist(ds, text: str, *, default_all: bool = True) -> list[str]:
    """The variables of ``text`` (all without one), numeric: varlist(numeric)'s r(109)."""
    if not text.strip() and not default_all:
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(text) if text.strip() else list(ds.varnames)
    for name in names:
        if ds.is_string(name):
            raise StataError(f"string variables not allowed in varlist;\n{name} is a string variable", 109)
    return names


def integer_variable(ds, name: str, values: np.ndarray) -> None:
    """cluster.ado's ReformatDisp after compress: byte/int %8.0g, long %12.0g."""
    finite = values[~np.isnan(values)]
    top = finite.max() if finite.size else 0
    vtype = "byte" if top <= 100 else "int" if top <= 32740 else "long"
    ds.set_variable(name, values, vtype=vtype)
    ds.formats[name] = "%12.0g" if vtype == "long" else "%8.0g"


def height_variable(ds, name: str, values: np.ndarray) -> None:
    """A double that compress keeps as float when every value is a float exactly."""
    finite = values[~np.isnan(values)]
    exact = np.array_equal(finite.astype(np.float32).astype(float), finite)
    ds.set_variable(name, values, vtype="float" if exact else "double")
    ds.formats[name] = "%9.0g" if exact else "%10.0g"
