"""``7.2.dta`` of the LEMMA module 7 practicals: the ``make_lemma_antenatal`` look-alike
without ``wealthc`` (practical P7.2 generates it from ``wealth``)."""
from make_lemma_antenatal import build


def make():
    return build(with_wealthc=False)
