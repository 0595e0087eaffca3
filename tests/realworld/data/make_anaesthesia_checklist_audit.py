"""Look-alike of an audit of caesarean-section anaesthesia before and after a safety-checklist
and equipment programme (REDCap export, one row per observed case): cases by ``anesthetist_id``
(30) in ``hospital`` (6), ``phase`` 1 baseline, 2 immediately after, 3 six months, 4 a phase the
analysis leaves out, 5 twelve months, and ``phase2`` (0 baseline, 1 immediately after, else
missing).  In REDCap's order: the communication items ``comm_consent`` ... ``checklist_signout``
(1 yes, 2 no), the equipment checkboxes ``equipment_monitoring___1``-``___5``,
``equipment_airway___1``-``___7``, ``equipment_airway_other``, ``equipment_drugs___1``-``___6``,
``equipment_others___1``-``___4`` (1 checked, 0 not), the preoperative checks ``prep_preop``,
``prep_machine``, ``prep_airwaychecked``, ``prep_suction``, ``prep_ivaccess_``, ``prep_fluids_``
(the last two always yes), ``prep_neonatal`` (1 yes, 2 no) with their checkbox parts, the
spinal items ``spinal_hat`` ... ``spinal_oxytocin_how`` (1 yes, 2 no; hat, mask and gloves
nearly always yes), and the 0/1 recodes the analysis models, named with a trailing 2
(``comm_consent2``, ``prep_preop2``, ``spinal_sterile2`` ...)."""
import numpy as np

from lookalike import LookAlike

YESNO = {1: "Yes", 2: "No"}
CHECK = {0: "Unchecked", 1: "Checked"}


def make():
    d = LookAlike(seed=2802)
    ids = d.nested(("hospital", 6), ("anesthetist_id", (4, 6)), (None, (12, 20)))
    hosp, anaes = ids["hospital"], ids["anesthetist_id"]
    phase = d.categorical([0.3, 0.25, 0.2, 0.05, 0.2])
    d.put("phase", phase, "byte", value_labels={1: "Baseline", 2: "Immediate", 3: "Six months", 4: "Other",
                                                5: "Twelve months"})
    d.put("phase2", np.where(phase == 1, 0, np.where(phase == 2, 1, np.nan)), "byte")
    u_h, u_a = d.effect(hosp, 0.4), d.effect(anaes, 0.5)
    post = (phase >= 2).astype(float)
    recodes = {}

    def item(base: float, gain: float) -> np.ndarray:
        return d.bernoulli_logit(base + gain * post + u_h + u_a)

    def yes_no(name: str, base: float, gain: float) -> None:
        v = item(base, gain)
        d.put(name, np.where(v == 1, 1, 2), "byte", label=name.replace("_", " "), value_labels=YESNO,
              label_name="yesno")
        recodes[name + "2"] = v

    def boxes(stem: str, k: int, base: float, gain: float) -> None:
        for j in range(1, k + 1):
            d.put(f"{stem}___{j}", item(base + 0.2 * j, gain), "byte", label=f"{stem} {j}", value_labels=CHECK,
                  label_name="checked")

    for name in ("comm_consent", "comm_indication", "checklist_signin", "checklist_timeout", "checklist_signout"):
        yes_no(name, -0.2, 1.2)
    boxes("equipment_monitoring", 5, -0.5, 0.9)
    boxes("equipment_airway", 7, -1.0, 0.9)
    d.put("equipment_airway_other", d.binary(0.05), "byte")
    boxes("equipment_drugs", 6, -0.6, 0.8)
    boxes("equipment_others", 4, -0.4, 0.6)
    yes_no("prep_preop", 0.2, 1.0)
    boxes("prep_preop_parts", 4, -0.3, 0.8)
    yes_no("prep_machine", 0.0, 1.0)
    boxes("prep_machine_parts", 2, -0.3, 0.8)
    yes_no("prep_airwaychecked", 0.3, 0.9)
    boxes("prep_airwaychecked_which", 3, -0.5, 0.8)
    yes_no("prep_suction", 0.5, 0.8)
    for name in ("prep_ivaccess_", "prep_fluids_"):
        d.put(name, np.ones(d.n), "byte", value_labels=YESNO, label_name="yesno")
    boxes("prep_drugs", 4, -0.2, 0.9)
    boxes("prep_vasopressor_parts", 2, -0.6, 0.7)
    yes_no("prep_neonatal", 1.5, 0.8)
    boxes("prep_neonatal_which", 5, -0.8, 0.8)
    for name in ("spinal_hat", "spinal_mask", "spinal_gloves"):
        yes_no(name, 4.0, 0.5)
    for name, base, gain in (("spinal_cleaning", 1.0, 0.3), ("spinal_sterile", -0.5, 1.0), ("spinal_wedge", -0.8, 1.0),
                             ("spinal_vitals", 0.5, 0.2), ("spinal_height", -0.4, 0.9),
                             ("spinal_vasopressor", 0.6, -0.5), ("spinal_abx", -0.3, 0.9),
                             ("spinal_oxytocin", 1.2, 0.1), ("spinal_oxytocin_how", 0.3, 0.1)):
        yes_no(name, base, gain)
    for name in ("comm_consent2", "comm_indication2", "checklist_signin2", "checklist_timeout2", "checklist_signout2",
                 "prep_preop2", "prep_machine2", "prep_airwaychecked2", "prep_suction2", "prep_neonatal2",
                 "spinal_hat2", "spinal_gloves2", "spinal_sterile2", "spinal_wedge2", "spinal_height2",
                 "spinal_vasopressor2", "spinal_abx2"):
        d.put(name, recodes[name], "byte")
    return d.dataset()
