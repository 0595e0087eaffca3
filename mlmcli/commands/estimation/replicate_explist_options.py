"""The options of ``bootstrap exp_list [, options]: command`` and ``jackknife exp_list [, options]:
command`` ([R] bootstrap, [R] jackknife; bootstrap.ado's and jackknife.ado's syntax statements):

    both       cluster(varname) idcluster(newvar) saving(filename[, replace double every(#)])
               mse level(#) notable noheader nolegend title(text) nodots dots[(#)] reject(exp)
               noisily trace
    bootstrap  reps(#) seed(#) strata(varname) size(#) nowarn group(varname)
    jackknife  eclass rclass n(exp) nocount

Read into the settings ``replicate_explist`` runs on.  idcluster() without cluster() is the
prefixes' "option idcluster() requires the cluster() option" r(198); two of eclass, rclass, n()
and nocount "options ... may not be combined" r(198); size() below 1 "size() must be a positive
integer" r(198).  bca and ties are read for ``[_b]`` (replicate_coefficients; with another
exp_list they are refused).  noisily and trace print each run (replicate_prefix_noisily.py;
no dots with them, dots typed beside noisily "options dots and noisily may not be combined"
r(198)).  The prefixes' other options (verbose, nodrop, keep,
force, jackknifeopts(), double, svy, ...) are refused r(198), never ignored.  bootstrap's group()
is renumbered in each replicate as _loop_bs.ado 1.2.0 does (replicate_explist.renumber_groups).
"""
from __future__ import annotations

from mlmcli.errors import StataError

# the options read here: (name, minimal abbreviation, takes an argument)
_BOTH = (("cluster", 2, True), ("idcluster", 2, True), ("saving", 2, True), ("mse", 3, False),
         ("level", 1, True), ("notable", 7, False), ("noheader", 3, False), ("nolegend", 3, False),
         ("title", 2, True), ("nodots", 6, False), ("dots", 4, None), ("reject", 6, True),
         ("noisily", 3, False), ("trace", 2, False))
_ONLY = {"bootstrap": (("reps", 1, True), ("seed", 4, True), ("strata", 3, True), ("size", 2, True),
                       ("bca", 3, False), ("ties", 4, False), ("nowarn", 6, False), ("group", 2, True)),
         "jackknife": (("eclass", 1, False), ("rclass", 1, False), ("n", 1, True), ("nocount", 7, False))}


def exp_list_settings(text: str, kind: str, known) -> dict:
    """``text``: the options after the exp_list's comma; ``known``: every option of the prefix
    (OptionSpecs; a word none of them abbreviates is Stata's "option X not allowed")."""
    from mlmcli.syntax.options import OptionSpec, confidence_level, read_options
    from mlmcli.syntax.replicate_vce import saving_option

    specs = [OptionSpec(name, minimum, takes_arg=bool(arg)) for name, minimum, arg in _BOTH + _ONLY[kind]]
    found: dict = {}
    for option in read_options(text) if text.strip() else ():
        spec = next((s for s in specs if s.matches(option.name)), None)
        if spec is None:
            other = next((s for s in known if s.matches(option.name)), None)
            shown = f"{option.name}()" if option.arg is not None else option.name
            if other is None:
                raise StataError(f"option {shown} not allowed", 198)
            raise StataError(f"{kind} option {other.name} with an exp_list not supported by mlmcli", 198)
        found[spec.name] = option.arg if option.arg is not None else True
    settings = {"dots": not found.get("nodots"), "mse": bool(found.get("mse")),
                "notable": bool(found.get("notable")), "noheader": bool(found.get("noheader")),
                "nolegend": bool(found.get("nolegend")) or bool(found.get("noheader")),
                "title": None if found.get("title") is None else str(found["title"]).strip().strip('"'),
                "level": None if found.get("level") is None else confidence_level({"level": found["level"]}, 95.0),
                "saving": None if found.get("saving") is None else saving_option(found["saving"]),
                "reject": _reject(found.get("reject"))}
    if found.get("dots") not in (None, True):  # dots(#): dots(0) is nodots
        settings["dots"] = settings["dots"] and str(found["dots"]).strip() != "0"
    # noisily/trace: each run printed (replicate_prefix_noisily); trace implies noisily, and
    # _get_dots_option refuses dots typed beside noisily and shows no dots with it
    settings["noisily"] = bool(found.get("noisily") or found.get("trace"))
    settings["trace"] = bool(found.get("trace"))
    if settings["noisily"]:
        if found.get("noisily") and "dots" in found and str(found["dots"]).strip() != "0":
            shown = "dots" if found["dots"] is True else "dots()"
            raise StataError(f"options {shown} and noisily may not be combined", 198)
        settings["dots"] = False
    settings["cluster"] = _one_name(found.get("cluster"), "cluster")
    settings["idcluster"] = _one_name(found.get("idcluster"), "idcluster")
    if settings["idcluster"] is not None and settings["cluster"] is None:
        raise StataError("option idcluster() requires the cluster() option", 198)
    if kind == "bootstrap":
        settings.update(_bootstrap(found))
        if settings["group"] is not None and settings["idcluster"] is None:  # bootstrap.ado's check
            raise StataError("group() can only be specified with the idcluster() option", 198)
    else:
        settings["nfunc"] = _nfunction(found)
    return settings


def _bootstrap(found: dict) -> dict:
    from mlmcli.syntax.replicate_vce import bootstrap_options, positive_integer

    typed = " ".join(f"{k}({found[k]})" for k in ("reps", "seed") if found.get(k) is not None)
    full = bootstrap_options("bootstrap," + typed)  # reps() and seed() read and checked there;
    out = {"reps": full["reps"], "seed": full["seed"]}  # the other settings are read here
    out["strata"] = _one_name(found.get("strata"), "strata")
    out["size"] = None if found.get("size") is None else positive_integer(found["size"], "size")
    out["bca"], out["ties"] = bool(found.get("bca")), bool(found.get("ties"))  # _b only (replicate_coefficients)
    out["nowarn"] = bool(found.get("nowarn"))  # replicate_coefficients' e(sample) warning
    out["group"] = _one_name(found.get("group"), "group")  # renumbered in each replicate
    return out


def _nfunction(found: dict) -> str | None:
    """jackknife's count: "e(N)" (eclass), "r(N)" (rclass), n()'s expression, None (nocount),
    or "" for the implied one (e(N) or r(N), whichever the full-sample run leaves)."""
    kinds = [k for k in ("nocount", "eclass", "rclass") if found.get(k)] + (["n()"] if found.get("n") else [])
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    if found.get("nocount"):
        return None
    if found.get("eclass"):
        return "e(N)"
    if found.get("rclass"):
        return "r(N)"
    if found.get("n") is not None:
        if not str(found["n"]).strip():
            raise StataError("n() invalid", 198)
        return str(found["n"]).strip()
    return ""


def _reject(typed) -> str | None:
    if typed is None or typed is True:
        return None
    text = str(typed).strip()
    return (text[3:].strip() if text.lower().startswith("if ") else text) or None


def _one_name(typed, option: str) -> str | None:
    if typed is None:
        return None
    words = str(typed).split() if typed is not True else []
    if len(words) != 1:
        raise StataError(f"{option}(): one variable allowed" if words else "invalid syntax", 198)
    return words[0]
