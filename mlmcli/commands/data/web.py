"""Data from the web: ``webuse``, ``sysuse``, ``bcuse``, ``copy``, ``net get``/``net from``/``net describe``/``net query``.

``use http://...`` itself is ``files.cmd_use``; every download goes through
``mlmcli.fileformats.web`` (cache, Stata's network errors).
"""
from __future__ import annotations

import dataclasses
import os

from mlmcli.commands.data.common import download, unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.fileformats.web import is_url, join, with_extension
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

# Stata 13's webuse prefix ([D] webuse: "webuse set without arguments resets the source to
# http://www.stata-press.com/data/r13/").
WEBUSE_DEFAULT = "http://www.stata-press.com/data/r13"

# The datasets Stata 13 installs for sysuse (`sysuse dir`).  They are StataCorp's (auto.dta is
# Consumer Reports' data, reproduced by StataCorp with permission), so mlm ships none of them:
# `sysuse NAME` downloads NAME from Stata's own web site for this release, where every one
# of them is published beside the manual datasets.
STATA_SYSUSE = (
    "auto", "auto2", "autornd", "bplong", "bpwide", "cancer", "census", "citytemp",
    "citytemp4", "educ99gdp", "gnp96", "lifeexp", "network1", "network1a", "nlsw88",
    "nlswide1", "pop2000", "sandstone", "sp500", "surface", "tsline1", "tsline2",
    "uslifeexp", "uslifeexp2", "voter", "xtline1",
)

# bcuse (Kit Baum's SSC command for the datasets of Wooldridge's textbooks) loads them from here.
BCUSE_PREFIX = "http://fmwww.bc.edu/ec-p/data/wooldridge"

HELP = {
    "bcuse": ("bcuse filename [, clear nodesc]\n\n"
              "Community command (SSC, C. F. Baum): use one of the datasets of Wooldridge's\n"
              "textbooks from " + BCUSE_PREFIX + "/ and describe it\n"
              "(nodesc: do not describe).  Downloads are cached as webuse's are."),
    "webuse": ("webuse filename [, clear]     : use filename from the webuse prefix\n"
               "webuse query                  : show the prefix\n"
               "webuse set [url]              : set the prefix (none: back to " + WEBUSE_DEFAULT + ")\n\n"
               "Files are downloaded once into a per-user cache (MLM_CACHE_DIR, else\n"
               "~/.cache/mlmcli/web) and revalidated on later use."),
    "sysuse": ("sysuse filename [, clear]  |  sysuse dir\n\n"
               "Stata's example datasets (auto, lifeexp, nlsw88, ...) belong to StataCorp and are\n"
               "not shipped with mlm: sysuse downloads them from " + WEBUSE_DEFAULT + "/\n"
               "(once; they are cached)."),
}


def _use(session, cmd, target: str, options) -> None:
    """Run ``use "target" [, options]`` for a command that loads a file."""
    from mlmcli.commands.data.files import cmd_use
    text = f'"{target}"'
    if options:
        text += ", " + " ".join(_option_text(o) for o in options)
    cmd_use(session, dataclasses.replace(cmd, args=text, options=()))


def _option_text(option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"


# ----------------------------------------------------------------------------- webuse
def webuse_prefix(session) -> str:
    return session.settings.get("webuse_prefix", WEBUSE_DEFAULT)


def cmd_webuse(session, cmd) -> None:
    """``webuse filename [, clear]``, ``webuse query``, ``webuse set [url]``."""
    body, options, _ = split_options(cmd.args)
    words = body.split()
    if not words:
        raise invalid_syntax()
    if words[0] == "query" and len(words) == 1:
        resolve_options(options, [])
        session.print(f'(prefix now "{webuse_prefix(session)}")')
        return
    if words[0] == "set":
        resolve_options(options, [])
        if len(words) > 2:
            raise invalid_syntax()
        url = unquote(words[1]).rstrip("/") if len(words) == 2 else WEBUSE_DEFAULT
        if not is_url(url):  # Stata takes `webuse set www.zzz.edu/~sue` as http://
            url = "http://" + url
        session.settings["webuse_prefix"] = url
        session.print(f'(prefix now "{url}")')
        return
    if len(words) != 1:
        raise invalid_syntax()
    resolve_options(options, [OptionSpec("clear")])
    name = unquote(words[0])
    _use(session, cmd, with_extension(join(webuse_prefix(session), name), ".dta"), options)


# ----------------------------------------------------------------------------- bcuse
def cmd_bcuse(session, cmd) -> None:
    """``bcuse filename [, clear nodesc]``: ``use`` the file from Boston College's copy of
    Wooldridge's datasets, then ``describe`` it as bcuse.ado does (``Contains data from
    http://fmwww.bc.edu/ec-p/data/wooldridge/NAME.dta`` and the variable table)."""
    from mlmcli.commands.data.describe import cmd_describe
    body, options, _ = split_options(cmd.args)
    words = body.split()
    if len(words) != 1:
        raise invalid_syntax()
    opts = resolve_options(options, [OptionSpec("clear"), OptionSpec("nodesc", 6)])
    name = unquote(words[0])
    stem = name[:-4] if name.lower().endswith(".dta") else name
    _use(session, cmd, join(BCUSE_PREFIX, stem + ".dta"), [o for o in options if o.name == "clear"])
    if not opts.get("nodesc"):
        cmd_describe(session, dataclasses.replace(cmd, args="", options=()))


# ----------------------------------------------------------------------------- sysuse
def cmd_sysuse(session, cmd) -> None:
    """``sysuse filename [, clear]`` and ``sysuse dir [, all]``."""
    body, options, _ = split_options(cmd.args)
    words = body.split()
    if words == ["dir"]:
        resolve_options(options, [OptionSpec("all")])
        session.print(_columns([n + ".dta" for n in STATA_SYSUSE]))
        session.print(f"(StataCorp's datasets: not shipped with mlm; sysuse downloads them from "
                      f"{WEBUSE_DEFAULT}/)")
        return
    if len(words) != 1:
        raise invalid_syntax()
    resolve_options(options, [OptionSpec("clear")])
    name = unquote(words[0])
    stem = name[:-4] if name.lower().endswith(".dta") else name
    if stem not in STATA_SYSUSE:
        raise StataError(f'file "{stem}.dta" not found', 601)
    try:
        _use(session, cmd, join(WEBUSE_DEFAULT, stem + ".dta"), options)
    except StataError as err:
        if err.rc in (2, 631, 672, 673, 675, 677):
            raise StataError(f"sysuse {stem}: Stata's example datasets are not shipped with mlm; "
                             f"downloading {stem}.dta from {WEBUSE_DEFAULT}/ failed:\n{err.message}",
                             err.rc) from None
        raise


def _columns(names: list[str], ncols: int = 5, width: int = 16) -> str:
    """Names in columns filled top to bottom, as Stata's ``dir`` listings."""
    nrows = -(-len(names) // ncols)
    lines = []
    for r in range(nrows):
        row = [names[c * nrows + r] for c in range(ncols) if c * nrows + r < len(names)]
        lines.append(("  " + "".join(n.ljust(width) for n in row)).rstrip())
    return "\n".join(lines)


# ----------------------------------------------------------------------------- copy
def cmd_copy(session, cmd) -> None:
    """``copy filename1 filename2 [, replace public text binary]``: filename1 may be a URL;
    filename2 may be a folder (the file keeps its name).  An existing filename2 is replaced
    only with ``replace`` (r(602) otherwise); the copy is written atomically."""
    from mlmcli.commands.data.common import raw_tokens
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("replace"), OptionSpec("public"), OptionSpec("text"),
                                     OptionSpec("binary")])
    if opts.get("text") and opts.get("binary"):
        raise StataError("options text and binary may not be combined", 198)
    names = [t for t, _ in raw_tokens(body)]
    if len(names) != 2:
        raise invalid_syntax()
    source, dest = names[0], os.path.expanduser(names[1])
    if is_url(dest):
        raise StataError("may not write to web file", 633)
    if is_url(source):
        local = download(session, source)
        base = source.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    else:
        local = os.path.expanduser(source)
        if not os.path.isfile(local):
            raise StataError(f"file {source} not found", 601)
        base = os.path.basename(local)
    if os.path.isdir(dest):
        dest = os.path.join(dest, base)
    with open(local, "rb") as fh:
        data = fh.read()
    # text/binary change line ends only on Windows; on this system a copy is byte for byte
    write_bytes_atomic(dest, data, replace=bool(opts.get("replace")))
    if opts.get("public"):
        os.chmod(dest, os.stat(dest).st_mode | 0o444)  # help copy: "make filename2 readable by all"


# ----------------------------------------------------------------------------- net
def _net_location(session, opts: dict) -> str:
    where = opts.get("from")
    if isinstance(where, str):
        return unquote(where).rstrip("/")
    where = session.settings.get("net_from")
    if not where:
        raise StataError("net from location not set; type net from URL or use option from()", 198)
    return where


def _read_text(session, location: str, name: str) -> str:
    """A text file of a net location (URL or folder)."""
    if is_url(location):
        path = download(session, join(location, name))
    else:
        path = os.path.join(os.path.expanduser(location), name)
        if not os.path.isfile(path):
            raise StataError(f"file {path} not found", 601)
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


def _package_file(session, args: str, opts: dict) -> tuple[str, str, str]:
    """(package name, net location, text of its .pkg file) of ``net get|describe pkgname``."""
    words = args.split()
    if len(words) != 1:
        raise invalid_syntax()
    pkg = words[0][:-4] if words[0].endswith(".pkg") else words[0]
    location = _net_location(session, opts)
    return pkg, location, _read_text(session, location, pkg + ".pkg")


# Files `net install` places on the ado-path; `net get` copies every other file of a package
# ([R] net: "net get installs the ancillary files of a package into the current directory").
_INSTALL_EXTENSIONS = (".ado", ".sthlp", ".hlp", ".ihlp", ".class", ".mo", ".mlib", ".dlg",
                       ".idlg", ".scheme", ".style", ".plugin", ".mata")


def net_get(session, cmd, args: str, options) -> None:
    """``net get pkgname [, from(location) all replace force]``: the package's ancillary
    files (the ``f`` lines of ``pkgname.pkg`` that are not ado or help files) copied into
    the current folder; nothing is copied when one exists without ``replace``."""
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    opts = resolve_options(options, [OptionSpec("from", takes_arg=True), OptionSpec("all"),
                                     OptionSpec("replace"), OptionSpec("force")])
    pkg, location, text = _package_file(session, args, opts)
    files = []
    for line in text.splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and parts[0] in ("f", "F"):
            name = parts[1].strip()
            if not name.lower().endswith(_INSTALL_EXTENSIONS):
                files.append(name)
    session.print(f"checking {pkg} consistency and verifying not already installed...")
    if not files:
        session.print("(no ancillary files)")
        return
    contents = []
    for name in files:
        target = os.path.basename(name)
        if os.path.exists(target) and not opts.get("replace"):
            raise StataError(f"file {target} already exists\n(no action taken; specify option replace)", 602)
        local = _read_local(session, location, name)
        with open(local, "rb") as fh:
            contents.append((target, fh.read()))
    session.print("copying into current directory...")
    for target, data in contents:
        session.print(f"      copying  {target}")
        write_bytes_atomic(target, data, replace=True)
    session.print("ancillary files successfully copied.")


def _read_local(session, location: str, name: str) -> str:
    if is_url(location):
        return download(session, join(location, name))
    path = os.path.join(os.path.expanduser(location), name)
    if not os.path.isfile(path):
        raise StataError(f"file {path} not found", 601)
    return path


def net_describe(session, cmd, args: str, options) -> None:
    """``net describe pkgname [, from(location)]``: a package's title (its first ``d`` line),
    description (the other ``d`` lines) and files (``f``/``F`` lines: those ``net install``
    places, then the ancillary ones ``net get`` copies) read from ``pkgname.pkg`` ([R] net)."""
    opts = resolve_options(options, [OptionSpec("from", takes_arg=True)])
    pkg, location, text = _package_file(session, args, opts)
    described: list[str] = []
    install: list[str] = []
    ancillary: list[str] = []
    for line in text.splitlines():
        code, _, rest = line.strip().partition(" ")
        if code == "d":
            described.append(rest.strip())
        elif code in ("f", "F") and rest.strip():
            name = rest.strip()
            (install if name.lower().endswith(_INSTALL_EXTENSIONS) else ancillary).append(name)
    rule = "-" * 78
    out = [rule, f"package {pkg} from {location}", rule, "", "TITLE"]
    out += ["      " + (described[0] if described else pkg), ""]
    if len(described) > 1:
        out += ["DESCRIPTION/AUTHOR(S)"] + [("      " + d).rstrip() for d in described[1:]] + [""]
    for title, files, verb in (("INSTALLATION FILES", install, "install"), ("ANCILLARY FILES", ancillary, "get")):
        if files:
            out += [f"{title:<49}(type net {verb} {pkg})"] + ["      " + f for f in files] + [""]
    out[-1] = rule
    for line in out:
        session.print(line)


def net_from(session, cmd, args: str, options) -> None:
    """``net from location``: set where ``net get`` reads packages, and list its ``stata.toc``."""
    resolve_options(options, [])
    location = unquote(args.strip()).rstrip("/")
    if not location:
        raise invalid_syntax()
    text = _read_text(session, location, "stata.toc")
    session.settings["net_from"] = location
    session.print("-" * 78)
    session.print(location)
    for line in text.splitlines():
        parts = line.strip().split(None, 1)
        if not parts:
            continue
        if parts[0] == "d":
            session.print(parts[1] if len(parts) > 1 else "")
        elif parts[0] == "p" and len(parts) > 1:
            name, _, desc = parts[1].partition(" ")
            session.print(f"    {name:<12} {desc.strip()}")
    session.print("-" * 78)


def net_query(session, cmd, args: str, options) -> None:
    resolve_options(options, [])
    where = session.settings.get("net_from", "(not set)")
    session.print(f"{'net from':>10}  {where}")
    session.print(f"{'net get':>10}  {os.getcwd()} (the current directory)")


def _net_install(session, cmd, args: str, options) -> None:
    from mlmcli.commands.community.packages import net_install
    net_install(session, cmd, args, options)


NET_SUBCOMMANDS = NameTable(
    [("from", 4, net_from), ("get", 3, net_get), ("query", 1, net_query),
     ("install", 7, _net_install), ("describe", 1, net_describe), ("cd", 2, None), ("link", 4, None),
     ("search", 3, None), ("set", 3, None), ("sj", 2, None), ("stb", 3, None)],
    unknown=lambda w: StataError(f"net {w}: unrecognized subcommand", 199),
    not_implemented=lambda n: StataError(f"net {n} is not implemented in mlm (only net get, net from, "
                                         f"net describe, net query and net install are)", 199))


def cmd_net(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    word, _, rest = body.strip().partition(" ")
    if not word:
        raise invalid_syntax()
    NET_SUBCOMMANDS.handler(word)(session, cmd, rest, options)
