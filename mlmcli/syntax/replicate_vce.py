"""The replication VCEs' suboptions, read once for every command that takes them:

    vce(bootstrap [, reps(#) seed(#) nodots])        (regress, xtreg; the graphs' estopts())
    vce(hc2) | vce(hc3) | vce(jackknife [, mse cluster(varname) nodots])   (regress; the graphs' estopts())
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
    """``vce(hc2)``, ``vce(hc3)``, ``vce(jackknife [, mse cluster(varname) nodots])`` ->
    {vce, mse, dots, cluster (the name as typed, or None)}; None for another vce() (or none).
    jackknife's other suboptions (idcluster(), saving() ...) are refused."""
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
    settings = {"vce": kind, "mse": False, "dots": True, "cluster": None}
    if rest.strip():
        specs = [OptionSpec("mse", 3), OptionSpec("nodots", 6), OptionSpec("dots", 4),
                 OptionSpec("cluster", 2, takes_arg=True)]
        sub = read_options(rest)
        for option in sub:
            if not any(spec.matches(option.name) for spec in specs):
                raise StataError(f"vce(jackknife): option {option.name} not supported by mlmcli: the "
                                 "jackknife leaves out one observation or one cluster() at a time "
                                 "(mse, cluster(), nodots)", 198)
        found = resolve_options(sub, specs)
        cluster = str(found.get("cluster") or "").split()
        if len(cluster) > 1:  # Stata's cluster(varlist): several variables not mimicked
            raise StataError("vce(jackknife, cluster()): one variable only in mlmcli", 198)
        settings.update(mse=bool(found.get("mse")), dots=not found.get("nodots"),
                        cluster=cluster[0] if cluster else None)
    return settings
