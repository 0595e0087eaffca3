"""Look-alike of the Germ Defence trial's ``practice_variables.dta`` (made by the project's
practice_variables.do, see ``germdefence.py``): one row per practice with the trial arm,
list size, median age, deprivation percentile, shares of women and ethnic minorities."""
from germdefence import practice_variables


def make():
    return practice_variables()
