"""``margins``' syntax: marginlist terms (with contrast operators), at() specifications and the
option table shared by ``margins``, ``contrast`` and ``pwcompare``.

    margins [marginlist] [if] [in] [weight] [, response_options options]

marginlist: factor variables and interactions of the model, typed with or without ``i.``,
``a##b`` for ``a b a#b``, contrast operators (``r.``, ``rb2.``, ``a.``, ``ar.``, ``g.``,
``h.``, ``j.``, ``p.``, ``q.``) for contrasts of margins and ``@`` for contrasts within the
levels of another factor (``r.a@b``).
at(): ``x=#``, ``x=(numlist)``, ``(stat) varlist`` (see ``mlmcli.margins.grid``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mlmcli.errors import StataError
from mlmcli.margins.grid import AtItem, is_statistic
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec
from mlmcli.textscan import matching_close

MARGINS_OPTIONS = [
    OptionSpec("predict", 2, takes_arg=True, repeatable=True), OptionSpec("expression", 3, takes_arg=True),
    OptionSpec("dydx", 4, takes_arg=True), OptionSpec("eyex", 4, takes_arg=True),
    OptionSpec("dyex", 4, takes_arg=True), OptionSpec("eydx", 4, takes_arg=True),
    OptionSpec("continuous", 4), OptionSpec("grand", 5),
    OptionSpec("at", 2, takes_arg=True, repeatable=True), OptionSpec("atmeans", 7),
    OptionSpec("asbalanced", 5), OptionSpec("over", 4, takes_arg=True), OptionSpec("within", 6, takes_arg=True),
    OptionSpec("subpop", 3, takes_arg=True), OptionSpec("saving", 3, takes_arg=True),
    OptionSpec("contrast", 8, takes_arg=True, arg_optional=True),
    OptionSpec("pwcompare", 9, takes_arg=True, arg_optional=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("nose", 4), OptionSpec("noweights", 8),
    OptionSpec("noesample", 9), OptionSpec("emptycells", 6, takes_arg=True),
    OptionSpec("estimtolerance", 7, takes_arg=True), OptionSpec("noestimcheck", 12),
    OptionSpec("force", 5), OptionSpec("chainrule", 9), OptionSpec("nochainrule", 11),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("mcompare", 5, takes_arg=True),
    OptionSpec("noatlegend", 10), OptionSpec("nopredictlegend", 15), OptionSpec("post", 4), OptionSpec("vsquish", 7),
    OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
    OptionSpec("sformat", 7, takes_arg=True), OptionSpec("df", 2, takes_arg=True),
    OptionSpec("coeflegend", 5), OptionSpec("noci", 4), OptionSpec("nopvalues", 4),  # _get_diopts: NOCI NOPValues
    # undocumented (margins_plot.sthlp 1.0.1): margins and marginsplot in one step
    OptionSpec("plot", 4, takes_arg=True, arg_optional=True),
]

OPERATOR_RE = re.compile(r"^(?P<op>ar|[raghjpq])(?P<sel>\d+|\([\d\s/]+\))?"
                         r"(?:b(?P<ref>\d+|\(#?\d+\)|\(first\)|\(last\)))?w?$", re.I)


@dataclass(frozen=True)
class TermPart:
    """One factor of a marginlist term: the variable and its contrast operator (None: plain)."""

    var: str
    op: str | None = None
    ref: str | None = None  # rb#.: the reference level as typed
    select: tuple[float, ...] | None = None  # ar3., r(2 3).: the levels whose contrasts are kept
    # {a -1 1 0}, {a#b ...}: op "custom"; the first part holds the weights over the term's
    # cells (the last factor fastest) and the number of the contrast (its label "(n)")
    weights: tuple[float, ...] | None = None
    number: int = 0


@dataclass(frozen=True)
class MarginTerm:
    """A marginlist term: factors (``a#b``), and the factors after ``@`` (contrasts within)."""

    parts: tuple[TermPart, ...]
    within: tuple[str, ...] = ()

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(p.var for p in self.parts) + self.within

    @property
    def has_operator(self) -> bool:
        return any(p.op for p in self.parts)


def _part(text: str, resolve) -> TermPart:
    op, dot, var = text.rpartition(".")
    if not dot:
        return TermPart(resolve(text))
    o = op.lower()
    if o in ("i", "c", ""):
        if o == "c":
            raise StataError(f"factor '{var}' not found in list of covariates", 322)
        return TermPart(resolve(var))
    m = OPERATOR_RE.match(op)
    if not m:
        if re.fullmatch(r"i?b?(\d+|\(.*\))|ibn|i\(.*\)", o):
            _level_numlist(op)
            return TermPart(resolve(var))
        raise StataError(f"{op}: operator invalid", 198)
    if op.lower().endswith("w") and op.lower() not in ("w",):
        raise StataError(f"{op}. operator not allowed; weighted contrasts are not available", 198)
    ref = m.group("ref")
    if ref:
        ref = ref.strip("()")
    return TermPart(resolve(var), m.group("op").lower(), ref, _selected_levels(op, m))


def _level_numlist(op: str) -> None:
    """``i(1 2).x``, ``b(2).x``: what the parentheses hold is a numlist of levels; an operator
    there, ``(r).x``, is no factor-variable syntax ([R] margins, contrast writes ``r.x``,
    ``r(1 3).x``, ``r.(a b)``) and is refused rather than read as ``x``."""
    inside = op[op.find("(") + 1:op.rfind(")")] if "(" in op else ""
    if re.search(r"[^\W\d]", inside.replace("to", "")):  # letters: no numlist
        raise StataError(f"{op}: operator invalid", 198)


def _selected_levels(op: str, m) -> tuple[float, ...] | None:
    """``ar3.x``, ``r(2 3).x``: a level number or numlist after the operator keeps the
    contrasts of those levels (the level each contrast is about: 3 vs 2 for ar3.).  Not
    taken for the polynomial operators p./q., whose rows are degrees, not levels."""
    sel = m.group("sel")
    if not sel:
        return None
    if m.group("op").lower() in ("p", "q"):
        raise StataError(f"{op}: operator invalid", 198)
    from mlmcli.syntax.numlist import numlist

    return tuple(float(v) for v in numlist(sel.strip("()")))


def marginlist_words(text: str, dataset) -> list[str]:
    """The words of a marginlist, parentheses grouping as in any factor-variable list ([U]
    11.4.3.4): ``(c.x#a)`` is ``c.x#a``, ``a#(b c)`` is ``a#b a#c``, ``r.(a b)`` is ``r.a r.b``
    (published do-files type ``pwcompare (c.TrialNum#AgentType)``); ``{...}`` custom contrasts
    stay one word each."""
    from mlmcli.commands.postestimation.custom_contrasts import split_custom
    from mlmcli.factor_groups import group_alternatives, distribute_groups
    from mlmcli.factor_terms import close_operator_gaps

    out: list[str] = []
    for tok in split_custom(close_operator_gaps(text)):
        if tok.startswith("{") or "(" not in tok:
            out.append(tok)
            continue
        words = distribute_groups(dataset, [tok])
        if not words:  # ``()``: a group of no terms (contrast/pwcompare showed a header and no table)
            raise StataError("invalid syntax", 198)
        for word in words:
            out.extend(group_alternatives(dataset, word) if "#" not in word else [word])
    return out


def parse_marginlist(text: str, resolve, dataset=None) -> list[MarginTerm]:
    """Terms of a marginlist; ``resolve`` maps a typed name to the variable's full name;
    with ``dataset``, parenthesized groups are expanded (``marginlist_words``)."""
    from mlmcli.commands.postestimation.custom_contrasts import custom_term, split_custom
    from mlmcli.factor_terms import close_operator_gaps

    terms: list[MarginTerm] = []
    numbers: dict = {}
    words = marginlist_words(text, dataset) if dataset is not None else split_custom(close_operator_gaps(text))
    for tok in words:
        if tok.startswith("{"):
            variables, weights, number, within = custom_term(tok, resolve, numbers)
            parts = [TermPart(v, "custom") for v in variables]
            parts[0] = TermPart(variables[0], "custom", weights=weights, number=number)
            terms.append(MarginTerm(tuple(parts), within))
            continue
        within: tuple[str, ...] = ()
        if "@" in tok:
            tok, _, at = tok.partition("@")
            if not tok or not at:
                raise StataError("invalid syntax", 198)
            within = tuple(_part(p, resolve).var for p in at.split("#"))
        if "##" in tok:
            if within:
                raise StataError("invalid syntax", 198)
            parts = [_part(p, resolve) for p in tok.split("##")]
            import itertools

            for size in range(1, len(parts) + 1):
                for combo in itertools.combinations(parts, size):
                    terms.append(MarginTerm(tuple(combo)))
            continue
        pieces = tok.split("#")
        if "" in pieces:
            raise StataError("invalid syntax", 198)
        terms.append(MarginTerm(tuple(_part(p, resolve) for p in pieces), within))
    out, seen = [], set()
    for t in terms:
        key = (t.parts, t.within)  # a custom term's weights are in its parts
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _split_at(text: str) -> list[str]:
    """Tokens of an at() spec: ``x=(1 2)`` / ``x = 3`` / ``(mean)`` / names.  A doubled ``==`` is
    one ``=``: _ms_at_parse is built in (not read), but public files fit on it and use what it
    gives -- 60 ``margins, dydx() at(EV==(0.1(.01)1.0))`` each followed by marginsplot and graph
    export (held-out batch 29's SDG 7 file), ``margins, at(... rmonth==24) post`` then nlcom
    (code-index file 41729672918)."""
    s = text.strip()
    out: list[str] = []
    i = 0
    while i < len(s):
        if s[i].isspace():
            i += 1
            continue
        if s[i] == "(":
            j = matching_close(s, i, "(")
            if j < 0:
                raise StataError("invalid at() specification", 198)
            out.append(s[i:j + 1])
            i = j + 1
            continue
        if s[i] == "=":  # ``x==(0(.1)1)`` is ``x=(...)``: see _split_at's docstring
            out.append("=")
            i += 2 if s[i:i + 2] == "==" else 1
            continue
        j = i
        while j < len(s) and not s[j].isspace() and s[j] not in "=(":
            j += 1
        out.append(s[i:j])
        i = j
    return out


def _continuous_name(token: str) -> str:
    """``c.x`` in at() is ``x``: published course and replication files type the continuous
    operator there (``margins, at(c.frlunch=(0 1) c.SMfrlunch30=(-.2 0 .2 .4))``)."""
    if token[:2].lower() == "c." and token[2:] and "." not in token[2:] and "#" not in token:
        return token[2:]
    return token


def _generates(value: str, after: str) -> bool:
    """Whether an at() value is ``generate(exp)`` (any abbreviation to ``gen``), bare or in
    parentheses."""
    def named(word: str) -> bool:
        return len(word) >= 3 and "generate".startswith(word.lower())

    if value.startswith("("):
        head = value[1:].lstrip().split("(", 1)[0].strip()
        return "(" in value[1:] and named(head)
    return named(value) and after.startswith("(")


def parse_at(text: str, resolve) -> tuple[AtItem, ...]:
    """One at() option -> items (module docstring)."""
    toks = _split_at(text)
    items: list[AtItem] = []
    stat: str | None = None
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("(") and t.endswith(")") and is_statistic(t[1:-1].strip()):
            stat = t[1:-1].strip().lower()
            i += 1
            continue
        if t == "=" or t.startswith("("):
            raise StataError("invalid at() specification", 198)
        t = _continuous_name(t)
        if i + 1 < len(toks) and toks[i + 1] == "=":
            if i + 2 >= len(toks):
                raise StataError("invalid at() specification", 198)
            val = toks[i + 2]
            var = resolve(t)
            if _generates(val, toks[i + 3] if i + 3 < len(toks) else ""):
                # Stata 16's at(x=generate(exp)): no output of it was found to lay out its
                # legend and r(at) by; refused by name in either spelling (``x=generate(exp)``
                # read as the numlist ``generate`` before)
                raise StataError("at(generate()) not allowed", 198)
            if val.startswith("("):
                body = val[1:-1].strip()
                values = numlist(body, invalid=lambda: StataError("invalid numlist in at()", 121))
            else:
                values = numlist(val, invalid=lambda: StataError("invalid numlist in at()", 121))
            if not values:
                raise StataError("invalid at() specification", 198)
            items.append(AtItem(var, tuple(float(v) for v in values), listed=val.startswith("(") or len(values) > 1))
            i += 3
            continue
        if stat is None:
            raise StataError("invalid at() specification", 198)
        names = [t] if t in ("_all", "_factor", "_continuous") else [resolve(t)]
        for n in names:
            items.append(AtItem(n, None, stat))
        i += 1
    return tuple(items)


def parse_suboption_words(arg) -> list[str]:
    """``contrast(nowald effects)``, ``pwcompare(effects cimargins)`` -> lower-case words."""
    if arg is None or arg is True:
        return []
    return [w.lower() for w in re.split(r"[\s,]+", str(arg)) if w]
