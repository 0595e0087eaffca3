"""Shared by the ``make_teen_sleep_*`` generators: a randomized trial of a sleep intervention
for adolescents in long form -- ``ID``, ``timepoint`` (0 pre, 1 post, 2 6-month and 3 12-month
follow-up), ``Tx`` (0 control, 1 intervention), baseline ``age_yr_0`` and ``sex_0``, weeknight
total sleep time ``WD_TSTavg_`` (hours), attentional control ``ACS_``, morningness ``CMEP_``
(10-43) and ``PSQITOT_`` (0-21), follow-up occasions missing after dropout.  No other variable
starts with ``time``, ``text`` or ``CMEP``: the history abbreviates them.  (registry.py hashes the
generator, not this module: delete data/cache/teen_sleep_* after editing it.)"""
import numpy as np

from lookalike import LookAlike

N = 150


def trial(seed: int, waves: int) -> LookAlike:
    d = LookAlike(seed=seed)
    ids, t = d.panel("ID", N, list(range(waves)), "timepoint", dropout=0.25)
    tx = d.group_constant(ids, d.binary(0.5))
    age = d.group_constant(ids, d.uniform_int(10, 18))
    sex = d.group_constant(ids, d.binary(0.6))
    d.put("Tx", tx, "byte", value_labels={0: "Control", 1: "Intervention"})
    d.put("age_yr_0", age, "byte")
    d.put("sex_0", sex, "byte", value_labels={0: "Male", 1: "Female"})
    gain = (t > 0) * tx
    d.put("WD_TSTavg_", np.round(7.1 - 0.08 * (age - 14) + 0.35 * gain + 0.05 * t + d.effect(ids, 0.45)
                                 + d.effect(ids, 0.1) * t + d.normal(0, 0.5), 3), "float")
    d.put("ACS_", np.clip(np.round(50 + 2.5 * gain + d.effect(ids, 7) + d.normal(0, 5)), 20, 80), "byte")
    d.put("CMEP_", np.clip(np.round(25 + 2 * gain + 0.4 * t + d.effect(ids, 3.5) + d.normal(0, 2.5)), 10, 43),
          "byte")
    d.put("PSQITOT_", np.clip(np.round(7 - 1.5 * gain + d.effect(ids, 2) + d.normal(0, 1.8)), 0, 21), "byte")
    return d
