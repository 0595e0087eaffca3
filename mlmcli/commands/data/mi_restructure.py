"""``mi reshape`` and ``mi misstable`` ([MI] mi reshape, [MI] mi misstable).

    mi reshape wide varnames, i(varlist) j(varname) [reshape's options]
    mi reshape long stubnames, i(varlist) j(newvarname) [reshape's options]
    mi misstable summarize|patterns|tree|nested [varlist] [, misstable's options]

``mi reshape`` reshapes every completed dataset m = 0 ... M as ``reshape`` does and puts the
results back in the data's style (mi_cmd_reshape.ado runs reshape under
u_mi_xeq_on_tmp_flongsep; ``mlmcli.mi.restructure``).  The variables made from an imputed,
passive or regular variable are registered as it was: ``x`` -> ``x1 x2 ...`` (wide), ``x1 x2
...`` -> ``x`` (long).  i() and j() are required (mi reshape does not remember earlier
settings); i() may not hold imputed, passive or system variables; stubs may not hold ``@``.
``mi misstable`` tabulates the missing values of the original data (m = 0).
"""
from __future__ import annotations

import re

from mlmcli.commands.data.mi_xeq import run_on_completed
from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.mi.restructure import from_completed, registration_of
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


def run_on_each(session, ds, commands: list[str], ms) -> list:
    """Each command run on the completed datasets m of ``ms`` (its output shown for the first
    only); the resulting datasets."""
    ms = list(ms)

    def run_quietly_after_the_first(m, runner) -> None:
        quiet = m != ms[0]
        session.out.quiet += quiet
        try:
            for text in commands:
                runner.execute(text)
        finally:
            session.out.quiet -= quiet

    return run_on_completed(session, ds, ms, run_quietly_after_the_first)


def mi_reshape(session, rest: str) -> None:
    ds = session.data
    styles.require_set(ds)
    m = re.match(r"\s*(\w+)(.*)\Z", rest, re.S)
    if m is None or m.group(1) not in ("wide", "long"):
        raise StataError("invalid syntax", 198)
    kind = m.group(1)
    body, options, _ = split_options(m.group(2))
    stubs = body.split()
    opts = resolve_options(options, [OptionSpec("i", 1, takes_arg=True), OptionSpec("j", 1, takes_arg=True)],
                           allow_unknown=True)
    if not opts.get("i") or not opts.get("j") or not stubs:
        which = " and ".join(f"{o}()" for o in ("i", "j") if not opts.get(o)) or "i() and j()"
        raise StataError(f"option{'s' if ' and ' in which else ''} {which} required\n"
                         "Unlike reshape, mi reshape requires that i() and j() be specified", 198)
    if any("@" in s for s in stubs):
        raise StataError("mi reshape: stubs may not contain @", 198)
    ivars = ds.expand_varlist(opts["i"])
    bad = [v for v in ivars if v in styles.registered(ds, "ivars") + styles.registered(ds, "pvars")]
    if bad:
        raise StataError(f"variable{'s' if len(bad) > 1 else ''} {' '.join(bad)} registered as imputed or "
                         "passive; option i() may not contain imputed or passive variables", 198)
    if set(ivars) & set(styles.SYSTEM):
        raise StataError("i() may not contain system variables such as _mi_m, _mi_id, or _mi_miss", 198)
    jname = opts["j"].split()[0] if opts["j"].split() else ""
    parts = run_on_each(session, ds, ["reshape " + rest.strip()], range(styles.n_imputations(ds) + 1))
    long_data = ds if kind == "wide" else parts[0]
    jvalues = set()
    if long_data.has_variable(jname):
        jvalues = {str(v) for v in long_data.df[jname].dropna().unique()}
        jvalues |= {v[:-2] for v in jvalues if v.endswith(".0")}
    before = registration_of(ds)
    registration = {key: _carried(names, stubs, set(ds.varnames), parts[0].varnames, kind, jvalues)
                    for key, names in before.items()}
    new = from_completed(ds, parts, registration)
    from mlmcli.commands.data.mi import commit_mi_data

    commit_mi_data(session, new)


def _carried(registered: list[str], stubs: list[str], before: set[str], after: list[str], kind: str,
             jvalues: set[str]) -> list[str]:
    """The registered names after reshape: kept ones, and those made from a registered one
    (stub ``s`` and ``s`` followed by a value of j)."""
    kept = [n for n in registered if n in after]
    made = [n for n in after if n not in before]
    if kind == "wide":
        grown = [n for n in made for s in stubs if s in registered and n[len(s):] in jvalues and n.startswith(s)]
    else:
        grown = [s for s in stubs if s in made
                 and any(r not in after and r.startswith(s) and r[len(s):] in jvalues for r in registered)]
    return list(dict.fromkeys(kept + grown))


def mi_misstable(session, rest: str) -> None:
    ds = session.data
    styles.require_set(ds)
    run_on_each(session, ds, ["misstable " + rest.strip()], [0])
