"""An expression's *shape*: its text with every digit of each number literal made ``1``.

A loop's macros change every pass (``while `i' < 100``, ``display `i'*2``), so the expanded
text is new each time and a cache keyed on it never hits; its shape is the same for every
``i`` of the same number of digits.  The shape has the same length and lexes into the same
tokens at the same offsets (the grammar never looks at a digit's value), so a parse of the
shape is the parse of the text once each token takes its value back from the text by offset.
"""
from __future__ import annotations

import re

# a whole NUMBER token of grammar/expression.lark, not part of a name (x1), of a factor
# level or time-series operator (1.foreign, L2.x), nor of a format (%9.2f)
_NUMBER = re.compile(r"(?<![\w.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])")
_DIGIT = re.compile(r"[02-9]")


def number_shape(text: str) -> str:
    """``text`` with the digits of its number literals made ``1`` (same length)."""
    if not any(c in text for c in "023456789"):
        return text
    return _NUMBER.sub(lambda m: _DIGIT.sub("1", m.group(0)), text)


def digit_spots(tree) -> tuple:
    """(path of child indexes, start, end) of each token of a shape's tree that holds a
    ``1`` -- the only tokens whose value the text can change."""
    from lark import Token, Tree

    spots, stack = [], [(tree, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Tree):
            stack.extend((child, path + (k,)) for k, child in enumerate(node.children))
        elif isinstance(node, Token) and "1" in node.value and node.start_pos is not None:
            spots.append((path, node.start_pos, node.end_pos))
    return tuple(spots)


def with_values_of(tree, spots: tuple, text: str):
    """The parse tree of ``number_shape(text)`` with its ``digit_spots`` given ``text``'s
    values; a node is copied only when something below it changed (the cached tree is shared).

    One bottom-up pass over the nodes: a walk down each spot's path from the root costs the
    depth of the spot, and a chain of n operators (``1 & 1 & ...``) is n deep with n spots."""
    from lark import Token, Tree

    starts = {start for _path, start, _end in spots}
    order, stack = [], [tree]
    while stack:  # pre-order; reversed, every node comes after its children
        node = stack.pop()
        order.append(node)
        stack.extend(c for c in node.children if isinstance(c, Tree))
    rebuilt: dict[int, Tree] = {}
    for node in reversed(order):
        children, changed = [], False
        for child in node.children:
            new = child
            if isinstance(child, Tree):
                new = rebuilt[id(child)]
            elif isinstance(child, Token) and child.start_pos in starts and "1" in child.value:
                value = text[child.start_pos:child.end_pos]
                new = child if child.value == value else child.update(value=value)
            changed = changed or new is not child
            children.append(new)
        rebuilt[id(node)] = Tree(node.data, children, getattr(node, "_meta", None)) if changed else node
    return rebuilt[id(tree)]
