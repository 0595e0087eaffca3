"""User-defined (custom) contrasts in ``contrast`` and ``margins`` termlists ([R] contrast,
"User-defined contrasts"; [R] margins, contrast):

    {a -1 1 0}            one contrast of a's margins, a weight per level of a
    {a -1 1 0}@b          the same contrast within each level of b
    {a#b 1 -1 -1 1}       an interaction contrast, a weight per cell of a#b (b fastest);
    {a b 1 -1 -1 1}       the same, the factors typed apart

Each ``{}`` is a term of its own, in the order typed, so ``{a 1 -1 0}@b {a 1 0 -1}@b`` lists
the first contrast at every level of b before the second (the order published do-files
slice r(table) by).  The contrasts of a factor are numbered in the order typed: ``(1)``,
``(2)`` ...
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def split_custom(text: str) -> list[str]:
    """The words of a termlist with each ``{...}`` (and an ``@...`` after it) one word, and
    each parenthesized group one word."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        if text[i] == "{":
            j = text.find("}", i)
            if j < 0:
                raise StataError("invalid syntax", 198)
            k = j + 1
            while k < n and not text[k].isspace():
                k += 1
            out.append(" ".join(text[i:j].split()) + text[j:k])
            i = k
            continue
        if text[i] == "}":
            raise StataError("invalid syntax", 198)
        j, depth = i, 0
        while j < n and (depth or not text[j].isspace()) and text[j] != "{":
            depth += (text[j] == "(") - (text[j] == ")")  # ``(c.x#a)``, ``i.(a b)``: one word
            j += 1
        out.append(text[i:j])
        i = j
    return out


def _number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return None


def custom_term(token: str, resolve, numbers: dict):
    """``{a -1 1 0}@b`` -> (the term's variables, the weights, the contrast's number, the @
    variables) (module docstring); ``numbers`` counts the contrasts typed so far per term."""
    body, _, rest = token[1:].partition("}")
    within: tuple[str, ...] = ()
    if rest:
        if not rest.startswith("@") or len(rest) < 2:
            raise StataError("invalid syntax", 198)
        within = tuple(resolve(p.split(".")[-1]) for p in rest[1:].split("#"))
    words = body.split()
    names: list[str] = []
    while words and _number(words[0]) is None:
        names += [w for w in words.pop(0).split("#") if w]
    if not names:
        raise StataError("invalid syntax", 198)
    if not words:
        raise StataError(f"{{{body}}}: no contrast weights specified", 198)
    weights = []
    for w in words:
        v = _number(w)
        if v is None:
            raise StataError(f"{w}: invalid contrast weight", 198)
        weights.append(v)
    variables = []
    for name in names:
        op, dot, var = name.rpartition(".")
        if dot and op.lower() not in ("i", ""):
            raise StataError(f"{op}. operator not allowed in a user-defined contrast", 198)
        variables.append(resolve(var))
    key = (tuple(variables), within)
    numbers[key] = numbers.get(key, 0) + 1
    return tuple(variables), tuple(weights), numbers[key], within


def require_zero_sums(mterms) -> None:
    """Without ``lincom`` (contrast's option, margins' contrast(lincom)) the weights of a
    user-defined contrast must sum to zero ([R] contrast: lincom "treat user-defined contrasts
    as linear combinations")."""
    for t in mterms:
        w = t.parts[0].weights if t.parts and t.parts[0].op == "custom" else None
        if w is not None and abs(sum(w)) > 1e-12 * max(1.0, max(abs(x) for x in w)):
            typed = "#".join(p.var for p in t.parts)
            raise StataError(f"invalid user-defined contrast for {typed}: the weights do not sum to zero "
                             "(option lincom takes any linear combination)", 198)


def custom_matrix(parts, level_sets, texts_of):
    """The one-row contrast of a custom term over the cells of its parts' levels (the last
    part fastest); a weight count other than the number of cells is an error."""
    from mlmcli.margins.contrasts import Contrasts

    weights = parts[0].weights
    cells = int(np.prod([len(levs) for levs in level_sets]))
    if len(weights) != cells:
        term = "#".join(p.var for p in parts)
        few = "few" if len(weights) < cells else "many"
        raise StataError(f"too {few} weights in user-defined contrast for {term}; "
                         f"{cells} expected, {len(weights)} specified", 198)
    return Contrasts(np.array([weights], float), (str(parts[0].number),))
