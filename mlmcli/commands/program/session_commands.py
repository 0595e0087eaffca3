"""``discard``, ``pause``, ``more`` and ``unabcmd`` ([P] discard, [P] pause, [P] more,
[P] unabcmd): programmer's commands about the session rather than the data.

``discard`` drops the programs loaded automatically from ado-files (the next call reads the
file again: ado_files.py) and clears r(), e() and s() and the estimation results set aside
(``estimates store``, ``_estimates hold``); the data and the programs a do-file defined stay.  ``pause on|off`` sets the
global S_pause as pause.ado does; ``pause [message]`` does nothing while pause is off and,
when on, shows ``pause:  message`` -- mlm runs do-files without a keyboard, so execution then
goes on (Stata would wait for ``q``).  ``more`` does nothing: mlm never waits for --more--
(Stata's ``more`` does nothing under ``set more off`` either).  ``unabcmd word`` leaves in
r(cmd) the command a word abbreviates, or says ``unrecognized command`` r(199).
"""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax


def cmd_discard(session, cmd) -> None:
    if cmd.args.strip():
        raise invalid_syntax()
    from mlmcli.commands.program.ado_files import drop_auto_loaded

    drop_auto_loaded(session)
    session.r = {}
    session.s = {}
    session.e = None
    session.estimates.clear()
    session.estimate_holds.clear()


def cmd_pause(session, cmd) -> None:
    text = cmd.args.strip()
    if text == "on":
        session.globals["S_pause"] = "on"
        return
    if text == "off":
        session.globals.pop("S_pause", None)
        return
    if session.globals.get("S_pause") != "on":
        return
    session.print(f"pause:  {text}")


def cmd_more(session, cmd) -> None:
    if cmd.args.strip():
        raise invalid_syntax()


def cmd_unabcmd(session, cmd) -> None:
    from mlmcli.commands import lookup

    words = cmd.args.split()
    if len(words) != 1:
        raise invalid_syntax()
    word = words[0]
    from mlmcli.commands import user_program

    if user_program(session, word, load=False):  # a program in memory or an ado-file's command
        name = word
    else:
        name = lookup(word).name  # unrecognized command r(199)
    session.set_r({"cmd": name})
