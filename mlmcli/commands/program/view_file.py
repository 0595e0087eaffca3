"""``view``: Stata's Viewer command ([R] view), for a program without a Viewer.

    view [file] ["]filename["] [, asis adopath]
    view browse ["]url["]
    view help [topic] | view search keywords | view net ... | view ado ... | view news | view update ...

[R] view: ``view file`` displays a SMCL log, a help file or a text file in the Viewer (``asis``
as plain text whatever the extension; ``adopath`` looks the file up along the ado-path);
``view help|search|net|ado|news|update`` do what the command does, with the result in the
Viewer; ``view browse url`` opens the browser.  mlm's output is its Viewer: the file is shown
as ``type`` shows it (.smcl and .sthlp rendered, the rest as text); the other forms run the
command; no browser is opened (a note says so).  A missing file is r(601)."""
from __future__ import annotations

import os

from mlmcli.errors import StataError, invalid_syntax

COMMANDS = ("help", "search", "net", "ado", "news", "update")


def cmd_view(session, cmd) -> None:
    from mlmcli.syntax.options import split_options

    text = cmd.args.strip()
    first, _, rest = text.partition(" ")
    if first in COMMANDS:
        from mlmcli.runner import Runner, current_runner

        (current_runner(session) or Runner(session)).execute(text)
        return
    if first == "browse":
        from mlmcli.commands.program.files import one_filename

        url = one_filename(rest.strip()) if rest.strip() else ""
        session.print(f"(view browse: mlm opens no browser{': ' + url if url else ''})")
        return
    body, options, _ = split_options(rest if first == "file" else text)
    _show_file(session, body, options)


def _show_file(session, body: str, options: str) -> None:
    from mlmcli.commands.program.files import one_filename, read_text_lines
    from mlmcli.commands.program.type_file import print_lines
    from mlmcli.errors import file_not_found
    from mlmcli.syntax.options import OptionSpec, resolve_options

    path = one_filename(body)
    if not path:
        raise invalid_syntax()
    opts = resolve_options(options, [OptionSpec("asis"), OptionSpec("adopath")])
    full = os.path.expanduser(path)
    if opts.get("adopath"):
        from mlmcli.commands.program.system_directories import find_along_adopath

        found = find_along_adopath(session, path)
        if not found:
            raise file_not_found(path)
        full = found[0]
    print_lines(session, read_text_lines(full, path), not opts.get("asis") and full.lower().endswith((".smcl", ".sthlp")))
