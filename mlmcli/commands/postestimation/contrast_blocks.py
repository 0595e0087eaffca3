"""The blocks of margins an operator term's contrasts act on, and each block's contrast matrix
(``contrast``, ``margins r.a ...``).

A block is the margins of one marginlist term within one combination of the other dimensions
(at(), over(), within(), ``@`` variables).  margins' ``contrast(atjoint overjoint withinjoint
atcontrast(op._at))`` move a dimension into the term instead: _marg_work.class's
``._setup_contrast`` writes the contrast as ``_at#female#(r.sector)`` -- the dimension an
interaction part of the term -- where the default is ``(r.sector)@_at#female``.  A part without
an operator in a term with operators (``female#r.sector``, a partial interaction) is tested
jointly within each contrast of the operated parts ([R] contrast, "Partial interaction
effects": joint tests of interactions of A and B within each contrast defined by r.B); its
individual contrasts are each level against the first ("(1 vs base)").
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class JointDimensions:
    """Which other dimensions join the term (margins' contrast() suboptions): ``at`` None
    (contrasts within each at() row, the default), "" (atjoint) or an operator (atcontrast())."""

    at: str | None = None
    over: bool = False
    within: bool = False
    at_ref: str | None = None  # atcontrast(rb2._at): the reference at() row
    operators: tuple = ()  # over(r.a)/within(r.b): (var, op, ref) of the operated variables


@dataclass(frozen=True)
class BlockPart:
    """A part of the block's term: a marginlist factor (``op`` its operator, None plain) or a
    dimension moved into the term (``_at``, an over() or within() variable)."""

    var: str
    op: str | None = None
    ref: str | None = None
    dimension: bool = False
    select: tuple[float, ...] | None = None  # ar3., r(2 3).: the levels whose contrasts are kept
    weights: tuple[float, ...] | None = None  # {a -1 1 0}: custom_contrasts
    number: int = 0


@dataclass
class Block:
    """The margins of one term within one combination of the other dimensions."""

    eq: str
    term: int
    other: tuple
    other_text: str
    parts: tuple = ()  # BlockPart: the joined dimensions first, then the term's parts
    idx: list = field(default_factory=list)  # margin indices, term-level order
    levels: list = field(default_factory=list)  # the parts' levels per margin


def _level_text(labels: dict, var: str, v: float) -> str:
    return labels.get(var, {}).get(float(v), str(int(v)) if float(v).is_integer() else f"{v:g}")


def term_blocks(margins, mterms, term_offset: int | None, labels: dict, over: list[str], within: list[str],
                joint: JointDimensions | None = None) -> list[Block]:
    """Group the margins of operator terms into blocks (eq x term x other dimensions)."""
    joint = joint or JointDimensions()
    blocks: dict = {}
    for i, m in enumerate(margins):
        c = m.cell
        if c is None or m.base or (c.term is None) != (term_offset is None):
            continue  # term_offset None: margins without a marginlist, its one term the cells' margin
        t = 0 if term_offset is None else c.term - term_offset
        if t < 0:
            continue
        term = mterms[t]
        k = len(term.parts)
        own, at_levels = c.levels[:k], c.levels[k:]
        texts, head, head_levels = [], [], []
        at_key = c.at
        if c.at is not None:
            if joint.at is not None:
                head.append(BlockPart("_at", joint.at or None, joint.at_ref, dimension=True))
                head_levels.append(float(c.at))
                at_key = None
            else:
                texts.append(str(c.at))
        ops = {v: (op, ref) for v, op, ref in joint.operators}
        keys = []  # the over() and within() values that stay outside the term
        for joined, names, values in ((joint.over, over, c.over), (joint.within, within, c.within)):
            if joined and names:
                head += [BlockPart(v, *ops.get(v, (None, None)), dimension=True) for v in names]
                head_levels += list(values)
                keys.append(())
            else:
                texts += [_level_text(labels, v, x) for v, x in zip(names, values)]
                keys.append(values)
        texts += [_level_text(labels, v, x) for v, x in zip(term.within, at_levels)]
        key = (m.eq, t, at_key, keys[0], keys[1], tuple(at_levels))
        parts = tuple(head) + tuple(BlockPart(p.var, p.op, p.ref, select=p.select, weights=p.weights,
                                              number=p.number) for p in term.parts)
        b = blocks.setdefault(key, Block(m.eq, t, key[2:], " ".join(texts), parts))
        b.idx.append(i)
        b.levels.append(tuple(head_levels) + tuple(own))
    return list(blocks.values())


def _reference(part: BlockPart, terms, levels) -> float | None:
    if part.dimension:
        ref = (part.ref or "").lstrip("#")
        wanted = float(ref) if ref.isdigit() else None  # rb#._at: the #th at() row
        return wanted if wanted in levels else levels[-1] if ref == "last" else levels[0]
    ref = part.ref
    all_levels = terms.levels(part.var)
    if ref is None:
        return terms.base(part.var) if terms.base(part.var) is not None else all_levels[0]
    r = ref.lstrip("#")
    if ref == "first":
        return all_levels[0]
    if ref == "last":
        return all_levels[-1]
    if ref.startswith("#"):
        return all_levels[int(r) - 1] if 1 <= int(r) <= len(all_levels) else all_levels[0]
    return float(r)


def _op_text(pair, joint: bool = False) -> str:
    """A contrast's label; a plain part of a partial interaction: each level against the first
    (as ``contrast`` labels the levels of a term without operators: decided without output)."""
    if isinstance(pair, str):
        return f"({pair})"
    return f"({pair[0]} vs base)" if joint else f"({pair[0]} vs {pair[1]})"


@dataclass
class BlockContrasts:
    """A block's contrasts: C acts on the block's margins; ``groups`` are the rows tested
    together (one per contrast of the operated parts; a row each without plain parts)."""

    C: np.ndarray
    labels: list
    names: list
    groups: list  # (row indices, Wald row label)


def block_contrasts(block: Block, term, terms, labels: dict) -> BlockContrasts:
    """The contrasts of a block (see the module docstring)."""
    from mlmcli.margins.compute import level_text
    from mlmcli.margins.contrasts import kronecker, operator_matrix, selected_rows

    parts = block.parts or tuple(BlockPart(p.var, p.op, p.ref, select=p.select, weights=p.weights,
                                           number=p.number) for p in term.parts)
    if any(p.op == "custom" for p in parts):
        return _custom_block(block, parts)
    operated = any(p.op for p in parts)
    joint = [operated and not p.op for p in parts]
    mats, numbered, level_sets = [], [], []
    for j, p in enumerate(parts):
        levs = sorted({lv[j] for lv in block.levels})
        level_sets.append(levs)
        texts = tuple(_level_text(labels, p.var, v) for v in levs)
        ref = _reference(p, terms, levs)
        mats.append(selected_rows(operator_matrix(p.op or "r", tuple(levs), texts, ref), levs, p.select))
        numbered.append(selected_rows(operator_matrix(p.op or "r", tuple(levs), tuple(level_text(v) for v in levs),
                                                      ref), levs, p.select))
    K = kronecker(mats)
    name_labels = kronecker(numbered).labels
    order = {combo: i for i, combo in enumerate(itertools.product(*level_sets))}
    C = np.zeros((K.matrix.shape[0], len(block.idx)))
    for col, lv in enumerate(block.levels):
        if lv in order:
            C[:, col] = K.matrix[:, order[lv]]
    labels_out, names, grouped = [], [], {}
    for r, lab in enumerate(K.labels):
        labels_out.append(" ".join(_op_text(pair, jt) for pair, jt in zip(lab, joint)))
        pieces = []
        for p, pair in zip(parts, name_labels[r]):
            op = p.op or "r"
            if isinstance(pair, str):
                pieces.append(f"{op}{pair}.{p.var}")
            else:
                pieces.append(f"{op}{_name_level(pair[0])}vs{_name_level(pair[1])}.{p.var}")
        names.append("#".join(pieces))
        wald_label = " ".join("(joint)" if jt else _op_text(pair) for pair, jt in zip(lab, joint))
        grouped.setdefault(tuple(pair for pair, jt in zip(lab, joint) if not jt), ([], wald_label))[0].append(r)
    return BlockContrasts(C, labels_out, names, list(grouped.values()))


def _custom_block(block: Block, parts) -> BlockContrasts:
    """A user-defined contrast's row (custom_contrasts); named ``c#.a#c#.b`` in r(b) (mlm's
    choice: the manual prints the labels ``(#)``, not the names)."""
    from mlmcli.commands.postestimation.custom_contrasts import custom_matrix
    from mlmcli.errors import StataError

    if any(p.dimension for p in parts):
        raise StataError("user-defined contrasts not allowed with contrast(atjoint overjoint withinjoint)", 198)
    level_sets = [sorted({lv[j] for lv in block.levels}) for j in range(len(parts))]
    K = custom_matrix(parts, level_sets, None)
    order = {combo: i for i, combo in enumerate(itertools.product(*level_sets))}
    C = np.zeros((1, len(block.idx)))
    for col, lv in enumerate(block.levels):
        if lv in order:
            C[:, col] = K.matrix[:, order[lv]]
    n = parts[0].number
    name = "#".join(f"c{n}.{p.var}" for p in parts)
    return BlockContrasts(C, [f"({n})"], [name], [([0], f"({n})")])


def _name_level(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()) or "x"



def joint_dimensions(words: list[str]) -> tuple[JointDimensions, set, list[str]]:
    """margins' contrast() suboptions that place the other dimensions (_marg_work.class's
    ._parse_contrast_opts): (the JointDimensions, the other contrast suboptions mlm acts on:
    overall, noatlevels), and the display words left for ``show_tables``.  lincom (margins
    reads it before: user-defined weights need not sum to zero), predictjoint and predictcontrast() (mlm's margins
    has one predict()) and nosvyadjust (no svy results) change nothing; marginswithin is
    refused."""
    import re

    from mlmcli.errors import StataError

    at, at_ref, over, within, flags, rest = None, None, False, False, set(), []
    for w in words:
        m = re.fullmatch(r"(at(?:c|co|con|cont|contr|contra|contras|contrast))\((.*)\)", w)
        if m:
            at, at_ref = _at_operator(m.group(2).strip())
        elif len(w) >= 2 and "atjoint".startswith(w):
            at = "" if at is None else at
        elif len(w) >= 4 and "overjoint".startswith(w):
            over = True
        elif len(w) >= 6 and "withinjoint".startswith(w):
            within = True
        elif w == "overall" or (len(w) >= 6 and "noatlevels".startswith(w)):
            flags.add("overall" if w == "overall" else "noatlevels")
        elif w == "lincom" or (len(w) >= 5 and "nosvyadjust".startswith(w)) \
                or (len(w) >= 4 and "predictjoint".startswith(w)) or re.fullmatch(r"pred\w*\(.*\)", w):
            continue
        elif len(w) >= 8 and "marginswithin".startswith(w):
            raise StataError("contrast(marginswithin) not supported by mlmcli", 198)
        else:
            rest.append(w)
    return JointDimensions(at, over, within, at_ref), flags, rest


def _at_operator(spec: str) -> tuple[str, str | None]:
    """``atcontrast(r)``, ``atcontrast(ar._at)``, ``atcontrast(rb2._at)`` -> (operator, reference)."""
    from mlmcli.commands.postestimation.margins_syntax import OPERATOR_RE
    from mlmcli.errors import StataError

    op, dot, var = spec.rpartition(".")
    if not dot:
        op, var = spec, "_at"
    if var != "_at":
        raise StataError(f"invalid atcontrast() suboption;\n{spec} found where _at with optional contrast "
                         "operators expected", 198)
    m = OPERATOR_RE.match(op)
    if not m:
        raise StataError(f"invalid atcontrast() suboption;\n{op}: operator invalid", 198)
    if op.lower().endswith("w"):
        raise StataError(f"{op}. operator not allowed; weighted contrasts are not available", 198)
    return m.group("op").lower(), (m.group("ref") or "").strip("()") or None
