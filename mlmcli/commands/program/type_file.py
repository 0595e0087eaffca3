"""``type filename [, asis smcl showtabs starbang lines(#)]``: show a text file ([R] type)."""
from __future__ import annotations

import os
import re

from mlmcli.errors import StataError, invalid_syntax


def cmd_type(session, cmd) -> None:
    from mlmcli.commands.program.files import one_filename, read_text_lines
    from mlmcli.commands.program.logs import smcl_to_text
    from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options

    body, options, _ = split_options(cmd.args)
    path = one_filename(body)
    if not path:
        raise invalid_syntax()
    opts = resolve_options(options, [OptionSpec("asis"), OptionSpec("smcl"), OptionSpec("showtabs"),
                                     OptionSpec("starbang"), OptionSpec("lines", takes_arg=True)])
    if opts.get("asis") and opts.get("smcl"):
        raise StataError("options asis and smcl may not be combined", 198)
    limit = integer_option(opts, "lines", None, minimum=0) if "lines" in opts else None
    full = os.path.expanduser(path)
    lines = read_text_lines(full, path)
    # [R] type: .smcl and .sthlp files are shown as SMCL unless asis; smcl forces it
    as_smcl = opts.get("smcl") or (not opts.get("asis") and full.lower().endswith((".smcl", ".sthlp")))
    if opts.get("starbang"):
        lines = [ln for ln in lines if ln.startswith("*!")]
    if limit is not None:
        lines = lines[:limit]
    for line in lines:
        if opts.get("showtabs"):
            line = line.replace("\t", "<T>")
        if as_smcl:
            if line == "{smcl}":
                continue
            line = smcl_to_text(_inline_texts(line), session.linesize)
        session.print(line.expandtabs(8))


_INLINE = re.compile(r"\{[A-Za-z.]+(?: [^:{}]*)?:([^{}]*)\}")


def _inline_texts(line: str) -> str:
    """``{bf:text}``, ``{help name:text}``: their text (the look is lost in plain output)."""
    while True:
        new = _INLINE.sub(lambda m: m.group(1), line)
        if new == line:
            return line
        line = new
