"""``xpose, clear [format(%fmt) format promote varname]`` ([D] xpose): the data transposed,
variables becoming observations.

Follows xpose.ado's steps: string variables become missing; observation j of the old data is
variable ``v<j>`` (or, when the data have a string variable ``_varname``, the name in its j-th
observation); the new variables are of the default type (``set type``) or, with ``promote``,
the widest numeric type among the old ones (float with long gives double; byte when every old
variable is a string); ``format`` gives every new variable the widest numeric, non-date
display format of the old ones, ``format()`` the one typed; ``varname`` adds ``_varname``
holding the old variables' names.  Variable labels, value labels attached to variables and
characteristics of the old variables go; the value-label definitions stay (xpose.ado's
``drop _all``).  The data in memory change only when everything has been computed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import fit_storage
from mlmcli.commands.data.generate import default_numeric_type
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.storage import default_format
from mlmcli.render.numfmt import is_valid_format
from mlmcli.sample import refuse_sample_qualifiers
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES

# format() with an argument and format alone are two options (xpose.ado: Format(string) Format1)
XPOSE_OPTIONS = [OptionSpec("clear"), OptionSpec("format", 1, takes_arg=True, arg_optional=True),
                 OptionSpec("promote", 4), OptionSpec("varname", 1)]

_DATE_LETTERS = set("sdDmMyY")  # xpose.ado skips formats holding any of these (strings, dates)
_TYPE_ORDER = ("byte", "int", "long", "float", "double")


def _promoted_type(ds, names: list[str]) -> str:
    present = {ds.types.get(n, "float") for n in names if not ds.is_string(n)}
    if "double" in present or ("float" in present and "long" in present):
        return "double"
    for vtype in ("float", "long", "int", "byte"):
        if vtype in present:
            return vtype
    return "byte"  # every variable a string


def _widest_format(ds, names: list[str]) -> str | None:
    """The numeric format of greatest width (the first of equal ones), as xpose.ado's ``format``."""
    best, width = None, 0
    for name in names:
        fmt = ds.format_of(name)
        if _DATE_LETTERS & set(fmt):
            continue
        digits = fmt.replace("-", "")[1:3].replace(".", "")
        if digits.isdecimal() and int(digits) > width:
            best, width = fmt, int(digits)
    return best


def _new_names(ds, nobs: int) -> list[str]:
    """v1 ... v<N>, or the words of ``_varname`` when the data carry it (tokenized, as the ado)."""
    names = [f"v{j + 1}" for j in range(nobs)]
    if "_varname" not in ds.varnames:
        return names
    words = " ".join(str(v) for v in ds.df["_varname"].to_numpy(dtype=object)).split()
    for j in range(nobs):
        if j >= len(words):
            raise StataError("too few variables specified", 102)  # rename v<j> with no new name
        new = words[j]
        if not NAME_RE.match(new) or new in RESERVED_NAMES:
            raise StataError(f"{new} invalid name", 198)
        if new != names[j] and new in names:
            raise StataError(f"variable {new} already defined", 110)
        names[j] = new
    return names


def cmd_xpose(session, cmd) -> None:
    opts = resolve_options(cmd.options, XPOSE_OPTIONS)
    typed = [o.arg is None for o in cmd.options if XPOSE_OPTIONS[1].matches(o.name)]
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    refuse_sample_qualifiers(cmd)
    if not opts.get("clear"):
        raise StataError("you must specify ', clear'", 198)
    if True in typed and False in typed:
        raise StataError("format() and format are mutually exclusive", 198)
    fmt_opt = opts.get("format")
    typed_format = fmt_opt.strip() if isinstance(fmt_opt, str) and fmt_opt.strip() else None
    ds = session.data
    if ds.nobs == 0:
        raise StataError("no observations", 2000)
    if typed_format is not None and not is_valid_format(typed_format):
        raise StataError(f"{typed_format} invalid format", 120)
    new_names = _new_names(ds, ds.nobs)
    old = [n for n in ds.varnames if n != "_varname"]
    vtype = _promoted_type(ds, old) if opts.get("promote") else default_numeric_type(session)
    fmt = typed_format if typed_format is not None else (_widest_format(ds, old) if fmt_opt is True else None)
    if old:
        block = np.column_stack([np.full(ds.nobs, np.nan) if ds.is_string(n) else ds.numeric(n) for n in old])
    else:
        block = np.empty((ds.nobs, 0))
    frame = {name: fit_storage(block[j, :], vtype) for j, name in enumerate(new_names)}
    new = Dataset()
    new.df = pd.DataFrame(frame, index=pd.RangeIndex(len(old)), columns=new_names)
    for name in new_names:
        new.types[name] = vtype
        if fmt is not None:
            new.formats[name] = fmt
    if opts.get("varname"):
        from mlmcli.text_bytes import longest_bytes

        width = max(longest_bytes(old), 1)  # variable names may be Unicode: bytes
        new.df["_varname"] = np.array(old, dtype=object)
        new.types["_varname"] = f"str{max(width, 8)}"  # gen str8, widened by replace
        new.formats["_varname"] = default_format(new.types["_varname"])
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label = ds.label
    new.changed = True
    new.filename = ds.filename
    session.data = new
