"""``mltshowm`` (Moehring and Schmidt's ``mlt`` package, ``ssc install mlt``): the table of the
full fit and the refits ``mltcooksd`` stored.  Written from the package's ado-file (version
1.1 beta, 02mar2012; read, not copied), which is one ``estimates table`` line:

    mltshowm [, all]

shows ``estimates table $mcdac, star b(%5.4f)`` (FULL and the refits without a level-2 unit
whose Cook's D is above the cut-off), or with ``all`` FULL and every refit ``WJ*``.  As an
r-class program that returns nothing, it leaves r() empty.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"mltshowm": "mltshowm [, all]"}


def cmd_mltshowm(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, [OptionSpec("all")])
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    names = "FULL WJ*" if opts.get("all") else session.globals.get("mcdac", "")
    runner = current_runner(session) or Runner(session)
    try:
        runner.execute(f"estimates table {names}, star b(%5.4f)")
    finally:
        session.set_r({})
