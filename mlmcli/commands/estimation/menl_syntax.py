"""``menl depvar = <menlexpr> [if] [in] [, options]``: the substitutable expression and options.

Braces in the expression ([ME] menl, "Random-effects substitutable expressions"):

- ``{U0[id]}``: a random effect at the level of ``id`` (random intercept; ``{U1[id]}*x`` a
  random coefficient);
- ``{a}`` / ``{a=#}``: a free parameter (with its initial value);
- ``{xb:}``: the linear combination named ``xb`` of a ``define(xb: varlist)``, or
  ``{xb: varlist [, noconstant]}`` defined in place;
- ``define(name: <expression>)``: a named expression with braces or operators; ``{name:}``
  stands for it in parentheses.

In a linear combination ``U1[id]`` (braces optional) adds that random effect.  Each brace is
replaced by a placeholder name ``__menl_<n>``; the expression engine evaluates the result.
Nested groups ``{U[a>b]}``, several grouping variables, and the options of Stata's menl that
mlm does not implement are refused with r(198).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.syntax.options import OptionSpec, suboptions
from mlmcli.syntax.varlist import NAME_PATTERN
from mlmcli.textscan import find_top

NAME = NAME_PATTERN
_RE = re.compile(rf"^\s*({NAME})\s*\[\s*([^\]]*?)\s*\]\s*$")
_LC = re.compile(rf"^\s*({NAME})\s*:(.*)$", re.S)
_FREE = re.compile(rf"^\s*({NAME})\s*(?:=\s*(\S+))?\s*$")
_BRACE = re.compile(r"\{([^{}]*)\}")
_RE_TOKEN = re.compile(rf"^\{{?({NAME})\[([^\]]*)\]\}}?$")

OPTIONS = [
    OptionSpec("mle", 2), OptionSpec("reml", 4), OptionSpec("define", 3, takes_arg=True, repeatable=True),
    OptionSpec("covariance", 3, takes_arg=True, repeatable=True), OptionSpec("initial", 4, takes_arg=True),
    OptionSpec("rescovariance", 6, takes_arg=True), OptionSpec("resvariance", 6, takes_arg=True),
    OptionSpec("rescorrelation", 7, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("variance", 3), OptionSpec("stddeviations", 6), OptionSpec("noretable", 5),
    OptionSpec("nofetable", 5), OptionSpec("estmetric", 4), OptionSpec("nolegend", 5),
    OptionSpec("noheader", 6), OptionSpec("nogroup", 4), OptionSpec("nostderr", 6),
    OptionSpec("nolog", 4), OptionSpec("log", 2), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("lbates"), OptionSpec("gnls"), OptionSpec("quadrature", 4),
    OptionSpec("pnlsopts", takes_arg=True), OptionSpec("lmeopts", takes_arg=True),
    OptionSpec("emiterate", 6, takes_arg=True), OptionSpec("emtolerance", 5, takes_arg=True),
    OptionSpec("emlog"), OptionSpec("tsorder", takes_arg=True), OptionSpec("tsinit", takes_arg=True,
                                                                         repeatable=True),
    OptionSpec("tsmissing", 5), OptionSpec("lrtest", 2), OptionSpec("notsshow"),
    OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
    OptionSpec("sformat", 7, takes_arg=True), OptionSpec("coeflegend", 5), OptionSpec("noci"),
    OptionSpec("nolstretch", 10), OptionSpec("noomitted", 6), OptionSpec("vsquish", 7),
    OptionSpec("noemptycells", 7), OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7),
    OptionSpec("nofvlabel", 9), OptionSpec("fvlabel", 5), OptionSpec("fvwrap", 6, takes_arg=True), OptionSpec("fvwrapon", 8, takes_arg=True),
]

# Options of Stata's menl that mlm does not build: refused (r(198)), never ignored.
REFUSED = ("covariance", "initial", "rescovariance", "resvariance", "rescorrelation", "estmetric",
           "nostderr", "gnls", "pnlsopts", "lmeopts", "emiterate", "emtolerance", "emlog", "tsorder",
           "tsinit", "tsmissing", "lrtest", "notsshow")
# display options of Stata's menl that mlm's table does not draw: its own refusal (Stata takes them)
REFUSED_DISPLAY = ("noci",)
DISPLAY = ("level", "variance", "stddeviations", "noretable", "nofetable", "noheader", "nogroup",
           "nolegend", "cformat", "pformat", "sformat", "nolstretch", "noomitted", "vsquish",
           "noemptycells", "baselevels", "allbaselevels", "coeflegend", "nofvlabel", "fvlabel", "fvwrap", "fvwrapon")


@dataclass
class Combination:
    name: str
    varlist: str  # factor-variable terms
    random: list[tuple[str, str]] = field(default_factory=list)  # (effect, group)
    constant: bool = True


@dataclass
class MenlModel:
    depvar: str
    expression: str  # with placeholders
    placeholders: dict[str, tuple[str, str]]  # placeholder -> (kind, name): lc | free | re
    combinations: dict[str, Combination]
    free: dict[str, float | None]
    random: dict[str, str]  # effect -> group
    direct: set[str]  # random effects typed in the expression itself


def _bad(message: str = "invalid syntax") -> StataError:
    return StataError(message, 198)


def _combination(name: str, body: str) -> Combination:
    body, subs = suboptions(body)
    constant = True
    for o in subs:
        low = o.name
        if low in ("noconstant", "nocons", "nocon", "noconst", "noconsta", "noconstan") and o.arg is None:
            constant = False
        elif low == "xb" and o.arg is None:
            continue  # a linear form: the same combination for mlm's derivatives
        else:
            raise _bad(f"invalid define() specification: {not_allowed_text(o.name, o.arg)}")
    comb = Combination(name, "", constant=constant)
    terms = []
    for token in body.split():
        m = _RE_TOKEN.match(token)
        if m:
            comb.random.append((m.group(1), _group(m.group(2))))
        elif "{" in token or "}" in token:
            raise _bad(f"invalid linear combination {{{name}:}}")
        else:
            terms.append(token)
    comb.varlist = " ".join(terms)
    return comb


def _group(text: str) -> str:
    text = text.strip()
    if ">" in text or "<" in text or "#" in text:
        raise _bad("menl: nested or crossed random effects are not implemented in mlm (one grouping "
                   "variable only)")
    if not re.fullmatch(NAME, text):
        raise _bad(f"invalid random-effects specification [{text}]")
    return text


def _is_expression(body: str) -> bool:
    return "{" in body or any(ch in body for ch in "+-*/^()")


def parse_menl(args: str, options: dict) -> MenlModel:
    """``depvar = expr`` and the define() options -> MenlModel (placeholders substituted)."""
    eq = find_top(args, "=", brackets="({[")
    if eq < 0 or not args[:eq].strip():
        raise _bad("invalid syntax; equal sign required" if eq < 0 else "invalid syntax")
    depvar = args[:eq].strip()
    if len(depvar.split()) != 1 or not re.fullmatch(NAME, depvar):
        raise _bad(f"{depvar} invalid name" if depvar else "invalid syntax")
    text = args[eq + 1:].strip()
    if not text:
        raise _bad("invalid syntax; nonlinear expression required")
    defines: dict[str, str] = {}
    for body in options.get("define") or []:
        m = _LC.match(body)
        if not m:
            raise _bad("invalid define() specification")
        if m.group(1) in defines:
            raise _bad(f"invalid define() specification: {m.group(1)} defined more than once")
        defines[m.group(1)] = m.group(2).strip()
    model = MenlModel(depvar, "", {}, {}, {}, {}, set())
    names: dict[tuple[str, str], str] = {}

    def placeholder(kind: str, name: str) -> str:
        key = (kind, name)
        if key not in names:
            names[key] = f"__menl_{len(names)}"
            model.placeholders[names[key]] = key
        return names[key]

    def note_random(effect: str, group: str) -> None:
        if model.random.get(effect, group) != group:
            raise _bad(f"random effect {effect} specified at two levels")
        model.random[effect] = group

    def substitute(expr: str, depth: int = 0) -> str:
        if depth > 20:
            raise _bad("named expressions refer to each other in a loop")

        def one(m) -> str:
            inner = m.group(1)
            r = _RE.match(inner)
            if r:
                effect, group = r.group(1), _group(r.group(2))
                note_random(effect, group)
                model.direct.add(effect)
                return placeholder("re", effect)
            lc = _LC.match(inner)
            if lc:
                name, body = lc.group(1), lc.group(2).strip()
                if body:
                    if name in defines or name in model.combinations:
                        raise _bad(f"linear combination {{{name}:}} defined more than once")
                    defines[name] = body
                if name not in defines:
                    raise _bad(f"{{{name}:}} not defined; use option define({name}: ...)")
                target = defines[name]
                if _is_expression(target):
                    return "(" + substitute(target, depth + 1) + ")"
                if name not in model.combinations:
                    comb = _combination(name, target)
                    for effect, group in comb.random:
                        note_random(effect, group)
                    model.combinations[name] = comb
                return placeholder("lc", name)
            fr = _FREE.match(inner)
            if fr:
                name, init = fr.group(1), fr.group(2)
                value = None
                if init is not None:
                    try:
                        value = float(init)
                    except ValueError:
                        raise _bad(f"invalid initial value {{{inner}}}") from None
                if model.free.get(name) is None:
                    model.free[name] = value
                return placeholder("free", name)
            raise _bad(f"invalid substitutable expression {{{inner}}}")
        return _BRACE.sub(one, expr)

    model.expression = substitute(text)
    if "{" in model.expression or "}" in model.expression:
        raise _bad("unmatched braces in the nonlinear expression")
    clash = (set(model.free) & set(model.random)) | (set(model.free) & set(model.combinations)) | (
        set(model.random) & set(model.combinations))
    if clash:
        raise _bad(f"{sorted(clash)[0]} names two different model parameters")
    if not model.combinations and not model.free:
        raise _bad("menl: the nonlinear expression has no model parameters")
    return model


def refuse_display(opts: dict) -> None:
    """noci: menl's display option mlm does not draw (fit and replay); fvwrap()/fvwrapon()
    checked as _get_diopts does."""
    from mlmcli.commands.estimation.common import display_formats, label_options

    label_options(opts)
    display_formats(opts)  # _get_diopts' confirm numeric format of cformat() & co.: r(7) before the fit
    for name in REFUSED_DISPLAY:
        if name in opts:
            spec = next(s for s in OPTIONS if s.name == name)
            raise StataError(f"option {name}{'()' if spec.takes_arg else ''} of menl is not supported by mlmcli", 198)


def refuse_unsupported(opts: dict) -> None:
    for name in REFUSED:
        if name in opts:
            spec = next(s for s in OPTIONS if s.name == name)
            raise _bad(f"option {name}{'()' if spec.takes_arg else ''} not allowed")
    refuse_display(opts)
    if "quadrature" in opts:  # Stata's own answer (menl.ado, ParseMethod)
        raise StataError("option quadrature is not implemented", 119)
    if "variance" in opts and "stddeviations" in opts:
        raise StataError("options variance and stddeviations cannot be specified together", 184)
    if "mle" in opts and "reml" in opts:
        raise StataError("options mle and reml may not be combined", 184)
