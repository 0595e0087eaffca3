"""Look-alike of ``elsa_fscores_sex.dta``: the same ELSA panel as ``elsa_fscores`` with the
factor scores estimated separately by sex (same variable names)."""
from make_elsa_fscores import build


def make():
    return build(3417)
