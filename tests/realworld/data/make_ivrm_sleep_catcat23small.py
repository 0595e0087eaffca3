"""Look-alike of ``sleep_catcat23small.dta`` (Mitchell, IVRM ch. 17): 15 controls and 15 on
medication, 80 of their 90 monthly occasions observed (see ivrm_sleep.py)."""
from ivrm_sleep import sleep_trial


def make():
    return sleep_trial(1704, 15, [[361.0, 355.0, 340.0], [342.0, 378.0, 369.0]], missing=10)
