"""``collect stars`` ([TABLES] collect stars): the significance labels of a collection's
p-values, placed one of three ways --

- ``attach(results)``: beside the cells of those results (``.564***``), drawn by the layout;
- by default (or ``result``): a result of their own, ``stars``, tagged as the p-values are,
  so a layout with ``result`` shows them in a column (or row) of their own;
- ``dimension``: a new dimension ``stars`` whose level ``value`` tags the results the stars
  are for (the attached ones, else the p-values) and level ``label`` the stars, so
  ``(colname) (result[_r_b]#stars)`` puts each label in a column after its value.

``shownote`` adds the note ``*** p<.01, ** p<.05, * p<.1`` (the labels from the smallest
level up, the levels in ``nformat()``, %9.0g by default) under the table.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

STARS = "stars"


def star_label(coll, p) -> str:
    """The label of the smallest level above p ("" for none or a missing p)."""
    if p is None or isinstance(p, (tuple, str)) or np.isnan(p):
        return ""
    for threshold, label in coll.stars:
        if p < threshold:
            return label
    return ""


def with_stars(coll, index) -> list:
    """The collection's items with its stars as items (result and dimension placements);
    ``index`` looks a p-value up by its tags."""
    if not coll.stars or coll.stars_mode == "attach":
        return coll.items
    if coll.stars_mode == "result":
        return coll.items + [replace(item, tags={**item.tags, "result": STARS}, value=star_label(coll, item.value))
                             for item in coll.items if item.result == coll.stars_of]
    targets = coll.stars_attach or (coll.stars_of,)
    out, labels = [], []
    for item in coll.items:
        if item.result not in targets:
            out.append(item)
            continue
        out.append(replace(item, tags={**item.tags, STARS: "value"}))
        p_item = index.first({**item.tags, "result": coll.stars_of})
        labels.append(replace(item, tags={**item.tags, STARS: "label"},
                              value=star_label(coll, p_item.value if p_item is not None else None)))
    return out + labels


def stars_note(coll) -> tuple[str, ...]:
    if not (coll.stars and coll.stars_note):
        return ()
    from mlmcli.render.numfmt import format_number
    return (", ".join(f"{label} p<{format_number(level, coll.stars_nformat).strip()}"
                      for level, label in coll.stars),)
