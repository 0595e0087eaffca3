"""The parent file of ``make_gse_survey`` (same seed, same schools and pupils)."""
from make_gse_survey import part


def make():
    return part("parent")
