"""``mixed`` (and ``xtmixed``): Stata's syntax -> ``MixedSpec`` -> fit -> e().

    mixed depvar [fe_indepvars] [if] [in] [weight] [, fe_options]
          || re_equation [|| re_equation ...] [, options]

The first part of this module splits raw command text the way Stata reads it
(top-level separators outside quotes, parentheses and brackets; ``if``/``in``/
``[weight]``; option lists); ``statsby`` uses the same helpers.
"""
from __future__ import annotations

import re

from mlmcli.ast import InRange, Option, Weight
from mlmcli.errors import StataError

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}

WEIGHT_KINDS = {
    "fw": "fweight", "fweight": "fweight", "frequency": "fweight",
    "pw": "pweight", "pweight": "pweight",
    "aw": "aweight", "aweight": "aweight", "cellsize": "aweight",
    "iw": "iweight", "iweight": "iweight",
    "weight": "weight",
}


def _depths(text: str) -> list[int]:
    """Nesting depth at each character (quotes count as nesting)."""
    out, depth, quote = [], 0, None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            out.append(depth + 1)
            if quote == '"' and ch == '"':
                quote = None
            elif quote == "`" and text.startswith("'\"", i):
                out.append(depth + 1)
                i += 2
                quote = None
                continue
            i += 1
            continue
        if ch == '"':
            quote = '"'
            out.append(depth + 1)
        elif text.startswith('`"', i):
            quote = "`"
            out.extend([depth + 1, depth + 1])
            i += 2
            continue
        elif ch in _OPEN:
            depth += 1
            out.append(depth)
        elif ch in _CLOSE:
            out.append(depth)
            depth -= 1
            if depth < 0:
                raise StataError("unmatched close parenthesis" if ch == ")" else "invalid syntax", 198)
        else:
            out.append(depth)
        i += 1
    if depth != 0 or quote:
        raise StataError("unmatched quote" if quote else "invalid syntax", 198)
    return out


def find_top(text: str, sub: str, start: int = 0) -> int:
    """First index of ``sub`` at nesting depth 0, or -1."""
    d = _depths(text)
    i = text.find(sub, start)
    while i >= 0:
        if all(x == 0 for x in d[i:i + len(sub)]):
            return i
        i = text.find(sub, i + 1)
    return -1


def split_top(text: str, sep: str) -> list[str]:
    """Split ``text`` on ``sep`` at nesting depth 0."""
    parts, start = [], 0
    while True:
        i = find_top(text, sep, start)
        if i < 0:
            parts.append(text[start:])
            return parts
        parts.append(text[start:i])
        start = i + len(sep)


def split_options(text: str) -> tuple[str, str | None]:
    """``"main , opts"`` -> (main, opts) at the first top-level comma (opts None if no comma)."""
    i = find_top(text, ",")
    if i < 0:
        return text, None
    return text[:i], text[i + 1:]


def parse_options(text: str | None) -> tuple[Option, ...]:
    """``cov(un) nocons  by (x)`` -> Options (a space before ``(`` is allowed)."""
    if not text:
        return ()
    out: list[Option] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i:])
        if not m:
            raise StataError("invalid syntax", 198)
        name = m.group(0)
        i += len(name)
        j = i
        while j < n and text[j].isspace():
            j += 1
        if j < n and text[j] == "(":
            depth, k = 0, j
            d = _depths(text[j:])
            for k in range(j, n):
                if text[k] == ")" and d[k - j] == 1:
                    depth = 1
                    break
            if not depth:
                raise StataError("invalid syntax", 198)
            out.append(Option(name.lower(), text[j + 1:k].strip()))
            i = k + 1
        else:
            out.append(Option(name.lower()))
    return tuple(out)


def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level whitespace-separated word."""
    d = _depths(text)
    out, start = [], None
    for i, ch in enumerate(text):
        if ch.isspace() and d[i] == 0:
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        out.append((start, len(text)))
    return out


def parse_weight(text: str) -> Weight:
    """``fw=exp`` (inside the brackets) -> Weight with the canonical kind."""
    if "=" not in text:
        raise StataError("invalid syntax", 198)
    kind, exp = text.split("=", 1)
    kind = kind.strip().lower()
    if kind not in WEIGHT_KINDS or not exp.strip():
        raise StataError("invalid syntax", 198)
    return Weight(WEIGHT_KINDS[kind], exp.strip())


def split_qualifiers(text: str) -> tuple[str, str | None, InRange | None, Weight | None]:
    """``varlist [if exp] [in range] [weight]`` -> (varlist, if_exp, in_range, weight)."""
    weight = None
    d = _depths(text)
    b = next((i for i, ch in enumerate(text) if ch == "[" and d[i] == 1), -1)
    if b >= 0:
        e = next((i for i in range(b, len(text)) if text[i] == "]" and d[i] == 1), -1)
        weight = parse_weight(text[b + 1:e])
        text = text[:b] + " " + text[e + 1:]
    words = _words(text)
    if_at = next((k for k, (s, e) in enumerate(words) if text[s:e] == "if"), None)
    in_at = next((k for k, (s, e) in enumerate(words) if text[s:e] == "in"), None)
    cut = min(k for k in (if_at, in_at, len(words)) if k is not None)
    varlist = text[:words[cut][0]] if cut < len(words) else text
    in_range = None
    if in_at is not None:
        if in_at + 1 >= len(words):
            raise StataError("invalid syntax", 198)
        s, e = words[in_at + 1]
        rng = text[s:e]
        first, _, last = rng.partition("/")
        in_range = InRange(first, last or None)
        if in_at + 2 < len(words) and (if_at is None or if_at < in_at):
            raise StataError("invalid syntax", 198)  # text after the range
    if_exp = None
    if if_at is not None:
        end = words[in_at][0] if (in_at is not None and in_at > if_at) else len(text)
        if_exp = text[words[if_at][1]:end].strip()
        if not if_exp:
            raise StataError("invalid syntax", 198)
    return varlist.strip(), if_exp, in_range, weight


# ====================================================================== mixed syntax

from dataclasses import dataclass, field  # noqa: E402

import numpy as np  # noqa: E402

from mlmcli.ast import Command  # noqa: E402
from mlmcli.options import OptionSpec  # noqa: E402
from mlmcli.options import parse_options as resolve_options  # noqa: E402

COVARIANCES = {  # typed (minimal abbreviation) -> canonical
    "independent": 3, "exchangeable": 2, "identity": 2, "unstructured": 2,
}

RE_OPTIONS = [
    OptionSpec("covariance", 3, takes_arg=True),
    OptionSpec("noconstant", 6),
    OptionSpec("collinear", 3),
    OptionSpec("fweight", 2, takes_arg=True),
    OptionSpec("pweight", 2, takes_arg=True),
]

GLOBAL_OPTIONS = [
    OptionSpec("mle", 2), OptionSpec("reml", 4),
    OptionSpec("pwscale", 7, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True),
    OptionSpec("variance", 3), OptionSpec("stddeviations", 6),
    OptionSpec("noretable", 6), OptionSpec("nofetable", 6), OptionSpec("estmetric", 3),
    OptionSpec("noheader", 6), OptionSpec("nogroup", 6), OptionSpec("nolrtest", 6),
    OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("nonrtolerance", 7), OptionSpec("emiterate", 6, takes_arg=True),
    OptionSpec("emtolerance", 5, takes_arg=True), OptionSpec("emonly", 6), OptionSpec("emlog", 5),
    OptionSpec("emdots", 6), OptionSpec("matsqrt", 7), OptionSpec("matlog", 6),
    OptionSpec("technique", 4, takes_arg=True), OptionSpec("difficult", 4), OptionSpec("trace", 3),
    OptionSpec("gradient", 4), OptionSpec("hessian", 4), OptionSpec("showstep", 8),
    OptionSpec("showtolerance", 8), OptionSpec("shownrtolerance", 10), OptionSpec("dots", 4),
    OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
    OptionSpec("sformat", 7, takes_arg=True), OptionSpec("nolstretch", 10),
    OptionSpec("noomitted", 9), OptionSpec("vsquish", 7), OptionSpec("noemptycells", 12),
    OptionSpec("baselevels", 10), OptionSpec("allbaselevels", 13), OptionSpec("nofvlabel", 9),
    OptionSpec("fvwrap", 6, takes_arg=True), OptionSpec("fvwrapon", 8, takes_arg=True),
    OptionSpec("coeflegend", 5),
]

FE_OPTIONS = [OptionSpec("noconstant", 6)]

DISPLAY_OPTIONS = ("variance", "stddeviations", "estmetric", "noretable", "nofetable",
                   "noheader", "nogroup", "nolrtest", "level", "baselevels", "allbaselevels",
                   "cformat", "sformat", "pformat")


@dataclass(frozen=True)
class REEquation:
    """``levelvar: [varlist | R.var] [, covariance() noconstant fweight() pweight()]`` as typed."""

    levelvar: str  # as typed; ``_all`` for one group of all observations
    varlist: str = ""
    factor_var: str | None = None  # ``R.varname``
    covariance: str | None = None  # canonical, None = default
    noconstant: bool = False
    fweight: str | None = None
    pweight: str | None = None


@dataclass(frozen=True)
class MixedCommand:
    """A parsed ``mixed`` command line (names still as typed)."""

    depvar: str
    fixed: str  # the fixed-effects term list text
    if_exp: str | None = None
    in_range: object = None
    weight: object = None
    noconstant: bool = False
    equations: tuple[REEquation, ...] = ()
    options: dict = field(default_factory=dict)  # canonical global option -> value


def canonical_covariance(typed: str) -> str:
    t = typed.strip().lower()
    for name, n in COVARIANCES.items():
        if len(t) >= n and name.startswith(t):
            return name
    raise StataError(f"covariance({typed}) invalid", 198)


def _split_options(options, specs, other_specs):
    """Options matching ``specs`` vs the rest (which must match ``other_specs``)."""
    mine, rest = [], []
    for o in options:
        (mine if any(s.matches(o.name) for s in specs) else rest).append(o)
    return resolve_options(mine, specs), resolve_options(rest, other_specs)


def _parse_equation(text: str, options) -> tuple[REEquation, dict]:
    """One ``levelvar: ...`` equation; returns the equation and any global options in it."""
    colon = find_top(text, ":")
    if colon < 0:
        raise StataError("invalid random-effects specification" if text.strip() else "invalid syntax", 198)
    level = text[:colon].strip()
    if not level or len(level.split()) != 1:
        raise StataError("invalid syntax", 198)
    body = text[colon + 1:].strip()
    re_opts, glob = _split_options(options, RE_OPTIONS, GLOBAL_OPTIONS)
    factor_var = None
    rvars = [w for w in body.split()]
    rs = [w for w in rvars if w[:2] in ("R.", "r.")]
    if rs:
        if len(rvars) != 1:
            raise StataError("invalid syntax", 198)
        factor_var = rs[0][2:]
        body = ""
    cov = re_opts.get("covariance")
    return REEquation(
        levelvar=level, varlist=body, factor_var=factor_var,
        covariance=canonical_covariance(cov) if cov else None,
        noconstant=bool(re_opts.get("noconstant")),
        fweight=re_opts.get("fweight"), pweight=re_opts.get("pweight"),
    ), glob


def parse_mixed(text: str) -> MixedCommand:
    """Split ``mixed``'s raw arguments into the fixed part, equations and options."""
    parts = split_top(text, "||")
    fe_text, fe_opt_text = split_options(parts[0])
    varlist, if_exp, in_range, weight = split_qualifiers(fe_text)
    words = varlist.split()
    if not words:
        raise StataError("varlist required", 100)
    fe_opts, glob = _split_options(parse_options(fe_opt_text), FE_OPTIONS, GLOBAL_OPTIONS)
    options = dict(glob)
    equations = []
    for k, eq_text in enumerate(parts[1:]):
        body, opt_text = split_options(eq_text)
        if not body.strip() and k == len(parts) - 2 and opt_text is None:
            raise StataError("invalid syntax", 198)
        opts = parse_options(opt_text)
        if k < len(parts) - 2:  # only the last equation may carry global options
            bad = [o for o in opts if not any(s.matches(o.name) for s in RE_OPTIONS)]
            if bad:
                raise StataError(f"option {bad[0].name} not allowed", 198)
        eq, g = _parse_equation(body, opts)
        equations.append(eq)
        options.update(g)
    if "mle" in options and "reml" in options:
        raise StataError("options mle and reml may not be specified together", 198)
    return MixedCommand(depvar=words[0], fixed=" ".join(words[1:]), if_exp=if_exp, in_range=in_range,
                        weight=weight, noconstant=bool(fe_opts.get("noconstant")),
                        equations=tuple(equations), options=options)


# ====================================================================== sample and spec

def _group_codes(dataset, var: str, rows: np.ndarray) -> np.ndarray:
    """0..G-1 codes of ``var`` on ``rows`` in sorted order of its values (strings allowed)."""
    if dataset.is_string(var):
        vals = dataset.column(var).to_numpy()[rows].astype(str)
    else:
        vals = dataset.numeric(var)[rows]
    _, codes = np.unique(vals, return_inverse=True)
    return codes.astype(np.int64)


def _nest(outer: np.ndarray | None, inner: np.ndarray) -> np.ndarray:
    """Codes of the (outer, inner) combinations, sorted by outer then inner."""
    if outer is None:
        return inner
    key = outer.astype(np.int64) * (int(inner.max()) + 1 if inner.size else 1) + inner
    _, codes = np.unique(key, return_inverse=True)
    return codes.astype(np.int64)


def _is_varname(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text.strip()) is not None


def evaluate_weight(session, exp: str) -> np.ndarray:
    """A weight expression over every row (NaN = missing)."""
    ds = session.data
    if _is_varname(exp):
        return ds.numeric(exp.strip())
    from mlmcli.expr import evaluate

    val = evaluate(session, exp)
    arr = np.asarray(val, dtype=float)
    return np.full(ds.nobs, float(arr)) if arr.ndim == 0 else arr


def _weight_vars(dataset, exp: str | None) -> list[str]:
    """Variables named in a weight expression (for listwise deletion)."""
    if not exp:
        return []
    names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", exp)
    return [n for n in names if n in dataset.df.columns]


def mark_sample(session, mc: MixedCommand, varnames: list[str]) -> np.ndarray:
    """Estimation sample: if/in/by, and no missing value in any variable the model uses."""
    from mlmcli.sample import mark_sample as _mark

    cmd = Command(name="mixed", if_exp=mc.if_exp, in_range=mc.in_range, weight=mc.weight)
    return np.asarray(_mark(session, cmd, varnames), dtype=bool)


def _check_weights(w: np.ndarray, kind: str) -> None:
    if np.any(w < 0):
        raise StataError("negative weights encountered", 402)
    if kind == "fweight" and np.any(w != np.floor(w)):
        raise StataError("may not use noninteger frequency weights", 401)


def build_spec(session, mc: MixedCommand):
    """The engine's input (``MixedSpec``), the fixed design and the sample mask."""
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.mixed.spec import MixedSpec, RandomTerm

    ds = session.data
    if ds.nobs == 0 or len(ds.varnames) == 0:
        raise StataError("no observations", 2000)
    depvar = ds.resolve(mc.depvar)  # a string variable empties the sample (marksample): r(2000)
    terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
    used = [depvar] + term_variables(terms)
    eq_info = []
    for eq in mc.equations:
        level = "_all" if eq.levelvar == "_all" else ds.resolve(eq.levelvar)
        if eq.factor_var is not None:
            rvars = [ds.resolve(eq.factor_var)]
        else:
            toks = eq.varlist.split()
            if any("." in t or "#" in t for t in toks):
                raise StataError("factor variables not allowed in random-effects equations", 101)
            rvars = ds.expand_varlist(toks, allow_empty=True)
        eq_info.append((eq, level, rvars))
        used += ([level] if level != "_all" else []) + rvars
        used += _weight_vars(ds, eq.fweight) + _weight_vars(ds, eq.pweight)
    if mc.weight is not None:
        if mc.weight.kind not in ("fweight", "pweight"):
            raise StataError(f"{mc.weight.kind}s not allowed", 101)
        used += _weight_vars(ds, mc.weight.exp)
    vce_words = str(mc.options.get("vce", "")).split()
    if len(vce_words) == 2:  # vce(cluster var): var must be non-missing too
        used.append(ds.resolve(vce_words[1]))
    used = list(dict.fromkeys(used))
    # numeric check before marking (strings are allowed only as level ids)
    level_vars = {lv for _, lv, _ in eq_info} | {rv[0] for eq, _, rv in eq_info if eq.factor_var}
    sample_vars = [v for v in used if not (v in level_vars and ds.is_string(v))]
    sample = mark_sample(session, mc, sample_vars)
    for v in used:
        if v in level_vars and ds.is_string(v):
            sample &= ds.column(v).fillna("").astype(str).to_numpy() != ""

    reml = bool(mc.options.get("reml"))
    weights = {}
    if mc.weight is not None:
        w = evaluate_weight(session, mc.weight.exp)
        sample &= ~np.isnan(w)
        weights[mc.weight.kind] = w
    for eq, _, _ in eq_info:
        for kind, exp in (("fweight", eq.fweight), ("pweight", eq.pweight)):
            if exp:
                w = evaluate_weight(session, exp)
                sample &= ~np.isnan(w)
                weights[(eq, kind)] = w
    for key, w in weights.items():  # zero weights leave the sample
        sample &= w != 0
    has_pw = "pweight" in weights or any(k[1] == "pweight" for k in weights if isinstance(k, tuple))
    has_fw = "fweight" in weights or any(k[1] == "fweight" for k in weights if isinstance(k, tuple))
    if has_pw and has_fw:
        raise StataError("fweights and pweights may not be combined", 198)
    if has_pw and reml:
        raise StataError("option reml not allowed with pweights or vce(robust)", 198)
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)

    y = ds.numeric(depvar)[sample]
    design = build_design(ds, terms, sample, constant=not mc.noconstant)
    if n <= design.X.shape[1]:
        raise StataError("insufficient observations", 2001)
    rterms = []
    outer = None
    for eq, level, rvars in eq_info:
        cov = eq.covariance
        if level == "_all":
            base = np.zeros(n, dtype=np.int64)
        else:
            base = _nest(outer, _group_codes(ds, level, sample))
            outer = base
        if eq.factor_var is not None:
            group = _nest(base if level != "_all" else None, _group_codes(ds, rvars[0], sample))
            Z = np.ones((n, 1))
            names = (f"R.{rvars[0]}",)
            cov = "identity"
        else:
            group = base
            cols = [ds.numeric(v)[sample] for v in rvars]
            names = tuple(rvars)
            if not eq.noconstant:
                cols.append(np.ones(n))
                names += ("_cons",)
            if not cols:
                raise StataError("invalid random-effects specification", 198)
            Z = np.column_stack(cols)
            if cov is None:
                cov = "independent" if len(names) > 1 else "identity"
        if len(names) == 1 and cov in ("independent", "unstructured", "exchangeable"):
            cov = "identity" if cov != "independent" else cov
        kw = {}
        for kind in ("fweight", "pweight"):
            if (eq, kind) in weights:
                w = weights[(eq, kind)][sample]
                _check_weights(w, kind)
                _, first = np.unique(group, return_index=True)
                per_group = np.empty(int(group.max()) + 1)
                per_group[group[first]] = w[first]
                if np.any(w != per_group[group]):
                    raise StataError(f"{kind}s not constant within {level}", 407)
                kw[kind] = w
        rterms.append(RandomTerm(levelvar=level, group=group, Z=Z, names=names, covariance=cov,
                                 n_groups=int(group.max()) + 1 if n else 0, **kw))
    fw = pw = None
    if "fweight" in weights:
        fw = weights["fweight"][sample]
        _check_weights(fw, "fweight")
    if "pweight" in weights:
        pw = weights["pweight"][sample]
        _check_weights(pw, "pweight")
    vce, cluster, cluster_var = _vce(session, mc, sample, rterms, has_pw)
    pwscale = mc.options.get("pwscale")
    if pwscale is not None:
        pwscale = _choice(pwscale, ("size", "effective", "gk"), "pwscale")
        if not has_pw:
            raise StataError("pwscale() requires pweights", 198)
    opts = mc.options
    spec = MixedSpec(
        depvar=depvar, y=y, X=design.X, coef_labels=design.labels, terms=tuple(rterms),
        method="REML" if reml else "ML", fweight=fw, pweight=pw, pwscale=pwscale,
        vce=vce, cluster=cluster, cluster_var=cluster_var, level=_level(session, opts),
        iterate=_int_opt(opts, "iterate", 16000), tolerance=_float_opt(opts, "tolerance", 1e-6),
        ltolerance=_float_opt(opts, "ltolerance", 1e-7),
    )
    return spec, design, sample


def _choice(typed, choices, option) -> str:
    t = str(typed).strip().lower()
    for c in choices:
        if t and c.startswith(t):
            return c
    raise StataError(f"{option}({typed}) invalid", 198)


def _int_opt(opts, name, default):
    if name not in opts:
        return default
    try:
        return int(float(opts[name]))
    except (TypeError, ValueError):
        raise StataError(f"{name}() invalid", 198) from None


def _float_opt(opts, name, default):
    if name not in opts:
        return default
    try:
        return float(opts[name])
    except (TypeError, ValueError):
        raise StataError(f"{name}() invalid", 198) from None


def _level(session, opts) -> float:
    if "level" not in opts:
        return float(getattr(session, "level", 95.0) or 95.0)
    try:
        lev = float(opts["level"])
    except (TypeError, ValueError):
        raise StataError("level() invalid", 198) from None
    if not 10 <= lev <= 99.99:
        raise StataError("level() must be between 10 and 99.99 inclusive", 198)
    return lev


def _vce(session, mc, sample, rterms, has_pw):
    """(vce, cluster codes, cluster variable) from ``vce()`` and pweights."""
    ds = session.data
    v = mc.options.get("vce")
    top = next((t for t in rterms if t.levelvar != "_all"), None)
    if v is None:
        if has_pw:  # pweights: robust, clustered at the highest level
            return "robust", (top.group if top else None), (top.levelvar if top else None)
        return "oim", None, None
    words = str(v).split()
    kind = words[0].lower() if words else ""
    if kind and "oim".startswith(kind) and len(words) == 1:
        if has_pw:
            raise StataError("vce(oim) not allowed with pweights", 198)
        return "oim", None, None
    if kind and "robust".startswith(kind) and len(kind) >= 1 and len(words) == 1:
        return "robust", (top.group if top else None), (top.levelvar if top else None)
    if kind and "cluster".startswith(kind) and len(kind) >= 2 and len(words) == 2:
        var = ds.resolve(words[1])
        codes = _group_codes(ds, var, sample)
        return "cluster", codes, var
    raise StataError(f"vcetype '{v}' not allowed", 198)


# ====================================================================== fit, display, e()

_VARTYPE = {"identity": "Identity", "independent": "Independent",
            "exchangeable": "Exchangeable", "unstructured": "Unstructured"}


def estimation_results(session, mc: MixedCommand, cmdline: str, spec, design, sample, fit, result):
    """``e()`` after ``mixed`` with Stata's names."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.session import EstimationResults

    b, V = fit.e_matrices()
    k = len(b.colnames)
    eqs = [c.split(":", 1)[0] if ":" in c else spec.depvar for c in b.colnames]
    k_f = sum(1 for e in eqs if e == spec.depvar)
    k_rs = sum(1 for e in eqs if e.startswith("lns") and e != "lnsig_e")
    k_rc = sum(1 for e in eqs if e.startswith("atr"))
    levels = [g.levelvar for g in result.groups]
    scalars = {
        "N": float(result.nobs), "k": float(k), "k_f": float(k_f), "k_r": float(k - k_f),
        "k_rs": float(k_rs), "k_rc": float(k_rc), "ll": float(result.loglik),
        "chi2": float(result.wald_chi2), "df_m": float(result.wald_df), "p": float(result.wald_p),
        "converged": 1.0 if result.converged else 0.0, "level": float(result.level),
        "rank": float(sum(1 for lab in design.labels if not (lab.base or lab.omitted)) + (k - k_f)),
    }
    if result.lr_test is not None:
        scalars["chi2_c"] = float(result.lr_test.chi2)
        scalars["df_c"] = float(result.lr_test.df)
        scalars["p_c"] = float(result.lr_test.p)
    if result.n_clusters is not None:
        scalars["N_clust"] = float(result.n_clusters)
    ivars = " ".join(t.levelvar for t in spec.terms)
    macros = {
        "cmd": "mixed", "cmdline": cmdline, "depvar": spec.depvar, "ivars": ivars,
        "title": f"Mixed-effects {result.method} regression", "method": result.method,
        "vce": spec.vce, "chi2type": "Wald", "properties": "b V",
        "predict": "mixed_p", "estat_cmd": "mixed_estat",
        "redim": " ".join(str(t.Z.shape[1]) for t in spec.terms),
        "vartypes": " ".join(_VARTYPE[t.covariance] for t in spec.terms),
        "revars": " ".join(n for t in spec.terms for n in t.names),
        "optmetric": "matsqrt",
    }
    if spec.vce != "oim":
        macros["vcetype"] = "Robust"
    if spec.cluster_var:
        macros["clustvar"] = spec.cluster_var
    if mc.weight is not None:
        macros["wtype"] = mc.weight.kind
        macros["wexp"] = "= " + mc.weight.exp
    if spec.pwscale:
        macros["pwscale"] = spec.pwscale
    cols = tuple(levels)
    mats = {"b": b, "V": V}
    for key, attr in (("N_g", "n_groups"), ("g_min", "min"), ("g_avg", "avg"), ("g_max", "max")):
        mats[key] = Matrix(np.array([[float(getattr(g, attr)) for g in result.groups]]), ("r1",), cols)
    title = f"Mixed-effects {result.method} regression"
    e = EstimationResults(cmd="mixed", scalars=scalars, macros=macros, matrices=mats,
                          result=result, model=fit, sample=sample.copy(), title=title)
    try:
        e.design = design  # to rebuild X on any rows (predict xb out of sample)
    except AttributeError:
        pass
    return e


def _display_options(opts: dict) -> dict:
    return {k: v for k, v in opts.items() if k in DISPLAY_OPTIONS}


def display_mixed(session, result, opts: dict) -> None:
    """Print the header and tables (``render_mixed``; its text starts with the blank line)."""
    from mlmcli.render.mixed_display import render_mixed

    metric = "est" if opts.get("estmetric") else ("sd" if opts.get("stddeviations") else "variance")
    text = render_mixed(
        result, metric=metric, linesize=session.linesize,
        noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
        nofetable=bool(opts.get("nofetable")), noretable=bool(opts.get("noretable")),
        nolrtest=bool(opts.get("nolrtest")),
        baselevels=bool(opts.get("baselevels") or opts.get("allbaselevels")),
        cformat=opts.get("cformat"), sformat=opts.get("sformat"), pformat=opts.get("pformat"),
    )
    session.print(text)


def _replay(session, opt_text: str | None) -> None:
    e = session.e
    if e is None or e.cmd != "mixed" or e.result is None:
        raise StataError("last estimates not found", 301)
    opts = resolve_options(parse_options(opt_text), GLOBAL_OPTIONS)
    bad = [k for k in opts if k not in DISPLAY_OPTIONS and k not in ("nolog", "log")]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    result = e.result
    if "level" in opts and _level(session, opts) != result.level and e.model is not None:
        import dataclasses

        fit = e.model  # recompute the CIs at the new level
        result = dataclasses.replace(fit, spec=dataclasses.replace(fit.spec, level=_level(session, opts))).result()
    display_mixed(session, result, opts)


def cmd_mixed(session, cmd) -> None:
    """``mixed`` / ``xtmixed``: parse, build the spec, fit, print, store e()."""
    text = cmd.args.strip()
    if not text or text.startswith(","):
        return _replay(session, text[1:] if text else None)
    mc = parse_mixed(text)
    if cmd.name.startswith("xtm"):  # Stata 12's xtmixed: REML and standard deviations by default
        has_pw = (mc.weight is not None and mc.weight.kind == "pweight") or any(e.pweight for e in mc.equations)
        if "mle" not in mc.options and "reml" not in mc.options and not has_pw:
            mc.options["reml"] = True
        if "variance" not in mc.options and "estmetric" not in mc.options:
            mc.options.setdefault("stddeviations", True)
    spec, design, sample = build_spec(session, mc)
    for note in design.notes:
        session.print(note)
    from mlmcli.mixed.fit import fit_mixed
    from mlmcli.render.mixed_display import render_iteration_log

    show_log = not mc.options.get("nolog")
    with np.errstate(all="ignore"):  # boundary fits: numpy's warnings are not Stata output
        fit = fit_mixed(spec)
        result = fit.result()
    if show_log:
        log = render_iteration_log(result, emlog=bool(mc.options.get("emlog")))
        if log:
            session.print(log)
    cmdline = f"{cmd.name} {text}".strip()
    session.e = estimation_results(session, mc, cmdline, spec, design, sample, fit, result)
    display_mixed(session, result, _display_options(mc.options))
    if not result.converged:
        raise StataError("convergence not achieved", 430)
