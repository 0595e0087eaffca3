"""``fs`` (Nick Cox, ``ssc install fs``): the names of files, in compact form.  A compatible
implementation written from the package's help and ado-file (version 1.0.5):

    fs [filespec [filespec ...]]

With no filespec, the files of the working folder (``*``).  A filespec with a folder (it
contains ``/``, ``\\`` or ``:``, or starts with ``.`` or ``~``) lists that folder's files
matching the name part; names are shown without the folder.  Folders are not files.  The
names are shown in columns (down, then across) and returned in ``r(files)`` as ``: dir``
gives them, each in double quotes, each list followed by a space; when no file matches,
nothing is shown and ``r()`` is left empty (the ado-file is rclass and returns nothing).
"""
from __future__ import annotations

import os

from mlmcli.commands.program.macro_functions import dir_entries
from mlmcli.render.name_columns import render_name_columns
from mlmcli.commands.community.estout_stats import quoted_words

HELP = {"fs": "fs [filespec [filespec ...]]"}


def _folder_and_pattern(spec: str) -> tuple[str, str]:
    """fs.ado's ParseSpec: the folder part (through the last / or \\) and the name pattern
    (``*`` when the spec is a folder only)."""
    cut = max(spec.rfind("/"), spec.rfind("\\"))
    if cut < 0:  # "~" or "c:x": ParseSpec takes the whole spec for the folder, all its files
        return spec, "*"
    folder, pattern = spec[:cut + 1], spec[cut + 1:]
    return folder.replace("\\", "/"), pattern or "*"


def cmd_fs(session, cmd) -> None:
    specs = quoted_words(cmd.args.strip()) or ["*"]
    found: list[str] = []
    text = ""
    for spec in specs:
        if any(ch in spec for ch in "/\\:") or spec[:1] in (".", "~"):
            folder, pattern = _folder_and_pattern(spec)
        else:
            folder, pattern = ".", spec
        names = dir_entries(os.path.expanduser(folder), "files", pattern)
        found += names
        text += "".join(f'"{n}" ' for n in names)
    session.set_r({})
    if not found:
        return
    session.print(render_name_columns(found, linesize=session.linesize))
    session.set_r({"files": text})
