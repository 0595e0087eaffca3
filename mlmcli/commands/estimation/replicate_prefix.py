"""The ``jackknife`` and ``bootstrap`` prefixes on the coefficients (no exp_list, or ``_b``):

    jackknife [_b] [, options]: estcmd ...      bootstrap [_b] [, options]: estcmd ...

[R] vce_option: ``vce(jackknife[, jackknife_options])`` and ``vce(bootstrap[, bootstrap_options])``
on an estimation command are the prefix on its ``_b``, with the prefix's options.  So the line runs
as ``estcmd ..., vce(kind, options)`` and prints that command's own replicate table.  Only the
commands whose vce() replicates mlm computes are taken, and only the options those vce()s honour;
anything else (an exp_list other than _b, another command, an option, a vce(), robust or
cluster() typed on estcmd, which the prefix would run inside every replicate) is refused, never ignored.
Another exp_list (r(mean), name=(exp), ...) is replicated over resamples of the data in memory by
replicate_explist.py, for any command.

``jackknife [, cluster(v)]: xtgee`` is not xtgee's ``vce(jackknife)``: that one is the prefix with
``cluster(panelvar)`` (``_vce_parserun ..., panel``), while the prefix typed leaves out one
observation (or one cluster of v) at a time, xtgee refitting on the panels that remain
(``gee_replicates.prefix_clusters``; the line carries syntax.replicate_vce.PREFIX_MARK to say so).
Likewise ``bootstrap [, cluster(v) idcluster(newvar)]: xtreg`` draws observations (or clusters of
v), a panel drawn twice more rows of that panel unless idcluster() names the panel variable
([R] bootstrap's panel-data example: ``generate newid = idcode``, ``xtset newid``,
``bootstrap, cluster(idcode) idcluster(newid): xtreg ...``).
"""
from __future__ import annotations

from mlmcli.errors import StataError

# commands whose vce(jackknife|bootstrap) mlm computes (regress takes all of jackknife's options)
# (xtlogit and xtpoisson: their fe form's, the panels the clusters)
# (the logit family, mlogit and stcox: their vce() is the prefix on the observations, so the
# prefix typed and the vce() form are the same run and show the command's own table)
_ML_FAMILY = ("logit", "logistic", "probit", "cloglog", "poisson", "nbreg", "ologit", "oprobit", "mlogit")
_COMMANDS = {"jackknife": ("regress", "xtreg", "clogit", "xtgee", "xtlogit", "xtprobit", "xtpoisson", "streg", "glm")
             + _ML_FAMILY + ("stcox", "stcrreg", "xtnbreg"),
             "bootstrap": ("regress", "xtreg", "clogit", "xtgee", "xtlogit", "xtprobit", "xtpoisson", "streg", "glm")
             + _ML_FAMILY + ("stcox", "stcrreg", "xtnbreg")}
# commands whose vce(jackknife, cluster(v)) is the prefix's cluster(v) as typed (no PREFIX_MARK)
_VCE_CLUSTER = _ML_FAMILY
# prefixes that run on their own clusters (observations, or cluster()), with the options for them
_OWN_CLUSTERS = {**{("jackknife", name): ("cluster",) for name in ("xtreg", "xtgee", "clogit", "xtlogit", "xtprobit",
                                                                          "xtpoisson", "streg", "glm", "stcox",
                                                                          "stcrreg", "xtnbreg")},
                 **{("bootstrap", name): ("cluster", "idcluster")
                    for name in ("xtreg", "xtgee", "clogit", "xtlogit", "xtprobit", "xtpoisson", "streg", "stcox",
                                 "stcrreg", "xtnbreg")}}
# the options each vce() honours (others refused): bootstrap_options and replicate_options
_BOOTSTRAP_HONOURED = ("reps", "seed", "nodots")
# since the shared bootstrap (mlmcli/replication/, syntax.replicate_vce.bootstrap_options) reads
# every bootstrap.ado option for every command's vce(bootstrap), the prefix hands these on as
# typed (the command's vce() honours or refuses each); cluster()/idcluster() keep the rules above
_BOOTSTRAP_PASSED = ("dots", "strata", "size", "saving", "mse", "level", "bca", "ties", "reject", "nowarn",
                     "notable", "noheader", "nolegend", "verbose", "title", "jackknifeopts", "double", "nodrop",
                     "force", "noecluster", "group")
_JACKKNIFE_HONOURED = ("mse", "nodots")
# jackknife's outputs a command's vce(jackknife) writes (stcrreg_jackknife_outputs)
_JACKKNIFE_OUTPUTS = {"stcrreg": ("saving", "keep", "idcluster", "reject", "double", "n", "nocount", "eclass",
                                   "rclass", "nodrop")}
# [R] bootstrap's and [R] jackknife's other options (Stata 13), with their minimal abbreviations
_PREFIX_OPTIONS = {
    "bootstrap": (("reps", 1), ("seed", 4), ("nodots", 6), ("strata", 3), ("size", 4), ("cluster", 2),
                  ("idcluster", 2), ("saving", 2), ("bca", 3), ("ties", 4), ("mse", 3), ("level", 1),
                  ("notable", 7), ("noheader", 3), ("nolegend", 3), ("verbose", 1), ("noisily", 3),
                  ("trace", 2), ("title", 2), ("nodrop", 6), ("reject", 6), ("force", 5), ("nowarn", 6),
                  ("noecluster", 10), ("group", 2), ("jackknifeopts", 4), ("double", 4), ("dots", 4)),
    "jackknife": (("mse", 3), ("nodots", 6), ("eclass", 1), ("rclass", 1), ("n", 1), ("nocount", 7),
                  ("cluster", 2), ("idcluster", 2), ("saving", 2), ("double", 4), ("keep", 4), ("level", 1),
                  ("notable", 7), ("noheader", 3), ("nolegend", 3), ("verbose", 1), ("noisily", 3),
                  ("trace", 2), ("title", 2), ("nodrop", 6), ("reject", 6), ("force", 5), ("dots", 4),
                  ("noecluster", 10), ("svy", 3), ("subpop", 3)),
}


def cmd_jackknife(session, cmd) -> None:
    _run_prefix(session, cmd.args, "jackknife")


def cmd_bootstrap(session, cmd) -> None:
    _run_prefix(session, cmd.args, "bootstrap")


def run_prefix(session, text: str, kind: str) -> None:
    """The prefix's arguments ``text`` (``[_b] [, options]: cmd ...``) run as ``kind``; also
    the vce(bootstrap|jackknife) of tobit, intreg and areg (vce_through_prefix)."""
    _run_prefix(session, text, kind)


def _run_prefix(session, text: str, kind: str) -> None:
    from mlmcli.runner import current_runner

    runner = current_runner(session)
    if runner is None:
        raise StataError(f"{kind}: cannot run the command here", 198)
    typed_text = text
    text = _with_command_parts(text, kind)
    explist = exp_list_form(text, kind)
    if explist is not None:  # expressions other than _b: replicated here (replicate_explist.py)
        from mlmcli.commands.estimation.replicate_explist import replicate_exp_list

        replicate_exp_list(session, runner, *explist, kind)
        return
    generic = coefficient_form(text, kind)
    if generic is not None:  # a command without its own vce(kind) in mlm: replicate_coefficients.py
        from mlmcli.commands.estimation.replicate_coefficients import replicate_coefficients

        replicate_coefficients(session, runner, *generic, kind)
        if session.e is not None:
            session.e.macros["cmdline"] = f"{kind} {typed_text.strip()}"
        return
    line = vce_form(text, kind)
    if kind == "bootstrap":
        _new_idcluster(session, text)
    runner.execute(line)
    if session.e is not None and "cmdline" in session.e.macros:  # jackknife.ado, bootstrap.ado: "kind `0'"
        session.e.macros["cmdline"] = f"{kind} {typed_text.strip()}"


def _with_command_parts(text: str, kind: str) -> str:
    """_prefix_command's moves (replicate_command_parts): the prefix's if/in (jackknife's
    weights) onto the command; the command's cluster()/vce(cluster v) onto the prefix.  A
    command mlm runs through its own vce(kind) loses its other _b-neutral vce()s/robust;
    a nested replication vce() there is refused."""
    from mlmcli.commands.estimation.replicate_command_parts import (command_name, command_variance,
                                                                    merge_prefix_qualifiers, split_prefix,
                                                                    with_prefix_cluster, without_spans)

    text = merge_prefix_qualifiers(text, kind)
    head, command = split_prefix(text)
    if not command:
        return text
    name = command_name(command)
    cluster, spans, nested = command_variance(command, kind)
    if not spans:
        return text
    from mlmcli.parser import parse_arguments

    exp_list = str(parse_arguments(head, kind).args or "").strip()
    if name in _COMMANDS[kind] and exp_list in ("", "_b"):  # vce_form's command
        if nested:
            raise StataError(f"{kind}: option vce() on {name} not supported by mlmcli (a replication "
                             "vce() inside each replicate)", 198)
        command = without_spans(command, spans)
    if cluster is not None:
        head = with_prefix_cluster(head, cluster, kind, name)
    return f"{head}: {command}"


def exp_list_form(text: str, kind: str):
    """(items, command, settings) for an exp_list other than _b, or None; the options as
    replicate_explist_options reads them."""
    from mlmcli.commands.estimation.replicate_explist import split_exp_list
    from mlmcli.parser import command_prefixes, parse_arguments
    from mlmcli.syntax.options import OptionSpec
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0 or not text[colon + 1:].strip():
        return None
    head, command = text[:colon].strip(), text[colon + 1:].strip()
    typed = parse_arguments(head, kind)
    if typed.weight is not None and kind == "bootstrap":  # bootstrap.ado: syntax [, NONOPTION]
        raise StataError("weights not allowed", 101)
    if typed.if_exp is not None or typed.in_range is not None or typed.weight is not None:
        raise StataError("invalid syntax", 198)
    comma = find_top(head, ",")
    exp_text = (head[:comma] if comma >= 0 else head).strip()
    if not exp_text or exp_text == "_b":
        return None
    from mlmcli.commands.estimation.replicate_explist_options import exp_list_settings

    known = [OptionSpec(name, minimum) for name, minimum in _PREFIX_OPTIONS[kind]]
    settings = exp_list_settings(head[comma + 1:] if comma >= 0 else "", kind, known)
    if command_prefixes(command):
        raise StataError(f"{kind}: a prefix on the command not supported by mlmcli", 198)
    return split_exp_list(exp_text, kind), command, settings


def coefficient_form(text: str, kind: str):
    """(command, settings) for ``[_b] [, options]: cmd`` when cmd is not one whose own
    vce(kind) mlm runs (those go through vce_form), else None."""
    from mlmcli.commands import lookup
    from mlmcli.parser import parse_arguments
    from mlmcli.syntax.options import OptionSpec
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0:
        return None
    head, command = text[:colon].strip(), text[colon + 1:].strip()
    word = command.split(None, 1)[0].rstrip(":,") if command.split() else ""
    try:
        name = lookup(word).name if word else ""
    except StataError:
        name = ""
    if name in _COMMANDS[kind]:
        return None
    typed = parse_arguments(head, kind)
    if typed.weight is not None:  # bootstrap.ado, jackknife.ado: the prefix takes no weights here
        raise StataError("weights not allowed", 101)
    comma = find_top(head, ",")
    from mlmcli.commands.estimation.replicate_explist_options import exp_list_settings

    known = [OptionSpec(n, minimum) for n, minimum in _PREFIX_OPTIONS[kind]]
    settings = exp_list_settings(head[comma + 1:] if comma >= 0 else "", kind, known)
    return command, settings


def vce_form(text: str, kind: str) -> str:
    """``[_b] [, options]: estcmd ...`` -> ``estcmd ..., vce(kind[, options])`` (StataError r(198)
    for what cannot be mapped)."""
    from mlmcli.commands import lookup
    from mlmcli.parser import parse_arguments, parse_command
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0 or not text[colon + 1:].strip():
        raise StataError("invalid syntax", 198)
    head, command = text[:colon].strip(), text[colon + 1:].strip()
    typed = parse_arguments(head, kind)
    if typed.if_exp is not None or typed.in_range is not None or typed.weight is not None:
        raise StataError("invalid syntax", 198)
    exp_list = str(typed.args or "").strip()
    if exp_list and exp_list != "_b":
        raise StataError(f"{kind} with an exp_list ({exp_list}) not supported by mlmcli: only _b, "
                         "the coefficients of an estimation command", 198)
    sub = parse_command(command)  # an unknown command gives its own r(199)
    if sub.prefixes:
        raise StataError(f"{kind}: a prefix on the command not supported by mlmcli", 198)
    name = lookup(sub.name).name
    if name not in _COMMANDS[kind]:
        raise StataError(f"{kind}: {name} not supported by mlmcli (only {', '.join(_COMMANDS[kind])}, "
                         f"through their vce({kind}))", 198)
    for option in sub.options:  # the estcmd's own variance, which the prefix runs in each replicate
        typed = option.name
        for vce, minimum in (("vce", 3), ("robust", 1), ("cluster", 2)):
            if len(typed) >= minimum and vce.startswith(typed):
                shown = "robust" if vce == "robust" else f"{vce}()"
                raise StataError(f"{kind}: option {shown} on {name} not supported by mlmcli", 198)
    options = head[find_top(head, ","):] if find_top(head, ",") >= 0 else ""
    _check_options(options[1:], kind, name)
    if (kind, name) in _OWN_CLUSTERS:  # the prefix's clusters, not the vce() form's panels
        from mlmcli.syntax.replicate_vce import PREFIX_MARK

        options = f"{options} {PREFIX_MARK}" if options.strip(", ") else f", {PREFIX_MARK}"
    vce = f"vce({kind}{options})" if options.strip(", ") else f"vce({kind})"
    return f"{command} {vce}" if find_top(command, ",") >= 0 else f"{command}, {vce}"


def _new_idcluster(session, text: str) -> None:
    """bootstrap.ado, before its full-sample run: an idcluster() variable that does not exist is
    ``egen idcluster = group(cluster)`` (kept afterwards); one that exists is left as it is."""
    import numpy as np

    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options
    from mlmcli.textscan import find_top

    head = text[:find_top(text, ":")]
    comma = find_top(head, ",")
    if comma < 0:
        return
    found = resolve_options(read_options(head[comma + 1:]), [OptionSpec("cluster", 2, takes_arg=True),
                                                           OptionSpec("idcluster", 2, takes_arg=True)],
                            allow_unknown=True)
    name, cluster = str(found.get("idcluster") or "").strip(), str(found.get("cluster") or "").strip()
    ds = session.data
    if not name or not cluster or name in ds.varnames:
        return
    from mlmcli.commands.estimation.cluster_replicates import jackknife_cluster_codes

    known = np.ones(ds.nobs, bool)
    try:
        codes = jackknife_cluster_codes(ds, cluster, known)
    except StataError:  # missing cluster values: missing group (bootstrap.ado fails later, r(459))
        values = ds.df[ds.resolve(cluster)].to_numpy()
        known = (values.astype(str) != "") if ds.is_string(ds.resolve(cluster)) else np.isfinite(values.astype(float))
        codes = jackknife_cluster_codes(ds, cluster, known)
    group = np.full(ds.nobs, np.nan)
    group[known] = codes + 1
    ds.set_variable(name, group, "long")


def _check_options(text: str, kind: str, command: str) -> None:
    """Stata's "option X not allowed" for a word neither prefix knows; "not supported by mlmcli"
    for a prefix option the command's vce() does not honour (regress's vce(jackknife) reads all)."""
    from mlmcli.syntax.options import OptionSpec, read_options

    if not text.strip():
        return
    known = [OptionSpec(name, minimum) for name, minimum in _PREFIX_OPTIONS[kind]]
    honoured = _BOOTSTRAP_HONOURED if kind == "bootstrap" else _JACKKNIFE_HONOURED
    for option in read_options(text):
        spec = next((s for s in known if s.matches(option.name)), None)
        if spec is None:
            if kind == "jackknife" and command == "regress":
                continue  # regress's display and eform options: vce(jackknife) reads them
            shown = f"{option.name}()" if option.arg is not None else option.name
            raise StataError(f"option {shown} not allowed", 198)
        if kind == "jackknife" and command == "regress":
            continue
        if kind == "jackknife" and spec.name == "cluster" and command in _VCE_CLUSTER:
            continue  # glm_replicates.replicate_request: cluster_ok
        if spec.name in _OWN_CLUSTERS.get((kind, command), ()):
            continue  # the prefix's clusters (gee_replicates.prefix_clusters, xtreg_replicates.bootstrap_variance)
        if kind == "bootstrap" and spec.name in ("cluster", "idcluster") and (kind, command) not in _OWN_CLUSTERS:
            continue  # no panels of their own: the shared vce(bootstrap)'s cluster() is the prefix's
        if spec.name in ("noisily", "trace"):
            continue  # each vce(kind) prints its runs (regress_bootstrap, replicate_noisily)
        if kind == "bootstrap" and spec.name in _BOOTSTRAP_PASSED:
            continue
        if kind == "jackknife" and spec.name in _JACKKNIFE_OUTPUTS.get(command, ()):
            continue
        if spec.name not in honoured:
            raise StataError(f"{kind} option {spec.name} not supported by mlmcli with {command}", 198)
