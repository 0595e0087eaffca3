"""``seeout`` (Roy Wada's companion of ``outreg2``, ``ssc install outreg2``): shows an outreg2
table file.  seeout.ado 1.2.3 reads the tab-separated ``.txt`` table into the Data Browser
(``insheet ..., nonames`` under ``preserve``, so the data in memory are not changed):

    seeout [using filename] [, label]

mlm has no Data Browser, so the table's rows are printed as columns instead.  As seeout's,
a file name without an extension gets ``.txt``; ``label`` shows outreg2's LABELS column in
place of the variable names where the table has one.  Without ``using`` seeout reads
outreg2's preference file of the last table, which mlm's outreg2 does not write: refused.
"""
from __future__ import annotations

import os

from mlmcli.commands.data.common import one_using_file, split_using, unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"seeout": "seeout using filename [, label]"}


def _with_labels(rows: list[list[str]]) -> list[list[str]]:
    """outreg2's ``label`` table has VARIABLES then LABELS: the labels replace the names (a
    blank label keeps the name), as seeout's ``replace v2=v1 if v2==""`` + ``drop v1``."""
    if not any(len(row) > 1 and row[1] == "LABELS" for row in rows):
        return rows
    out = []
    for row in rows:
        if len(row) < 2:
            out.append(row)
            continue
        first = row[1] if row[1] else row[0]
        out.append([row[0] if row[1] == "LABELS" else first] + row[2:])
    return out


def table_lines(rows: list[list[str]]) -> list[str]:
    """The rows as left-aligned columns two blanks apart."""
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    sizes = [max(len(row[k]) for row in rows) for k in range(width)]
    return ["  ".join(cell.ljust(size) for cell, size in zip(row, sizes)).rstrip() for row in rows]


def cmd_seeout(session, cmd) -> None:
    from mlmcli.commands.program.files import read_text_lines

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("label", 3), OptionSpec("labela", 6, takes_arg=True)])
    rest, file_text = split_using(body)
    file_text = one_using_file(file_text)  # one word; a trailing if/in is r(101)
    if rest:
        raise StataError(f"{rest.split()[0]} not allowed", 101)
    if file_text is None:
        raise StataError("seeout without using: mlm's outreg2 keeps no preference file of the last table; "
                         "type seeout using filename", 198)
    path = unquote(file_text)
    if "." not in os.path.basename(path):
        path += ".txt"
    rows = [line.split("\t") for line in read_text_lines(os.path.expanduser(path), path)]
    if opts.get("label") or opts.get("labela"):
        rows = _with_labels(rows)
    session.print(f"(seeout: mlm has no Data Browser; {path} is shown here)")
    for line in table_lines(rows):
        session.print(line)
