"""``mi impute``: fill in the missing values of registered imputed variables, M times
([MI] mi impute; the models in ``mlmcli.mi.posterior_draws``, the chain in ``mlmcli.mi.chained``).

    mi impute regress|pmm|logit|ologit|mlogit|poisson ivar [=] [indepvars] [if] , add(#)|replace
        [rseed(#) double by(varlist) dots nolegend force noupdate knn(#) augment]
    mi impute chained (method [if] [, knn(#) augment ascontinuous include() omit() noimputed])
        ivars [(method ...) ivars ...] [= indepvars] [if] , add(#)|replace
        [rseed(#) double by(varlist) dots chaindots nolegend force noupdate augment burnin(#)
         orderasis nomonotone noimputed savetrace(filename[, replace double])]

The imputations are added in the data's style (``mlmcli.mi.imputation_storage``) and _dta[_mi_M]
updated, so ``mi estimate`` pools them.  mlm draws from numpy's PCG64 stream, not Stata's: the
same seed gives other imputed values than Stata's, drawn from the same distributions.
Weights, noisily, noconstant, conditional(), bootstrap and the other options of
Stata's mi impute are refused by name (r(198)); so are the methods mlm does not have.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import code as missing_code
from mlmcli.mi import styles
from mlmcli.mi.chained import ChainedImputer, Equation, is_monotone
from mlmcli.mi.imputation_storage import imputation_values, m0_values, put_imputation, with_imputations
from mlmcli.mi.posterior_draws import TITLES, PerfectPrediction
from mlmcli.syntax.abbreviation import NameTable, abbreviates
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options
from mlmcli.textscan import find_top
from mlmcli.sorted_codes import matrix_row_codes

METHODS = NameTable([("regress", 3, "regress"), ("pmm", 3, "pmm"), ("logit", 4, "logit"), ("ologit", 5, "ologit"),
                     ("mlogit", 5, "mlogit"), ("poisson", 4, "poisson"), ("chained", 5, "chained"),
                     ("monotone", 4, None), ("mvn", 3, None), ("truncreg", 5, None), ("intreg", 6, None),
                     ("nbreg", 5, None)],
                    unknown=lambda word: StataError(f"mi impute: method {word} unknown", 198),
                    not_implemented=lambda name: StataError(f"mi impute {name} is not implemented in mlm", 198))
COMMON = [OptionSpec("add", 3, takes_arg=True), OptionSpec("replace", 7), OptionSpec("rseed", 5, takes_arg=True),
          OptionSpec("double", 6), OptionSpec("by", 2, takes_arg=True), OptionSpec("dots", 4),
          OptionSpec("nolegend", 5), OptionSpec("force", 5), OptionSpec("noupdate", 8)]
MODEL = [OptionSpec("knn", 3, takes_arg=True), OptionSpec("augment", 3)]
CHAINED = [OptionSpec("burnin", 6, takes_arg=True), OptionSpec("orderasis", 9), OptionSpec("nomonotone", 10),
           OptionSpec("noimputed", 5),
           OptionSpec("chaindots", 9), OptionSpec("savetrace", 9, takes_arg=True)]
EQUATION = MODEL + [OptionSpec("ascontinuous", 12), OptionSpec("include", 3, takes_arg=True),
                    OptionSpec("omit", 4, takes_arg=True), OptionSpec("noimputed", 5)]
REFUSED = ("noisily", "noconstant", "conditional", "bootstrap", "chainonly", "showevery", "showiter",
           "report", "baseoutcome", "offset", "exposure", "nomonotonechk", "dryrun", "emonly", "initmcmc", "prior",
           "mcmconly", "wlfwgt", "saveptrace")


def _method(word: str) -> str:
    entry = METHODS.find(word)
    if entry.target is None:
        raise StataError(f"mi impute {entry.name} is not implemented in mlm; it has regress, pmm, logit, ologit, "
                         "mlogit, poisson and chained", 198)
    return entry.target


def _options(options, specs: list[OptionSpec]) -> dict:
    known = {s.name for s in specs}
    typed = resolve_options(options, specs, allow_unknown=True)
    for name in typed:
        if name not in known:
            hit = next((r for r in REFUSED if abbreviates(name, r, 3)), None)
            if hit:
                raise StataError(f"option {hit} of mi impute is not implemented in mlm", 198)
            raise StataError(f"option {name}{'' if typed[name] is True else '()'} not allowed", 198)
    return typed


def _split_if(body: str) -> tuple[str, str]:
    m = next((hit for hit in re.finditer(r"(?:^|\s)if\s", body)
              if body[:hit.start()].count("(") == body[:hit.start()].count(")")), None)  # outside (method if)
    if m is None:
        if re.search(r"\[\s*[a-z]+\s*=", body):
            raise StataError("weights of mi impute are not implemented in mlm", 198)
        if re.search(r"(?:^|\s)in\s", body):
            raise StataError("in range not allowed", 101)
        return body, ""
    if re.search(r"\[\s*[a-z]+\s*=", body[m.end():]):
        raise StataError("weights of mi impute are not implemented in mlm", 198)
    return body[:m.start()], body[m.end():].strip()


def _words(ds, text: str) -> list[str]:
    out: list[str] = []
    for word in text.split():
        out.extend([word] if "." in word or "#" in word else ds.expand_varlist([word]))
    return out


def cmd_mi_impute(session, rest: str) -> None:
    m = re.match(r"\s*([A-Za-z]+)(.*)\Z", rest, re.S)
    if m is None:
        raise StataError("mi impute: method required", 198)
    method = _method(m.group(1))
    ds = session.data
    styles.require_set(ds)
    body, options, _ = split_options(m.group(2))
    opts = _options(options, COMMON + (MODEL[1:] + CHAINED if method == "chained" else MODEL))
    body, condition = _split_if(body)
    if method == "chained":
        equations, indep_text = _chained_equations(ds, body, opts)
    else:
        # u_mi_impute_cmd__uvmethod_parse: with "=", all of its left is the imputation variable
        # (one allowed); without, the first word is, the rest the independent variables
        left, eq, right = body.partition("=")
        lhs, indep_text = (left, right) if eq else (" ".join(left.split()[:1]), " ".join(left.split()[1:]))
        if not lhs.strip():
            raise StataError("imputation (left-hand-side) variable required", 100)
        names = ds.expand_varlist(lhs.split())
        if len(names) > 1:
            raise StataError("too many imputation variables specified", 103)
        equations = [_equation(method, names[0], opts)]
    indepvars = _words(ds, indep_text)
    _run(session, ds, method, equations, indepvars, condition, opts)


def _equation(method: str, name: str, opts: dict) -> Equation:
    knn = 0
    if method == "pmm":
        if "knn" not in opts:
            raise StataError("option knn() is required", 198)
        knn = integer_option(opts, "knn", 1, minimum=1)
    elif "knn" in opts:
        raise StataError("option knn() not allowed", 198)
    return Equation(method=method, target=name, knn=knn, augment=bool(opts.get("augment")))


def _chained_equations(ds, body: str, opts: dict) -> tuple[list[Equation], str]:
    eq_at = find_top(body, "=")
    lhs, indep = (body[:eq_at], body[eq_at + 1:]) if eq_at >= 0 else (body, "")
    equations: list[Equation] = []
    text = lhs.strip()
    while text:
        if not text.startswith("("):
            raise StataError("mi impute chained: (uvmethod) expected before the imputation variables", 198)
        close = _closing(text)
        spec, text = text[1:close], text[close + 1:].strip()
        nxt = text.find("(")
        names_text, text = (text, "") if nxt < 0 else (text[:nxt], text[nxt:])
        spec_body, spec_options, _ = split_options(spec)
        spec_body, spec_if = _split_if(spec_body)
        words = spec_body.split()
        if len(words) != 1:
            raise StataError("mi impute chained: one method within each parentheses", 198)
        method = _method(words[0])
        if method == "chained":
            raise StataError("mi impute chained: chained is not a univariate method", 198)
        eq_opts = _options(spec_options, EQUATION)
        merged = {**{k: v for k, v in opts.items() if k == "augment"}, **eq_opts}  # augment: every equation
        names = ds.expand_varlist(names_text.split())
        if not names:
            raise StataError("mi impute chained: imputation variables required after (" + spec + ")", 198)
        for name in names:
            eq = _equation(method, name, merged)
            eq.ascontinuous = bool(eq_opts.get("ascontinuous"))
            eq.noimputed = bool(eq_opts.get("noimputed") or opts.get("noimputed"))  # global: every equation
            eq.include = tuple(_words(ds, eq_opts.get("include", "")))
            eq.omit = tuple(ds.expand_varlist(eq_opts.get("omit", "").split())) if eq_opts.get("omit") else ()
            eq.rows_if = spec_if
            equations.append(eq)
    if not equations:
        raise StataError("mi impute chained: no imputation variables", 198)
    return equations, indep


def _closing(text: str) -> int:
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
    raise StataError("unmatched parenthesis", 198)


def _condition_rows(session, m0, text: str) -> np.ndarray:
    from mlmcli.expr import evaluate_condition

    saved = session.data
    try:
        session.data = m0
        return np.asarray(evaluate_condition(session, text), dtype=bool)
    finally:
        session.data = saved


def _run(session, ds, method, equations, indepvars, condition, opts) -> None:
    from mlmcli.expr.random_numbers import generator, restart

    chained = method == "chained"
    ivars = styles.registered(ds, "ivars")
    names = [eq.target for eq in equations]
    if len(set(names)) != len(names):
        raise StataError("mi impute: an imputation variable is specified more than once", 198)
    for name in names:
        if name not in ivars:
            raise StataError(f"mi impute: variable {name} is not registered as imputed; use mi register imputed",
                             459)
    for word in indepvars:
        if word.split(".")[-1] in names:
            raise StataError(f"mi impute: {word.split('.')[-1]} is both an imputation and an independent variable",
                             198)
    M = styles.n_imputations(ds)
    add = integer_option(opts, "add", 0, minimum=1) if "add" in opts else 0
    replace = bool(opts.get("replace"))
    if M == 0 and not add:
        raise StataError("no imputations found; option add() is required", 198)
    if M > 0 and not add and not replace:
        raise StataError(f"{M} imputations found; option add() or replace is required", 198)
    if M + add > styles.MAX_IMPUTATIONS:  # add(2147483648) built 2^31 copies of the data (a hang)
        raise StataError(f"option add() too large; M = {M} + {add} may not exceed {styles.MAX_IMPUTATIONS}", 198)
    burnin = integer_option(opts, "burnin", 10, minimum=0)
    m0 = styles.completed(ds, 0)
    sample = np.ones(m0.nobs, dtype=bool) if not condition else _condition_rows(session, m0, condition)
    for eq in equations:
        eq.missing = missing_code(m0.numeric(eq.target)) == 0  # ., not the hard missing .a ... .z
        if getattr(eq, "rows_if", ""):
            eq.rows = _condition_rows(session, m0, eq.rows_if)
    if chained and not opts.get("orderasis"):
        equations.sort(key=lambda eq: int((eq.missing & sample).sum()))  # stable: ties as typed
    monotone = (not chained) or (is_monotone(equations, sample) and not opts.get("nomonotone"))
    groups = _groups(session, m0, opts.get("by", ""), sample)
    if "rseed" in opts:
        restart(session, integer_option(opts, "rseed", 0))
    rng = generator(session)
    first = 1 if replace else M + 1
    last = M + add
    new = with_imputations(ds, last) if add else ds.copy()
    types = {eq.target: _storage_type(ds.types.get(eq.target, "double"), eq.method, bool(opts.get("double")))
             for eq in equations}
    imputers = [ChainedImputer(m0.copy(), equations, indepvars, rows, burnin, monotone) for rows in groups]
    trace_file = _trace_target(opts, len(groups)) if chained else None
    traces = []
    conditional = imputers[0].conditional_models() if chained and imputers else []
    unfilled = 0
    progress = []
    for m in range(first, last + 1):
        values = {eq.target: m0_values(ds, eq.target) for eq in equations}
        for imputer in imputers:
            try:
                trace = [] if trace_file else None
                got = imputer.impute(rng, trace)
                if trace is not None:
                    traces.append((m, trace))
            except PerfectPrediction:
                raise StataError(f"mi impute: perfect predictor(s) detected when imputing {imputer.failed.target}; "
                                 "specify augment to perform augmented regression", 498) from None
            for name, v in got.items():
                values[name][imputer.sample] = v[imputer.sample]
        for eq in equations:
            v = values[eq.target]
            if eq.method == "regress" and not opts.get("double"):  # stored as floats by default
                v[eq.missing] = v[eq.missing].astype(np.float32)
            v[~eq.missing] = m0_values(ds, eq.target)[~eq.missing]  # observed values untouched
            within = sample if eq.rows is None else sample & eq.rows  # (method if): imputed there only
            unfilled += int(np.isnan(v[eq.missing & within]).sum())
            put_imputation(new, m, eq.target, v, types[eq.target])
        if opts.get("chaindots") and chained:
            progress.append(f"  m={m}: " + "." * (0 if monotone else burnin) + " done")
        elif opts.get("dots"):
            progress.append(f"{m}" if m % 10 == 0 else ".")
    if unfilled and not opts.get("force"):
        raise StataError("mi impute: missing imputed values produced\n    This may occur when imputation variables "
                         "are used as independent variables or when independent variables contain missing values. "
                         "You can specify option force if you wish to proceed anyway.", 498)
    for eq in equations:  # wide: x promoted with its _m_x (the m-th completed data puts _m_x into x)
        if styles.style(new) == "wide" and types[eq.target] != ds.types.get(eq.target):
            new.set_variable(eq.target, new.df[eq.target].to_numpy(), types[eq.target])
    if chained and monotone:
        session.print("note: missing-value pattern is monotone; no iteration performed\n")
    dots = opts.get("chaindots") and chained
    progress_text = ("\n".join(progress) if dots else f"Imputing m={first} through m={last}: " + "".join(progress)
                     + " done") if progress else ""
    _report(session, new, ds, method, equations, sample, first, last, add, M if replace else 0, monotone, burnin,
            conditional if chained else (), opts, progress_text)
    if trace_file:
        write_trace(trace_file, equations, traces, bool(opts.get("double")) or trace_file[2])
    from mlmcli.commands.data.mi import commit_mi_data
    commit_mi_data(session, new)


def _trace_target(opts: dict, n_groups: int):
    """savetrace(filename[, replace double]): (path, replace, double), checked before imputing."""
    import os

    from mlmcli.commands.data.common import dta_path

    if not isinstance(opts.get("savetrace"), str):
        return None
    body, options, _ = split_options(opts["savetrace"])
    topts = resolve_options(options, [OptionSpec("replace"), OptionSpec("double")])
    if n_groups > 1:
        raise StataError("mi impute chained: savetrace() with by() is not implemented in mlm", 198)
    name = body.strip().strip('"')
    if not name:
        raise StataError("savetrace(): filename required", 198)
    path = dta_path(name)
    if os.path.exists(path) and not topts.get("replace"):
        raise StataError(f"file {path} already exists", 602)
    return path, bool(topts.get("replace")), bool(topts.get("double"))


def write_trace(target, equations, traces, double: bool) -> None:
    """The trace file: iter and m, then each imputed variable's ``name_mean`` and ``name_sd``,
    a row per iteration (0: after the initial pass) of each imputation m."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta

    rows = []
    for m, trace in traces:
        for it, stats in enumerate(trace):
            row = {"iter": float(it), "m": float(m)}
            for eq in equations:
                row[f"{eq.target}_mean"], row[f"{eq.target}_sd"] = stats[eq.target]
            rows.append(row)
    frame = pd.DataFrame(rows)
    kind = "double" if double else "float"
    types = {c: ("int" if c in ("iter", "m") else kind) for c in frame.columns}
    write_dta(Dataset(df=frame, types=types), target[0])


def _storage_type(vtype: str, method: str, double: bool) -> str:
    """Imputed values are stored as floats unless ``double``; a regress imputation of an
    integer variable promotes it (pmm and the discrete models impute values it holds)."""
    if method == "regress" and vtype in ("byte", "int", "long", "float"):
        return "double" if double or vtype == "long" else "float"
    return vtype


def _groups(session, m0, by_text: str, sample: np.ndarray) -> list[np.ndarray]:
    if not by_text:
        return [sample]
    body, by_options, _ = split_options(by_text)
    if by_options:
        raise StataError("by()'s options of mi impute are not implemented in mlm", 198)
    names = m0.expand_varlist(body.split())
    keys = np.column_stack([m0.numeric(n) if not m0.is_string(n) else
                            np.unique(m0.df[n].astype(str).to_numpy(), return_inverse=True)[1].astype(float)
                            for n in names])
    keys = np.where(np.isnan(keys), np.inf, keys)
    group = matrix_row_codes(keys)
    return [sample & (group == g) for g in np.unique(group[sample])]


def _report(session, new, ds, method, equations, sample, first, last, add, updated, monotone, burnin, conditional,
            opts, progress: str) -> None:
    from mlmcli.render.mi_impute_display import render_conditional_models, render_mi_impute
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mi import ImputedCounts, MIImputation

    chained = method == "chained"
    rows = []
    for eq in equations:
        missing = np.isnan(m0_values(ds, eq.target)) & sample
        filled = [int((~np.isnan(imputation_values(new, m, eq.target)[missing])).sum()) for m in range(first, last + 1)]
        rows.append(ImputedCounts(eq.target, int((~missing & sample).sum()), int(missing.sum()),
                                  min(filled) if filled else 0))
    iterations = 0 if monotone else burnin * (last - first + 1)
    result = MIImputation(chained=chained, method_title="Chained equations" if chained else
                          TITLES[method][0].upper() + TITLES[method][1:], M=last, added=add, updated=updated,
                          first=first, last=last, rows=tuple(rows),
                          methods=tuple((eq.target, TITLES[eq.method]) for eq in equations),
                          conditional=tuple(conditional), monotone=monotone, iterations=iterations,
                          burnin=0 if monotone else burnin, legend=not opts.get("nolegend"))
    if chained:
        session.print(render_conditional_models(result) + "\n\nPerforming chained iterations ...")
    if progress:
        session.print(progress)
    session.print(render_mi_impute(result))
    names = tuple(eq.target for eq in equations)
    r = {"M": float(last), "M_add": float(add), "M_update": float(updated), "k_ivars": float(len(equations)),
         "method": method, "ivars": " ".join(names), "rseed": str(opts.get("rseed", "")).strip(),
         "N_complete": Matrix(np.array([[row.complete for row in rows]], float), ("r1",), names),
         "N_incomplete": Matrix(np.array([[row.incomplete for row in rows]], float), ("r1",), names),
         "N_imputed": Matrix(np.array([[row.imputed for row in rows]], float), ("r1",), names)}
    if chained:
        r.update({"burnin": float(result.burnin), "uvmethods": " ".join(eq.method for eq in equations)})
    elif method == "pmm":
        r["knn"] = float(equations[0].knn)
    session.set_r(r)
