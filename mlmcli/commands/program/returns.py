"""``ereturn``, ``return`` and ``sreturn`` ([P] ereturn, [P] return): list, clear and set
stored results, and post estimation results from matrices.

``return scalar|local|matrix|add|clear`` inside an ``rclass`` program go to the results
the program returns: they replace r() when it ends, so ``r()`` keeps meaning the results
of the last command meanwhile (``mlmcli.program_calls.call_program``).  Outside a program they
change r() at once.  ``ereturn`` changes e() at once; ``ereturn post b V`` replaces it
(the matrices move into e(), as Stata's do).  Only programs of the right class may set
results: ``non r-class program may not set r()`` r(151) and likewise for e() and s().
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE

HELP = {
    "ereturn": ("ereturn list | clear | post [b [V]] [, depname() obs() dof() esample() properties()] | repost "
                "[b = b] [V = V] | scalar name = exp | local name text | matrix name [=] matname [, copy] | "
                "display [, level(#)]"),
    "return": "return list | clear | add | scalar name = exp | local name text | matrix name [=] matname [, copy]",
    "sreturn": "sreturn list | clear | local name text",
}

_NAME = NAME_RE


def _dispatch(table: NameTable, session, cmd) -> None:
    """Run the subcommand the first word names with the text after it."""
    text = cmd.args.strip()
    if not text:
        raise StataError("subcommand required", 198)
    word = re.match(r"[^\s,]+", text)
    if word is None:
        raise StataError("subcommand required", 198)
    word = word.group(0)  # ``ereturn display, level(90)``: the comma ends the subcommand
    table.handler(word)(session, text[len(word):].strip())


def _frame(session):
    return session.return_frames[-1] if session.return_frames else None


def _check_class(session, wanted: str, letter: str) -> None:
    frame = _frame(session)
    if frame is not None and frame["class"] != wanted:
        raise StataError(f"non {letter}-class program may not set {letter}()", 151)


def _name_and_rest(text: str) -> tuple[str, str]:
    parts = text.strip().split(None, 1)
    if not parts:
        raise invalid_syntax()
    name, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    if "=" in name and not name.startswith("="):  # `scalar N=5`
        name, _, more = name.partition("=")
        rest = "=" + more + (" " + rest if rest else "")
    if not _NAME.match(name):
        raise StataError(f"{name} invalid name", 198)
    return name, rest


def scalar_value(session, rest: str) -> float:
    from mlmcli.expr import evaluate_number

    rest = rest.strip()
    if not rest.startswith("="):
        raise invalid_syntax()
    return evaluate_number(session, rest[1:])


def _local_value(session, rest: str) -> str:
    """``local name = exp`` or ``local name text`` (one pair of outer quotes removed)."""
    from mlmcli.expr import evaluate_scalar

    rest = rest.strip()
    if rest.startswith("="):
        value = evaluate_scalar(session, rest[1:])
        if isinstance(value, str):
            return value
        from mlmcli.commands.program.macros import macro_number
        return macro_number(value)
    if rest.startswith('`"') and rest.endswith("\"'"):
        return rest[2:-2]
    if len(rest) >= 2 and rest[0] == rest[-1] == '"':
        return rest[1:-1]
    return rest


def _take_matrix(session, rest: str, options) -> object:
    """``name [=] matname [, copy]``'s matrix: moved out of the user's matrices unless copy."""
    opts = resolve_options(options, [OptionSpec("copy", 4)])
    source = rest.strip().lstrip("=").strip()
    if source not in session.matrices:
        raise StataError(f"matrix {source} not found", 111)
    m = session.matrices[source]
    if not opts.get("copy"):
        del session.matrices[source]
    return m


# ---------------------------------------------------------------- return
def cmd_return(session, cmd) -> None:
    _dispatch(RETURN_SUBCOMMANDS, session, cmd)


def _return_target(session) -> dict:
    """Where ``return`` writes: the running rclass program's pending results, else r()."""
    _check_class(session, "rclass", "r")
    frame = _frame(session)
    return frame["r"] if frame is not None else session.r


def _return_list(session, rest: str) -> None:
    from mlmcli.commands.postestimation.listings import list_r

    _list_options(rest)
    list_r(session, session.r, "r")


def _list_options(rest: str) -> None:
    body, options, _ = split_options(rest)
    if body.strip():
        raise invalid_syntax()
    resolve_options(options, [OptionSpec("all", 3)])


def _return_clear(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    target = _return_target(session)
    target.clear()


def _return_add(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    target = _return_target(session)
    for k, v in session.r.items():
        target.setdefault(k, v)


def _return_scalar(session, rest: str) -> None:
    name, value = _name_and_rest(rest)
    v = scalar_value(session, value)
    _return_target(session)[name] = v


def _return_local(session, rest: str) -> None:
    name, value = _name_and_rest(rest)
    v = _local_value(session, value)
    _return_target(session)[name] = v


def _return_matrix(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    name, source = _name_and_rest(body)
    target = _return_target(session)
    target[name] = _take_matrix(session, source, options)


RETURN_SUBCOMMANDS = NameTable([
    ("list", 1, _return_list), ("clear", 5, _return_clear), ("add", 3, _return_add),
    ("scalar", 3, _return_scalar), ("local", 3, _return_local), ("matrix", 3, _return_matrix),
], unknown=lambda w: StataError("invalid syntax", 198), not_implemented=lambda n: StataError(n, 199))


# ---------------------------------------------------------------- sreturn
def cmd_sreturn(session, cmd) -> None:
    _dispatch(SRETURN_SUBCOMMANDS, session, cmd)


def _sreturn_list(session, rest: str) -> None:
    from mlmcli.commands.postestimation.listings import list_r

    if rest.strip():
        raise invalid_syntax()
    list_r(session, session.s, "s")


def _sreturn_clear(session, rest: str) -> None:
    _check_class(session, "sclass", "s")
    session.s = {}


def _sreturn_local(session, rest: str) -> None:
    _check_class(session, "sclass", "s")
    name, value = _name_and_rest(rest)
    session.s[name] = _local_value(session, value)


SRETURN_SUBCOMMANDS = NameTable([
    ("list", 1, _sreturn_list), ("clear", 5, _sreturn_clear), ("local", 3, _sreturn_local),
], unknown=lambda w: StataError("invalid syntax", 198), not_implemented=lambda n: StataError(n, 199))


# ---------------------------------------------------------------- ereturn
def cmd_ereturn(session, cmd) -> None:
    _dispatch(ERETURN_SUBCOMMANDS, session, cmd)


def _e_or_new(session):
    from mlmcli.estimation.results import EstimationResults

    return session.e if session.e is not None else EstimationResults(cmd="")


def _ereturn_list(session, rest: str) -> None:
    from mlmcli.commands.postestimation.listings import list_e

    _list_options(rest)
    if session.e is not None:
        list_e(session, session.e)


def _ereturn_clear(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    _check_class(session, "eclass", "e")
    session.e = None


def _ereturn_scalar(session, rest: str, *, eclass_program: bool = False) -> None:
    """(``eclass_program``: set by an eclass community command such as eret2, not the caller.)"""
    if not eclass_program:
        _check_class(session, "eclass", "e")
    name, value = _name_and_rest(rest)
    v = scalar_value(session, value)
    e = _e_or_new(session)
    session.e = dataclasses.replace(e, scalars={**e.scalars, name: v})


def _ereturn_local(session, rest: str, *, eclass_program: bool = False) -> None:
    if not eclass_program:
        _check_class(session, "eclass", "e")
    name, value = _name_and_rest(rest)
    v = _local_value(session, value)
    e = _e_or_new(session)
    changes = {"macros": {**e.macros, name: v}}
    if name == "cmd":
        changes["cmd"] = v
    if name == "title":
        changes["title"] = v
    session.e = dataclasses.replace(e, **changes)


def _ereturn_matrix(session, rest: str, *, eclass_program: bool = False) -> None:
    if not eclass_program:
        _check_class(session, "eclass", "e")
    body, options, _ = split_options(rest)
    name, source = _name_and_rest(body)
    if name in ("b", "V"):
        raise StataError(f"{name} may not be set by ereturn matrix; use ereturn post or ereturn repost", 198)
    e = _e_or_new(session)
    session.e = dataclasses.replace(e, matrices={**e.matrices, name: _take_matrix(session, source, options)})


def ereturn_from_eclass_program(session, kind: str, rest: str) -> None:
    """``ereturn local|scalar|matrix rest`` as an eclass program runs it (community commands
    such as eret2 that add to the current e() from wherever they are called)."""
    handler = {"local": _ereturn_local, "scalar": _ereturn_scalar, "matrix": _ereturn_matrix}[kind]
    handler(session, rest, eclass_program=True)


POST_OPTIONS = [OptionSpec("depname", 3, takes_arg=True), OptionSpec("obs", 1, takes_arg=True),
                OptionSpec("dof", 1, takes_arg=True), OptionSpec("esample", 1, takes_arg=True),
                OptionSpec("properties", 4, takes_arg=True), OptionSpec("buildfvinfo", 8),
                OptionSpec("findomitted", 11)]


def check_posted_bV(b, V) -> None:
    """b is 1 x k; V is k x k with b's column names on both sides (r(503), r(507))."""
    bv = np.atleast_2d(np.asarray(b.values, float))
    if bv.shape[0] != 1:
        raise StataError("conformability error", 503)
    if V is None:
        return
    vv = np.atleast_2d(np.asarray(V.values, float))
    if vv.shape != (bv.shape[1], bv.shape[1]):
        raise StataError("conformability error", 503)
    if tuple(V.colnames) != tuple(b.colnames) or tuple(V.rownames) != tuple(b.colnames):
        raise StataError("name conflict", 507)
    if not np.allclose(vv, vv.T, rtol=1e-10, atol=0, equal_nan=True):
        raise StataError("matrix not symmetric", 505)


def find_omitted(b, V):
    """``findomitted`` ([P] ereturn): ``o.`` added to the names of coefficients whose variance
    row is zero (``x`` -> ``o.x``, ``2.f`` -> ``2o.f``, ``c.x`` -> ``co.x``); base and omitted
    names stay.  Returns (b, V) renamed."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.coefnames import CoefName, NamePart, parse_coef_name

    if V is None:
        return b, V
    vv = np.atleast_2d(np.asarray(V.values, float))
    names = list(b.colnames)
    for j, full in enumerate(names):
        c = parse_coef_name(full)
        if c.is_base_or_omitted or np.any(vv[j] != 0) or np.any(vv[:, j] != 0):
            continue
        parts = tuple(NamePart(p.var, (p.op + "o") if p.op else "o") for p in c.parts)
        names[j] = CoefName(parts, c.eq).full()
    cols = tuple(names)
    return Matrix(b.values, b.rownames, cols), Matrix(V.values, cols, cols)


def _ereturn_post(session, rest: str) -> None:
    """``ereturn post [b [V]] [, depname() obs() dof() esample() properties()]``."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    _check_class(session, "eclass", "e")
    body, options, _ = split_options(rest)
    opts = resolve_options(options, POST_OPTIONS)
    names = body.split()
    if len(names) > 3:
        raise invalid_syntax()
    mats = []
    for n in names[:2]:
        if n not in session.matrices:
            raise StataError(f"matrix {n} not found", 111)
        mats.append(session.matrices[n])
    b = mats[0] if mats else None
    V = mats[1] if len(mats) > 1 else None
    if b is not None:
        check_posted_bV(b, V)
        if opts.get("findomitted"):
            b, V = find_omitted(b, V)
    # buildfvinfo ([P] ereturn) builds what margins, contrast and pwcompare use to judge
    # estimable functions; in mlm those commands refuse posted results (r(321)), so no
    # command reads it
    scalars, macros, matrices = {}, {}, {}
    if b is not None:
        cols = tuple(b.colnames)
        matrices["b"] = Matrix(np.atleast_2d(np.asarray(b.values, float)), ("y1",), cols)
        if V is not None:
            matrices["V"] = Matrix(np.asarray(V.values, float), cols, cols)
    depname = (opts.get("depname") or "").strip()
    if depname:
        macros["depvar"] = depname
        if "b" in matrices:
            matrices["b"] = Matrix(matrices["b"].values, (depname,), matrices["b"].colnames)
    for key, opt in (("N", "obs"), ("df_r", "dof")):
        if opts.get(opt):
            scalars[key] = scalar_value(session, "=" + opts[opt])
    props = opts.get("properties")
    macros["properties"] = props.strip().strip('"') if isinstance(props, str) else \
        ("b V" if V is not None else ("b" if b is not None else ""))
    if not macros["properties"]:
        del macros["properties"]
    sample = None
    if opts.get("esample"):
        var = session.data.resolve(opts["esample"].strip())
        sample = session.data.numeric(var) != 0
        sample = np.where(np.isnan(session.data.numeric(var)), True, sample)
        session.data.drop_variables([var])  # Stata's esample() takes the variable over
    for n in names[:2]:
        session.matrices.pop(n, None)
    session.e = EstimationResults(cmd="", scalars=scalars, macros=macros, matrices=matrices, sample=sample)
    session.e.stamp_sample(session.data)  # esample(): e(sample) follows its rows


def _ereturn_repost(session, rest: str) -> None:
    """``ereturn repost [b = b] [V = V] [, esample() properties() rename]``."""
    from mlmcli.estimation.active import active
    from mlmcli.results.matrix import Matrix

    _check_class(session, "eclass", "e")
    e = active(session)
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("esample", 1, takes_arg=True), OptionSpec("properties", 4, takes_arg=True),
                                     OptionSpec("rename", 3), OptionSpec("buildfvinfo", 8), OptionSpec("resize", 6),
                                     OptionSpec("findomitted", 11)])
    matrices = dict(e.matrices)
    for part in re.findall(r"(\w+)\s*=\s*(\w+)", body):
        key, source = part
        if key not in ("b", "V", "Cns"):
            raise invalid_syntax()
        if source not in session.matrices:
            raise StataError(f"matrix {source} not found", 111)
        matrices[key] = session.matrices.pop(source)
    b, V = matrices.get("b"), matrices.get("V")
    if not opts.get("resize"):
        # [P] ereturn: "resize ... allows b and V to be of different dimension than e(b), e(V)"
        for key in ("b", "V"):
            old = e.matrices.get(key)
            if key in matrices and old is not None and np.shape(matrices[key].values) != np.shape(old.values):
                raise StataError("conformability error", 503)
    if b is not None and "b" in e.matrices and not opts.get("rename"):
        b = Matrix(b.values, e.matrices["b"].rownames, e.matrices["b"].colnames) \
            if np.shape(b.values) == np.shape(e.matrices["b"].values) else b
        matrices["b"] = b
    if b is not None:
        if V is not None and opts.get("rename"):
            V = Matrix(V.values, b.colnames, b.colnames)
            matrices["V"] = V
        check_posted_bV(b, V)
        if opts.get("findomitted"):
            b, V = find_omitted(b, V)
            matrices["b"] = b
            if V is not None:
                matrices["V"] = V
    macros = dict(e.macros)
    if isinstance(opts.get("properties"), str):
        macros["properties"] = opts["properties"].strip().strip('"')
    sample = e.sample
    if opts.get("esample"):
        var = session.data.resolve(opts["esample"].strip())
        sample = session.data.numeric(var) != 0
        session.data.drop_variables([var])
        e = dataclasses.replace(e, sample=sample, sample_stamp=None, lazy_sample=None)
        e.stamp_sample(session.data)  # the new e(sample) follows its rows
    new = dataclasses.replace(e, matrices=matrices, macros=macros, sample=sample)
    if {key for key, _ in re.findall(r"(\w+)\s*=\s*(\w+)", body)} & {"b", "V"}:
        # a new b or V: mlm's fit no longer describes e(b); predict's xb and stdp follow it,
        # margins and replay (from the fit) are refused, as after erepost
        from mlmcli.commands.postestimation.predict_reposted import default_statistic

        new = dataclasses.replace(new, model=None, result=None, reposted=True, reposted_default=default_statistic(e))
    session.e = new


def _ereturn_display(session, rest: str) -> None:
    """``ereturn display [, level(#) eform(string) noemptycells noomitted cformat() ...]``: the coefficient
    table of e(b), e(V) (noemptycells/noomitted are _coef_table's display options; xtfeis.ado
    ends with ``ereturn display, noempty``)."""
    from mlmcli.commands.estimation.common import display_formats_with_notes, factor_display_defaults, rows_shown
    from mlmcli.estimation.active import active
    from mlmcli.postest.coefficient_rows import mark_empty_cells, rows_by_equation
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.syntax.options import confidence_level

    body, options, _ = split_options(rest)
    if body.strip():
        raise invalid_syntax()
    opts = resolve_options(options, [OptionSpec("level", 1, takes_arg=True), OptionSpec("eform", 2, takes_arg=True),
                                     OptionSpec("first", 1), OptionSpec("neq", 3, takes_arg=True),
                                     OptionSpec("plus", 4), OptionSpec("baselevels", 10),
                                     OptionSpec("allbaselevels", 13), OptionSpec("noemptycells", 6),
                                     OptionSpec("noomitted", 6), OptionSpec("cformat", 7, takes_arg=True),
                                     OptionSpec("pformat", 7, takes_arg=True), OptionSpec("sformat", 7, takes_arg=True)])
    fmts = display_formats_with_notes(session, opts)  # the options, else set cformat ...
    e = active(session)
    coefs = e.coefficients()
    level = confidence_level(opts, 95.0)
    df_r = e.residual_df()
    blocks = rows_by_equation(coefs.names, coefs.b, coefs.V, df_r=df_r, level=level)
    blocks = mark_empty_cells(blocks, session.data, e.sample_mask(session.data))
    shown = factor_display_defaults(opts)  # set showomitted off / showemptycells off leave those rows out
    blocks = [(eq, list(rows_shown(rows, shown))) for eq, rows in blocks]
    if opts.get("first"):
        blocks = blocks[:1]
    if opts.get("neq") is not None:  # [P] ereturn: neq(#) displays the first # equations
        from mlmcli.syntax.options import integer_option

        blocks = blocks[:integer_option(opts, "neq", 1, minimum=0)]
        if not blocks:
            raise StataError("option neq() invalid", 198)
    label = opts["eform"].strip().strip('"') if isinstance(opts.get("eform"), str) else None
    if label:  # exponentiated: base/omitted rows show 1 (the renderer's eform), _cons is left out
        blocks = [(eq, [dataclasses.replace(r, coef=float(np.exp(r.coef)), se=float(np.exp(r.coef) * r.se),
                                            ci_lo=float(np.exp(r.ci_lo)), ci_hi=float(np.exp(r.ci_hi)))
                        for r in rows if r.name != "_cons"]) for eq, rows in blocks]
    depvar = e.macros.get("depvar", "").split()
    single = len(blocks) == 1 and blocks[0][0] in (None, depvar[0] if depvar else None)
    table = render_coef_table(blocks[0][1] if single else None, depvar[0] if depvar and single else "",
                              stat_label="t" if df_r else "z", level=level, linesize=session.linesize,
                              equations=None if single else blocks, coef_label=label or "Coef.",
                              eform=bool(label), baselevels=shown["baselevels"], **fmts)
    if opts.get("plus"):  # [P] ereturn: plus ends the table with a +-rule, ready for more rows
        lines = table.split("\n")
        bar = lines[-2].index("|") if "|" in lines[-2] else 13
        lines[-1] = lines[-1][:bar] + "+" + lines[-1][bar + 1:]
        table = "\n".join(lines)
    session.print(table)
    from mlmcli.estimation.coefficient_matrix import TableDisplay, post_coefficient_table

    post_coefficient_table(session, e, TableDisplay(level, bool(label)))


ERETURN_SUBCOMMANDS = NameTable([
    ("list", 1, _ereturn_list), ("clear", 5, _ereturn_clear), ("post", 4, _ereturn_post),
    ("repost", 6, _ereturn_repost), ("scalar", 3, _ereturn_scalar), ("local", 3, _ereturn_local),
    ("matrix", 3, _ereturn_matrix), ("display", 2, _ereturn_display),
], unknown=lambda w: StataError("invalid syntax", 198), not_implemented=lambda n: StataError(n, 199))
