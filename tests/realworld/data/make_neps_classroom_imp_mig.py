"""Look-alike of the ethnic-minority file (``mig`` 1) of the classroom-composition thesis: the
same 40 classes and variables as ``neps_classroom_imp_nat`` (built by its ``build``), 3-6
minority students a class, migrant generation 1-3, mi set mlong with M = 20."""
from make_neps_classroom_imp_nat import build


def make():
    return build(1, (3, 6), 138023)
