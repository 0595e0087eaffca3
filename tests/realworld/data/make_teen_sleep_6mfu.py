"""Look-alike of ``all_data_pre_to_6mFU.dta``: the teen sleep trial (``teen_sleep.py``) at
pre, post and the 6-month follow-up (``timepoint`` 0-2)."""
from teen_sleep import trial


def make():
    return trial(2903, 3).dataset()
