"""Look-alike of MLMUS3's ``aggression.dta`` (Vansteelandt's verbal-aggression data): 316
persons each answering 24 items (``description`` situation 1-4, ``i`` and ``item`` the item 1-24 with its dummies ``i1``-``i24``), response
``y`` 0/1/2 (no/perhaps/yes), item design dummies ``do_want`` (do vs want), ``other_self``
(other- vs self-to-blame), ``blame``, ``express``, and person covariates ``anger``
(trait anger score) and ``gender`` (1 male)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=316)
    ids, item = d.panel("person", 316, list(range(1, 25)), "i")
    d.put("person", ids, "int")
    d.put("i", item, "byte")
    d.put("item", item, "byte")
    situation = (item - 1) // 6 + 1
    d.put("description", situation, "byte")
    within = (item - 1) % 6
    do_want = (item > 12).astype(int)
    other_self = (situation % 2 == 0).astype(int)
    blame = (within % 3 == 0).astype(int)
    express = (within % 3 == 1).astype(int)
    d.put("do_want", do_want, "byte")
    d.put("other_self", other_self, "byte")
    d.put("blame", blame, "byte")
    d.put("express", express, "byte")
    anger = d.group_constant(ids, d.uniform_int(11, 39))
    gender = d.group_constant(ids, d.binary(0.2))
    d.put("anger", anger, "byte")
    d.put("gender", gender, "byte")
    eta = -0.7 * do_want - 1.0 * other_self + 0.5 * blame + 0.9 * express + 0.06 * (anger - 20) + 0.3 * gender + d.effect(ids, 1.2)
    d.put("y", d.ordinal(eta, [0.0, 1.8], [0, 1, 2]), "byte")
    for k in range(1, 25):  # the item dummies i1-i24 of the real file
        d.put(f"i{k}", (item == k).astype(int), "byte")
    return d.dataset()
