"""Look-alike of a laboratory experiment's working file (``20170721_expert_arbeitsdatei.dta``,
a German research group's need-based redistribution experiment): subjects ``id`` in sessions
``sessionid`` play periods ``period`` in groups (``group``, member ``groupmember`` 1-3); each
period the group votes (``voteresult``, agreement counter ``numagree``, attempts ``rep``,
``einigung``), members have an ``endowment`` and the group ``ressources`` (10, 15 or 20) to
distribute as proposed by members and experts (``distributeco1-3``, ``distributeex1-3``);
``treatmentside`` (1 without, 2 with an expert), ``treatment``, ``role_expert``, ``chosenone``
(the member whose proposal counted), ``success`` and twelve Liebig justice items
``linos_a``-``linos_l``; ``check`` flags the usable rows (861 of them, as the file's loop
bound expects)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1106)
    ids, period = d.panel("id", 54, list(range(1, 17)), "period")
    session = (ids - 1) // 9 + 1
    slot = (ids - 1) % 9
    group = slot // 3 + 1
    member = slot % 3 + 1
    side = np.where(session % 2 == 0, 2, 1)
    check = np.ones(d.n, dtype=np.int8)
    check[[5, 300, 700]] = 0
    vote = d.binary(0.62)
    endowment = d.uniform_int(0, 9)
    res = d.categorical([1, 1, 1], [10, 15, 20])
    d.put("sessionid", session, "byte")
    d.put("group", group, "byte")
    d.put("groupmember", member, "byte")
    d.put("check", check, "byte")
    d.put("voteresult", vote, "byte")
    d.put("numagree", d.uniform_int(0, 10), "byte")
    d.put("rep", d.uniform_int(1, 4), "byte")
    d.put("einigung", vote, "byte")
    d.put("treatmentside", side, "byte")
    d.put("treatment", side, "byte")
    d.put("role_expert", d.binary(0.1), "byte")
    d.put("chosenone", (member == 1 + (period % 3)).astype(np.int8), "byte")
    d.put("endowment", endowment, "byte")
    d.put("ressources", res, "byte")
    for k in (1, 2, 3):
        d.put(f"distributeco{k}", np.round(res / 3 + d.normal(0, 1.5)), "byte")
        d.put(f"distributeex{k}", np.round(res / 3 + d.normal(0, 1.0)), "byte")
    d.put("success", d.binary(0.55), "byte")
    for letter in "abcdefghijkl":
        d.put(f"linos_{letter}", d.uniform_int(1, 7), "byte")
    return d.dataset()
