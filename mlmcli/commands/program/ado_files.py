"""Users' ado-files ([U] 17 Ado-files, [P] discard, [P] program, [R] which): a command no
built-in names is looked for as ``name.ado`` along the ado-path, each directory and then its
first-letter subdirectory (system_directories.find_along_adopath).  The first file found is
run as ``run`` runs a do-file (no echo, no output; an error in it shows as it does there), so
the programs it defines -- ``name`` and the helper programs beside it -- are in memory, marked
as loaded from that file; then ``name`` is called.  A file that does not define ``name`` is
``unrecognized command:  name not defined by name.ado`` r(199), as in Stata.

The registry decides when to look (``commands.user_program``: a program in memory first,
then the built-in commands, and only then the path).  ``discard``, ``clear ado`` and
``program drop _allado`` drop the auto-loaded programs, so the next call reads the file again
(an edited ado-file takes effect); ``clear all`` drops every program, with the same effect.
``which`` shows the file and its ``*!`` lines; ``help name`` shows a user's name.sthlp (or
name.hlp) found along the path, as plain text (help/smcl_text.py).
"""
from __future__ import annotations

import os

from mlmcli.errors import StataError
from mlmcli.syntax.varlist import NAME_RE


def find_ado(session, name: str, extension: str = ".ado", every: bool = False) -> list[str]:
    """``name`` + ``extension`` along the ado-path: the first file found, or every one."""
    from mlmcli.commands.program.system_directories import find_along_adopath

    if not NAME_RE.fullmatch(name) or len(name) > 32:  # no file can name such a command
        return []
    return find_along_adopath(session, name + extension, every=every)


def load_ado(session, name: str) -> bool:
    """Define the program ``name`` from ``name.ado`` along the ado-path; False when there is
    no such file.  The programs the file defines are marked as auto-loaded (``program dir``
    shows them as ado; ``discard`` drops them)."""
    found = find_ado(session, name)
    if not found:
        return False
    path = found[0]
    from mlmcli.commands.program.files import decode_do_file, run_do_text
    from mlmcli.runner import Runner, current_runner

    try:
        with open(path, "rb") as fh:
            text = decode_do_file(fh.read())
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    before = dict(session.programs)
    parent = current_runner(session)
    child = Runner(session, debug=parent.debug if parent else False)
    failures: list[tuple[str, int]] = []
    child.error_sink = lambda message, rc: failures.append((message, rc))
    rc = run_do_text(child, session, text, echo=False, silent=True)
    defined = [p for p, body in session.programs.items() if before.get(p) is not body]
    if rc:  # an error while the file runs is the command's, shown once; what it defined goes,
        for program in defined:  # so the next call reads the file again
            del session.programs[program]
            session.program_options.pop(program, None)
            session.program_classes.pop(program, None)
        raise StataError(failures[-1][0] if failures else "", rc)
    for program in defined:
        session.ado_programs[program] = (path, session.programs[program])
    if name not in session.programs:
        raise StataError(f"unrecognized command:  {name} not defined by {name}.ado", 199)
    return True


def is_auto_loaded(session, name: str) -> bool:
    """Whether the program ``name`` in memory is the one an ado-file defined."""
    entry = session.ado_programs.get(name)
    return entry is not None and session.programs.get(name) is entry[1]


def drop_auto_loaded(session) -> None:
    """``discard``, ``clear ado``, ``program drop _allado``: the programs ado-files defined go;
    the ones a do-file or the user defined stay."""
    for name in [n for n in session.programs if is_auto_loaded(session, n)]:
        del session.programs[name]
        session.program_options.pop(name, None)
        session.program_classes.pop(name, None)
    session.ado_programs.clear()


def starred_lines(path: str) -> list[str]:
    """The lines of a file that begin with ``*!`` in the first column ([R] which)."""
    from mlmcli.commands.program.files import decode_do_file

    try:
        with open(path, "rb") as fh:
            text = decode_do_file(fh.read())
    except OSError:
        return []
    return [line.rstrip() for line in text.replace("\r\n", "\n").split("\n") if line.startswith("*!")]


def cmd_which(session, cmd) -> None:
    """``which fname[.ftype] [, all]`` ([R] which): the file along the ado-path with its ``*!``
    lines; no .ado file: a built-in command (abbreviations allowed) says so, anything else is
    r(111)."""
    from mlmcli.commands import command_spec
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    body, options, _ = split_options(cmd.args)
    every = bool(resolve_options(options, [OptionSpec("all")]).get("all"))
    words = body.split()
    if len(words) != 1:
        raise StataError("invalid syntax", 198)
    name, extension = os.path.splitext(words[0].strip('"'))
    extension = extension or ".ado"
    found = find_ado(session, name, extension, every=every) if name else []
    for path in found:
        session.print(path)
        for line in starred_lines(path):
            session.print(line)
    if found:
        return
    if extension != ".ado":
        raise StataError("file not found along ado-path", 111)
    if command_spec(name) is not None:
        session.print(f"built-in command:  {name}")
        return
    raise StataError(f"command {name} not found as either built-in or ado-file", 111)
