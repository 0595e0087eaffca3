"""``outfile [varlist] using filename [if] [in] [, comma wide nolabel noquote replace]``
([D] outfile): the data as text that infile reads back; ``.raw`` assumed; never over an
existing file without ``replace`` (written whole or not at all); silent.

What the manual says and mlm follows: values in their display formats, value labels (in
double quotes) in place of labelled values unless ``nolabel``, strings in double quotes unless
``noquote``, blanks between values (``comma``: commas), an observation split into lines of at
most 80 characters unless ``wide``.  Decided without Stata's own output at hand: each value is
right-justified in its format's width (strings and labels left-justified) with one blank
between; in comma mode values are trimmed, written without thousands separators, and a missing value
is an empty field; a missing
value is written ``.`` (``.a`` ...) otherwise.  dictionary, missing, rjs, fjs and runtogether
are refused."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, plain_path, split_using
from mlmcli.errors import StataError
from mlmcli.missing import text as missing_text
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec, resolve_options

_LINE = 80
_REFUSED = ("dictionary", "missing", "rjs", "fjs", "runtogether")


def _width(fmt: str) -> int:
    m = re.match(r"%-?(\d+)", fmt)
    return int(m.group(1)) if m else 9


def _cells(ds, name: str, rows, *, labels: bool, quote: bool, comma: bool) -> list[str]:
    q = '"' if quote else ""
    fmt = ds.format_of(name)
    width = 0 if comma else _width(fmt)
    if ds.is_string(name):
        texts = ds.df[name].to_numpy(dtype=object)[rows]
        return [f"{q}{t}{q}".ljust(width + 2 * len(q)) if width else f"{q}{t}{q}" for t in texts]
    labmap = ds.value_labels.get(ds.value_label_of.get(name, ""), {}) if labels else {}
    if comma:  # 2,930 would be two fields: no thousands separators in a comma-separated file
        fmt = re.sub(r"^(%-?\d*\.?\d*[gfe])c$", r"\1", fmt)
    out = []
    for v in ds.numeric(name)[rows].tolist():
        from mlmcli.missing import order_key

        key = order_key(v)
        if key in labmap:
            text = f"{q}{labmap[key]}{q}"
            out.append(text.ljust(width) if width else text)
            continue
        if v != v:
            text = "" if comma else missing_text(v)
        else:
            text = format_number(np.float32(v) if ds.types.get(name) == "float" else v, fmt).strip()
        out.append(text.rjust(width) if width else text)
    return out


def _lines(cells: list[str], wide: bool, comma: bool) -> list[str]:
    if comma:
        return [",".join(cells)]
    if wide:
        return [" ".join(cells)]
    lines, line = [], ""
    for cell in cells:  # an observation in lines of at most 80 characters; a long value whole
        candidate = f"{line} {cell}" if line else cell
        if line and len(candidate) > _LINE:
            lines.append(line)
            line = cell
        else:
            line = candidate
    return lines + [line]


def export_selection(session, cmd, varlist: str, using: str, extension: str, replace: bool):
    """What a text export writes: (data, variables, file path, rows of if/in); the file may be
    written (r(602) without replace, r(603)/r(608) as safe_write checks)."""
    from mlmcli.fileformats.safe_write import check_writable

    if not using:
        raise StataError("invalid file specification", 198)
    ds = session.data
    names = ds.expand_varlist(varlist) if varlist else list(ds.varnames)
    path = plain_path(using, extension)
    check_writable(path, replace)
    rows = mark(session, cmd, strok=True) if (cmd.if_exp or cmd.in_range) else np.ones(ds.nobs, dtype=bool)
    return ds, names, path, rows


def cmd_outfile(session, cmd) -> None:
    from mlmcli.fileformats.safe_write import write_bytes_atomic

    opts = resolve_options(cmd.options, [OptionSpec("comma", 1), OptionSpec("wide", 1),
                                         OptionSpec("nolabel", 3), OptionSpec("noquote", 3),
                                         OptionSpec("replace", 7), *(OptionSpec(n, 3) for n in _REFUSED)])
    for name in _REFUSED:
        if opts.get(name):
            raise StataError(f"option {name} is not supported by mlmcli", 198)
    varlist, using = split_using(cmd.args)
    if using is None:
        raise StataError("using required", 100)
    replace = bool(opts.get("replace"))
    ds, names, path, rows = export_selection(session, cmd, varlist, using, ".raw", replace)
    comma = bool(opts.get("comma"))
    columns = [_cells(ds, n, rows, labels=not opts.get("nolabel"), quote=not opts.get("noquote"), comma=comma)
               for n in names]
    lines = [ln for cells in zip(*columns) for ln in _lines(list(cells), bool(opts.get("wide")), comma)]
    write_bytes_atomic(path, "".join(ln + "\n" for ln in lines).encode("utf-8"), replace=replace)
