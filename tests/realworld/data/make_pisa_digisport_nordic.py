"""The Nordic countries' file of the PISA 2018 digital-sports analysis (``make_pisa_digisport``):
the same columns without the Hong Kong file's health extras, more schools."""
from make_pisa_digisport import draw


def make():
    return draw(2019, 90, False)
