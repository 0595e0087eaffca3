"""The estout package's commands, which do-files assume installed (Ben Jann, ``ssc install
estout``): ``eststo``, ``esttab``, ``estout`` and ``estadd``.  Ours are compatible
implementations written from the package's documentation and ado-files (github
benjann/estout): the same syntax, defaults and messages for the common forms; the table
itself is built by ``mlmcli.estimation.estout`` and written by ``mlmcli.render.estout``.

Options outside the common forms are refused (r(198)), never ignored: ``cells()`` takes
elements ``b se t z p ci ci_l ci_u var`` with ``star``, ``fmt()`` and ``par`` only; ``labcol2()``
and ``width()`` are not available.
"""
from __future__ import annotations

import re

from mlmcli.commands.community.estadd_beta import estadd_beta, estadd_mean, estadd_sd
from mlmcli.commands.community.estadd_margins import estadd_margins
from mlmcli.commands.community.estadd_ysumm import SPECS as YSUMM_SPECS, estadd_ysumm
from mlmcli.commands.community.estout_options import run_table
from mlmcli.commands.postestimation.estimates import drop_esample_variables, esample_variable
from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.estimation import active as estimates
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import find_top, split_words

HELP = {
    "esttab": ("esttab [names] [using file] [, b(fmt) beta[(fmt)] main(name fmt) aux(name fmt) se[(fmt)] t(fmt) p[(fmt)] ci[(fmt)] z wide star[(sym # ...)] "
               "nostar noconstant r2 ar2 pr2 aic bic scalars() sfmt() stats() obslast noobs label title() "
               "mtitles[()] nomtitles nonumbers nodepvars nogaps nolines compress plain keep() drop() order() "
               "rename() transform() eqlabels() equations() unstack refcat() mgroups() nobaselevels eform level() varwidth() "
               "modelwidth() addnotes() nonotes smcl fixed tab csv scsv rtf html tex booktabs md mmd fragment page[()] "
               "standalone[()] longtable alignment() replace append]"),
    "eststo": "eststo [name] [, title() prefix() refresh addscalars()] [: estimation command] | clear | dir | drop",
    "estout": "estout [names] [using file] [, cells() stats() the esttab options]",
    "estadd": "estadd scalar name = exp | local name text | matrix name = matname | ysumm | beta | mean | sd | lrtest model "
              "[, replace prefix()] [: names]",
}


# ---------------------------------------------------------------- eststo
def cmd_eststo(session, cmd) -> None:
    """``eststo [name] [, options] [: command]``, ``eststo clear|dir|drop names``."""
    if getattr(session, "by_vars", None):
        return _eststo_by(session, cmd)
    text = cmd.args.strip()
    colon = find_top(text, ":")
    command = ""
    if colon >= 0:
        text, command = text[:colon].strip(), text[colon + 1:].strip()
        if not command:
            raise invalid_syntax()
    body, options, _ = split_options(text)
    words = body.split()
    names = _eststo_names(session)
    if words[:1] == ["clear"]:
        if len(words) > 1 or options or command:
            raise invalid_syntax()
        for n in names:
            session.estimates.pop(n, None)
        drop_esample_variables(session, names)  # estimates drop: the _est_ variables go too
        session.globals.pop("eststo", None)
        session.globals.pop("eststo_counter", None)
        return
    if words[:1] == ["dir"]:
        if len(words) > 1 or options:
            raise invalid_syntax()
        if names:
            from mlmcli.commands.postestimation.estimates import show_dir
            show_dir(session, names)
        return
    if words[:1] == ["drop"]:
        _eststo_drop(session, words[1:], names)
        return
    opts = resolve_options(options, [OptionSpec("title", 1, takes_arg=True), OptionSpec("prefix", 1, takes_arg=True),
                                     OptionSpec("refresh", 1, takes_arg=True, arg_optional=True),
                                     OptionSpec("addscalars", 3, takes_arg=True), OptionSpec("noesample", 3),
                                     OptionSpec("nocopy", 3), OptionSpec("missing", 3), OptionSpec("svy")])
    if len(words) > 1:
        raise invalid_syntax()
    prefix = (opts.get("prefix") or "est").strip()
    counter = int(session.globals.get("eststo_counter", "0") or 0)
    refresh = bool(opts.get("refresh"))
    if words:
        name = words[0]
        refresh = name in names
    elif refresh and names:
        name = names[-1]
    else:
        refresh = False
        name = f"{prefix}{counter + 1}"
    if command:
        from mlmcli.runner import Runner, current_runner
        (current_runner(session) or Runner(session)).execute(command)
    if opts.get("addscalars"):
        _add_scalars(session, opts["addscalars"])
    e = session.e
    if e is not None and not estimates.has_cmd(e) and (e.scalars or e.macros or e.matrices or e.sample is not None):
        # eststo.ado: "add e(cmd) if missing" -- "." on results posted without one, so they can be stored
        import dataclasses
        session.e = dataclasses.replace(estimates.with_macros(e, cmd="."), cmd=".")
    if not estimates.has_cmd(session.e):  # estimates store's refusal (no results at all)
        raise StataError("last estimation results not found, nothing to store", 301)
    title = opts.get("title")
    estimates.store(session, name, unquote(title) if isinstance(title, str) else None)
    if opts.get("noesample"):  # eststo.ado: e(sample) and its _est_ variable removed
        import dataclasses
        session.estimates[name] = dataclasses.replace(session.estimates[name], sample=None)
        drop_esample_variables(session, [name])
    else:  # estimates store keeps e(sample) in the variable _est_<name>
        esample_variable(session, name)
    if not refresh:
        session.globals["eststo"] = " ".join(names + [name])
        session.globals["eststo_counter"] = str(counter + 1)
        if not words:
            session.print(f"({name} stored)")
    elif not words:
        session.print(f"({name} refreshed)")


def _eststo_by(session, cmd) -> None:
    """``by g: eststo [name] [, options]: command`` as eststo.ado (byable(onecall)) runs it: per
    group of the by-variables (egen group(), label: groups with a missing value left out
    unless ``missing``) a rule, ``-> label``, and ``eststo ..., title(label): command`` over
    that group's observations (the title only when title() is not typed)."""
    import dataclasses

    from mlmcli.by_groups import by_groups

    text = cmd.args.strip()
    by_vars = list(session.by_vars)
    colon = find_top(text, ":")
    first = text.split(None, 1)[0] if text else ""
    if first in ("clear", "dir", "drop") or colon < 0 or not text[colon + 1:].strip():
        raise StataError("request may not be combined with by", 190)
    before, command = text[:colon].strip(), text[colon + 1:].strip()
    if command[:3] == "svy":
        raise StataError("svy commands not allowed with by ...: eststo:", 190)
    body, options, _ = split_options(before)
    typed = {o.name for o in options}
    titled = any(len(n) >= 1 and "title".startswith(n) for n in typed)
    keep_missing = any(len(n) >= 3 and "missing".startswith(n) for n in typed)
    data = session.data
    groups = []
    for label, mask in by_groups(data, by_vars):
        row = int(mask.argmax())
        values = [data.df[v].iloc[row] for v in by_vars]
        if not keep_missing and any((v is None or v != v or v == "") for v in values):
            continue
        groups.append((" ".join(part.split(" = ", 1)[1] for part in label.split(", ")), mask))
    if not groups:
        raise StataError("no observations", 2000)
    saved = (session.by_vars, session.by_mask)
    try:
        for label, mask in groups:
            session.print("")
            session.print("-" * session.linesize)
            session.print(f"-> {label}")
            session.by_vars, session.by_mask = (), mask  # the command over this group only
            title = "" if titled else (f' title("{label}")' if options else f', title("{label}")')
            cmd_eststo(session, dataclasses.replace(cmd, args=f"{before}{title} : {command}"))
    finally:
        session.by_vars, session.by_mask = saved


def _eststo_names(session) -> list[str]:
    """$eststo, less the names no longer stored (eststo's _eststo_cleanglobal)."""
    names = [n for n in session.globals.get("eststo", "").split() if n in session.estimates]
    if names:
        session.globals["eststo"] = " ".join(names)
    else:
        session.globals.pop("eststo", None)
        session.globals.pop("eststo_counter", None)
    return names


def _eststo_drop(session, items: list[str], names: list[str]) -> None:
    import fnmatch

    if not items:
        raise StataError("something required", 198)
    for item in items:
        target = f"est{item}" if item.isdigit() else item
        if item.isdecimal() and int(item) < 1:
            raise StataError(f"{item} not allowed", 198)
        hits = [n for n in names if fnmatch.fnmatchcase(n, target)]
        for n in hits:
            session.estimates.pop(n, None)
            drop_esample_variables(session, [n])
            names.remove(n)
            session.print(f"({n} dropped)")
        if not hits:
            session.print(f"(no matches found for {target})")
    session.globals["eststo"] = " ".join(names)


def _add_scalars(session, text: str) -> None:
    """``addscalars(name exp [name exp ...] [, replace])``."""
    import dataclasses

    from mlmcli.expr import evaluate_scalar

    body, options, _ = split_options(text)
    replace = bool(resolve_options(options, [OptionSpec("replace", 3)]).get("replace"))
    words = split_words(body)
    if len(words) % 2:
        raise StataError("addscalars() invalid", 198)
    e = estimates.active(session)
    scalars = dict(e.scalars)
    for name, exp in zip(words[::2], words[1::2]):
        if name in ("b", "V", "sample"):
            raise StataError(f"{name} not allowed in addscalars()", 198)
        if not replace and (name in e.scalars or name in e.macros or name in e.matrices):
            raise StataError(f"e({name}) already defined", 110)
        value = evaluate_scalar(session, exp)
        if isinstance(value, str):  # eststo.ado adds them with estadd scalar: a number only
            raise StataError("type mismatch", 109)
        scalars[name] = value
        session.print(f"(e({name}) = {_number(value)} added)")
    session.e = dataclasses.replace(e, scalars=scalars)


def _number(v) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(float(v), "%9.0g").strip()


# ---------------------------------------------------------------- estadd
def cmd_estadd(session, cmd) -> None:
    """``estadd subcommand ... [, replace prefix()] [: names]``: add results to the active or
    to stored estimates (each named set is restored, changed and stored again; the active
    results are put back)."""
    text = cmd.args.strip()
    colon = find_top(text, ":")
    targets = None
    if colon >= 0:
        text, targets = text[:colon].strip(), text[colon + 1:].split()
    # estadd's `syntax anything(equalok) ... [, *]`: Stata's parser binds [ ] as it binds ( ),
    # so the comma of a matrix subscript (`estadd scalar x = m[1,4]`) is not the options comma
    body, options, _ = split_options(text, brackets="([")
    words = body.split(None, 1)
    if not words:
        raise StataError("invalid subcommand", 198)
    sub = words[0]
    rest = words[1] if len(words) > 1 else ""
    handler = _ESTADD.get(sub) or next((h for n, h in _ESTADD_ABBREV if n.startswith(sub) and len(sub) >= 3), None)
    if handler is None:
        known = ("coxsnell", "nagelkerke", "summ", "vif", "ebsd", "expb", "pcorr",
                 "brant", "fitstat", "listcoef", "mlogtest", "prchange", "prvalue", "asprvalue")
        if sub in known:
            raise StataError(f"estadd {sub} is not available in mlm", 199)
        raise StataError("invalid subcommand", 198)
    own = [OptionSpec("replace", 3), OptionSpec("prefix", 1, takes_arg=True), OptionSpec("quietly", 1)]
    if handler in (_estadd_lrtest, estadd_margins):  # lrtest's name() is its own; the other options go to the command
        if handler is _estadd_lrtest:
            own.append(OptionSpec("name", 1, takes_arg=True))
        kept = {spec.name for spec in own}
        mine = tuple(o for o in options if _option_name(o.name, own) in kept)
        passed = " ".join(o.name + ("" if o.arg is None else f"({o.arg})") for o in options if o not in mine)
        rest = (rest, passed, mine)
        options = mine
    if handler is estadd_sd:  # estadd sd's own option
        own.append(OptionSpec("nobinary", 5))
    if handler is estadd_ysumm:  # its statistics are options: estadd's own are read apart
        stats = tuple(o for o in options if _option_name(o.name, own) is None or o.name == "q")  # q: p25 p50 p75
        rest, options = (rest, stats), tuple(o for o in options if o not in stats)
        if any(_option_name(o.name, YSUMM_SPECS) is None for o in stats):
            bad = next(o for o in stats if _option_name(o.name, YSUMM_SPECS) is None)
            raise StataError(f"option {bad.name} not allowed", 198)
    opts = resolve_options(options, own)
    if handler is estadd_sd:
        rest = (rest, bool(opts.get("nobinary")))
    if handler is _estadd_lrtest:
        rest = rest[:2] + ((opts.get("name") or "lrtest_").strip(),)
    elif handler is estadd_margins:
        rest = rest[:2]
    prefix = (opts.get("prefix") or "").strip()
    quiet = targets is not None or bool(opts.get("quietly"))
    if targets is None:
        handler(session, rest, prefix, bool(opts.get("replace")), quiet)
        stored = session.e.macros.get("_estimates_name") if session.e is not None else None
        if stored and stored in session.estimates:  # est_expand "." names the stored copy: it changes too
            session.estimates[stored] = session.e
        return
    names = estimates.expand_names(session, targets)
    saved = session.e
    try:
        for name in names:
            session.e = estimates.lookup(session, name)
            handler(session, rest, prefix, bool(opts.get("replace")), quiet)
            if name != ".":
                session.estimates[name] = session.e
            else:
                saved = session.e
    finally:
        session.e = saved
        active_name = estimates.active_name(session)
        if active_name in session.estimates and active_name in names:
            session.e = session.estimates[active_name]


def _check_new(e, name: str, replace: bool) -> None:
    if not replace and (name in e.scalars or name in e.macros or name in e.matrices):
        raise StataError(f"e({name}) already defined", 110)


def _estadd_scalar(session, rest: str, prefix: str, replace: bool, quiet: bool) -> None:
    """``estadd scalar name [=] exp`` / ``estadd scalar name`` (a scalar) / ``estadd scalar r(x)``."""
    from mlmcli.expr import evaluate_number

    e = estimates.active(session)
    m = re.match(r"^r\((\w+)\)$", rest.strip())
    if m:
        name, exp = m.group(1), rest.strip()
    else:
        m = re.match(r"^([^\W\d]\w*)\s*(=?)\s*(.*)$", rest.strip(), re.S)
        if not m:
            raise invalid_syntax()
        name, exp = m.group(1), m.group(3).strip()
        if not exp:
            if name not in session.scalars:
                raise StataError(f"scalar {name} not found", 111)
            exp = f"scalar({name})"
    name = prefix + name
    _check_new(e, name, replace)
    value = evaluate_number(session, exp)
    _add(session, e, "scalars", name, value, quiet, f"{f'e({name}) = ':>25} {_number(value)}")


def _add(session, e, table: str, name: str, value, quiet: bool, shown: str) -> None:
    """e(name) = value in e()'s ``table`` (scalars, macros, matrices), then estadd's note."""
    import dataclasses

    session.e = dataclasses.replace(e, **{table: {**getattr(e, table), name: value}})
    if not quiet:
        kind = {"scalars": "scalar", "macros": "macro", "matrices": "matrix"}[table]
        session.print("")
        session.print(f"added {kind}:")
        session.print(shown)


def _estadd_local(session, rest: str, prefix: str, replace: bool, quiet: bool) -> None:
    e = estimates.active(session)
    parts = rest.strip().split(None, 1)
    if not parts:
        raise invalid_syntax()
    name = prefix + parts[0]
    value = unquote(parts[1]) if len(parts) > 1 else ""
    _check_new(e, name, replace)
    _add(session, e, "macros", name, value, quiet, f'{f"e({name}) : ":>25}"{value}"')


def _estadd_matrix(session, rest: str, prefix: str, replace: bool, quiet: bool) -> None:
    import numpy as np

    e = estimates.active(session)
    m = re.match(r"^([^\W\d]\w*)\s*(?:=\s*)?(.*)$", rest.strip(), re.S)
    if not m:
        raise invalid_syntax()
    name, source = m.group(1), m.group(2).strip() or m.group(1)
    if re.fullmatch(r"[^\W\d]\w*", source):
        if source not in session.matrices:
            raise StataError(f"matrix {source} not found", 111)
        mat = session.matrices[source]
    else:  # estadd.ado: mat M = exp (a subscript, an operator, a literal)
        from mlmcli.expr import matrix_algebra as MA
        from mlmcli.expr.matrix_expression import evaluate_matrix

        mat = MA.finish(evaluate_matrix(session, source))
    name = prefix + name
    _check_new(e, name, replace)
    r, c = np.atleast_2d(np.asarray(mat.values)).shape
    _add(session, e, "matrices", name, mat, quiet, f"{f'e({name}) : ':>25} {r} x {c}")


def _option_name(typed: str, specs) -> str | None:
    """The name of the option ``typed`` abbreviates among ``specs`` (None: none)."""
    from mlmcli.syntax.abbreviation import abbreviates

    return next((spec.name for spec in specs if abbreviates(typed, spec.name, spec.min_abbrev or len(spec.name))),
                None)


def _estadd_lrtest(session, rest, prefix: str, replace: bool, quiet: bool) -> None:
    """``estadd lrtest model [, name(str) lrtest options]`` (estadd.ado's estadd_lrtest): run
    ``lrtest model, options`` (shown unless quietly) and add its r(p), r(chi2) and r(df) as
    e(<name>p), e(<name>chi2), e(<name>df), name ``lrtest_`` by default."""
    import dataclasses

    from mlmcli.runner import Runner, current_runner

    models, passed, name = rest
    if not models.strip():
        raise StataError("model required", 198)
    e = estimates.active(session)
    added = [prefix + name + stat for stat in ("p", "chi2", "df")]
    for ename in added:
        _check_new(e, ename, replace)
    runner = current_runner(session) or Runner(session)
    runner.execute(("quietly " if quiet else "") + f"lrtest {models.strip()}" + (f", {passed}" if passed else ""))
    values = [session.r.get(stat) for stat in ("p", "chi2", "df")]
    e = estimates.active(session)
    session.e = dataclasses.replace(e, scalars={**e.scalars, **dict(zip(added, values))})
    if not quiet:
        session.print("")
        session.print("added scalars:")
        for ename, value in zip(added, values):
            session.print(f"{f'e({ename}) = ':>25} {_number(value)}")


_ESTADD = {"scalar": _estadd_scalar, "local": _estadd_local, "matrix": _estadd_matrix, "ysumm": estadd_ysumm,
           "lrtest": _estadd_lrtest, "beta": estadd_beta, "mean": estadd_mean, "sd": estadd_sd,
           "margins": estadd_margins}
_ESTADD_ABBREV = [("scalar", _estadd_scalar), ("local", _estadd_local), ("matrix", _estadd_matrix)]


# ---------------------------------------------------------------- esttab / estout
def cmd_esttab(session, cmd) -> None:
    run_table(session, cmd, esttab=True)


def cmd_estout(session, cmd) -> None:
    run_table(session, cmd, esttab=False)
