"""``test`` (Wald tests of linear restrictions) and ``lincom`` (linear combinations)
on the active estimation results; formulas in ``mlmcli.postest.wald``.
"""
from __future__ import annotations

import dataclasses
import re

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.coefnames import is_base_or_omitted
from mlmcli.syntax.options import OptionSpec, confidence_level, read_options, resolve_options
from mlmcli.textscan import find_top, matching_close, split_words

HELP = {
    "test": "test coeflist | test exp = exp | test (spec) (spec) [, accumulate notest] -- Wald test "
            "W = (Rb - r)' (R V R')^-1 (Rb - r), chi2 after mixed, F after regress.",
    "lincom": "lincom exp [, level(#)] -- c'b with SE sqrt(c'Vc).",
}


TEST_OPTIONS = [OptionSpec("accumulate", 1), OptionSpec("notest", 3), OptionSpec("small", 5), OptionSpec("common", 6),
                OptionSpec("constant", 4), OptionSpec("mtest", 1, takes_arg=True, arg_optional=True)]
TESTPARM_OPTIONS = [OptionSpec("equation", 2, takes_arg=True), OptionSpec("equal", 2), OptionSpec("small", 5)]
LINCOM_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("small", 5), OptionSpec("or"), OptionSpec("irr"),
                  OptionSpec("rrr"), OptionSpec("hr"), OptionSpec("eform"),
                  # display_options ([R] lincom): lincom.ado's _get_diopts hands them to est di
                  OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
                  OptionSpec("sformat", 7, takes_arg=True)]
# lincom's eform options and the heading of the exponentiated estimate (Stata 13)
LINCOM_EFORM = {"or": "Odds Ratio", "irr": "IRR", "rrr": "RRR", "hr": "Haz. Ratio", "eform": "exp(b)"}


def small_inference(e):
    """``small`` after ``mixed, dfmethod()`` (or ``estat df, post``): the fit's small-sample
    inference under the posted DF method; Stata 14's test/lincom option."""
    method = e.macros.get("dfmethod")
    if e.cmd not in ("mixed",) or not method or not hasattr(e.model, "small_sample"):
        raise StataError("option small requires that option dfmethod() is specified with mixed during "
                         "estimation", 198)
    info = "oim" if e.scalars.get("eim") == 0 else "eim"
    import numpy as np
    with np.errstate(all="ignore"):
        return e.model.small_sample(method, info)


def _fixed_part(e, R):
    """The constraint rows restricted to the estimable fixed effects (r(198) when a
    constraint involves a variance parameter)."""
    import numpy as np
    k_f = int(e.scalars.get("k_f", 0))
    names = e.matrices["b"].colnames
    if np.any(np.asarray(R)[:, k_f:] != 0):
        raise StataError("option small may be used only with tests of the fixed effects", 198)
    est = [j for j in range(k_f) if not is_base_or_omitted(names[j])]
    return np.asarray(R, float)[:, est]


def _coef_index(e):
    """e(b)'s columns; a coefficient is labelled ``[eq]x`` whenever e(b) names an equation
    (docs/equation_labels.md)."""
    from mlmcli.postest.wald import CoefIndex
    # Stata 15's free parameters (a fit under version 15): [/]var(_cons[id]) in the constraint lines
    coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
    return CoefIndex(coefs.names), coefs.b, coefs.V


def _multi_equation(index) -> bool:
    """``test x`` tests x in every equation of e(b) that has it, after any multi-equation model:
    test.ado singles out no estimation command but anova/manova/mixed (which reach the same _test),
    so sureg's rule ([MV] mvreg's ``test price``) is mlogit's and heckman's too; mlogtest (Long and
    Freese, STB-58 sg155) reads ``qui test var`` after mlogit as all outcome equations' test."""
    return len(set(index.eqs)) > 1


def _split_test_args(text: str) -> tuple[str, str]:
    comma = find_top(text, ",")  # not a comma inside el(b, 1, 2) or a string
    body, opt = (text, "") if comma < 0 else (text[:comma], text[comma + 1:])
    return body.strip(), opt.strip()


def cmd_test(session, cmd) -> None:
    """``test coeflist`` / ``test exp = exp`` / ``test (spec) (spec) ...`` [, accumulate notest]:
    Wald test of linear restrictions on e(b) (chi2 after mixed, F after regress)."""
    e = active(session)
    body, opt_text = _split_test_args(cmd.args)
    opts = resolve_options(read_options(opt_text), TEST_OPTIONS)
    accumulate, notest = "accumulate" in opts, "notest" in opts
    method = _mtest_method(opts)
    if method is not None and notest:
        raise StataError("options mtest and notest may not be combined", 198)
    if method is not None and accumulate:
        raise StataError("options mtest and accumulate may not be combined", 198)
    if not body:
        raise StataError("invalid syntax", 198)
    from mlmcli.postest.wald import format_constraint, parse_constraint, wald_test
    index, b, V = _coef_index(e)
    specs = _test_specs(body, index, common="common" in opts, constant="constant" in opts,
                        every_equation=_multi_equation(index))
    constraints = [parse_constraint(s, index) for s in specs]
    if accumulate:
        constraints = session.test_constraints + constraints
    session.test_constraints = constraints
    labels = [format_constraint(c, index) for c in constraints]
    res = wald_test(constraints, b, V, labels, df_r=e.residual_df())
    if e.macros.get("prefix") == "svy" and method is None:  # svy's adjusted Wald F (survey/inference.py)
        from mlmcli.survey.inference import adjusted_test

        res = adjusted_test(res)
    if "small" in opts:  # the dfmethod()'s F tests, jointly and (mtest) one constraint at a time
        res, row_tests = _small_tests(e, constraints, res, each=method is not None)
    elif method is not None:
        from mlmcli.postest.wald import single_constraint_tests
        row_tests = single_constraint_tests(constraints, b, V, e.residual_df())
    if method is not None:
        from mlmcli.postest.wald import multiple_tests
        res = dataclasses.replace(res, mtest=multiple_tests(row_tests, method), mtest_method=method)
    from mlmcli.render.hypotheses import render_test
    session.print(render_test(res, notest=notest))
    if notest:
        return
    r = {"drop": float(bool(res.dropped)), "df": float(res.df), "p": res.p}
    if res.F is not None:
        r.update({"F": res.F, "df_r": float(res.df_r)})
    else:
        r["chi2"] = res.chi2
    for i, j in enumerate(res.dropped, start=1):
        r[f"dropped_{i}"] = float(j + 1)
    if res.mtest is not None:  # r(mtest): statistic, df, p (and the adjusted p) per constraint
        import numpy as np

        from mlmcli.results.matrix import Matrix
        cols = ("chi2" if res.F is None else "F", "df", "p") + (() if method == "noadjust" else ("adjustp",))
        rows = [(row.stat, row.df, row.p) + (() if method == "noadjust" else (row.adjusted_p,)) for row in res.mtest]
        names = tuple(f"r{i}" for i in range(1, len(rows) + 1))
        r["mtest"] = Matrix(np.array(rows, float), names, cols)
        r["mtmethod"] = method
        if "small" in opts:  # WaldTest_ddf's r(ddf)
            r["ddf"] = Matrix(np.array([row.ddf for row in res.mtest], float).reshape(-1, 1), names, ("ddf",))
    session.set_r(r)


def _mtest_method(opts) -> str | None:
    """_mtest syntax: mtest alone is noadjust; mtest(bonferroni|holm|sidak|noadjust)."""
    if "mtest" not in opts:
        return None
    from mlmcli.postest.wald import mtest_method
    return mtest_method(opts["mtest"])


def _small_tests(e, constraints, res, each: bool):
    """``test, small``: the F with the dfmethod()'s denominator DF (Kenward-Roger's scaled F for
    kroger) over the constraints ``wald_test`` kept, and with ``each`` (mtest: WaldTest_ddf)
    every constraint alone through the same F test, ``(F, p, its own ddf)`` per constraint."""
    import numpy as np

    inf = small_inference(e)

    def f_test(rows):
        L = _fixed_part(e, np.array([constraints[j].coefs for j in rows], float))
        return inf.test(L, np.array([constraints[j].rhs for j in rows], float))

    keep = [j for j in range(len(constraints)) if j not in res.dropped]
    if keep:
        ft = f_test(keep)
        res = dataclasses.replace(res, F=float(ft.F), df_r=float(ft.df2), p=float(ft.p))
    row_tests = []
    for j in range(len(constraints)) if each else ():
        ft = f_test([j])
        row_tests.append((float(ft.F), float(ft.p), float(ft.df2)))
    return res, row_tests


def _test_specs(body: str, index, common: bool = False, constant: bool = False,
                every_equation: bool = False) -> list[str]:
    """Split ``test``'s arguments into constraint texts (``[eq]`` and ``[eq1 = eq2]`` forms by
    ``equation_specs``, with the options ``common`` and ``constant``; ``every_equation``: a bare
    coefficient of a coefficient list in each equation that has it)."""
    from mlmcli.postest.equation_tests import equation_specs

    specs = equation_specs(body, index, common=common, constant=constant)
    if specs is not None:
        return specs
    if body.startswith("("):
        specs, i = [], 0
        while i < len(body):  # (spec) (spec) ...: nothing but spaces between the groups
            if body[i].isspace():
                i += 1
                continue
            close = matching_close(body, i, "(") if body[i] == "(" else -1
            if close < 0:
                raise StataError("invalid syntax", 198)
            specs.append(body[i + 1:close].strip())
            i = close + 1
        out = []
        for s in specs:
            out.extend(_test_specs(s, index, common, constant, every_equation))
        return out
    outside = re.sub(r"\[[^\]]*\]", "", body)
    if outside.count("=") > 1:
        # a = b = c means (a = b) (a = c), as Stata's test expands it
        parts = [p.strip() for p in re.split(r"=(?![^\[]*\])", body.replace("==", "="))]
        if any(not p for p in parts):
            raise StataError("nothing found where expression expected", 198)
        return [f"{parts[0]} = {p}" for p in parts[1:]]
    if re.search(r"[-+*/=]", outside):
        return [body]
    # a coefficient list: [eq]name or [eq]: name name ..., each = 0
    m = re.match(r"^\[([^\]]+)\]\s*:?\s*(.*)$", body)
    if m and "[" not in m.group(2) and (":" in body.split("]")[1][:2] or " " in m.group(2).strip()):
        eq, rest = m.group(1), m.group(2)
        return [f"[{eq}]{w}" for w in rest.split()]
    if every_equation:
        from mlmcli.postest.equation_tests import in_every_equation

        return in_every_equation(_split_coeflist(body), index)
    return _split_coeflist(body)


def _split_coeflist(body: str) -> list[str]:
    return split_words(body, "[")  # `[eq 1]x` stays one coefficient


def cmd_lincom(session, cmd) -> None:
    """``lincom exp [, level(#) or irr rrr hr eform cformat() pformat() sformat()]``: c'b - r with
    SE sqrt(c'Vc), z (t after regress), CI; an eform option shows exp(c'b - r), its SE exp(.) se
    and the exponentiated CI (r() keeps the linear combination); the formats: the options, else
    ``set cformat`` & co. (lincom.ado's ``est di`` draws the table through _coef_table)."""
    e = active(session)
    body, opt_text = _split_test_args(cmd.args)
    if not body:
        raise StataError("invalid syntax", 198)
    if "=" in body:
        raise StataError('"=" not allowed in expression', 198)
    opts = resolve_options(read_options(opt_text), LINCOM_OPTIONS)
    level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    from mlmcli.postest.wald import format_constraint, linear_combination, parse_constraint
    index, b, V = _coef_index(e)
    c = parse_constraint(body, index)
    label = format_constraint(c, index)
    df_r = e.residual_df()
    if "small" in opts:  # t with the dfmethod()'s DF for this contrast (Kenward-Roger: adjusted V)
        import numpy as np
        inf = small_inference(e)
        L = _fixed_part(e, np.asarray(c.coefs, float)[None, :])
        est = np.asarray([j for j in range(int(e.scalars["k_f"]))
                          if not is_base_or_omitted(e.matrices["b"].colnames[j])])
        Vfull = np.zeros_like(V)
        Vfull[np.ix_(est, est)] = inf.V
        df_r = float(inf.test(L).df2)
        V = Vfull
    lc = linear_combination(c, label, b, V, level=level, df_r=df_r)
    from mlmcli.render.hypotheses import render_lincom
    eform = [k for k in LINCOM_EFORM if opts.get(k)]
    if len(eform) > 1:
        raise StataError("only one display option can be specified", 198)
    # lincom.ado heads the table with e(depvar) only when it is one variable (depn())
    depvars = e.macros.get("depvar", "").split()
    from mlmcli.commands.estimation.common import display_formats_with_notes

    fmts = display_formats_with_notes(session, opts)
    session.print(render_lincom(dataclasses.replace(lc, depvar=depvars[0] if len(depvars) == 1 else ""),
                                eform_label=LINCOM_EFORM[eform[0]] if eform else None, formats=fmts))
    r = {"estimate": lc.estimate, "se": lc.se, "level": level, ("t" if df_r else "z"): lc.stat,
         "p": lc.p, "lb": lc.ci_lo, "ub": lc.ci_hi}
    if df_r:
        r["df"] = float(df_r)
    session.set_r(r)


def cmd_testparm(session, cmd) -> None:
    """``testparm varlist [, equal equation(eqno)]``: ``test`` that the coefficients of varlist's terms
    in the first equation (or eqno) are all 0 (with ``equal``: all equal); factor-variable terms (``i.f``,
    ``i.f#c.x``) stand for their non-base levels, and base/omitted levels are skipped."""
    e = active(session)
    body, opt_text = _split_test_args(cmd.args)
    topts = resolve_options(read_options(opt_text), TESTPARM_OPTIONS)
    equal = "equal" in topts
    if not body:
        raise StataError("varlist required", 100)
    index, _, _ = _coef_index(e)
    tokens = _expand_ranges(session, split_words(body, "("))  # i(2 4).x is one term
    eq = index.first_eq
    if topts.get("equation") is not None:  # equation(eqno): [R] test's testparm option
        from mlmcli.postest.equation_tests import named_equation

        eq = named_equation(index, str(topts["equation"]))
    if topts.get("equation") is None and _multi_equation(index) and not equal:
        # testparm.ado hands test the bare coefficient list: test takes each in every equation
        refs = list(dict.fromkeys(n for q in dict.fromkeys(index.eqs)
                                  for n in _testparm_names(session, tokens, index, q, strict=False)))
        if not refs:
            _testparm_names(session, tokens, index, eq)  # the first equation's error
    else:
        refs = [f"[{eq}]{name}" if eq else name for name in _testparm_names(session, tokens, index, eq)]
    if not refs:
        raise StataError("no such variables", 111)
    if equal:
        if len(refs) < 2:
            raise StataError("too few variables specified", 102)
        specs = " ".join(f"({refs[0]} = {r})" for r in refs[1:])
    else:
        specs = " ".join(f"({r})" for r in refs)
    cmd_test(session, dataclasses.replace(cmd, args=specs + (", small" if "small" in topts else "")))


def _expand_ranges(session, tokens: list[str]) -> list[str]:
    """``x1-x5`` (or ``x1 - x5``) in testparm's varlist: the variables from x1 to x5 in the
    dataset's order, as any varlist reads a range."""
    from mlmcli.varlist_resolution import join_dashes

    out: list[str] = []
    for token in join_dashes(tokens):
        if "-" in token and not token.startswith("-") and not re.search(r"[.#()]", token):
            out.extend(session.data.expand_varlist(token))
        else:
            out.append(token)
    return out


def _testparm_names(session, tokens: list[str], index, equation: str, strict: bool = True) -> list[str]:
    """Coefficient names of ``equation`` that the varlist tokens name, in e(b)'s order."""
    import fnmatch

    names = [n for eq, n in zip(index.eqs, index.names) if eq == equation and n != "_cons"]
    chosen: set[str] = set()
    for token in tokens:
        pattern = _term_pattern(session, token)
        hits = [n for n in names if _term_matches(pattern, n) and not is_base_or_omitted(n)]
        if strict and not hits and not any(fnmatch.fnmatchcase(v, t) for v in session.data.varnames
                                for t in _term_vars(token)):
            raise StataError(f"variable {_term_vars(token)[0]} not found", 111)
        chosen.update(hits)
    return [n for n in names if n in chosen]


def _term_matches(parts: list[str], name: str) -> bool:
    """``name`` is the term whose parts' patterns are ``parts``; an interaction's parts in any
    order (Stata writes c.x#i.grp's columns as 2.grp#c.x).  The parts stay separate: a
    wildcard's class ``[^#.]`` holds the ``#`` a joined pattern would be split at."""
    from itertools import permutations

    if re.fullmatch("#".join(parts), name):
        return True
    pieces = name.split("#")
    return len(parts) == len(pieces) > 1 and any(
        all(re.fullmatch(p, piece) for p, piece in zip(order, pieces)) for order in permutations(parts))


def _term_vars(token: str) -> list[str]:
    return [part.split(".", 1)[-1] for part in token.split("#")]


def _level_pattern(op: str) -> str | None:
    """The levels a factor operator names, as a regex of e(b)'s level prefix: ``i.``/``ib2.``/
    ``ibn.`` any level, ``2.``/``i2.`` level 2, ``i(1962/2010).`` the numlist's levels
    ([U] 11.4.3); None for ``c.``, a time-series operator or no operator."""
    ol = op.lower()
    if ol == "i" or re.fullmatch(r"ib(n|\d+|\(\s*(#?\d+|first|last|freq)\s*\))", ol):
        return r"\d+[bno]*"
    m = re.fullmatch(r"i?(\d+)", ol)
    if m:
        return re.escape(m.group(1)) + r"[bno]*"
    m = re.fullmatch(r"i\((.+)\)", ol)
    if m:
        from mlmcli.syntax.numlist import numlist

        levels = numlist(m.group(1), invalid=lambda: StataError(f"{op}: invalid factor-variable operator", 198))
        return "(?:" + "|".join(re.escape(f"{v:g}") for v in levels) + r")[bno]*"
    return None


def _term_pattern(session, token: str) -> list[str]:
    """Regexes, one per part of an interaction, for e(b) names matching one varlist term:
    ``i.f`` -> ``\\d+.f``, ``c.x``/``x`` -> ``x`` (also as ``c.x`` inside interactions),
    wildcards ``*``/``?`` within names."""
    parts = []
    for part in token.split("#"):
        op, _, var = part.rpartition(".")
        var_re = re.escape(var).replace(r"\*", "[^#.]*").replace(r"\?", "[^#.]")
        level = _level_pattern(op)
        if level is not None:
            parts.append(rf"{level}\.{var_re}")
        else:
            # inside an interaction a bare name is a factor variable (Stata's default) -- or c.x
            parts.append(rf"(?:\d+[bno]*\.|c\.)?{var_re}" if "#" in token else var_re)
    return parts
