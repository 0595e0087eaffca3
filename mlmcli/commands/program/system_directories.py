"""``sysdir [list]``, ``sysdir set codeword path`` and ``adopath`` ([P] sysdir): Stata's
system directories in its layout, as mlm has them.

mlm's commands are built into its package, so STATA is the package's folder and BASE the
folder of its built-in commands; neither can be set.  SITE, PLUS, PERSONAL and OLDPLACE start
at Stata's defaults on Unix and ``sysdir set`` records a new path for them (a do-file's
``sysdir set PLUS ...`` before ``ssc install`` runs on, as the install does); mlm reads no
ado-files from them.  ``adopath`` lists $S_ADO (default BASE;SITE;.;PERSONAL;PLUS;OLDPLACE)
as adopath.ado does; ``adopath +``, ``++`` and ``-`` are refused: mlm finds no programs on
an ado-path (a program's file is run with ``run`` or ``do``).

The sysdir listing's layout (codewords right-aligned in 8 columns, then ``:  ``) and the
refusals' wording are mlm's: no published log or ado-file was at hand for them.
"""
from __future__ import annotations

import os

from mlmcli.errors import StataError

_CODEWORDS = ("STATA", "BASE", "SITE", "PLUS", "PERSONAL", "OLDPLACE")
_SETTABLE = {"SITE": "/usr/local/ado/", "PLUS": "~/ado/plus/", "PERSONAL": "~/ado/personal/", "OLDPLACE": "~/ado/"}
_DEFAULT_ADOPATH = "BASE;SITE;.;PERSONAL;PLUS;OLDPLACE"
_SETTING = "sysdir"  # session.settings key of the recorded paths


def _package_dir() -> str:
    import mlmcli
    return os.path.dirname(os.path.abspath(mlmcli.__file__)) + "/"


def system_directory(session, codeword: str) -> str:
    if codeword == "STATA":
        return _package_dir()
    if codeword == "BASE":
        return _package_dir() + "commands/"
    return session.settings.get(_SETTING, {}).get(codeword, _SETTABLE[codeword])


def cmd_sysdir(session, cmd) -> None:
    words = cmd.args.split(None, 2)
    if not words or words[0] in ("l", "li", "lis", "list"):
        if len(words) > 1:
            raise StataError("invalid syntax", 198)
        for code in _CODEWORDS:
            session.print(f"{code:>8}:  {system_directory(session, code)}")
        return
    if words[0] != "set" or len(words) < 3:
        raise StataError("invalid syntax", 198)
    code, path = words[1], words[2].strip()
    quoted = len(path) >= 2 and path[0] == path[-1] == '"'
    if quoted:
        path = path[1:-1]
    if code in ("STATA", "BASE"):
        raise StataError(f"{code} is where mlm's built-in commands are; it cannot be set", 198)
    if code not in _SETTABLE or not path or (" " in path and not quoted):
        raise StataError("invalid syntax", 198)
    if not path.endswith(("/", "\\")):
        path += "/"
    session.settings.setdefault(_SETTING, {})[code] = path


def cmd_adopath(session, cmd) -> None:
    text = cmd.args.strip()
    if text:
        if text[0] in "+-":
            raise StataError("mlm does not search the ado-path for programs: its commands are built in;\n"
                             "run a program's ado-file with run or do instead", 198)
        raise StataError("invalid syntax", 198)
    entries = [e.strip().strip('"') for e in session.globals.get("S_ADO", _DEFAULT_ADOPATH).split(";")]
    for i, entry in enumerate((e for e in entries if e), start=1):
        if entry in _CODEWORDS and entry != "STATA":
            session.print(f"  [{i}]".ljust(7) + f"({entry})".ljust(12) + f'"{system_directory(session, entry)}"')
        else:
            session.print(f"  [{i}]".ljust(19) + f'"{entry}"')
