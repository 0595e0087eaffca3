"""Look-alike of ``sleep_cat3.dta`` (Mitchell, IVRM ch. 17): 100 people, sleep at a baseline
month and two months on medication (see ivrm_sleep.py)."""
from ivrm_sleep import sleep_trial


def make():
    return sleep_trial(1701, 100, [[348.0, 369.0, 367.0]])
