"""``zipfile file|directory ..., saving(zipfilename[, replace])`` and ``unzipfile zipfilename
[, replace]`` ([D] zipfile): zip archives written with Python's zipfile (deflated; Zip64 when
needed) and read into the current directory.

The zip file is written whole or not at all and never over an existing file without replace.
unzipfile checks every member first: a name that would land outside the current directory is
refused, and without replace an existing file is r(602) before anything is extracted.  The
progress lines (``  adding: f``, ``    inflating: f``) and the closing messages are decided
without Stata's own log at hand."""
from __future__ import annotations

import glob
import os
import zipfile

from mlmcli.commands.data.common import plain_path, unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options
from mlmcli.textscan import split_words


def _members(patterns: list[str]) -> list[tuple[str, str]]:
    """(path on disk, name in the archive) of every file the patterns name, directories walked."""
    out: list[tuple[str, str]] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if any(ch in pattern for ch in "*?") else [pattern]
        if not matches or not all(os.path.exists(m) for m in matches):
            raise StataError(f"file {pattern} not found", 601)
        for match in matches:
            if os.path.isdir(match):
                for folder, dirs, files in os.walk(match):
                    dirs.sort()
                    out += [(os.path.join(folder, f), os.path.normpath(os.path.join(folder, f)))
                            for f in sorted(files)]
            else:
                out.append((match, os.path.normpath(match)))
    return [(disk, name.lstrip("/").replace(os.sep, "/")) for disk, name in out]


def cmd_zipfile(session, cmd) -> None:
    from mlmcli.fileformats.safe_write import atomic_write

    opts = resolve_options(cmd.options, [OptionSpec("saving", 3, True)])
    if "saving" not in opts:
        raise StataError("option saving() required", 198)
    name, _, rest = opts["saving"].partition(",")
    extra = resolve_options(read_options(rest), [OptionSpec("replace", 7)]) if rest.strip() else {}
    target = plain_path(name.strip(), ".zip")
    patterns = [os.path.expanduser(unquote(w)) for w in split_words(cmd.args.strip(), brackets="")]
    if not patterns:
        raise invalid_syntax()
    members = _members(patterns)

    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for disk, arcname in members:
                archive.write(disk, arcname)

    atomic_write(target, write, replace=bool(extra.get("replace")))
    session.print("\n".join([f"  adding: {arcname}" for _, arcname in members] + ["", f"file {target} saved"]))


def cmd_unzipfile(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("replace", 7)])
    words = split_words(cmd.args.strip(), brackets="")
    if len(words) != 1:
        raise invalid_syntax()
    path = plain_path(words[0], ".zip")
    if not os.path.isfile(path):
        raise StataError(f"file {path} not found", 601)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise StataError(f"file {path} is not a valid zip file", 610) from None
    here = os.path.abspath(os.getcwd())
    with archive:
        infos = archive.infolist()
        for info in infos:
            dest = os.path.abspath(os.path.join(here, info.filename))
            if os.path.commonpath([here, dest]) != here:
                raise StataError(f"{info.filename}: a name outside the current directory; nothing unzipped", 198)
            if not opts.get("replace") and not info.is_dir() and os.path.exists(dest):
                raise StataError(f"file {info.filename} already exists", 602)
        lines = []
        for info in infos:
            archive.extract(info, here)
            if not info.is_dir():
                lines.append(f"    inflating: {info.filename}")
    session.print("\n".join(lines + ["", f"successfully unzipped {path} to current directory"]))
