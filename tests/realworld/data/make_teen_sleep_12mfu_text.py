"""Look-alike of ``all_data_pre_to_12mFU_w_text_msg.dta``: the teen sleep trial
(``teen_sleep.py``) to the 12-month follow-up (``timepoint`` 0-3) with ``text_messaging``
(0/1, constant within ``ID``: whether the adolescent chose text reminders)."""
from teen_sleep import trial


def make():
    d = trial(2904, 4)
    d.put("text_messaging", d.group_constant(d.columns["ID"], d.binary(0.45)), "byte")
    return d.dataset()
