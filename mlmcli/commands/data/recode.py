"""``recode varlist (rule) [(rule) ...] [if] [in] [, generate() prefix() label() copyrest test]``
and, for one variable, the rules without parentheses (``recode x 2=0``, ``recode x 1=0 0=1``,
``recode xmean min/.5=0 .5/max=1, g(r)``), as Stata's recode reads them.

A rule ([D] recode): ``element [element ...] = el ["label"]``, ``nonmissing = el``,
``missing = el``, ``else = el`` (or ``* = el``); an element is ``el`` or ``el/el`` (a range
including both ends) and ``el`` is ``#``, ``min`` or ``max`` (the variable's extremes), also
on the right of ``=``; ``.``, ``.a`` ... ``.z`` are missing codes.  Rules apply in order and
the first one that matches sets the value; values no rule matches are kept (``else``
changes them).  ``missing``, ``nonmissing`` and ``else`` must come last, and ``else`` may not
be combined with them.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import (fit_storage, if_in_command, mark, raw_tokens, reject_weight,
                                         smallest_type, split_if_in)
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.missing import code as missing_code, extended, order_key
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE, check_new_name

_RULE_RE = re.compile(r"\(([^()]*)\)")
_MISSING_RE = re.compile(r"^\.[a-z]?$")


def _keyword(token: str) -> str | None:
    """``else``/``*``, ``missing`` (abbreviated to 3 letters) or ``nonmissing`` (to 4), as
    recode.ado reads a rule's keyword; None for anything else."""
    if token in ("else", "*"):
        return "else"
    if len(token) >= 3 and "missing".startswith(token):
        return "missing"
    if len(token) >= 4 and "nonmissing".startswith(token):
        return "nonmissing"
    return None


RECODE_OPTIONS = [OptionSpec("generate", 1, takes_arg=True), OptionSpec("into", 2, takes_arg=True),
                  OptionSpec("prefix", 3, takes_arg=True),
                  OptionSpec("copyrest", 4), OptionSpec("test", 1),
                  OptionSpec("label", 1, takes_arg=True)]  # recode.ado: COPYrest Test Label(str)


def _value(token: str):
    """A rule's ``el``: a number, a missing code, or "min"/"max"."""
    if token in ("min", "max"):
        return token
    if _MISSING_RE.match(token):
        return extended(token[1:])
    try:
        return float(token)
    except ValueError:
        raise invalid_syntax() from None


def _parse_rule(text: str):
    """``1 2/3 = 4 "label"`` -> (matchers, target, label)."""
    if "=" not in text:
        raise invalid_syntax()
    lhs, rhs = text.split("=", 1)
    rhs_toks = raw_tokens(rhs)
    if not rhs_toks or len(rhs_toks) > 2 or rhs_toks[0][1] or (len(rhs_toks) == 2 and not rhs_toks[1][1]):
        raise invalid_syntax()
    target = _value(rhs_toks[0][0])
    label = rhs_toks[1][0] if len(rhs_toks) == 2 else None
    matchers = []
    for tok in lhs.split():
        if _keyword(tok):
            matchers.append((_keyword(tok),))
        elif _MISSING_RE.match(tok):  # . is system missing only; .a … .z their own codes
            matchers.append(("code", missing_code(extended(tok[1:]))))
        elif "/" in tok:
            a, b = tok.split("/", 1)
            matchers.append(("range", _value(a), _value(b)))
        else:
            matchers.append(("value", _value(tok)))
    if not matchers:
        raise invalid_syntax()
    return matchers, target, label


def _bare_rules(text: str) -> list[str]:
    """Rules typed without parentheses: ``1=0 0=1 2 3=. "none"`` -> ["1=0", "0=1", '2 3=. "none"']."""
    spaced = re.sub(r"\s*=\s*", " = ", text)
    toks = re.findall(r'"[^"]*"|\S+', spaced)
    rules, current, i = [], [], 0
    while i < len(toks):
        tok = toks[i]
        if tok == "=":
            if not current or i + 1 >= len(toks):
                raise invalid_syntax()
            current += ["=", toks[i + 1]]
            i += 2
            if i < len(toks) and toks[i].startswith('"'):
                current.append(toks[i])
                i += 1
            rules.append(" ".join(current))
            current = []
            continue
        current.append(tok)
        i += 1
    if current or not rules:
        raise invalid_syntax()
    return rules


def _check_rule_order(rules) -> None:
    """missing/nonmissing/else rules come last; else does not go with missing/nonmissing."""
    seen_keyword = False
    kinds = set()
    for matchers, _, _ in rules:
        keywords = {m[0] for m in matchers if m[0] in ("else", "missing", "nonmissing")}
        if keywords:
            if len(matchers) > len(keywords):
                raise invalid_syntax()
            seen_keyword = True
            kinds |= keywords
        elif seen_keyword:
            raise StataError("keyword rules missing, nonmissing, and else must be the last rules", 198)
    if "else" in kinds and kinds & {"missing", "nonmissing"}:
        raise StataError("else may not be combined with missing or nonmissing", 198)


def cmd_recode(session, cmd) -> None:
    """Every variable and new name is checked before any is changed."""
    body, options, _ = split_options(cmd.args)
    reject_weight(body)
    body, cond = split_if_in(body)  # raw: if/in are in the text
    ds = session.data
    first = body.find("(")
    if first >= 0:
        names = ds.expand_varlist(body[:first])
        texts = _RULE_RE.findall(body[first:])
        if _RULE_RE.sub("", body[first:]).strip():
            raise invalid_syntax()
    else:  # recode x 1=0 0=1: one variable, the rules without parentheses
        words = body.split(None, 1)
        if len(words) < 2:
            raise invalid_syntax()
        names = ds.expand_varlist(words[0])
        if len(names) != 1:
            raise invalid_syntax()
        texts = _bare_rules(words[1])
    rules = [_parse_rule(t) for t in texts]
    if not rules:
        raise invalid_syntax()
    _check_rule_order(rules)
    opts = resolve_options(options, RECODE_OPTIONS)
    if "prefix" in opts and ("generate" in opts or "into" in opts):
        raise StataError("option prefix() may not be combined with generate() or into()", 198)
    if "into" in opts:  # recode.ado: into() is a synonym for generate()
        if "generate" in opts:
            raise StataError("options generate() and into() are synonyms", 198)
        opts["generate"] = opts.pop("into")
    rows = mark(session, if_in_command(cond)) if cond else np.ones(ds.nobs, dtype=bool)
    targets = names
    if "generate" in opts:
        targets = opts["generate"].split()
        if len(targets) != len(names):
            raise StataError("the number of new and transformed varnames should be the same", 198)
    elif "prefix" in opts:
        targets = [opts["prefix"].strip() + n for n in names]
    label_name = opts.get("label", "").strip() if isinstance(opts.get("label"), str) else None
    if "label" in opts and not label_name:
        raise StataError("label() invalid", 198)
    generating = targets is not names
    _check_label_rules(ds, rules, label_name, generating, targets)
    for src, dst in zip(names, targets):
        if ds.is_string(src):
            raise StataError(f"string variables not allowed in varlist;\n{src} is a string variable", 109)
        if generating:  # confirm new var, even when the new name is the recoded one
            check_new_name(ds, dst)
    outcomes = []
    for src, dst in zip(names, targets):
        x = ds.numeric(src)
        new, labels, invoked = apply_rules(x, rules, rows)
        if generating and "copyrest" not in opts:
            new[~rows] = np.nan
        vtype = ds.types.get(src, "float")
        vtype = smallest_type(new, vtype) if vtype in ("byte", "int", "long") else vtype
        outcomes.append((src, dst, fit_storage(new, vtype), vtype, labels, invoked, x))
    for src, dst, new, vtype, labels, invoked, x in outcomes:
        if opts.get("test"):
            _report_test(session, rules, invoked)
        changes = int((order_key(new) != order_key(x)).sum())  # .a -> .b counts as a change
        ds.set_variable(dst, new, vtype)
        if not generating:
            session.print(f"({src}: {changes:,} change{'s' if changes != 1 else ''} made)")
        else:
            session.print(f"({changes:,} difference{'s' if changes != 1 else ''} between {src} and {dst})")
        if labels:
            name = label_name or dst
            ds.value_labels[name] = dict(sorted({**ds.value_labels.get(name, {}), **labels}.items()))
            ds.value_label_of[dst] = name


def _check_label_rules(ds, rules, label_name, generating: bool, targets) -> None:
    """recode.ado's value-label checks: label() needs generate()/prefix(); rules that name
    labels need a new variable, and with several new variables they need label() (the one
    label is attached to every new variable)."""
    if label_name and not generating:
        raise StataError("option label() allowed only with generate()", 198)
    if label_name and not NAME_RE.match(label_name):  # recode.ado: confirm name
        raise StataError(f"{label_name} invalid name", 198)
    labelled = [target for _, target, label in rules if label is not None]
    if not label_name and labelled:
        if not generating:
            raise StataError("Rules defining value labels not allowed when overwriting a variable", 198)
        if len(targets) > 1:
            raise StataError("Rules defining value labels not allowed with labeled recode of multiple vars, "
                             "option label() required", 198)
        if targets[0] in ds.value_labels:
            raise StataError("impossible to create label() named after variable", 198)
    for target in labelled:  # LabelOk's value checks (min/max are not numbers yet)
        if isinstance(target, str):
            continue
        if missing_code(target) == 0:
            raise StataError("Value label not allowed for missing value code .", 198)
        if missing_code(target) < 0 and target != int(target):
            raise StataError(f"Value label not allowed for noninteger {target!r}", 198)


def _report_test(session, rules, invoked) -> None:
    """``test``: rules that never matched, and pairs of rules whose values overlap."""
    for k, (count, overlaps) in enumerate(invoked, 1):
        if count == 0:
            session.print(f"rule {k} was never invoked")
        for j in overlaps:
            session.print(f"rules {j} and {k} overlap")


def _bound(value, lo: float, hi: float) -> float:
    return lo if value == "min" else hi if value == "max" else value


def _rule_hits(x: np.ndarray, matchers, lo: float, hi: float) -> np.ndarray:
    """Where any matcher of one rule matches x (``min``/``max`` are x's finite extremes)."""
    hit = np.zeros(x.size, dtype=bool)
    for mt in matchers:
        kind = mt[0]
        if kind == "value":
            hit |= x == _bound(mt[1], lo, hi)
        elif kind == "range":
            hit |= (x >= _bound(mt[1], lo, hi)) & (x <= _bound(mt[2], lo, hi))
        elif kind == "missing":
            hit |= np.isnan(x)
        elif kind == "code":
            hit |= np.isnan(x) & (missing_code(x) == mt[1])
        elif kind == "nonmissing":
            hit |= ~np.isnan(x)
        elif kind == "else":
            hit |= True
    return hit


def apply_rules(x: np.ndarray, rules, rows: np.ndarray):
    """x recoded on ``rows`` (the first matching rule wins; unmatched values are copied), the
    value labels the rules name, and per rule (times it set a value, earlier rules it
    overlaps)."""
    new = x.copy()
    done = np.zeros(x.size, dtype=bool)
    finite = x[~np.isnan(x) & rows]
    lo = float(finite.min()) if finite.size else np.nan
    hi = float(finite.max()) if finite.size else np.nan
    labels = {}
    invoked = []
    all_hits = []
    for matchers, target, label in rules:
        raw = _rule_hits(x, matchers, lo, hi) & rows
        hit = raw & ~done
        value = _bound(target, lo, hi)
        new[hit] = value
        done |= hit
        keyword = any(m[0] in ("else", "missing", "nonmissing") for m in matchers)
        overlaps = [] if keyword else [j for j, h in enumerate(all_hits, 1) if h is not None and (h & raw).any()]
        all_hits.append(None if keyword else raw)
        invoked.append((int(hit.sum()), overlaps))
        if label is not None and missing_code(value) != 0:  # .a-.z are labelled (recode.ado's LabelOk refuses only .)
            labels[float(order_key(value))] = label
    return new, labels, invoked
