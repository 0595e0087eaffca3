"""The replication VCEs' suboptions, read once for every command that takes them:

    vce(bootstrap [, reps(#) seed(#) nodots])        (regress, xtreg; the graphs' estopts())
    vce(hc2) | vce(hc3) | vce(jackknife [, mse cluster(varname) idcluster(newvar) keep
                                           saving(filename[, replace double every(#)]) nodots])
                                          (regress; the graphs' estopts())
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options


def bootstrap_options(text: str) -> dict:
    """vce(bootstrap [, reps(#) seed(#) nodots]): Stata's default 50 replications."""
    rest = str(text).split(",", 1)[1] if "," in str(text) else ""
    sub = resolve_options(read_options(rest) if rest.strip() else (),
                          [OptionSpec("reps", 1, takes_arg=True), OptionSpec("seed", 4, takes_arg=True),
                           OptionSpec("nodots", 6), OptionSpec("dots", 4)])
    try:
        reps = int(str(sub.get("reps", 50)).strip())
        seed = None if sub.get("seed") is None else int(str(sub["seed"]).strip())
    except ValueError:
        raise StataError("vce(bootstrap) options invalid", 198) from None
    if reps < 2:
        raise StataError("reps() must be an integer greater than 1", 198)
    return {"reps": reps, "seed": seed, "dots": not sub.get("nodots")}


def leverage_settings(typed) -> dict | None:
    """``vce(hc2)``, ``vce(hc3)``, ``vce(jackknife [, ...])`` -> {vce, mse, dots, cluster (the
    name as typed, or None), idcluster (a new name or None), keep, saving (None or {filename,
    replace, double})}; None for another vce() (or none).  jackknife.ado's checks: idcluster()
    requires cluster() (r(198)); saving()'s file gets .dta when it has no extension.  The
    prefix's other options (n(), eclass, reject() ...) are refused."""
    from mlmcli.syntax.abbreviation import resolve_choice

    if typed is None:
        return None
    head, _, rest = str(typed).partition(",")
    words = head.split()
    kind = resolve_choice(words[0].lower(), (("hc2", 3), ("hc3", 3), ("jackknife", 4))) if words else None
    if kind is None:
        return None
    if len(words) > 1 or (kind != "jackknife" and rest.strip()):
        raise StataError(f"vcetype '{str(typed).strip()}' not allowed", 198)
    settings = {"vce": kind, "mse": False, "dots": True, "cluster": None, "idcluster": None, "keep": False,
                "saving": None}
    if rest.strip():
        specs = [OptionSpec("mse", 3), OptionSpec("nodots", 6), OptionSpec("dots", 4),
                 OptionSpec("cluster", 2, takes_arg=True), OptionSpec("idcluster", 2, takes_arg=True),
                 OptionSpec("saving", 2, takes_arg=True), OptionSpec("keep", 4)]
        sub = read_options(rest)
        for option in sub:
            if not any(spec.matches(option.name) for spec in specs):
                raise StataError(f"vce(jackknife): option {option.name} not supported by mlmcli: the "
                                 "jackknife leaves out one observation or one cluster() at a time "
                                 "(mse, cluster(), idcluster(), saving(), keep, nodots)", 198)
        found = resolve_options(sub, specs)
        cluster = str(found.get("cluster") or "").split()
        if len(cluster) > 1:  # Stata's cluster(varlist): several variables not mimicked
            raise StataError("vce(jackknife, cluster()): one variable only in mlmcli", 198)
        idcluster = str(found.get("idcluster") or "").strip() or None
        if idcluster is not None and not cluster:
            raise StataError("option idcluster() requires the cluster() option", 198)
        settings.update(mse=bool(found.get("mse")), dots=not found.get("nodots"),
                        cluster=cluster[0] if cluster else None, idcluster=idcluster,
                        keep=bool(found.get("keep")),
                        saving=saving_option(found["saving"]) if found.get("saving") is not None else None)
    return settings


def saving_option(text) -> dict:
    """``saving(filename[, replace double every(#)])`` (the prefixes' _prefix_saving) ->
    {filename (.dta added when it has no extension), replace, double}; every(#) only says how
    often Stata flushes the file, which changes nothing written."""
    import os

    from mlmcli.syntax.options import suboptions

    body, sub = suboptions(str(text))
    name = body.strip().strip('"')
    if not name:
        raise StataError("saving() requires a filename", 198)
    found = resolve_options(sub, [OptionSpec("replace", 7), OptionSpec("double", 4),
                                  OptionSpec("every", 5, takes_arg=True)])
    if found.get("every") is not None:
        try:
            every = int(str(found["every"]).strip())
        except ValueError:
            every = 0
        if every < 1:
            raise StataError("every() must be a positive integer", 198)
    if not os.path.splitext(name)[1]:
        name += ".dta"
    return {"filename": name, "replace": bool(found.get("replace")), "double": bool(found.get("double"))}
