"""Factor-variable term lists parsed: ``parse_terms(dataset, text) -> [Term]`` (``x c.x i.z
ib2.z ib(last).z ibn.z 1.z i.(a b) i.a#i.b c.x#i.z x##z``, time-series operators, ``o.x``)
and ``term_variables``; the design built from the terms is ``mlmcli.factor_variables``
(whose docstring states Stata's conventions).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from mlmcli.errors import StataError
from mlmcli.textscan import balance_error, split_words

# op.var where op is i, c, ib#, ib(...), ibn, #, i(# #), b#
_OP_RE = re.compile(r"^(?P<op>[A-Za-z0-9()/#\s]*)\.(?P<var>[^\W\d]\w*|\(.*\))$", re.S)
# an operator and its dot typed apart from the variable: ``i. x``, ``ib2. x``, ``L. x``
_GAP_RE = re.compile(r"(?<![\w.)\]])(?P<op>[A-Za-z0-9]+(?:\([^()]*\)[A-Za-z0-9]*)?)\.\s+(?=[^\W\d]|\()")
_WORD_RE = re.compile(r"(?:[^\s()]+|\([^()]*\))+")
_FV_OPERATOR_RE = re.compile(r"i|c|o|co|oc|ibn|i?b\d+|i?b\([^()]*\)|i?\d+|i\([^()]*\)", re.I)


@dataclass(frozen=True)
class Component:
    """One variable inside a term: a factor (with its base rule) or continuous."""

    var: str
    factor: bool
    base: str | None = None  # None: lowest; "n": no base; "first"|"last"|"freq"; or a number text
    levels: tuple[float, ...] | None = None  # ``1.x`` / ``i(1 3).x``: only these levels
    omitted: bool = False  # ``o.x``: kept in e(b)/e(V) as 0, shown as ``(omitted)``, no column

    @property
    def key(self) -> tuple[str, bool]:
        return (self.var, self.factor)


@dataclass(frozen=True)
class Term:
    """A model term: one component (``x``, ``i.z``) or an interaction, factors first."""

    components: tuple[Component, ...]

    @property
    def key(self) -> tuple:
        """The term as a sorted multiset of (var, factor) (``c.x#c.x`` differs from ``x``)."""
        return tuple(sorted(c.key for c in self.components))

    @property
    def factors(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.factor)

    @property
    def continuous(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if not c.factor)

    def heading(self) -> str:
        """``weurope``, ``a#b``, ``weurope#c.educgroupc`` (the table's term heading)."""
        parts = [c.var for c in self.factors] + ["c." + c.var for c in self.continuous]
        return "#".join(parts)


def is_operator(op: str) -> bool:
    """Whether ``op`` (the text before a dot) is a factor-variable or time-series operator,
    or the two joined (``iL``), whether or not mlm goes on to accept it."""
    from mlmcli.time_series_ops import is_time_series_operator, split_factor_operator

    if _FV_OPERATOR_RE.fullmatch(op) or is_time_series_operator(op):
        return True
    try:
        return split_factor_operator(op) is not None
    except StataError:  # iD.x: an operator, refused later
        return True


def uses_factor_variables(text: str) -> bool:
    """Whether a varlist has ``#`` or a factor-variable operator (``i.``, ``ibn.``, ``c.``, ``2.``,
    joined to a time-series one too: ``iL.``); ``L.x`` alone is none."""
    from mlmcli.time_series_ops import is_time_series_operator

    for word in _WORD_RE.findall(close_operator_gaps(text)):  # i(1 3).f is one word
        if "#" in word:
            return True
        rest, dot = word, "."
        while dot:  # every operator before the name: L.i.x is a factor variable as iL.x is
            op, dot, rest = rest.partition(".")
            if dot and (_FV_OPERATOR_RE.fullmatch(op) or (is_operator(op) and not is_time_series_operator(op))):
                return True
            if dot and not is_operator(op):
                break
    return False


def close_operator_gaps(text: str) -> str:
    """``i. x`` -> ``i.x``: blanks after an operator's dot are dropped.  Stata reads them so:
    published do-files type ``i. year`` in fits whose e(sample) they go on to use
    (tests/test_rreg_collinear_after_drop.py names them); other text is left as typed."""
    if "." not in text:
        return text
    return _GAP_RE.sub(lambda m: m.group("op") + "." if is_operator(m.group("op")) else m.group(0), text)


def join_operator_words(words: list[str]) -> list[str]:
    """The words of a varlist with ``i.`` ``x`` joined into ``i.x`` (``close_operator_gaps``)."""
    out: list[str] = []
    for word in words:
        if out and out[-1].endswith(".") and len(out[-1]) > 1 and is_operator(out[-1][:-1]) \
                and (word[:1] == "(" or not word[:1].isdigit()):
            out[-1] += word
        else:
            out.append(word)
    return out


def _split_top(text: str) -> list[str]:
    """Terms: words outside parentheses; unbalanced parentheses are invalid syntax."""
    if balance_error(text, "(") is not None:
        raise StataError("invalid syntax", 198)
    return split_words(text, "(")


def _number(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise StataError("invalid syntax", 198) from None
    return v


def _parse_op(op: str) -> dict:
    """Decode a factor-variable operator (without the dot)."""
    o = op.strip()
    ol = o.lower()
    if ol == "c":
        return {"factor": False}
    if ol in ("o", "co", "oc"):  # [U] 11.4.3.7: o. omits the variable
        return {"factor": False, "omitted": True}
    if re.fullmatch(r"(i?b?n?\(?[#\w\s]*\)?o|o(i|b|ib|ibn)\S*|\d*o)", ol):  # io.z, 2o.z, ...
        raise StataError(f"{op}.: the o. operator on factor variables is not supported by mlmcli", 198)
    if ol == "i":
        return {"factor": True}
    if ol == "ibn":
        return {"factor": True, "base": "n"}
    m = re.fullmatch(r"i?b(\d+)", ol)
    if m:
        return {"factor": True, "base": m.group(1)}
    m = re.fullmatch(r"i?b\(\s*(#?\d+|first|last|freq)\s*\)", ol)
    if m:
        return {"factor": True, "base": m.group(1)}
    m = re.fullmatch(r"i?(\d+)", ol)
    if m:
        return {"factor": True, "base": "n", "levels": (float(m.group(1)),)}
    m = re.fullmatch(r"i\(([\d\s/().]+)\)", ol)
    if m:  # i(2 4).x, i(1962/2010).x, i(1(2)9).x: [U] 11.4.3.4 takes a numlist of levels
        from mlmcli.syntax.numlist import numlist

        return {"factor": True, "levels": tuple(numlist(m.group(1), invalid=lambda: StataError(
            f"{op}: invalid factor-variable operator", 198)))}
    raise StataError(f"{op}: invalid factor-variable operator" if op else "invalid syntax", 198)


def _component(dataset, text: str, default_factor: bool) -> list[Component]:
    """``i.x`` / ``c.x`` / ``x`` / ``i.(a b)`` -> components (several for a group)."""
    if "." in text:
        from mlmcli.time_series_ops import (expand_operator_ranges, is_time_series_operator,
                                            join_operator_chain, split_factor_operator)

        m = _OP_RE.match(join_operator_chain(text))
        if not m:
            raise StataError("invalid syntax", 198)
        var = m.group("var")
        names = var[1:-1].split() if var.startswith("(") else [var]
        if is_time_series_operator(m.group("op")):  # L.y, L(1/3).y, D.(y x): [U] 11.4.4
            ops = expand_operator_ranges(m.group("op").replace(" ", ""))
            return [Component(dataset.resolve(f"{op}.{nm}"), default_factor)  # L.x#c.z: a factor
                    for nm in dataset.expand_varlist(names) for op in ops]
        joined = split_factor_operator(m.group("op"))  # iL.x, cL.x, ib2L(1/2).x
        if joined:
            info = _parse_op(joined[0])
            return [Component(dataset.resolve(f"{op}.{nm}") if op else nm, info["factor"], info.get("base"),
                              info.get("levels")) for nm in dataset.expand_varlist(names) for op in joined[1]]
        info = _parse_op(m.group("op"))
        out = []
        for nm in dataset.expand_varlist(names):
            out.append(Component(nm, info["factor"], info.get("base"), info.get("levels"), info.get("omitted", False)))
        return out
    names = dataset.expand_varlist([text])
    return [Component(nm, default_factor) for nm in names]


def _ordered(components) -> tuple[Component, ...]:
    return tuple([c for c in components if c.factor] + [c for c in components if not c.factor])


def _interacted(dataset, parts: list[str]) -> list[Component]:
    """One component for each part of ``a#b`` (each part one variable)."""
    if "" in parts:
        raise StataError("invalid syntax", 198)
    comps = []
    for p in parts:
        cs = _component(dataset, p, True)
        if len(cs) != 1:
            raise StataError("invalid syntax", 198)
        if cs[0].omitted:
            raise StataError(f"{p}: the o. operator inside an interaction is not supported by mlmcli", 198)
        comps.append(cs[0])
    return comps


def parse_terms(dataset, text: str) -> list[Term]:
    """Parse a fixed-effects term list (see module docstring); duplicates are dropped."""
    from mlmcli.factor_groups import distribute_groups, split_interaction

    terms: list[Term] = []
    for tok in distribute_groups(dataset, _split_top(close_operator_gaps(text))):  # i.a#c.(x1 x2): one word per variable
        parts, seps = split_interaction(tok)  # outside parentheses: ib(#2).a#c.x
        if "##" in seps:
            if "#" in seps:
                raise StataError("invalid syntax", 198)
            comps = _interacted(dataset, parts)
            for size in range(1, len(comps) + 1):
                for combo in itertools.combinations(comps, size):
                    terms.append(Term(_ordered(combo)))
        elif seps:
            terms.append(Term(_ordered(_interacted(dataset, parts))))
        else:
            for c in _component(dataset, tok, False):
                terms.append(Term((c,)))
    seen: set = set()
    unique = []
    for t in terms:
        if t.key not in seen:
            seen.add(t.key)
            unique.append(t)
    return unique


def term_variables(terms) -> list[str]:
    """Every variable the terms use, in first-use order."""
    out: list[str] = []
    for t in terms:
        for c in t.components:
            if c.var not in out:
                out.append(c.var)
    return out
