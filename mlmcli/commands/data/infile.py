"""Reading text data: ``infile`` (free format) and ``infix`` (fixed columns) ([D] infile
(free format), [D] infix (fixed format)).

``infile [type] var [[type] var ...] [_skip(#)] using file [if] [in] [, clear]``: the file's
values, separated by blanks, tabs or commas (text in double quotes may hold blanks), fill
the variables one observation after the other, whatever the line breaks; a value that is
not a number becomes missing in a numeric variable.  The default extension is ``.raw``.

``infix [type] var #[-#] [[type] var #[-#] ...] using file [if] [in] [, clear]``: each line
is one observation, each variable read from its columns (1-based, inclusive).

Both accept a URL for the file (downloaded as ``use`` does), print ``(N observations
read)``, and replace the data only after the whole file has been read.
"""
from __future__ import annotations

import os
import re

import numpy as np

from mlmcli.commands.data.common import (as_text_array, commas, download, mark, plain_path, split_using,
                                         web_address)
from mlmcli.commands.data.input import parse_input_varlist
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.missing import extended
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import is_name

_TOKEN_RE = re.compile(r'"[^"]*"|[^\s,]+')
_SKIP_RE = re.compile(r"_skip(?:\((\d+)\))?$")


def _read_text(session, file_text: str, ext: str) -> str:
    url = web_address(file_text, ext)
    path = download(session, url) if url is not None else plain_path(file_text, ext)
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", errors="replace")
    except OSError:  # a folder, no read permission
        from mlmcli.fileformats.messages import cannot_open
        raise cannot_open(path) from None


def _install(session, cmd, opts, ds: Dataset) -> None:
    """Replace the data with ``ds`` (observations outside if/in dropped)."""
    old = session.data
    if old.varnames and not opts.get("clear"):
        raise StataError("you must start with an empty dataset", 18)
    session.data = ds
    if cmd.if_exp or cmd.in_range:
        try:
            keep = mark(session, cmd, strok=True)
        except StataError:
            session.data = old
            raise
        ds.df = ds.df[keep].reset_index(drop=True)
    ds.changed = True
    session.print(f"({commas(ds.nobs)} observation{'s' if ds.nobs != 1 else ''} read)")


def _number(token: str) -> float:
    if re.fullmatch(r"\.[a-z]?", token):
        return extended(token[1:])
    try:
        value = float(token)
    except ValueError:
        return np.nan
    return value if np.isfinite(value) else np.nan


def _column(tokens: list[str], vtype: str):
    if vtype.startswith("str"):
        width = int(vtype[3:]) if vtype[3:].isdecimal() else None
        from mlmcli.text_bytes import fit_bytes
        return as_text_array([t if width is None else fit_bytes(t, width) for t in tokens])
    from mlmcli.commands.data.common import fit_storage
    return fit_storage(np.array([_number(t) for t in tokens], dtype=float), vtype)


def cmd_infile(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("clear"), OptionSpec("automatic"),
                                         OptionSpec("byvariable", takes_arg=True)])
    if "automatic" in opts or "byvariable" in opts:
        raise StataError("infile's automatic and byvariable() options are not implemented in mlm", 198)
    varlist, file_text = split_using(cmd.args)
    if file_text is None:
        raise StataError("using required", 100)
    if not varlist.strip():  # [D] infile (fixed format): infile using dfile -- a dictionary
        raise StataError("infile with a dictionary (infile using dictfile) is not implemented in mlm; "
                         "read fixed columns with infix", 198)
    slots: list[tuple[str, str] | int] = []  # (name, type) or a number of values to skip
    pending = []
    for word in varlist.split():
        m = _SKIP_RE.match(word)
        if m:
            if pending:
                slots += parse_input_varlist(" ".join(pending), session.settings.get("type", "float"))
                pending = []
            slots.append(int(m.group(1) or 1))
        else:
            pending.append(word)
    if pending:
        slots += parse_input_varlist(" ".join(pending), session.settings.get("type", "float"))
    spec = [s for s in slots if not isinstance(s, int)]
    if not spec or len({n for n, _ in spec}) != len(spec):
        raise invalid_syntax()
    width = sum(s if isinstance(s, int) else 1 for s in slots)
    text = _read_text(session, file_text, ".raw")
    tokens = [t[1:-1] if len(t) >= 2 and t[0] == t[-1] == '"' else t for t in _TOKEN_RE.findall(text)]
    nobs = -(-len(tokens) // width)  # an incomplete last observation is read with missing values
    import pandas as pd
    columns, types = {}, {}
    position = 0
    for slot in slots:
        if isinstance(slot, int):
            position += slot
            continue
        name, vtype = slot
        values = tokens[position::width][:nobs]  # padded per column: _skip(2147483648) pads nothing
        columns[name] = _column(values + ["."] * (nobs - len(values)), vtype)
        types[name] = vtype if vtype != "str" else "str1"
        position += 1
    _install(session, cmd, opts, _typed_dataset(pd.DataFrame(columns), types))


def _typed_dataset(df, types: dict) -> Dataset:
    from mlmcli.commands.data.common import string_format, string_type_for
    ds = Dataset(df=df, types=dict(types))
    for name, vtype in types.items():
        if vtype.startswith("str"):
            if vtype == "strL":
                continue
            ds.types[name] = vtype if vtype[3:].isdigit() else string_type_for(df[name])
            ds.formats[name] = string_format(ds.types[name])
    return ds


_INFIX_RE = re.compile(r"^(\d+)(?:-(\d+))?$")


def cmd_infix(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("clear")])
    spec_text, file_text = split_using(cmd.args)
    if file_text is None:
        raise StataError("using required", 100)
    words = spec_text.split()
    specs: list[tuple[str, str, int, int]] = []
    vtype = None
    i = 0
    while i < len(words):
        word = words[i]
        if re.fullmatch(r"byte|int|long|float|double|str\d*", word) and vtype is None:
            vtype = word
            i += 1
            continue
        if i + 1 >= len(words):
            raise invalid_syntax()
        m = _INFIX_RE.match(words[i + 1])
        if not m or not is_name(word):
            raise invalid_syntax()
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first < 1 or last < first:
            raise StataError(f"{words[i + 1]} invalid column range", 198)
        t = vtype or "float"
        if t == "str":
            t = f"str{last - first + 1}"
        specs.append((word, t, first, last))
        vtype = None
        i += 2
    if not specs or vtype is not None:
        raise invalid_syntax()
    lines = _read_text(session, file_text, ".raw").splitlines()
    import pandas as pd
    columns, types = {}, {}
    for name, t, first, last in specs:
        cells = [line[first - 1:last].strip() for line in lines]
        columns[name] = _column(cells, t)
        types[name] = t
    _install(session, cmd, opts, _typed_dataset(pd.DataFrame(columns), types))
