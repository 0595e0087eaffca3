"""``stack varlist [if] [in], {into(newvars)|group(#)} [clear wide]`` ([D] stack): the
varlist's consecutive blocks of variables stacked on top of each other.

Follows stack.ado: ``into()`` names k new variables (``stub#-stub#`` ranges expanded); the
varlist must hold a whole number (at least 2) of blocks of k.  ``group(#)`` takes the first
block's names instead.  Block g's observations (those in if/in) are copied under ``_stack`` =
g; each new variable's type is its source's, widened across blocks as ``append`` does.  With
``wide``, each source variable that is not a new variable's name is kept as well, holding its
values where ``_stack`` is its block and missing elsewhere.  Variable labels, formats and value
labels attached to the source variables do not carry over (the ado generates copies).

Without ``clear`` the ado shows its warning and waits for a key (``more``), which a do-file
run in batch passes; mlm prints the warning and goes on.  Where the ado would stop half-way
with "(memory cleared)" (a block string where another is numeric: append's r(106)), mlm
checks before anything changes and leaves the data as they were.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import fit_storage, mark, wider_type
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.storage import default_format
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES

STACK_OPTIONS = [OptionSpec("into", 1, takes_arg=True), OptionSpec("group", 1, takes_arg=True),
                 OptionSpec("clear"), OptionSpec("wide", 2)]


def _stub_number(word: str, context: str) -> tuple[str, int]:
    match = re.fullmatch(r"(.*?)(\d+)", word)
    if not word or match is None or not match.group(1):
        raise StataError(f'"{context}" invalid', 198)
    return match.group(1), int(match.group(2))


def into_names(text: str) -> list[str]:
    """``into()``'s names, ``x1-x3`` expanded to x1 x2 x3 (stack.ado's Fixinto)."""
    tokens = [t for t in re.split(r"(-)|\s+", text) if t]
    names: list[str] = []
    k = 0
    while k < len(tokens):
        if k + 1 < len(tokens) and tokens[k + 1] == "-":
            last = tokens[k + 2] if k + 2 < len(tokens) else ""
            context = f"{tokens[k]} - {last}".rstrip()
            stub, first_n = _stub_number(tokens[k], context)
            stub2, last_n = _stub_number(last, context)
            if stub != stub2 or first_n > last_n:
                raise StataError(f'"{context}" invalid', 198)
            names += [f"{stub}{n}" for n in range(first_n, last_n + 1)]
            k += 3
        else:
            names.append(tokens[k])
            k += 1
    return names


def _group_count(opts: dict) -> int:
    text = opts.get("group")
    if text is None:
        return 0
    try:
        return int(str(text).strip())
    except ValueError:
        raise StataError("option group() incorrectly specified", 198) from None


def _targets(opts: dict, varlist: list[str]) -> list[str]:
    groups = _group_count(opts)
    into = opts.get("into")
    if not isinstance(into, str) or not into.strip():
        if groups == 0:
            raise StataError("invalid syntax", 198)
        if groups < 0:
            raise StataError(f"option group({groups}) invalid", 198)
        per, rest = divmod(len(varlist), groups)
        if rest or per == 0:
            share = format_number(len(varlist) / groups, "%9.0g").strip()  # display's default
            raise StataError(f"{len(varlist)} variables cannot be stacked into {groups} groups;\n"
                             f"there would be {share} variables/group.", 198)
        return varlist[:per]
    if groups != 0:
        raise StataError("options group() and into() may not be specified together", 198)
    return into_names(into)


def cmd_stack(session, cmd) -> None:
    opts = resolve_options(cmd.options, STACK_OPTIONS)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    varlist = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(varlist) < 2:
        raise StataError("too few variables specified", 102)
    targets = _targets(opts, varlist)
    width = len(targets)
    blocks = len(varlist) / width if width else 0
    if blocks != int(blocks) or blocks <= 1:
        raise StataError("incorrect number of variables specified", 198)
    blocks = int(blocks)
    for name in targets:
        if not NAME_RE.match(name) or name in RESERVED_NAMES or len(name) > 32:
            raise StataError(f"{name} invalid name", 198)
    if len(set(targets)) != width or "_stack" in targets:
        dup = "_stack" if "_stack" in targets else next(n for n in targets if targets.count(n) > 1)
        raise StataError(f"variable {dup} already defined", 110)
    rows = mark(session, cmd, (), strok=True)
    sources = [varlist[g * width:(g + 1) * width] for g in range(blocks)]
    types = _stacked_types(ds, targets, sources)
    if not opts.get("clear"):
        session.print("Warning:  data in memory will be lost.")
        session.print("         Press any key to continue, Ctrl-Break to abort.")
    session.data = _stacked(ds, rows, targets, sources, types, bool(opts.get("wide")))


def _stacked_types(ds, targets: list[str], sources: list[list[str]]) -> list[str]:
    types = []
    for j, target in enumerate(targets):
        first = sources[0][j]
        vtype = ds.types.get(first, "str1" if ds.is_string(first) else "float")
        for block in sources[1:]:
            name = block[j]
            if ds.is_string(name) != ds.is_string(first):
                kind = "str" if ds.is_string(name) else "numeric"
                raise StataError(f"variable {target} is {kind} in using data", 106)
            vtype = wider_type(vtype, ds.types.get(name, "float"))
        types.append(vtype)
    return types


def _column(ds, name: str, rows: np.ndarray, vtype: str) -> np.ndarray:
    if ds.is_string(name):
        return ds.df[name].to_numpy(dtype=object)[rows]
    return fit_storage(ds.numeric(name)[rows], vtype)


def _stacked(ds, rows, targets, sources, types, wide: bool) -> Dataset:
    n = int(rows.sum())
    frame: dict[str, np.ndarray] = {"_stack": np.repeat(np.arange(1, len(sources) + 1, dtype=float), n)}
    new = Dataset()
    new.types["_stack"] = "int"
    for j, target in enumerate(targets):
        parts = [_column(ds, block[j], rows, types[j]) for block in sources]
        frame[target] = np.concatenate(parts)
        new.types[target] = types[j]
    if wide:
        for g, block in enumerate(sources):
            for j, name in enumerate(block):
                if name in frame:
                    continue  # stack.ado: only names not yet in the data
                string = ds.is_string(name)
                values = np.full(n * len(sources), "" if string else np.nan, dtype=object if string else float)
                values[g * n:(g + 1) * n] = frame[targets[j]][g * n:(g + 1) * n]
                frame[name] = values
                new.types[name] = types[j]
    for name, vtype in new.types.items():
        new.formats[name] = default_format(vtype)
    new.df = pd.DataFrame(frame, columns=list(frame))
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label = ds.label
    new.changed = True
    return new
