"""``ssc``, ``net install`` and ``which``: do-files install community packages before they
use them.  mlm cannot install Stata packages; the ones it carries a compatible
implementation of are built in, so installing them succeeds with a note.

Decision (issue 12): ``ssc install X`` / ``net install X`` succeed (rc 0) for every X, and
say which: built in (its commands are mlm commands) or not available (its commands will be
unrecognized, r(199), where the do-file uses them).  Failing at the install line would stop
a do-file that installs packages it never uses; the failure belongs to the line that needs
the package.  (``which`` is commands/program/ado_files.py.)
"""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {
    "ssc": "ssc install|uninstall|describe pkg [, replace all] : mlm has estout, fre ... built in; others are not available",
}

# packages whose commands are not named after the package
PACKAGE_COMMANDS = {"estout": ("esttab", "eststo", "estout", "estadd", "estpost"), "gllamm": ("gllamm", "gllapred", "gllasim"),
                    "st0031": ("xtrho",), "outreg": ("outreg", "frmttable"),
                    "mlt": ("mltcooksd", "mltrsq", "mltshowm", "mlt2stage", "mltl2scatter"),
                    "outreg2": ("outreg2", "seeout"),
                    "gtools": ("greshape", "gcollapse", "gcontract", "gegen", "gisid", "glevelsof", "gduplicates",
                               "gquantiles", "gstats", "gtop", "gunique", "gdistinct", "fasterxtile", "hashsort")}  # st0031: the Stata Journal package of xtrho


def _has(command: str) -> bool:
    from mlmcli.commands import lookup

    try:
        spec = lookup(command)
    except StataError:
        return False
    return spec.name == command


# packages mlm carries only part of, where the part is not a set of commands
PARTIAL_PACKAGES = {"asdoc": "asdoc is partly built into mlm: its tables of sum, tabstat, cor, pwcorr and estimation "
                             "commands (detailed and nest), ttest, one-way tab and tab1; not available: two-way tab, tab2, table, wide",
                    "fitstat": "fitstat is partly built into mlm: its measures after logit, logistic and probit, "
                               "and SPost13's answer after the models SPost does not support"}


def package_note(package: str) -> str:
    if package in PARTIAL_PACKAGES:
        return PARTIAL_PACKAGES[package]
    commands = PACKAGE_COMMANDS.get(package, (package,))
    have = [c for c in commands if _has(c)]
    if have and len(have) == len(commands):
        return f"{package} is built into mlm ({', '.join(have)}); nothing to install"
    if have:
        missing = [c for c in commands if c not in have]
        return (f"{package} is partly built into mlm ({', '.join(have)}); "
                f"not available: {', '.join(missing)}")
    return f"package {package} is not available in mlm (mlm cannot install Stata packages); its commands will be " \
           "unrecognized where the do-file uses them"


def cmd_ssc(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    words = body.split()
    if not words:
        raise invalid_syntax()
    sub = words[0]
    resolve_options(options, [OptionSpec("replace"), OptionSpec("all"), OptionSpec("from", takes_arg=True)])
    if sub in ("install", "inst", "insta", "instal", "i", "in", "ins", "uninstall", "describe", "d", "de", "des",
               "desc", "descr", "descri", "describ", "type"):
        if len(words) != 2:
            raise invalid_syntax()
        package = words[1].lower()
        if sub.startswith("u"):
            session.print(f"(package {package} is not installed: mlm installs no packages)")
            return
        session.print(package_note(package))
        return
    if sub in ("hot", "new", "whatsnew"):
        session.print("(ssc hot/new need the internet; mlm does not install packages)")
        return
    raise StataError(f"ssc {sub}:  invalid subcommand", 198)


def net_install(session, cmd, args: str, options) -> None:
    """``net install pkg [, from() replace all force]`` (dispatched from ``net`` in
    commands/data/web.py, which also has ``net get|from|query``)."""
    resolve_options(options, [OptionSpec("from", takes_arg=True), OptionSpec("replace"), OptionSpec("all"),
                              OptionSpec("force")])
    words = args.split()
    if len(words) != 1:
        raise invalid_syntax()
    session.print(package_note(words[0].lower()))
