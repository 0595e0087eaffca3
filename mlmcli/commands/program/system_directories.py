"""``sysdir [list]``, ``sysdir set codeword path`` and ``adopath`` ([P] sysdir): Stata's
system directories in its layout, as mlm has them.

mlm's commands are built into its package, so STATA is the package's folder and BASE the
folder of its built-in commands; neither can be set.  SITE, PLUS, PERSONAL and OLDPLACE start
at Stata's defaults on Unix and ``sysdir set`` records a new path for them (a do-file's
``sysdir set PLUS ...`` before ``ssc install`` runs on, as the install does).  ``adopath`` lists
$S_ADO (default BASE;SITE;.;PERSONAL;PLUS;OLDPLACE) as adopath.ado does.  ``adopath + dir``
(append), ``adopath ++ dir`` (prepend) and ``adopath - dir|#`` edit $S_ADO and list it as
adopath.ado 3.1.9 does (a directory added again moves; an element not there is r(111)).  The
path is where a command no built-in names is looked for as an ado-file (commands/program/
ado_files.py), where ``which`` and ``findfile`` look, and where ``help`` finds a user's .sthlp.

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


def adopath_entries(session) -> list[str]:
    """The elements of $S_ADO in order (codewords as typed, directories unquoted)."""
    return [e.strip().strip('"') for e in session.globals.get("S_ADO", _DEFAULT_ADOPATH).split(";") if e.strip()]


def _set_entries(session, entries: list[str]) -> None:
    session.globals["S_ADO"] = ";".join(f'"{e}"' if (" " in e or ";" in e) else e for e in entries)


def _one_token(op: str, rest: str) -> str:
    """adopath.ado's Chkrest: exactly one (possibly quoted) directory or number after the operator."""
    rest = rest.strip()
    if rest.startswith('"'):
        end = rest.find('"', 1)
        token, tail = (rest[1:end], rest[end + 1:]) if end > 0 else (rest[1:], "")
    else:
        token, _, tail = rest.partition(" ")
    if not token.strip():
        raise StataError("invalid syntax", 198)
    if tail.strip():
        raise StataError(f'invalid syntax\nperhaps you meant to type  adopath {op} "{rest}"', 198)
    return token


def _remove(session, token: str) -> None:
    entries = adopath_entries(session)
    try:
        number = float(token)
    except ValueError:
        number = None
    if number is not None:
        if number != int(number) or not 1 <= number <= len(entries):
            raise StataError(f"no {token}th element in current adopath", 111)
        del entries[int(number) - 1]
    elif token in entries:
        entries.remove(token)
    else:
        raise StataError(f'"{token}" not found in adopath', 111)
    _set_entries(session, entries)


def cmd_adopath(session, cmd) -> None:
    text = cmd.args.strip()
    if text:
        op = "++" if text.startswith("++") else text[0]
        if op not in ("+", "-", "++"):
            raise StataError("invalid syntax", 198)
        token = _one_token(op, text[len(op):])
        if op == "-":
            _remove(session, token)
        else:
            entries = [e for e in adopath_entries(session) if e != token]  # a directory already there moves
            _set_entries(session, [token] + entries if op == "++" else entries + [token])
    for i, entry in enumerate(adopath_entries(session), start=1):
        if entry in _CODEWORDS and entry != "STATA":
            session.print(f"  [{i}]".ljust(7) + f"({entry})".ljust(12) + f'"{system_directory(session, entry)}"')
        else:
            session.print(f"  [{i}]".ljust(19) + f'"{entry}"')


def cmd_findfile(session, cmd) -> None:
    """``findfile filename [, path(path) nodescend all]`` ([P] findfile): the first file of that
    name along the ado-path (or path()), looked for in each directory and, unless nodescend,
    in its subdirectory named by the file's first letter; shown and left in r(fn) (with all,
    every one found, each in double quotes).  None: ``file "name" not found`` r(601)."""
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("path", 4, takes_arg=True), OptionSpec("nodescend", 9),
                                     OptionSpec("all", 3)])
    words = body.split()
    if len(words) != 1:
        raise StataError("invalid syntax", 198)
    name = words[0].strip('"')
    entries = None if not isinstance(opts.get("path"), str) else \
        [e.strip().strip('"') for e in opts["path"].split(";") if e.strip()]
    found = find_along_adopath(session, name, descend=not opts.get("nodescend"), every=bool(opts.get("all")),
                               entries=entries)
    if not found:
        raise StataError(f'file "{name}" not found', 601)
    shown = found if opts.get("all") else found[:1]
    for place in shown:
        session.print(place)
    session.set_r({"fn": " ".join(f'"{p}"' for p in shown) if opts.get("all") else shown[0]})


def find_along_adopath(session, name: str, *, descend: bool = True, every: bool = False,
                       entries: list[str] | None = None) -> list[str]:
    """The files called ``name`` along the ado-path (or ``entries``), in its order: each
    directory, then (``descend``) its subdirectory named by the file's first letter, as [U] 17.5
    and findfile look; the first one only unless ``every``.  A path is shown as joined to its
    directory (``./foo.ado`` for the current one), as Stata's which and findfile show it."""
    found: list[str] = []
    for entry in adopath_entries(session) if entries is None else entries:
        folder = system_directory(session, entry) if entry in _CODEWORDS else entry
        folder = os.path.expanduser(folder)
        places = [os.path.join(folder, name)]
        if descend:
            places.append(os.path.join(folder, name[:1].lower(), name))
        for place in places:
            if os.path.isfile(place) and place not in found:
                found.append(place)
        if found and not every:
            break
    return found
