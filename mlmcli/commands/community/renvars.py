"""``renvars`` (Jeroen Weesie and Nick Cox's community command, ``ssc install renvars``):
rename variables by one transformation of their names.  A compatible implementation written
from renvars.ado 2.2.1 (Weesie, 2000) and the later package's names:

    renvars [varlist] [\\ newvarlist] [, upcase|upper lowcase|lower prefix(str) postfix(str)
        presub(str1 str2) postsub(str1 str2) subst(str1 [str2]) predrop(#) postdrop(#) trim(#)
        display fast]

``varlist`` defaults to every variable.  Exactly one transformation is typed ("exactly one
transformation option should be specified" r(198)); the ``\\ newvarlist`` form names the new
names instead.  The ado renames one variable at a time: a new name must be a valid name no
variable has at that moment (an earlier variable of the list already renamed), so mlm checks
the whole list that way first and then renames them all -- a failing renvars leaves the data
as they were.  ``display`` shows ``old -> new`` for each name that changes.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.sample import refuse_sample_qualifiers
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES

HELP = {"renvars": "renvars [varlist] [\\ newvarlist] [, upper lower prefix() postfix() presub() postsub() "
                   "subst() predrop(#) postdrop(#) trim(#) display] : rename variables (community command)"}

_OPTS = [OptionSpec("upcase", 1), OptionSpec("upper", 5), OptionSpec("lowcase", 1), OptionSpec("lower", 5),
         OptionSpec("prefix", 4, takes_arg=True), OptionSpec("postfix", 5, takes_arg=True),
         OptionSpec("presub", 4, takes_arg=True), OptionSpec("postsub", 5, takes_arg=True),
         OptionSpec("subst", 3, takes_arg=True), OptionSpec("predrop", 4, takes_arg=True),
         OptionSpec("postdrop", 5, takes_arg=True), OptionSpec("trim", 1, takes_arg=True),
         OptionSpec("fast", 1), OptionSpec("display", 1)]
_TRANSFORMS = ("upcase", "upper", "lowcase", "lower", "prefix", "postfix", "presub", "postsub", "subst",
               "predrop", "postdrop", "trim")


def _pair(text: str) -> tuple[str, str]:
    """Words 1 and 2 of a presub()/postsub()/subst() argument (a missing second word is "")."""
    words = text.split()
    return (words[0] if words else ""), (words[1] if len(words) > 1 else "")


def _transform(opts: dict):
    """name -> new name for the one transformation typed."""
    kind = next(k for k in _TRANSFORMS if k in opts)
    arg = opts[kind]
    if kind in ("upcase", "upper"):
        return str.upper
    if kind in ("lowcase", "lower"):
        return str.lower
    if kind == "prefix":
        return lambda v: str(arg) + v
    if kind == "postfix":
        return lambda v: v + str(arg)
    if kind == "subst":
        find, repl = _pair(str(arg))
        return lambda v: v.replace(find, repl) if find else v
    if kind == "presub":
        find, repl = _pair(str(arg))
        return lambda v: repl + v[len(find):] if v.startswith(find) else v
    if kind == "postsub":
        find, repl = _pair(str(arg))
        return lambda v: v[:len(v) - len(find)] + repl if find and v.endswith(find) else v
    count = integer_option(opts, kind, 0)
    if kind == "predrop":  # substr(name, 1+#, .)
        return lambda v: v[max(count, 0):]
    if kind == "postdrop":  # substr(name, 1, length(name)-#)
        return lambda v: v[:max(len(v) - count, 0)]
    return lambda v: v[:max(count, 0)]  # trim(#): substr(name, 1, #)


def _checked(ds, pairs: list[tuple[str, str]]) -> None:
    """RenVar's ``confirm new var`` for each change in turn, the earlier ones already made."""
    current = list(ds.varnames)
    for old, new in pairs:
        if new == old:
            continue
        if not NAME_RE.match(new) or new in RESERVED_NAMES:
            raise StataError(f"{new} invalid name" if new else "'' invalid name", 198)
        if new in current:
            raise StataError(f"variable {new} already defined", 110)
        current[current.index(old)] = new


def cmd_renvars(session, cmd) -> None:
    refuse_sample_qualifiers(cmd)  # renvars.ado's syntax takes a varlist and options only
    opts = resolve_options(cmd.options, _OPTS)
    ds = session.data
    old_text, slash, new_text = cmd.args.partition("\\")
    typed = [k for k in _TRANSFORMS if k in opts]
    if slash:
        if typed:
            raise StataError("exactly one transformation option should be specified", 198)
        olds = ds.expand_varlist(old_text) if old_text.strip() else list(ds.varnames)
        news = new_text.split()
        if len(news) != len(olds):
            raise StataError("varlist and newvarlist must have the same number of names", 198)
        pairs = list(zip(olds, news))
    else:
        if len(typed) != 1:
            raise StataError("exactly one transformation option should be specified", 198)
        olds = ds.expand_varlist(old_text) if old_text.strip() else list(ds.varnames)
        rule = _transform(opts)
        pairs = [(v, rule(v)) for v in olds]
    _checked(ds, pairs)
    changes = [(o, n) for o, n in pairs if o != n]
    if changes:
        ds.rename_variables(dict(changes))
    if opts.get("display"):
        for old, new in changes:  # di in gr "old " _col(10) "-> new"
            session.print(f"{old} ".ljust(9) + f"-> {new}")
