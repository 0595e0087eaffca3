"""The replication VCEs' suboptions, read once for every command that takes them:

    vce(bootstrap [, bootstrap_options])             (every command: ``bootstrap_options``)
    vce(hc2) | vce(hc3) | vce(jackknife [, jackknife_options])   (regress; the graphs' estopts())

jackknife_options ([R] jackknife; jackknife.ado): eclass (the default: e(N) counts each
replicate's observations), n(exp) (another count), nocount, cluster(varname), idcluster(newvar),
saving(filename[, replace double every(#)]), double, keep, mse (nomse: the default), level(#),
notable, noheader, nolegend, verbose, nodots, dots(#), title(text), nodrop, reject(exp), force,
noecluster, regress's display options and the eform options (eform, eform(string), or, irr,
rrr, hr, shr, tr, nohr, noshr: the table exponentiated).
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options


# vce()'s last word when the line was typed as ``jackknife|bootstrap [, ...]: estcmd ...``
# (commands.estimation.replicate_prefix): the prefix's own clusters (observations, or its
# cluster()), not the panels or groups the command's vce() form resamples
PREFIX_MARK = "__prefix"


def split_prefix_mark(typed: str) -> tuple[str, bool]:
    """(the vce() text without PREFIX_MARK, whether it was there)."""
    typed = str(typed).strip()
    if typed.endswith(" " + PREFIX_MARK) or typed.endswith("," + PREFIX_MARK):
        return typed[:-len(PREFIX_MARK)].rstrip(", "), True
    return typed, False


def replicate_vce_kind(typed) -> tuple[str, str, bool] | None:
    """(bootstrap|jackknife, the vce() text without PREFIX_MARK, whether the prefix was typed)
    when vce() asks for replicates, else None; an argument after the word is r(198)."""
    from mlmcli.syntax.options import vce_option

    typed = str(typed or "").strip()
    if not typed:
        return None
    kind, args = vce_option(typed.split(",")[0].strip(), (("bootstrap", 4), ("jackknife", 4)))
    if kind not in ("bootstrap", "jackknife"):
        return None
    typed, prefix = split_prefix_mark(typed)
    if args:
        raise StataError(f"vcetype '{typed}' not allowed", 198)
    return kind, typed, prefix


# bootstrap.ado's options (Stata 13's BootStrap syntax statements, minimal abbreviations);
# dots, nodots and noisily as _get_dots_option reads them
_BOOTSTRAP = [OptionSpec(*row) for row in (
    ("reps", 1, True), ("seed", 4, True), ("nodots", 6), ("dots", 4, True), ("noisily", 3), ("trace", 2),
    ("strata", 3, True), ("size", 2, True), ("cluster", 2, True), ("idcluster", 2, True), ("group", 5, True),
    ("saving", 2, True), ("double", 4), ("mse", 3), ("level", 1, True), ("bca", 3), ("ties", 3),
    ("reject", 6, True), ("nowarn", 6), ("notable", 7), ("noheader", 3), ("nolegend", 3), ("verbose", 1),
    ("title", 2, True), ("jackknifeopts", 4, True), ("nodrop", 6), ("force", 5), ("noecluster", 10),
    ("idclustvar", 10), ("coef", 4), ("svy", 3))]
# the options that only change the prefix's own table ([R] bootstrap's reporting options)
DISPLAY_OPTIONS = ("notable", "noheader", "nolegend", "verbose", "title")


# what bootstrap_options reads without ``full`` (the callers that run no other option: the
# graphs' estopts(), the exp_list prefix): anything else is "option X not allowed" r(198)
_BASIC = ("reps", "seed", "nodots", "dots", "noisily", "trace")


def bootstrap_options(text: str, prefix: bool = False, noisily_ok: bool = False, full: bool = False,
                      panel: bool = False, own_idcluster: bool = False) -> dict:
    """``vce(bootstrap [, options])`` read as bootstrap.ado reads the prefix's options: reps(#)
    (default 50; below 2 r(198)), seed(#), nodots, dots(#), noisily, trace, strata(varlist),
    size(#), cluster(varlist), idcluster(newvar) (only with cluster(): r(198)), group(varname)
    (only with idcluster(): r(198)), saving(filename[, replace double every(#)]), double, mse,
    level(#), bca, ties, reject(exp), nowarn, notable, noheader, nolegend, verbose, title(text),
    jackknifeopts(options) (only with bca: r(198); read as jackknife's), nodrop, force,
    noecluster, regress's display options and the eform options; anything else is "option X
    not allowed" r(198).  Without ``full`` only reps(), seed(), nodots, dots(#), noisily and
    trace (with ``prefix`` also cluster() and idcluster()) are read, the rest being "option X
    not allowed", and the dict has only reps, seed, dots, noisily, trace (and prefix, cluster,
    idcluster): the callers that honour no other option (the graphs' estopts()).  ``noisily``/``trace`` print each replicate's output, which the callers
    that print it accept (``noisily_ok``: regress, the shared runner's commands, lfit/qfit/fpfit's
    regress); elsewhere mlm refuses them.  The dict: reps, seed, dots,
    dots_every, noisily, trace, strata (the names typed, one string, or None), size (int or
    None), cluster (names or None), idcluster, group, saving (``saving_option``'s dict or None),
    double, mse, level (None: not typed), bca, ties, reject, jackknife (the jackknifeopts()
    settings or None), display (the display options typed: notable ... title), title, nodrop,
    force, noecluster, eform, display_options, prefix.  ``panel``: the vce() form of a command
    whose _vce_parserun appends ``cluster(panelvar) idcluster(...)`` (xtreg, xtgee, xtlogit ...),
    so an idcluster() typed there is bootstrap's second one, "option idcluster() not allowed"
    r(198) (_get_diopts), not "idcluster() can only be specified with the cluster() option".
    ``own_idcluster``: that idcluster() is there (the xt commands' vce() form), so a group() typed
    alone is valid (bootstrap_group reads it)."""
    from mlmcli.ast import Option
    from mlmcli.syntax.options import confidence_level, integer_option

    rest = str(text).split(",", 1)[1] if "," in str(text) else ""
    typed = list(read_options(rest)) if rest.strip() else []
    loud = [name for name, minimum in (("noisily", 3), ("trace", 2))
            if any(OptionSpec(name, minimum).matches(o.name) for o in typed)]
    if loud and not noisily_ok:  # bootstrap.ado has NOIsily and TRace
        raise StataError(f"vce(bootstrap, {loud[0]}) not supported by mlmcli: mlm prints the replicates' "
                         "output for regress's bootstrap only", 198)
    if not full:
        basic = [spec for spec in _BOOTSTRAP if spec.name in _BASIC + (("cluster", "idcluster") if prefix else ())]
        for option in typed:
            if not any(spec.matches(option.name) for spec in basic):
                shown = f"{option.name}()" if option.arg is not None else option.name
                raise StataError(f"option {shown} not allowed", 198)
    typed = [Option(o.name, "1") if o.arg is None and len(o.name) >= 4 and "dots".startswith(o.name)
             else o for o in typed]
    typed, eform = eform_option(typed)
    for option in typed:
        if not any(spec.matches(option.name) for spec in _BOOTSTRAP + _DISPLAY):
            shown = f"{option.name}()" if option.arg is not None else option.name
            raise StataError(f"option {shown} not allowed", 198)
    display_options = tuple(o for o in typed if any(s.matches(o.name) for s in _DISPLAY))
    sub = resolve_options([o for o in typed if any(s.matches(o.name) for s in _BOOTSTRAP)], _BOOTSTRAP)
    if sub.get("svy"):  # bootstrap.ado hands svy to _svy_bs: the data must be svyset
        raise StataError("data not set up for svy, use svyset", 119)
    try:
        reps = int(str(sub.get("reps", 50)).strip())
        seed = None if sub.get("seed") is None else int(str(sub["seed"]).strip())
    except ValueError:
        raise StataError("vce(bootstrap) options invalid", 198) from None
    if reps < 2:
        raise StataError("reps() must be an integer greater than 1", 198)
    noisily = bool(sub.get("noisily") or sub.get("trace"))  # noisily implies nodots
    if noisily and sub.get("dots") not in (None, "0"):  # _get_dots_option
        raise StataError("options dots() and noisily may not be combined", 198)
    every = 1 if sub.get("dots") is None else integer_option({"dots": sub["dots"]}, "dots", 1, minimum=0)
    names = {key: str(sub.get(key) or "").split() for key in ("strata", "cluster", "idcluster", "group")}
    if panel and not prefix and names["idcluster"]:  # a second idcluster() (docstring)
        raise StataError("option idcluster() not allowed", 198)
    if names["idcluster"] and not names["cluster"]:
        raise StataError("idcluster() can only be specified with the cluster() option", 198)
    if names["group"] and not names["idcluster"] and not (own_idcluster and not prefix):
        raise StataError("group() can only be specified with the idcluster() option", 198)
    for key in ("idcluster", "group"):  # IDcluster(name), group(varname): one name each
        if len(names[key]) > 1:
            raise StataError(f"option {key}() incorrectly specified", 198)
    size = sub.get("size")
    if size is not None and str(size).strip() != "_N":
        size = positive_integer(size, "size")
    else:
        size = None
    jackknife = None
    if sub.get("jackknifeopts") is not None:
        if not sub.get("bca"):
            raise StataError("option jackknifeopts() requires the bca option", 198)
        jackknife = jackknife_options(str(sub["jackknifeopts"]))
    saving = saving_option(sub["saving"]) if sub.get("saving") is not None else None
    double = bool(sub.get("double")) or bool(saving and saving["double"])
    reject = reject_expression(sub.get("reject")) or None
    settings = {
        "reps": reps, "seed": seed, "dots": not sub.get("nodots") and not noisily and every > 0,
        "dots_every": max(every, 1), "noisily": noisily, "trace": bool(sub.get("trace")),
        "strata": " ".join(names["strata"]) or None, "size": size,
        "cluster": " ".join(names["cluster"]) or None, "idcluster": names["idcluster"][0] if names["idcluster"] else None,
        "group": names["group"][0] if names["group"] else None, "saving": saving, "double": double,
        "mse": bool(sub.get("mse")), "bca": bool(sub.get("bca")), "ties": bool(sub.get("ties")),
        "level": None if sub.get("level") is None else confidence_level({"level": sub["level"]}, 95.0),
        "reject": reject, "jackknife": jackknife,
        "display": tuple(name for name in DISPLAY_OPTIONS if sub.get(name) is not None and sub.get(name) is not False),
        "title": None if sub.get("title") is None else str(sub["title"]).strip().strip('"'),
        "nodrop": bool(sub.get("nodrop")), "force": bool(sub.get("force")), "noecluster": bool(sub.get("noecluster")),
        "eform": eform, "display_options": display_options}
    if prefix:
        settings["prefix"] = True
    if not full:
        keep = ("reps", "seed", "dots", "noisily", "trace") + (("prefix", "cluster", "idcluster") if prefix else ())
        return {key: settings[key] for key in keep}
    return settings


def leverage_settings(typed) -> dict | None:
    """``vce(hc2)``, ``vce(hc3)``, ``vce(jackknife [, ...])`` -> {vce, mse, dots, dots_every,
    cluster (the name as typed, or None), idcluster (a new name or None), keep, saving (None or
    {filename, replace, double}), double, nfunc (the sample-size function: ``e(N)`` by default),
    nodrop, reject (an expression or None), title, notable, noheader, level, force, display (the
    display options typed, for the table)}; None for another vce() (or none).  Read as
    jackknife.ado reads the prefix's options (``jackknife_options``)."""
    from mlmcli.syntax.abbreviation import resolve_choice

    if typed is None:
        return None
    head, _, rest = str(typed).partition(",")
    words = head.split()
    kind = resolve_choice(words[0], (("hc2", 3), ("hc3", 3), ("jackknife", 4))) if words else None
    if kind is None:
        return None
    if len(words) > 1 or (kind != "jackknife" and rest.strip()):
        raise StataError(f"vcetype '{str(typed).strip()}' not allowed", 198)
    settings = {"vce": kind, "mse": False, "dots": True, "dots_every": 1, "cluster": None, "idcluster": None,
                "keep": False, "saving": None, "double": False, "nfunc": "e(N)", "nodrop": False, "reject": None,
                "title": None, "notable": False, "noheader": False, "level": None, "display": (),
                "force": False, "eform": None, "noisily": False, "trace": False}
    if rest.strip():
        settings.update(jackknife_options(rest))
    return settings


# [R] jackknife's options as jackknife.ado's syntax statements spell them (minimal abbreviations)
_JACKKNIFE = [OptionSpec(*row) for row in (
    ("eclass", 1), ("rclass", 1), ("n", 1, True), ("nocount", 7), ("cluster", 2, True), ("idcluster", 2, True),
    ("saving", 2, True), ("double", 4), ("keep", 4), ("mse", 3), ("mse1", 4), ("nomse", 5), ("level", 1, True),
    ("notable", 7), ("noheader", 3), ("nolegend", 3), ("verbose", 1), ("nodots", 6), ("dots", 4, True),
    ("noisily", 3), ("trace", 2), ("title", 2, True), ("nodrop", 6), ("reject", 6, True), ("force", 5),
    ("noecluster", 10), ("svy", 3), ("subpop", 3, True))]
# regress's display options, which the prefix hands to regress's table (_get_diopts)
_DISPLAY = [OptionSpec(*row) for row in (
    ("coeflegend", 5), ("baselevels", 4), ("allbaselevels", 7), ("noomitted", 6), ("vsquish", 7),
    ("noemptycells", 7), ("nolstretch", 10), ("cformat", 7, True), ("pformat", 7, True), ("sformat", 7, True))]


# [R] eform_option, which the prefix reads (_get_eformopts, Stata 13's: its EFALL list and the
# column headings; nohr and noshr ask for none) and hands to regress's table
_EFORM = {"eform": "exp(b)", "hr": "Haz. Ratio", "shr": "SHR", "tr": "Tm. Ratio", "or": "Odds Ratio",
          "irr": "IRR", "rrr": "RRR", "nohr": None, "noshr": None}
_EFORM_SPECS = [OptionSpec(*row) for row in (
    ("eform", 2, True, True), ("hr", None), ("shr", None), ("tr", None), ("or", None), ("irr", 2), ("rrr", 2),
    ("nohr", None), ("noshr", None))]


def eform_option_name(heading: str) -> str:
    """The eform option that gives ``heading`` (``eform()`` for a heading of one's own)."""
    return next((name for name, label in _EFORM.items() if label == heading), "eform()")


def eform_option(typed) -> tuple[list, str | None]:
    """(the options that are not eform options, the heading of the exponentiated table or None)
    -- _get_eformopts: two of them are opts_exclusive's r(198); ``eform(string)`` its own heading."""
    rest, found = [], []
    for option in typed:
        spec = next((sp for sp in _EFORM_SPECS if sp.matches(option.name)), None)
        if spec is None:
            rest.append(option)
        elif option.arg is not None and spec.name != "eform":
            raise StataError(f"option {option.name}() not allowed", 198)
        else:
            found.append((spec.name, option.arg))
    names = list(dict.fromkeys(("eform()" if arg is not None else name) for name, arg in found))
    if len(names) > 1:
        raise StataError(f"options {names[0]} and {names[1]} may not be combined", 198)
    if not found:
        return rest, None
    name, arg = found[0]
    if arg is not None:
        return rest, str(arg).strip().strip('"') or None
    return rest, _EFORM[name]


def jackknife_options(text: str) -> dict:
    """The options of ``vce(jackknife, options)`` (module docstring), with jackknife.ado's
    checks (``nodrop`` kept only with n() or nocount: with eclass, typed or implied, the
    replicates stay in e(sample)): two of eclass, rclass, n() (r(198)); idcluster() without cluster() (r(198));
    ``rclass`` after regress, which leaves no r(N) (r(322)); ``svy`` on data not svyset
    (r(119)); ``subpop()`` without it and any other word (``option X not allowed``, r(198));
    ``noisily`` (regress's output in every replicate, no dots; ``dots``/``dots(#)`` with it are
    _get_dots_option's r(198)); ``trace`` (noisily's output with the trace of the command each
    replicate runs: jackknife.ado and _loop_jknife* set trace on around it; dots typed with it are
    not shown, as trace implies noisily after the dots are read)."""
    from mlmcli.syntax.options import confidence_level, integer_option

    from mlmcli.ast import Option

    # dots alone: a dot each replicate, as dots(1)
    typed = [Option(o.name, "1") if o.arg is None and len(o.name) >= 4 and "dots".startswith(o.name)
             else o for o in read_options(text)]
    typed, eform = eform_option(typed)  # _get_eformopts first: the exponentiated table's heading
    for option in typed:
        if not any(spec.matches(option.name) for spec in _JACKKNIFE + _DISPLAY):
            shown = f"{option.name}()" if option.arg is not None else option.name
            raise StataError(f"option {shown} not allowed", 198)
    found = resolve_options([o for o in typed if any(s.matches(o.name) for s in _JACKKNIFE)], _JACKKNIFE)
    display = tuple(o for o in typed if any(s.matches(o.name) for s in _DISPLAY))
    if found.get("svy"):  # _svy_newrule: the data must be svyset, which mlm has no command for
        raise StataError("data not set up for svy, use svyset", 119)
    if found.get("subpop") is not None:
        raise StataError("option subpop() not allowed", 198)
    if found.get("noisily"):  # _get_dots_option: dots are not shown with noisily
        for option in read_options(text):
            if len(option.name) >= 4 and "dots".startswith(option.name) and option.arg != "0":
                shown = "dots()" if option.arg is not None else "dots"
                raise StataError(f"options {shown} and noisily may not be combined", 198)
    kinds = [k for k in ("nocount", "eclass", "rclass") if found.get(k)] + (["n()"] if found.get("n") else [])
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    nfunc = "e(N)"
    if found.get("nocount"):
        nfunc = None
    elif found.get("rclass"):  # regress posts e() and leaves r() empty: r(N) is missing
        raise StataError("number of obs. r(N) evaluated to missing in full sample", 322)
    elif found.get("n") is not None:
        nfunc = str(found["n"]).strip()
        if not nfunc:
            raise StataError("n() invalid", 198)
    cluster = str(found.get("cluster") or "").split()
    if len(cluster) > 1:  # Stata's cluster(varlist): several variables not mimicked
        raise StataError("vce(jackknife, cluster()): one variable only in mlmcli", 198)
    idcluster = str(found.get("idcluster") or "").strip() or None
    if idcluster is not None and not cluster:
        raise StataError("option idcluster() requires the cluster() option", 198)
    every = 1
    if found.get("dots") is not None:  # _get_dots_option: dots(0) is nodots
        every = integer_option({"dots": found["dots"]}, "dots", 1, minimum=0)
    reject = reject_expression(found.get("reject"))
    saving = saving_option(found["saving"]) if found.get("saving") is not None else None
    double = bool(found.get("double")) or bool(saving and saving["double"])
    if saving is not None:
        saving["double"] = double
    return {"mse": bool(found.get("mse") or found.get("mse1")),
            "dots": not found.get("nodots") and not found.get("noisily") and not found.get("trace") and every > 0,
            "noisily": bool(found.get("noisily") or found.get("trace")), "trace": bool(found.get("trace")),
            "dots_every": max(every, 1), "cluster": cluster[0] if cluster else None, "idcluster": idcluster,
            "keep": bool(found.get("keep")), "saving": saving, "double": double, "nfunc": nfunc,
            "force": bool(found.get("force")),
            "nodrop": bool(found.get("nodrop")) and (found.get("n") is not None or bool(found.get("nocount"))),
            "reject": reject or None,
            "title": None if found.get("title") is None else str(found["title"]).strip().strip('"'),
            "notable": bool(found.get("notable")), "noheader": bool(found.get("noheader")),
            "level": None if found.get("level") is None else confidence_level({"level": found["level"]}, 95.0),
            "display": display, "eform": eform}


def reject_expression(typed) -> str | None:
    """reject(exp)'s expression (None when not typed): _prefix_reject takes ``if exp`` as well."""
    if typed is None:
        return None
    text = str(typed).strip()
    return text[3:].strip() if text.lower().startswith("if ") else text


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
        positive_integer(found["every"], "every")
    if not os.path.splitext(name)[1]:
        name += ".dta"
    return {"filename": name, "replace": bool(found.get("replace")), "double": bool(found.get("double"))}


def jackknife_weights(settings: dict, weight_kind: str | None) -> None:
    """jackknife.ado's weights: fweights, pweights and iweights (``mlmcli.ols_jackknife``);
    aweights only with ``force`` (else ``syntax [fw]``'s "aweights not allowed" r(101))."""
    if weight_kind == "aweight" and not settings.get("force"):
        raise StataError("aweights not allowed", 101)


def positive_integer(text, name: str) -> int:
    """A replicate option's whole number >= 1 (``every()``, ``size()``); anything else is
    ``name() must be a positive integer`` r(198)."""
    try:
        value = int(str(text).strip())
    except ValueError:
        value = 0
    if value < 1:
        raise StataError(f"{name}() must be a positive integer", 198)
    return value


def cluster_jackknife_options(typed: str, command: str, cluster_ok: bool = False, prefix: bool = False,
                              noisily_ok: bool = False) -> dict:
    """vce(jackknife [, mse nodots]) of the cluster-replicate commands (xtreg, xtgee, glm,
    clogit, streg; the graphs' estopts()), with ``cluster_ok`` or ``prefix`` jackknife's
    ``cluster(varname)``, with ``noisily_ok`` noisily and trace (each replicate's run shown:
    commands.estimation.replicate_noisily); anything else is mlm's refusal."""
    cluster_ok = cluster_ok or prefix
    rest = typed.split(",", 1)[1] if "," in typed else ""
    specs = [OptionSpec("mse", 3), OptionSpec("nodots", 6)] + (
        [OptionSpec("cluster", 2, takes_arg=True)] if cluster_ok else []) + (
        [OptionSpec("noisily", 3), OptionSpec("trace", 2)] if noisily_ok else [])
    typed_options = read_options(rest) if rest.strip() else ()
    for option in typed_options:
        if not any(spec.matches(option.name) for spec in specs):
            raise StataError(f"vce(jackknife, {option.name}) not supported by mlmcli with {command}", 198)
    found = resolve_options(typed_options, specs)
    cluster = str(found.get("cluster") or "").split()
    if len(cluster) > 1:  # jackknife's cluster(varlist) of several variables
        raise StataError(f"vce(jackknife, cluster()) with several variables not supported by mlmcli with {command}",
                         198)
    noisily = bool(found.get("noisily") or found.get("trace"))  # trace implies noisily, no dots
    return {"mse": bool(found.get("mse")), "dots": not found.get("nodots") and not noisily,
            "cluster": cluster[0] if cluster else None, "prefix": prefix, "noisily": noisily,
            "trace": bool(found.get("trace"))}
