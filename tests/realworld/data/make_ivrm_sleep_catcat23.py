"""Look-alike of ``sleep_catcat23.dta`` (Mitchell, IVRM ch. 17): 100 controls and 100 on
medication, three months each (see ivrm_sleep.py)."""
from ivrm_sleep import sleep_trial


def make():
    return sleep_trial(1702, 100, [[351.0, 347.0, 350.0], [344.0, 368.0, 368.0]])
