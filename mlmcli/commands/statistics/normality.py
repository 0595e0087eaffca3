"""``sktest varlist [if] [in] [aw fw] [, noadjust]``, ``ladder varname [if] [in] [,
generate(newvar) noadjust]`` and ``gladder varname [if] [in] [, bin(#) density|fraction|
frequency|percent nonormal graph_combine_options]``.

Numbers in ``mlmcli.normality_tests``; tables in ``mlmcli.render.normality``.  gladder draws
what Stata's gladder.ado draws: a histogram (with a normal density) of each transformation
the data's sign allows -- cubic, square, identity; sqrt when x >= 0; log and 1/sqrt when x > 0;
inverse, 1/square and 1/cubic (negated, so that the order is kept) when x != 0 -- with
min(sqrt(N), 10 log10(N)) bins, combined with the note "Histograms by transformation".  It
runs mlm's own ``histogram`` and ``graph combine`` on temporary variables, which it drops.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, weights
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options


def _abbrev(name: str, width: int) -> str:
    from mlmcli.render.abbrev import abbrev
    return abbrev(name, width)


def cmd_sktest(session, cmd) -> None:
    from mlmcli.normality_tests import sktest
    from mlmcli.render.normality import render_sktest

    opts = resolve_options(cmd.options, [OptionSpec("noadjust", 5)])
    names = session.data.expand_varlist(cmd.args)
    if not names:
        raise StataError("varlist required", 100)
    for name in names:
        if session.data.is_string(name):
            raise StataError("type mismatch", 109)
    adjust = not opts.get("noadjust")
    base = mark(session, cmd, [])
    base, w, _ = weights(session, cmd, base, ("aweight", "fweight"), default="aweight")
    if w is not None and weight_kind_of(cmd) == "aweight":
        raise StataError("aweights not supported by mlm's sktest; use fweights", 101)
    rows = []
    for name in names:
        x = session.data.numeric(name)
        keep = base & ~np.isnan(x)
        rows.append((_abbrev(name, 12), sktest(x[keep], None if w is None else w[keep], adjust)))
    session.print(render_sktest(rows, adjust))
    last = rows[-1][1]
    session.set_r({"P_skew": last.p_skew, "P_kurt": last.p_kurt, "chi2": last.chi2, "P_chi2": last.p_chi2})


def weight_kind_of(cmd) -> str | None:
    from mlmcli.parser import weight_kind
    if cmd.weight is None:
        return None
    kind = weight_kind(cmd.weight)
    return "aweight" if kind == "weight" else kind


def _ladder_variable(session, cmd) -> str:
    """The one numeric variable of ladder, gladder and qladder (none of which takes weights)."""
    from mlmcli.commands.data.common import single_variable

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    name = single_variable(session.data, cmd.args)
    if session.data.is_string(name):
        raise StataError("type mismatch", 109)
    return name


def cmd_ladder(session, cmd) -> None:
    from mlmcli.normality_tests import LADDER, as_float, ladder
    from mlmcli.render.normality import render_ladder
    from mlmcli.syntax.varlist import check_new_name

    opts = resolve_options(cmd.options, [OptionSpec("generate", 1, takes_arg=True), OptionSpec("noadjust", 5)])
    name = _ladder_variable(session, cmd)
    new = opts.get("generate")
    if new is not None:
        new = new.strip()
        check_new_name(session.data, new)
    rows = mark(session, cmd, [name])
    x = session.data.numeric(name)[rows]
    if x.size < 8:
        raise StataError("insufficient observations", 2001)
    rungs = ladder(x, adjust=not opts.get("noadjust"))
    shown = _abbrev(name, 8)
    session.print(render_ladder([(words, formula, t) for _, words, formula, t in rungs], shown))
    r = {"N": float(x.size)}
    for key, _, _, t in rungs:
        if t is not None:
            r[key], r["P_" + key] = t.chi2, t.p_chi2
    if new is not None:
        tested = [k for k, (_, _, _, t) in enumerate(rungs) if t is not None and not np.isnan(t.chi2)]
        if not tested:  # ladder.ado keeps the smallest chi2; a missing one is never smaller
            raise StataError("no transformation has a chi2 statistic; generate() not possible", 459)
        best = min(tested, key=lambda k: rungs[k][3].chi2)
        _, words, formula, f = LADDER[best]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            values = np.full(session.data.nobs, np.nan)
            values[rows] = as_float(f(as_float(x)))
        session.data.set_variable(new, values, vtype="float")
        label = formula.format(v=shown)
        session.data.var_labels[new] = label
        session.print(f"\n({new} = {label} generated)")
    session.set_r(r)


GLADDER_RUNGS = (  # (expression with {v}, subtitle, domain: "any", "nonneg", "pos", "nonzero")
    ("{v}^3", "cubic", "any"), ("{v}^2", "square", "any"), ("{v}", "identity", "any"),
    ("sqrt({v})", "sqrt", "nonneg"), ("log({v})", "log", "pos"), ("-1/sqrt({v})", "1/sqrt", "pos"),
    ("-1/({v})", "inverse", "nonzero"), ("-1/(({v})^2)", "1/square", "nonzero"),
    ("-1/(({v})^3)", "1/cubic", "nonzero"),
)


def cmd_gladder(session, cmd) -> None:
    specs = [OptionSpec("bin", 1, takes_arg=True), OptionSpec("width", 1, takes_arg=True),
             OptionSpec("density", 3), OptionSpec("fraction", 4), OptionSpec("frequency", 4),
             OptionSpec("percent", None), OptionSpec("nonormal", 5), OptionSpec("plot", None, True),
             OptionSpec("addplot", None, True)]
    mine = [o for o in cmd.options if any(s.matches(o.name) for s in specs)]
    combine = [o for o in cmd.options if o not in mine]
    opts = resolve_options(mine, specs)
    for refused in ("width", "plot", "addplot"):
        if refused in opts:
            raise StataError(f"option {refused}() not allowed", 198)
    kinds = [k for k in ("density", "fraction", "frequency", "percent") if opts.get(k)]
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    kind = kinds[0] if kinds else "density"
    name, rows, allowed = ladder_data(session, cmd, mark)
    n_all = session.data.nobs
    bins = integer_option(opts, "bin", 0)
    if bins <= 0:
        bins = max(int(min(np.sqrt(n_all), 10 * np.log(n_all) / np.log(10)) + .5), 2)
    normal = "" if opts.get("nonormal") else " normal"
    each = " ".join(option_text(o) for o in combine if to_each_rung(o))
    extra = " ".join(option_text(o) for o in combine if not to_each_rung(o))
    title = session.data.var_labels.get(name) or name
    draw_ladder(session, "gladder", name, rows, allowed,
                lambda var, graph, subtitle: f'quietly histogram {var} if __gladder_touse, bin({bins}) {kind}{normal} '
                f'ytitle("") xtitle("") nodraw name({graph}, replace) subtitle({subtitle}) ' + each,
                lambda graphs: f'graph combine {" ".join(graphs)}, l1title(`"{kind.capitalize()}"\') '
                f'b1title(`"{title}"\') note(`"Histograms by transformation"\') {extra}')


def ladder_data(session, cmd, rows_of) -> tuple[str, np.ndarray, dict]:
    """gladder's and qladder's variable after their checks (no weights; one numeric variable;
    3 observations at least): its name, its sample rows (``rows_of(session, cmd, [name])``) and
    which rung domains of GLADDER_RUNGS its values allow."""
    name = _ladder_variable(session, cmd)
    rows = rows_of(session, cmd, [name])
    x = session.data.numeric(name)[rows]
    if x.size < 3:
        raise StataError("insufficient observations", 2001)
    return name, rows, {"any": True, "nonneg": bool((x >= 0).all()), "pos": bool((x > 0).all()),
                        "nonzero": bool((x != 0).all())}


def draw_ladder(session, prefix: str, name: str, rows, allowed: dict, rung_command, combine_command) -> None:
    """gladder's and qladder's graphs: each rung of GLADDER_RUNGS the data allow generated as
    ``__<prefix>_k`` on ``rows`` (``__<prefix>_touse``) and drawn by the command
    ``rung_command(var, graph, subtitle)``, then ``combine_command(graphs)`` run; the scratch
    variables and graphs dropped after, also after a failure."""
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    selected = np.zeros(session.data.nobs)
    selected[rows] = 1
    touse = f"__{prefix}_touse"
    temp_vars, graphs = [], []
    try:
        session.data.set_variable(touse, selected, vtype="byte")
        temp_vars.append(touse)
        for k, (expr, subtitle, domain) in enumerate(GLADDER_RUNGS):
            if not allowed[domain]:
                continue
            var, graph = f"__{prefix}_{k}", f"__{prefix}_g{k}"
            runner.execute(f"quietly generate {var} = {expr.format(v=name)} if {touse}")
            temp_vars.append(var)
            runner.execute(rung_command(var, graph, subtitle))
            graphs.append(graph)
        runner.execute(combine_command(graphs))
    finally:
        drop_ladder_scratch(session, runner, temp_vars, graphs)


def drop_ladder_scratch(session, runner, temp_vars: list[str], graphs: list[str]) -> None:
    """gladder's and qladder's cleanup, also after a failure: their rung variables and the
    rung graphs the combined graph was made from."""
    for var in temp_vars:
        if var in session.data.df.columns:
            session.data.drop_variables([var])
    if graphs:
        try:
            runner.execute("graph drop " + " ".join(graphs))
        except StataError:
            pass


# axis options: no graph combine option, so gladder's and qladder's `_get_gropts, getcombine`
# leaves them to each rung's graph ([R] ladder's own examples: `gladder tempjuly, l1title("")
# ylabel(none) xlabel(none)`, `qladder tempjuly, ylabel(none) xlabel(none)`)
_EACH_RUNG = ("ylabel", "xlabel", "ytick", "xtick", "ymlabel", "xmlabel", "ymtick", "xmtick",
              "yscale", "xscale", "ytitle", "xtitle", "yline", "xline")


def to_each_rung(option) -> bool:
    """Whether a typed gladder/qladder option is an axis option, drawn on every rung's graph."""
    from mlmcli.graphs.graph_options import GRAPH_SPECS

    return any(spec.name in _EACH_RUNG and spec.matches(option.name) for spec in GRAPH_SPECS)


def option_text(option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"
