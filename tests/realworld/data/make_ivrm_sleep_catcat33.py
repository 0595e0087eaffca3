"""Look-alike of ``sleep_catcat33.dta`` (Mitchell, IVRM ch. 17): control, medication and
education groups of 100, three months each (see ivrm_sleep.py)."""
from ivrm_sleep import sleep_trial


def make():
    return sleep_trial(1703, 100, [[345.0, 353.0, 358.0], [347.0, 377.0, 379.0], [348.0, 363.0, 396.0]])
