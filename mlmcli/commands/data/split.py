"""``split`` ([D] split): a string variable cut into new string variables at separators.

    split strvar [if] [in] [, generate(stub) parse(strings) limit(#) notrim
                             destring ignore("chars") force float percent]

Without ``parse()`` the separators are runs of blanks; with it, each occurrence of any of
its strings separates (so ``"a,,b"`` with ``parse(,)`` gives ``a``, ``""``, ``b``).  The
variable is trimmed first unless ``notrim``.  New variables ``stub1 stub2 ...`` (stub: the
variable's name) are as many as the most pieces (at most ``limit()``), ``""`` outside the
sample; ``destring`` then runs ``destring ..., replace`` on them with ``ignore()``,
``force``, ``float``, ``percent``.  r(nvars), r(varlist).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import as_text_array, mark, single_variable, string_format, string_type_for
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name

_OPTIONS = [OptionSpec("generate", 1, takes_arg=True), OptionSpec("parse", 1, takes_arg=True),
            OptionSpec("limit", 1, takes_arg=True), OptionSpec("notrim"), OptionSpec("destring"),
            OptionSpec("ignore", takes_arg=True), OptionSpec("force"), OptionSpec("float"),
            OptionSpec("percent")]


def _separators(text: str) -> list[str]:
    """The strings of ``parse()``: quoted ones as typed, else blank-separated words."""
    quoted = re.findall(r'`"(.*?)"\'|"([^"]*)"', text)
    if quoted:
        return [a or b for a, b in quoted]
    return text.split()


def cmd_split(session, cmd) -> None:
    opts = resolve_options(cmd.options, _OPTIONS)
    ds = session.data
    var = single_variable(ds, cmd.args)
    if not ds.is_string(var):
        raise StataError(f"{var} is not a string variable", 109)
    if not opts.get("destring") and any(k in opts for k in ("ignore", "force", "float", "percent")):
        raise StataError("ignore(), force, float and percent go with destring", 198)
    stub = str(opts.get("generate") or var).strip()
    limit = None
    if "limit" in opts:
        try:
            limit = int(str(opts["limit"]).strip())
        except ValueError:
            raise StataError("option limit() incorrectly specified", 198) from None
        if limit < 1:
            raise StataError("limit() must be a positive integer", 198)
    seps = _separators(str(opts["parse"])) if isinstance(opts.get("parse"), str) else None
    if seps is not None and (not seps or "" in seps):
        raise StataError("option parse() incorrectly specified", 198)
    rows = mark(session, cmd)
    values = as_text_array(ds.df[var].to_numpy(dtype=object))
    pieces = []
    for k, text in enumerate(values):
        if not rows[k]:
            pieces.append([])
            continue
        text = text if opts.get("notrim") else text.strip()
        if seps is None:
            parts = text.split()
        elif text == "":
            parts = []
        else:
            parts = re.split("|".join(re.escape(s) for s in sorted(seps, key=len, reverse=True)), text)
        pieces.append(parts[:limit] if limit else parts)
    count = max((len(p) for p in pieces), default=0)
    new = [f"{stub}{j}" for j in range(1, count + 1)]
    for name in new:
        check_new_name(ds, name)
    for j, name in enumerate(new):
        column = [p[j] if j < len(p) else "" for p in pieces]
        vtype = string_type_for(column)
        ds.set_variable(name, as_text_array(column), vtype)
        ds.formats[name] = string_format(vtype)
    if new:
        session.print("variables created as string: ")
        width = max(len(n) for n in new) + 2
        per_line = max(1, (session.linesize + 2) // width)
        for i in range(0, len(new), per_line):
            session.print("".join(n.ljust(width) for n in new[i:i + per_line]).rstrip())
    session.set_r({"nvars": float(len(new)), "varlist": " ".join(new)})
    if opts.get("destring") and new:
        _destring(session, new, opts)


def _destring(session, names: list[str], opts: dict) -> None:
    from mlmcli.ast import Command, Option
    from mlmcli.commands.data.strings import cmd_destring

    options = [Option("replace", None)]
    if "ignore" in opts:
        options.append(Option("ignore", opts["ignore"]))
    options += [Option(k, None) for k in ("force", "float", "percent") if opts.get(k)]
    r = dict(session.r)
    cmd_destring(session, Command(name="destring", args=" ".join(names), options=tuple(options)))
    session.set_r(r)



