"""``type filename [, asis smcl showtabs starbang lines(#)]``: show a text file ([R] type)."""
from __future__ import annotations

import os

from mlmcli.errors import StataError, invalid_syntax


def cmd_type(session, cmd) -> None:
    from mlmcli.commands.program.files import one_filename, read_text_lines
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
    if opts.get("showtabs"):
        lines = [line.replace("\t", "<T>") for line in lines]
    print_lines(session, lines, as_smcl)


def print_lines(session, lines: list[str], as_smcl: bool) -> None:
    """A file's lines in the output (type, view): SMCL laid out as one text -- a {p} paragraph
    runs over the file's lines -- or as text, tabs every 8 columns."""
    from mlmcli.commands.program.logs import smcl_to_text

    if as_smcl:
        lines = smcl_to_text("\n".join(lines), session.linesize).split("\n")
    for line in lines:
        session.print(line.expandtabs(8))
