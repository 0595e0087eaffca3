"""Look-alike of ``village.dta`` (the same course's three-level example): villages ``vilid``,
households ``hhid`` within them, children with a diarrhoea indicator ``diarrhea``."""
from lookalike import LookAlike


def make():
    d = LookAlike(seed=1103)
    ids = d.nested(("vilid", 30), ("hhid", (6, 14)), (None, (1, 5)))
    eta = -1.6 + d.effect(ids["vilid"], 0.5) + d.effect(ids["hhid"], 0.7)
    d.put("diarrhea", d.bernoulli_logit(eta), "byte")
    return d.dataset()
